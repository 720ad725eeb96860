"""Near-duplicate ("recycled proposal") detection for application texts.

Pipeline, shared by the web app (band keys in an indexed table) and the in-memory
:class:`NearDupIndex` used by tests and ``bench/neardup.py``::

    text --normalise--> "本项目服务社区老人..." --shingles--> {"本项目服务", "项目服务社", ...}
         --signature--> 128 MinHash values --band_keys--> 32 signed 64-bit keys

Two texts become *candidates* when they share at least one band key (one SQL
``WHERE key IN (...)`` over an indexed column); every candidate is then verified
with the exact :func:`jaccard` of the shingle sets, so nothing below the
threshold is ever reported. LSH only decides what gets verified.

Banding: with ``ROWS`` values per band and ``BANDS`` bands, two texts of Jaccard
similarity J share a band key with probability ``1 - (1 - J**ROWS) ** BANDS``.
``BANDS = 32, ROWS = 4`` (all 128 permutations) gives

    J     0.1     0.2    0.3    0.4    0.5    0.6    0.7     0.8
    P     0.003   0.05   0.23   0.56   0.87   0.988  0.9998  >0.99999

so a pair at the J >= 0.6 requirement is missed with probability 1.2 % at worst
(and far less above 0.6), while unrelated texts (J < 0.1) become candidates
less than 0.3 % of the time. The alternative 25 x 5 only reaches 0.87 at
J = 0.6, and 42 x 3 turns 68 % of J = 0.3 pairs into candidates.

The curve assumes random permutations per pair. With one fixed set, a
boilerplate shingle found in most texts (a "项目申报书" title, form headings)
that happens to hash low becomes the minimum for all of them, so some
unrelated texts collide systematically: in ``bench/neardup.py`` most queries
verify a handful of candidates among 100,000 texts but the worst few hundred.
Verification keeps the answer exact; the shingle-count bound in
:meth:`NearDupIndex.query` (J <= min(|A|, |B|) / max(|A|, |B|)) skips part of
them without hashing, and the web app can apply it in SQL if it stores each
text's shingle count.

Stability: signatures and keys are persisted, so every parameter is pinned
(shingle length, 128 permutations, seed 1, datasketch's "affine32" scheme,
SHA-1 of the UTF-8 shingle, BLAKE2b band keys). ``tests/kernel/test_neardup.py``
hard-codes the keys of one text; if it fails, stored keys must be recomputed.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import math
import re
import struct
import unicodedata
from collections.abc import Hashable, Iterable

import numpy as np
from datasketch import MinHash

from yichuang.kernel.chinese import to_simplified

__all__ = [
    "BANDS",
    "EMPTY_SIGNATURE",
    "K",
    "NUM_PERM",
    "ROWS",
    "SEED",
    "NearDupIndex",
    "band_keys",
    "candidate_probability",
    "jaccard",
    "normalise",
    "shared_passages",
    "shingles",
    "signature",
]

K = 5  # character n-gram length
NUM_PERM = 128
SEED = 1
BANDS = 32
ROWS = 4
assert BANDS * ROWS == NUM_PERM

_MAX_HASH = (1 << 32) - 1
# Value of a MinHash that saw nothing. For a real text to share one of its bands,
# every shingle of it would have to map to exactly 2**32 - 1 under four permutations.
EMPTY_SIGNATURE: tuple[int, ...] = (_MAX_HASH,) * NUM_PERM

_KEY_PERSON = b"yichuang-neardup"  # BLAKE2b personalisation (max 16 bytes): domain-separates keys
_BAND_STRUCT = struct.Struct(f"<H{ROWS}I")

# Everything that is not a letter or digit of some script: whitespace, Chinese and
# ASCII punctuation, symbols (bullets, ¥, %), control and format characters
# (zero-width spaces), underscores.
_NOT_ALNUM = re.compile(r"[\W_]+")


def candidate_probability(j: float, bands: int = BANDS, rows: int = ROWS) -> float:
    """Probability that two texts of Jaccard similarity ``j`` share a band key."""
    return 1.0 - (1.0 - j**rows) ** bands


def normalise(text: str) -> str:
    """Fold away differences that do not change the wording.

    NFKC (full-width -> half-width), Traditional -> Simplified, casefold, then
    drop everything except letters and digits, so re-punctuating, re-spacing or
    re-flowing a copied text does not hide it::

        normalise("本項目，服務 ２０ 位長者。") == "本项目服务20位长者"
    """
    folded = to_simplified(unicodedata.normalize("NFKC", text)).casefold()
    return _NOT_ALNUM.sub("", folded)


def _shingles_of_normalised(norm: str, k: int = K) -> set[str]:
    if len(norm) <= k:
        return {norm} if norm else set()
    return {norm[i : i + k] for i in range(len(norm) - k + 1)}


def shingles(text: str, k: int = K) -> set[str]:
    """Character ``k``-grams of :func:`normalise` (text). Shorter texts give one
    shingle holding the whole normalised text; an empty one gives the empty set."""
    return _shingles_of_normalised(normalise(text), k)


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # The permutation parameters of datasketch's MinHash(num_perm=128, seed=1,
    # scheme="affine32"): drawn from numpy's frozen RandomState stream.
    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    return a.reshape(1, -1), b.reshape(1, -1)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    # MurmurHash3's 32-bit finalizer, which datasketch applies before permuting.
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signature(shingle_set: set[str]) -> list[int]:
    """The 128 MinHash values of a shingle set.

    Equal to ``datasketch.MinHash(num_perm=128, seed=1, scheme="affine32")``
    after ``update_batch([s.encode("utf-8") for s in shingle_set])`` (the default
    SHA-1 hash), computed in one vectorised step instead of through a MinHash
    object (about twice as fast; the test suite checks the two agree).
    The empty set gives :data:`EMPTY_SIGNATURE`.
    """
    if not shingle_set:
        return list(EMPTY_SIGNATURE)
    sha1 = hashlib.sha1
    # datasketch's sha1_hash32 is the first 4 bytes of the SHA-1 digest, little-endian:
    # every fifth 32-bit word of the concatenated 20-byte digests.
    digests = b"".join([sha1(s.encode("utf-8")).digest() for s in shingle_set])
    hv = _fmix32(np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32).reshape(-1, 1))
    a, b = _permutations()
    with np.errstate(over="ignore"):
        permuted = hv * a + b  # uint32 wraparound is the intended mod 2**32
    return permuted.min(axis=0).tolist()


def band_keys(sig: list[int]) -> list[int]:
    """One key per band: BLAKE2b-64 of (band index, the band's ``ROWS`` values),
    as a signed 64-bit integer so it fits a PostgreSQL ``BIGINT``.

    Two signatures share a key only if they agree on a whole band, and the band
    index is mixed in so equal values in different bands give different keys.
    """
    if len(sig) != NUM_PERM:
        raise ValueError(f"signature must have {NUM_PERM} values, got {len(sig)}")
    keys = []
    for band in range(BANDS):
        packed = _BAND_STRUCT.pack(band, *sig[band * ROWS : (band + 1) * ROWS])
        digest = hashlib.blake2b(packed, digest_size=8, person=_KEY_PERSON).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b|. Two empty sets give 0.0: an empty text copies nothing."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def _common_length(a: str, i: int, b: str, j: int, known: int) -> int:
    """Length of the common prefix of a[i:] and b[j:], given the first ``known`` agree.

    Galloping then binary search on slice equality, so long passages cost a few
    C-level comparisons rather than a Python loop per character.
    """
    limit = min(len(a) - i, len(b) - j)
    lo, step = known, 16
    while lo < limit:
        hi = min(lo + step, limit)
        if a[i + lo : i + hi] != b[j + lo : j + hi]:
            break
        lo, step = hi, step * 2
    else:
        return lo
    hi = min(lo + step, limit) - 1  # a[..hi+1] differs, so the answer is in [lo, hi]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[i + lo : i + mid] == b[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


_MAX_OCCURRENCES = 32  # per seed, how many places in b are tried (bounds repetitive texts)


def shared_passages(a: str, b: str, min_chars: int = 10) -> list[tuple[int, int, int, int]]:
    """Common passages of at least ``min_chars`` characters, for side-by-side display.

    Returns ``(a_start, a_end, b_start, b_end)`` ordered by ``a_start``, with
    ``a2[a_start:a_end] == b2[b_start:b_end]`` where ``a2, b2`` are
    ``to_simplified(a), to_simplified(b)`` (what the page shows).

    Unlike ``difflib.SequenceMatcher.get_matching_blocks`` (a single in-order
    alignment), passages that were moved or reordered are found too: ``a2`` is
    tiled left to right; at each position whose next ``min_chars`` characters
    occur in ``b2``, the longest match among those occurrences is taken and the
    scan continues after it. Passages do not overlap in ``a2`` and each extends
    as far right as possible; one passage of ``b2`` may serve several in ``a2``
    (a paragraph pasted twice).
    """
    if min_chars < 1:
        raise ValueError("min_chars must be at least 1")
    a2, b2 = to_simplified(a), to_simplified(b)
    m = min_chars
    if len(a2) < m or len(b2) < m:
        return []
    seeds: dict[str, list[int]] = {}
    for j in range(len(b2) - m + 1):
        seeds.setdefault(b2[j : j + m], []).append(j)
    passages = []
    i, last = 0, len(a2) - m
    while i <= last:
        occurrences = seeds.get(a2[i : i + m])
        if occurrences is None:
            i += 1
            continue
        best_len, best_j = 0, 0
        for j in occurrences[:_MAX_OCCURRENCES]:
            length = _common_length(a2, i, b2, j, m)
            if length > best_len:
                best_len, best_j = length, j
        passages.append((i, i + best_len, best_j, best_j + best_len))
        i += best_len
    return passages


def size_bounds(size: int, threshold: float) -> tuple[int, int]:
    """Shingle counts another text may have and still reach ``threshold`` with one of ``size``.

    J(A, B) <= min(|A|, |B|) / max(|A|, |B|), so |B| must lie in [t·|A|, |A|/t].
    """
    if threshold <= 0:
        return 0, 2**31 - 1
    return math.ceil(size * threshold - 1e-9), math.floor(size / threshold + 1e-9)


def similarity_at_least(query_set: set[str], text: str, threshold: float, size: int | None = None) -> float | None:
    """``jaccard(query_set, shingles(text))`` if it is >= ``threshold``, else None.

    For callers that hold the other text (the database path), with its shingle
    count ``size`` when stored: unrelated texts are rejected after a fraction
    of their shingles, see :func:`_jaccard_at_least`.
    """
    return _jaccard_at_least(query_set, normalise(text), size, threshold)


def _jaccard_at_least(query_set: set[str], norm: str, size: int | None, threshold: float) -> float | None:
    """``jaccard(query_set, _shingles_of_normalised(norm))`` if it is >= ``threshold``, else None.

    ``size`` is the number of shingles of ``norm`` when known (else None). The
    shingles of ``norm`` are matched against ``query_set`` in chunks, stopping
    as soon as even a match of every remaining shingle could not reach the
    threshold: unrelated candidates are rejected after a fraction of the text.
    The result is the same float as :func:`jaccard` (same formula, same counts).
    """
    positions = len(norm) - K + 1
    if positions <= 1 or not query_set:
        similarity = jaccard(query_set, _shingles_of_normalised(norm))
        return similarity if similarity >= threshold else None
    common: set[str] = set()
    for start in range(0, positions, _VERIFY_CHUNK):
        stop = min(start + _VERIFY_CHUNK, positions)
        common.update(query_set.intersection([norm[i : i + K] for i in range(start, stop)]))
        if _upper_bound(len(common) + positions - stop, len(query_set), size) < threshold:
            return None
    if size is None:
        size = len(_shingles_of_normalised(norm))
    similarity = len(common) / (len(query_set) + size - len(common))
    return similarity if similarity >= threshold else None


def _upper_bound(best_common: int, query_size: int, size: int | None) -> float:
    # J = c / (|Q| + |B| - c) grows with c. Without |B|, |B| >= c gives J <= c / |Q|.
    if size is None:
        return best_common / query_size
    best_common = min(best_common, size)
    return best_common / (query_size + size - best_common)


_VERIFY_CHUNK = 128  # shingles matched between two early-exit checks


def _prepare(text: str) -> tuple[str, int, list[int]]:
    """Normalised text, shingle count and band keys of one text (no keys if it is empty)."""
    norm = normalise(text)
    shingle_set = _shingles_of_normalised(norm)
    return norm, len(shingle_set), (band_keys(signature(shingle_set)) if shingle_set else [])


def _prepare_chunk(texts: list[str]) -> list[tuple[str, int, list[int]]]:
    return [_prepare(t) for t in texts]


class NearDupIndex:
    """In-memory version of the database logic: band-key buckets + exact verification.

    Keeps the normalised text of every document (verification recomputes the
    shingle set from it, as the web app recomputes it from stored text), its
    number of shingles, and a dict from band key to the documents holding it.
    Empty texts are stored but never indexed or matched.

    ``last_candidates`` is the number of documents the latest :meth:`query` found
    in its band-key buckets, ``last_verified`` how many of them it had to verify
    by exact Jaccard (for benchmarks and tests).
    """

    def __init__(self) -> None:
        self._ids: list[Hashable] = []
        self._texts: list[str] = []  # normalised
        self._sizes: list[int] = []  # number of shingles
        self._positions: dict[Hashable, int] = {}
        # Band key -> position, or list of positions once a second document shares
        # it: most keys are unique, and plain ints keep 3.2M entries (100k documents)
        # small and invisible to the garbage collector.
        self._buckets: dict[int, int | list[int]] = {}
        self.last_candidates = 0
        self.last_verified = 0

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: Hashable) -> bool:
        return doc_id in self._positions

    def _insert(self, doc_id: Hashable, norm: str, size: int, keys: list[int]) -> None:
        if doc_id in self._positions:
            raise ValueError(f"document {doc_id!r} is already indexed")
        position = len(self._ids)
        self._ids.append(doc_id)
        self._texts.append(norm)
        self._sizes.append(size)
        self._positions[doc_id] = position
        buckets = self._buckets
        for key in keys:
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = position
            elif type(bucket) is int:
                buckets[key] = [bucket, position]
            else:
                bucket.append(position)

    def add(self, doc_id: Hashable, text: str) -> None:
        """Index one document. Adding an id twice raises ``ValueError``."""
        self._insert(doc_id, *_prepare(text))

    def add_many(
        self, items: Iterable[tuple[Hashable, str]], processes: int = 1, chunk_size: int = 500
    ) -> None:
        """Index many ``(doc_id, text)`` pairs; same result as :meth:`add` in a loop.

        With ``processes > 1`` the hashing (the expensive part) runs in a process
        pool, in chunks of ``chunk_size`` texts; insertion stays in this process.
        """
        if processes <= 1:
            for doc_id, text in items:
                self.add(doc_id, text)
            return
        items = list(items)
        chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
        with concurrent.futures.ProcessPoolExecutor(max_workers=processes) as pool:
            prepared_chunks = pool.map(_prepare_chunk, [[text for _, text in c] for c in chunks])
            for chunk, prepared in zip(chunks, prepared_chunks, strict=True):
                for (doc_id, _), (norm, size, keys) in zip(chunk, prepared, strict=True):
                    self._insert(doc_id, norm, size, keys)

    def query(self, text: str, threshold: float = 0.6) -> list[tuple[Hashable, float]]:
        """Indexed documents with Jaccard similarity >= ``threshold`` to ``text``.

        Candidates are the documents sharing a band key; each is verified with
        the exact Jaccard of the shingle sets (skipping those whose shingle count
        rules it out, and stopping early once the threshold is out of reach).
        Sorted by similarity, highest first (ties in insertion order).
        """
        norm = normalise(text)
        query_set = _shingles_of_normalised(norm)
        if not query_set:
            self.last_candidates = self.last_verified = 0
            return []
        candidates: set[int] = set()
        for key in band_keys(signature(query_set)):
            bucket = self._buckets.get(key)
            if bucket is None:
                continue
            if type(bucket) is int:
                candidates.add(bucket)
            else:
                candidates.update(bucket)
        self.last_candidates = len(candidates)
        # J(A, B) <= min(|A|, |B|) / max(|A|, |B|): candidates whose shingle count
        # is too far from the query's cannot reach the threshold and are skipped.
        # (Division, like jaccard(), so rounding cannot drop a pair at exactly the threshold.)
        size = len(query_set)
        found = []
        self.last_verified = 0
        for position in candidates:
            other = self._sizes[position]
            if min(size, other) / max(size, other) < threshold:
                continue
            self.last_verified += 1
            similarity = _jaccard_at_least(query_set, self._texts[position], other, threshold)
            if similarity is not None:
                found.append((position, similarity))
        found.sort(key=lambda hit: (-hit[1], hit[0]))
        return [(self._ids[position], similarity) for position, similarity in found]

