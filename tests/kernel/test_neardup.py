import random
import time

import opencc
import pytest
from datasketch import MinHash
from hypothesis import example, given
from hypothesis import strategies as st

from yichuang.kernel.chinese import to_simplified
from yichuang.kernel.neardup import (
    BANDS,
    EMPTY_SIGNATURE,
    NUM_PERM,
    ROWS,
    NearDupIndex,
    _jaccard_at_least,
    band_keys,
    candidate_probability,
    jaccard,
    normalise,
    shared_passages,
    shingles,
    signature,
    similarity_at_least,
    size_bounds,
)

PROPOSAL = (
    "本项目由武进区阳光社会工作服务中心申报，服务对象为湖塘镇三个社区的四十户心智障碍儿童家庭。"
    "项目将组织专业社会工作者和志愿者，为家长开展喘息服务、亲子活动和技能培训，"
    "每月入户探访一次，建立个案档案，链接社区慈善基金和爱心企业资源。"
    "项目周期为十二个月，计划开展活动二十四场，预计服务一千二百人次，"
    "通过家长互助小组的培育，让特殊家庭从被动受助走向主动参与社区治理。"
)
S2T = opencc.OpenCC("s2t")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# The first 3,000 CJK ideographs, to draw synthetic, mutually unrelated text from.
HANZI = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def random_sentence(rng: random.Random) -> str:
    return "".join(rng.choices(HANZI, k=rng.randint(15, 40))) + "。"


def random_document(rng: random.Random, sentences: int = 30) -> list[str]:
    return [random_sentence(rng) for _ in range(sentences)]


def test_normalise_width_script_case_and_punctuation_folded():
    assert normalise("本項目，服務 ２０ 位長者。\n（ＡＢＣ）!") == "本项目服务20位长者abc"


def test_shingles_short_text_one_shingle_of_whole_text():
    assert shingles("社區，") == {"社区"}


def test_shingles_empty_or_punctuation_only_empty_set():
    assert shingles("") == set()
    assert shingles(" 。，！\n") == set()


def test_shingles_long_text_all_character_five_grams():
    assert shingles("一二三四五六七") == {"一二三四五", "二三四五六", "三四五六七"}


def test_jaccard_traditional_and_simplified_identical():
    traditional = S2T.convert(PROPOSAL)
    assert traditional != PROPOSAL  # the conversion really changed characters

    similarity = jaccard(shingles(PROPOSAL), shingles(traditional))

    assert similarity == 1.0


def test_query_traditional_copy_found_with_similarity_one():
    index = NearDupIndex()
    index.add("original", PROPOSAL)

    found = index.query(S2T.convert(PROPOSAL))

    assert found == [("original", 1.0)]


def test_jaccard_whitespace_and_punctuation_changes_keep_similarity():
    reformatted = (
        PROPOSAL.replace("，", ", ").replace("。", ".\n\n").replace("、", " / ").replace("社会", "社　会")
    )
    assert reformatted != PROPOSAL

    similarity = jaccard(shingles(PROPOSAL), shingles(reformatted))

    assert similarity == 1.0


def test_query_unrelated_texts_not_returned():
    rng = random.Random(7)
    index = NearDupIndex()
    for doc_id in range(50):
        index.add(doc_id, "".join(random_document(rng)))

    found = index.query(PROPOSAL)

    assert found == []


def test_query_planted_near_duplicate_found_at_about_0_7():
    rng = random.Random(11)
    index = NearDupIndex()
    documents = {doc_id: random_document(rng) for doc_id in range(200)}
    index.add_many((doc_id, "".join(sentences)) for doc_id, sentences in documents.items())
    copy = list(documents[123])
    for position in rng.sample(range(len(copy)), 5):  # rewrite 5 of 30 sentences
        copy[position] = random_sentence(rng)
    copy = "".join(copy)
    true_similarity = jaccard(shingles(copy), shingles("".join(documents[123])))
    assert 0.65 <= true_similarity <= 0.75

    found = index.query(copy)

    assert found == [(123, true_similarity)]


def test_query_results_sorted_by_similarity_desc():
    rng = random.Random(3)
    base = random_document(rng, sentences=20)
    index = NearDupIndex()
    for doc_id, rewritten in enumerate([0, 4, 2]):
        variant = list(base)
        variant[:rewritten] = [random_sentence(rng) for _ in range(rewritten)]
        index.add(doc_id, "".join(variant))

    found = index.query("".join(base), threshold=0.5)

    assert [doc_id for doc_id, _ in found] == [0, 2, 1]
    assert found[0][1] == 1.0 > found[1][1] > found[2][1] >= 0.5


def test_query_verification_drops_candidates_below_threshold():
    rng = random.Random(5)
    base = random_document(rng, sentences=20)
    half = base[:10] + random_document(rng, sentences=10)  # J about 1/3
    index = NearDupIndex()
    index.add("half", "".join(half))

    found = index.query("".join(base), threshold=0.6)

    assert found == []


def test_query_empty_text_matches_nothing():
    index = NearDupIndex()
    index.add("empty", "")
    index.add("real", PROPOSAL)

    assert index.query("。 ") == []
    assert index.query(PROPOSAL) == [("real", 1.0)]


def test_query_texts_shorter_than_k_found():
    index = NearDupIndex()
    index.add("short", "社区")

    assert index.query("社區。") == [("short", 1.0)]


def test_query_shorter_or_longer_candidate_above_threshold_still_verified():
    rng = random.Random(13)
    base = random_document(rng, sentences=20)
    index = NearDupIndex()
    index.add("prefix", "".join(base[:13]))  # about 65 % of the whole text's shingles
    index.add("whole", "".join(base))

    prefix_query = index.query("".join(base[:13]), threshold=0.6)
    whole_query = index.query("".join(base), threshold=0.6)

    assert [doc_id for doc_id, _ in prefix_query] == ["prefix", "whole"]
    assert [doc_id for doc_id, _ in whole_query] == ["whole", "prefix"]
    assert 0.6 <= prefix_query[1][1] == whole_query[1][1] < 0.7


def test_query_candidates_of_very_different_size_skipped_unverified():
    rng = random.Random(17)
    base = random_document(rng, sentences=20)
    index = NearDupIndex()
    index.add("third", "".join(base[:7]))  # shares band keys, but J <= 7/20 < 0.6

    found = index.query("".join(base))

    assert found == []
    assert index.last_candidates == 1
    assert index.last_verified == 0


def test_add_same_id_twice_rejected():
    index = NearDupIndex()
    index.add(1, PROPOSAL)

    with pytest.raises(ValueError, match="already indexed"):
        index.add(1, PROPOSAL)


def test_add_many_with_processes_same_as_add():
    rng = random.Random(9)
    texts = ["".join(random_document(rng, sentences=5)) for _ in range(30)]
    serial, pooled = NearDupIndex(), NearDupIndex()
    for doc_id, text in enumerate(texts):
        serial.add(doc_id, text)

    pooled.add_many(enumerate(texts), processes=2, chunk_size=7)

    assert len(pooled) == 30
    assert pooled._buckets == serial._buckets
    assert pooled.query(texts[17]) == serial.query(texts[17]) == [(17, 1.0)]


def test_signature_equals_datasketch_minhash_seed_1():
    shingle_set = shingles(PROPOSAL)
    minhash = MinHash(num_perm=128, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])

    sig = signature(shingle_set)

    assert sig == minhash.hashvalues.tolist()


def test_signature_empty_set_fixed_and_shares_no_band_with_real_text():
    empty_keys = band_keys(signature(set()))

    assert signature(set()) == list(EMPTY_SIGNATURE) == [2**32 - 1] * NUM_PERM
    assert set(empty_keys).isdisjoint(band_keys(signature(shingles(PROPOSAL))))
    assert set(empty_keys).isdisjoint(band_keys(signature({"社"})))


def test_band_keys_fixed_text_pinned():
    # If this fails, the seed, scheme, hashing or banding changed: every band key
    # stored by the web app must be recomputed before deploying.
    keys = band_keys(signature(shingles("社区公益创投项目申报书")))

    assert keys == [
        5439095916040202676, 3380815731937053416, 5879561932856375265, 1440437730914784479,
        6835126546305214468, -339863917679144832, -7231309582168049489, 1829991174763299506,
        4743586955380189388, 4173690909200059107, 7869675044180997993, 3978203283177886914,
        -3480589234081877225, 5352720440003698019, -7619697442731736689, 6270477594173991960,
        5753220644328143765, -7397841496412554106, -1492930834101178123, 6780587531672797750,
        -762168713828237449, 8787843306827072671, -2667407022286206405, -5294618234918659513,
        -9122873737917681511, -2373876551391037830, 5882169041093380908, 4588538516694084376,
        -4917960695026103576, -7467597245611112063, 1809500800125381199, 2834588956597771898,
    ]  # fmt: skip


@given(st.lists(st.integers(0, 2**32 - 1), min_size=NUM_PERM, max_size=NUM_PERM))
def test_band_keys_one_per_band_within_signed_64_bit(sig):
    keys = band_keys(sig)

    assert len(keys) == BANDS
    assert all(INT64_MIN <= key <= INT64_MAX for key in keys)


def test_band_keys_same_values_in_different_bands_differ():
    sig = [42] * NUM_PERM

    assert len(set(band_keys(sig))) == BANDS


def test_band_keys_wrong_length_rejected():
    with pytest.raises(ValueError, match="128"):
        band_keys([1, 2, 3])


def test_candidate_probability_lsh_parameters_meet_recall_target():
    assert BANDS * ROWS == NUM_PERM
    assert candidate_probability(0.6) >= 0.98
    assert candidate_probability(0.1) < 0.005


@given(
    st.sets(st.text(max_size=3), max_size=20),
    st.sets(st.text(max_size=3), max_size=20),
)
def test_jaccard_symmetric_and_in_unit_interval(a, b):
    forward, backward = jaccard(a, b), jaccard(b, a)

    assert forward == backward
    assert 0.0 <= forward <= 1.0


@given(
    st.text(alphabet="社区服务老人志愿", max_size=400),
    st.text(alphabet="社区服务老人志愿", max_size=400),
    st.sampled_from([0.0, 0.2, 0.5, 0.6, 0.9, 1.0]),
)
@example(query="", other="社区服务老人志愿" * 40, threshold=0.0)
@example(query="社区服务老人志愿" * 40, other="社区服务老人志愿" * 41, threshold=1.0)
def test_verification_early_exit_agrees_with_jaccard(query, other, threshold):
    query_set = shingles(query)
    other_norm = normalise(other)
    other_set = shingles(other)
    exact = jaccard(query_set, other_set)

    verified = _jaccard_at_least(query_set, other_norm, len(other_set), threshold)

    assert verified == (exact if exact >= threshold else None)


@given(
    st.text(alphabet="社區服务老人志願，", max_size=400),
    st.text(alphabet="社区服務老人志愿。", max_size=400),
    st.sampled_from([0.0, 0.3, 0.6, 0.9, 1.0]),
)
@example(query="社区服务老人志愿" * 40, other="社区服务老人志愿" * 3, threshold=0.6)
def test_similarity_at_least_from_text_agrees_with_jaccard(query, other, threshold):
    query_set = shingles(query)
    exact = jaccard(query_set, shingles(other))

    verified = similarity_at_least(query_set, other, threshold)
    with_size = similarity_at_least(query_set, other, threshold, len(shingles(other)))

    assert verified == with_size == (exact if exact >= threshold else None)


@given(st.integers(1, 5000), st.integers(1, 5000), st.sampled_from([0.1, 0.5, 0.6, 0.75, 0.9, 1.0]))
def test_size_bounds_match_the_size_ratio_filter(size, other, threshold):
    low, high = size_bounds(size, threshold)

    assert (low <= other <= high) == (min(size, other) / max(size, other) >= threshold)


def test_shared_passages_positions_point_at_equal_substrings():
    a = "前言。" + PROPOSAL + "结语。"
    b = "新的开头，完全不同。" + S2T.convert(PROPOSAL[40:160]) + "另外的内容。" + PROPOSAL[:30]

    passages = shared_passages(a, b)

    a2, b2 = to_simplified(a), to_simplified(b)
    assert passages  # something was shared
    for a_start, a_end, b_start, b_end in passages:
        assert a_end - a_start >= 10
        assert a2[a_start:a_end] == b2[b_start:b_end]
    assert (3 + 40, 3 + 160, 10, 130) in passages  # the Traditional copy, in simplified positions


def test_shared_passages_moved_paragraphs_both_found():
    first, second = PROPOSAL[:60], PROPOSAL[60:150]
    a = first + "\n" + second
    b = second + "\n" + first

    passages = shared_passages(a, b)

    assert [(a[s:e]) for s, e, _, _ in passages] == [first, second]


def test_shared_passages_short_common_runs_ignored():
    assert shared_passages("社区服务中心开展活动", "今天社区服务中心休息", min_chars=10) == []
    assert shared_passages("社区服务中心开展活动", "今天社区服务中心休息", min_chars=6) == [(0, 6, 2, 8)]


def test_shared_passages_two_3000_char_texts_fast():
    rng = random.Random(1)
    sentences = random_document(rng, sentences=110)
    a = "".join(sentences)[:3000]
    rng.shuffle(sentences)
    b = "".join(sentences)[:3000]
    timings = []

    for _ in range(3):
        start = time.perf_counter()
        passages = shared_passages(a, b)
        timings.append(time.perf_counter() - start)

    assert sum(e - s for s, e, _, _ in passages) > 2000
    assert min(timings) < 0.05


def test_shared_passages_repetitive_text_bounded():
    text = "哈" * 3000

    start = time.perf_counter()
    passages = shared_passages(text, text)

    assert passages == [(0, 3000, 0, 3000)]
    assert time.perf_counter() - start < 0.05

