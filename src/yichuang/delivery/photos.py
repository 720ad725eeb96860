"""Activity photos: opened and re-encoded by Pillow, so what is stored is an image we wrote ourselves.

Re-encoding turns the photo upright (by its EXIF orientation), shrinks it to at most ``LONGEST`` pixels
on its longest side and drops all metadata, GPS location included, before anything is saved.
"""

from __future__ import annotations

import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_MB = 10
LONGEST = 1600
MAX_PER_ACTIVITY = 12
Image.MAX_IMAGE_PIXELS = 60_000_000  # refuse decompression bombs well before memory runs out


def reencode(upload, field: str = "photos") -> tuple[ContentFile, int, int]:
    """A JPEG without metadata, or a ValidationError naming the file and what is wrong with it."""
    if upload.size > MAX_MB * 1024 * 1024:
        raise ValidationError({field: _("“%(name)s” is %(size)s MB; a photo may be at most %(limit)s MB.")
                               % {"name": upload.name, "size": round(upload.size / 1024 / 1024, 1), "limit": MAX_MB}})
    try:
        upload.seek(0)
        with Image.open(upload) as original:
            if original.format not in ("JPEG", "PNG", "WEBP", "GIF"):
                raise UnidentifiedImageError
            image = ImageOps.exif_transpose(original)
            image.thumbnail((LONGEST, LONGEST))
            if image.mode != "RGB":
                image = _flatten(image)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)  # no exif= argument: no metadata kept
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise ValidationError({field: _("“%(name)s” is not a photo we can read (JPEG, PNG, WebP or GIF).")
                               % {"name": upload.name}}) from None
    stem = os.path.splitext(os.path.basename(upload.name))[0][:150] or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.jpg"), image.width, image.height


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent parts on white, since JPEG has no transparency."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
