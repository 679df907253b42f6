"""The scoring rules of quizzes/scoring.py per question kind, with partial and wrong answers."""

from fractions import Fraction

import pytest

from quizzes.scoring import (
    has_passed,
    score_multiple,
    score_ordering,
    score_question,
    score_single,
    score_true_false,
)


def test_single_choice_scores_one_for_the_correct_choice():
    scored = score_single(["a"], ["a"])
    assert (scored.score, scored.success, scored.response) == (1, True, "a")


def test_single_choice_scores_zero_for_a_wrong_choice():
    scored = score_single(["a"], ["b"])
    assert (scored.score, scored.success, scored.response) == (0, False, "b")


def test_single_choice_scores_zero_when_unanswered():
    scored = score_single(["a"], [])
    assert (scored.score, scored.success, scored.response) == (0, False, "")


def test_true_false_reports_true_when_the_first_choice_is_picked():
    scored = score_true_false(["t", "f"], ["t"], ["t"])
    assert (scored.score, scored.success, scored.response) == (1, True, "true")


def test_true_false_wrong_answer_scores_zero_and_reports_false():
    scored = score_true_false(["t", "f"], ["t"], ["f"])
    assert (scored.score, scored.success, scored.response) == (0, False, "false")


def test_multiple_choice_all_correct_and_nothing_wrong_is_a_full_point():
    scored = score_multiple(["a", "b"], ["b", "a"])
    assert (scored.score, scored.success, scored.response) == (1, True, "b[,]a")


def test_multiple_choice_half_the_correct_ones_is_half_a_point():
    scored = score_multiple(["a", "b"], ["a"])
    assert (scored.score, scored.success) == (Fraction(1, 2), False)


def test_multiple_choice_subtracts_wrong_picks():
    scored = score_multiple(["a", "b", "c"], ["a", "b", "x"])
    assert scored.score == Fraction(1, 3)


def test_multiple_choice_never_goes_below_zero():
    assert score_multiple(["a", "b"], ["a", "x", "y"]).score == 0


def test_multiple_choice_picking_everything_earns_nothing_when_half_are_wrong():
    assert score_multiple(["a", "b"], ["a", "b", "c", "d"]).score == 0


def test_ordering_in_the_right_order_is_a_full_point():
    scored = score_ordering(["a", "b", "c", "d"], ["a", "b", "c", "d"])
    assert (scored.score, scored.success, scored.response) == (1, True, "a[,]b[,]c[,]d")


def test_ordering_scores_the_share_of_items_in_their_right_position():
    # a and d are in place; b and c are swapped.
    scored = score_ordering(["a", "b", "c", "d"], ["a", "c", "b", "d"])
    assert (scored.score, scored.success) == (Fraction(1, 2), False)


def test_ordering_reversed_has_no_item_in_place():
    assert score_ordering(["a", "b", "c", "d"], ["d", "c", "b", "a"]).score == 0


def test_ordering_unanswered_scores_zero_with_an_empty_response():
    scored = score_ordering(["a", "b"], [])
    assert (scored.score, scored.response) == (0, "")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        score_question("essay", [], [], [])


@pytest.mark.parametrize(
    ("total", "maximum", "mark", "expected"),
    [
        (Fraction(4), 5, 80, True),
        (Fraction(39, 10), 5, 80, False),
        (Fraction(7, 2), 5, 70, True),
        (0, 0, 0, False),
    ],
)
def test_pass_mark_is_a_percentage_of_the_maximum(total, maximum, mark, expected):
    assert has_passed(total, maximum, mark) is expected
