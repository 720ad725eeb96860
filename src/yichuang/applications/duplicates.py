"""Near-duplicate detection across every earlier application of every program and organization.

Each submitted version stores its LSH band keys; a new version's candidates are the versions that
share a key (one indexed query), verified by exact character 5-gram Jaccard on their text.
"""

from __future__ import annotations

from yichuang.applications.models import ApplicationVersion, DuplicateKey, NearDuplicate
from yichuang.kernel import neardup

THRESHOLD = 0.6


def index_and_match(version: ApplicationVersion) -> list[NearDuplicate]:
    shingles = neardup.shingles(version.text)
    if not shingles:
        return []  # an empty text is like every other empty text, and copies nothing
    keys = neardup.band_keys(neardup.signature(shingles))
    # Earlier versions of the same application are revisions, not copies.
    candidates = (
        ApplicationVersion.objects.filter(duplicate_keys__key__in=keys)
        .exclude(application=version.application_id)
        .distinct()
        .only("id", "text")
    )
    found = []
    for other in candidates:
        similarity = neardup.similarity_at_least(shingles, other.text, THRESHOLD)
        if similarity is not None:
            found.append(NearDuplicate(version=version, other=other, similarity_bp=round(similarity * 10000)))
    DuplicateKey.objects.bulk_create([DuplicateKey(version=version, key=key) for key in keys])
    return NearDuplicate.objects.bulk_create(found)
