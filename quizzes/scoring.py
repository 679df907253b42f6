"""Scoring, on the server only. Pure functions: no database, no request.

Every question is worth 1 point; a quiz's maximum is its number of questions.

* Single choice and true/false: 1 if the one choice picked is the correct one, else 0.
* Multiple choice (partial credit): max(0, (correct picked - wrong picked) / number correct).
  Picking every choice therefore earns nothing unless every choice is correct.
* Ordering (partial credit): the share of items placed in their right position. Chosen over a
  Kendall-tau score because a learner can check it by eye ("3 of 4 steps were in the right
  place"); a single early slip costs more than under Kendall tau, which we accept.
* An unanswered question scores 0.
* success (xAPI result.success for the question) is true only for a full point.
* Pass: total / maximum >= pass mark / 100, compared exactly with fractions.

The xAPI response follows the cmi.interaction formats: choice ids joined by "[,]" for choice and
sequencing, "true" or "false" for true-false.
"""

from dataclasses import dataclass
from fractions import Fraction

CHOICE_SEPARATOR = "[,]"


@dataclass(frozen=True)
class Scored:
    score: Fraction
    success: bool
    response: str


def score_single(correct_keys, picked):
    """``picked``: a list with at most one key."""
    score = Fraction(1) if len(picked) == 1 and picked[0] in correct_keys else Fraction(0)
    return Scored(score, score == 1, CHOICE_SEPARATOR.join(picked))


def score_true_false(keys, correct_keys, picked):
    """``keys``: the two choice keys, true first. The response is "true" or "false"."""
    scored = score_single(correct_keys, picked)
    response = "" if not picked else ("true" if picked[0] == keys[0] else "false")
    return Scored(scored.score, scored.success, response)


def score_multiple(correct_keys, picked):
    correct = set(correct_keys)
    chosen = set(picked)
    if not correct:
        return Scored(Fraction(0), False, CHOICE_SEPARATOR.join(picked))
    net = len(chosen & correct) - len(chosen - correct)
    score = max(Fraction(0), Fraction(net, len(correct)))
    return Scored(score, chosen == correct, CHOICE_SEPARATOR.join(picked))


def score_ordering(keys_in_right_order, placed):
    """``placed``: the keys in the order the learner put them (empty if unanswered)."""
    if not placed or not keys_in_right_order:
        return Scored(Fraction(0), False, "")
    right = sum(
        1 for mine, theirs in zip(placed, keys_in_right_order, strict=False) if mine == theirs
    )
    score = Fraction(right, len(keys_in_right_order))
    return Scored(score, score == 1, CHOICE_SEPARATOR.join(placed))


def score_question(kind, keys_in_right_order, correct_keys, picked):
    """Dispatch on the question kind ("single", "multiple", "true_false", "ordering")."""
    if kind == "single":
        return score_single(correct_keys, picked)
    if kind == "true_false":
        return score_true_false(keys_in_right_order, correct_keys, picked)
    if kind == "multiple":
        return score_multiple(correct_keys, picked)
    if kind == "ordering":
        return score_ordering(keys_in_right_order, picked)
    raise ValueError(f"unknown question kind {kind!r}")


def has_passed(total, maximum, pass_mark):
    """``total`` a Fraction (or int), ``pass_mark`` a percentage. A quiz without questions is
    never passed."""
    if maximum <= 0:
        return False
    return Fraction(total) * 100 >= Fraction(pass_mark) * maximum
