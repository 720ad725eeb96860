from yichuang.kernel import surveys as s

LIVES = s.Question("1", s.SINGLE, required=True, options=("独居", "与家人同住"))
HELP = s.Question("2", s.MULTIPLE, options=("助餐", "助浴", "陪诊"), show_if=("1", 0))
SCORE = s.Question("3", s.SCALE, required=True)
GRID = s.Question("4", s.MATRIX, required=True, options=("满意", "一般", "不满意"), rows=("路灯", "垃圾分类"))
NOTE = s.Question("5", s.TEXT)
ALL = [LIVES, HELP, SCORE, GRID, NOTE]


def test_clean_keeps_answers_by_option_position():
    result = s.clean(ALL, {"1": ["0"], "2": ["2", "0"], "3": ["4"], "4-0": ["0"], "4-1": ["2"], "5": [" 想要助餐 "]})
    assert result.problems == {}
    assert result.answers == {"1": 0, "2": [0, 2], "3": 4, "4": {"0": 0, "1": 2}, "5": "想要助餐"}


def test_clean_reports_required_and_invalid_answers():
    result = s.clean(ALL, {"1": ["7"], "3": [""], "4-0": ["1"]})
    assert result.problems == {"1": "invalid", "3": "required", "4": "invalid"}


def test_clean_drops_answers_to_questions_hidden_by_an_earlier_answer():
    result = s.clean(ALL, {"1": ["1"], "2": ["0"], "3": ["5"], "4-0": ["0"], "4-1": ["0"]})
    assert "2" not in result.answers and result.problems == {}


def test_visible_hides_dependants_of_hidden_questions():
    chained = s.Question("6", s.TEXT, show_if=("2", 1))
    assert [q.key for q in s.visible([LIVES, HELP, chained], {"1": 1, "2": [1]})] == ["1"]
    assert [q.key for q in s.visible([LIVES, HELP, chained], {"1": 0, "2": [1]})] == ["1", "2", "6"]


def test_definition_problem_checks_options_rows_and_show_if():
    assert s.definition_problem(s.Question("9", s.SINGLE, options=("是",)), ALL) == "options"
    assert s.definition_problem(s.Question("9", s.MATRIX, options=("是", "否")), ALL) == "rows"
    assert s.definition_problem(s.Question("9", s.TEXT, show_if=("3", 0)), ALL) == "show_if"
    assert s.definition_problem(s.Question("9", s.TEXT, show_if=("1", 1)), ALL) == ""


def test_tally_counts_per_option_point_and_cell():
    assert s.tally(HELP, [[0, 2], [2]]) == [1, 0, 2]
    assert s.tally(SCORE, [5, 5, 1]) == {1: 1, 2: 0, 3: 0, 4: 0, 5: 2}
    assert s.tally(GRID, [{"0": 0, "1": 2}, {"0": 0}]) == [[2, 0, 0], [0, 0, 1]]
