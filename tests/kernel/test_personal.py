from yichuang.kernel.personal import personal_data


def _kinds(text, names=()):
    return [(f.kind, f.text) for f in personal_data(text, names=names)]


def test_personal_data_finds_mobile_and_landline_numbers_written_with_spaces():
    assert _kinds("电话 138 1234 5678，座机0561-3012345") == [("phone", "13812345678"), ("phone", "05613012345")]


def test_personal_data_finds_identity_card_numbers():
    assert _kinds("证件34060319491231002X") == [("id_number", "34060319491231002X")]


def test_personal_data_finds_door_numbers():
    assert _kinds("住在5号楼302室") == [("address", "5号楼302室")]


def test_personal_data_finds_full_and_given_names_in_either_script():
    assert _kinds("王小明想要书包", names=("王小明",)) == [("name", "王小明")]
    assert _kinds("小明想要書包", names=("王小明",)) == [("name", "小明")]
    assert _kinds("張奶奶想要一台收音機", names=("张奶奶",)) == [("name", "张奶奶")]


def test_personal_data_leaves_prices_dates_and_counts_alone():
    assert _kinds("2024年9月买的书包，价值120元，需要12本练习本，3月5日前") == []
