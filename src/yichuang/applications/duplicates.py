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
    low, high = neardup.size_bounds(len(shingles), THRESHOLD)
    sizes = dict(
        DuplicateKey.objects.filter(key__in=keys, size__gte=low, size__lte=high)
        .values_list("version_id", "size").distinct()
    )
    # Earlier versions of the same application are revisions, not copies.
    candidates = (
        ApplicationVersion.objects.filter(pk__in=list(sizes))
        .exclude(application=version.application_id).values_list("pk", "text")
    )
    found = []
    for other_pk, text in candidates:
        similarity = neardup.similarity_at_least(shingles, text, THRESHOLD, sizes[other_pk])
        if similarity is not None:
            found.append(NearDuplicate(version=version, other_id=other_pk, similarity_bp=round(similarity * 10000)))
    DuplicateKey.objects.bulk_create([DuplicateKey(version=version, key=key, size=len(shingles)) for key in keys])
    return NearDuplicate.objects.bulk_create(found)
