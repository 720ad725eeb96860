"""Reads of residents' voice: the public counts of wishes that came true, and the keepers' work."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.kernel.money import Money
from yichuang.participation import permissions
from yichuang.participation.models import MicroWish


@dataclass(frozen=True)
class CommunityWishes:
    street: str
    community: str
    came_true: int
    value: Money
    waiting: int


def adoptable(rows: QuerySet[MicroWish]) -> QuerySet[MicroWish]:
    return rows.filter(status=MicroWish.Status.PUBLISHED, deadline__gte=timezone.localdate())


def community_totals() -> list[CommunityWishes]:
    """Per community: wishes that came true and their value, and wishes waiting to be adopted."""
    today = timezone.localdate()
    rows = (permissions.public_wishes().values("area__name", "area__parent__name", "area__path")
            .annotate(came_true=Count("pk", filter=Q(status=MicroWish.Status.CLOSED)),
                      value=Sum("value", filter=Q(status=MicroWish.Status.CLOSED)),
                      waiting=Count("pk", filter=Q(status=MicroWish.Status.PUBLISHED, deadline__gte=today)))
            .order_by("area__path"))
    return [CommunityWishes(row["area__parent__name"] or "", row["area__name"], row["came_true"],
                            row["value"] or Money.zero(), row["waiting"]) for row in rows]


def topics_to_moderate(user):
    from yichuang.accounts.scopes import q_path_within
    from yichuang.participation.models import Topic

    return Topic.objects.filter(q_path_within("area__path", permissions.keeper_paths(user)), status=Topic.Status.HIDDEN)


def overdue_actions(user):
    """Action items of the viewer's meetings past their due date and not done, most overdue first."""
    from yichuang.accounts.scopes import q_path_within
    from yichuang.participation.models import ActionItem

    return ActionItem.objects.filter(q_path_within("meeting__area__path", permissions.keeper_paths(user)),
                                     done_at__isnull=True, due__lt=timezone.localdate()).order_by("due", "pk")


def keeper_work(user) -> dict[str, QuerySet[MicroWish]]:
    """The keeper's wishes by what they need: a check (by someone else), changes, confirmation."""
    kept = permissions.kept_wishes(user).select_related("area")
    return {
        "to_check": kept.filter(status=MicroWish.Status.CHECKING).exclude(posted_by=user),
        "returned": kept.filter(status=MicroWish.Status.RETURNED, posted_by=user),
        "to_confirm": kept.filter(status=MicroWish.Status.FULFILLED),
    }


# --- Survey results ---------------------------------------------------------------------------

@dataclass
class QuestionResult:
    question: object  # SurveyQuestion
    answered: int
    chart: dict | None  # categories and series, drawn by charts.js from a JSON block
    table: list[tuple[str, list[int]]]  # (row label, counts) as the chart shows them
    columns: list[str]
    texts: list[str]

    @property
    def chart_id(self) -> str:
        return f"chart-{self.question.pk}"


TEXTS_SHOWN = 50


def survey_responses(survey, *, community: int | None = None, age_group: str = ""):
    rows = survey.responses.all()
    if community:
        rows = rows.filter(community_id=community)
    if age_group:
        rows = rows.filter(age_group=age_group)
    return rows


def survey_results(survey, responses) -> list[QuestionResult]:
    """Per question: how many answered it, and the counts per choice, point or grid cell."""
    from yichuang.kernel import surveys as rules
    from yichuang.participation.surveys import spec

    answers = list(responses.values_list("answers", flat=True))
    results = []
    for question in survey.questions.all():
        key, definition = str(question.pk), spec(question)
        given = [a[key] for a in answers if key in a]
        counts = rules.tally(definition, given)
        if question.kind == rules.TEXT:
            results.append(QuestionResult(question, len(given), None, [], [], [str(t) for t in given[-TEXTS_SHOWN:]][::-1]))
            continue
        if question.kind == rules.MATRIX:
            columns, table = list(question.options), list(zip(question.rows, counts, strict=True))
        elif question.kind == rules.SCALE:
            columns, table = [str(_("Answers"))], [(str(point), [n]) for point, n in counts.items()]
        else:
            columns, table = [str(_("Answers"))], [(option, [n]) for option, n in zip(question.options, counts, strict=True)]
        chart = {"kind": "bar", "categories": [label for label, _row in table],
                 "series": [{"name": column, "data": [row[i] for _label, row in table]} for i, column in enumerate(columns)]}
        results.append(QuestionResult(question, len(given), chart, table, columns, []))
    return results


def survey_export_rows(survey, responses) -> tuple[list[str], list[list]]:
    """One row per response, each answer as its label(s): what officers paste into their reports."""
    questions = list(survey.questions.all())
    header = [str(_("Submitted")), str(_("Community")), str(_("Age group")), str(_("Entered from paper"))]
    header += [q.text for q in questions]
    rows = []
    for response in responses.select_related("community").order_by("submitted_at", "pk"):
        row = [response.submitted_at, response.community.name if response.community else "",
               response.get_age_group_display(), str(_("yes")) if response.entered_by_id else ""]
        row += [_answer_label(q, response.answers.get(str(q.pk))) for q in questions]
        rows.append(row)
    return header, rows


def _answer_label(question, answer) -> str:
    if answer is None:
        return ""
    if question.kind == "single":
        return question.options[answer]
    if question.kind == "multiple":
        return "、".join(question.options[i] for i in answer)
    if question.kind == "matrix":
        return "；".join(f"{question.rows[int(r)]}：{question.options[c]}" for r, c in sorted(answer.items()))
    return str(answer)


def finding(survey, result: QuestionResult) -> str:
    """A question's result in one line, as evidence of a need: the three most chosen answers with their
    share of the people who answered the question (a grid: its rows' first column)."""
    head = _("Survey “%(survey)s”, “%(question)s” (%(n)s answered)") % {
        "survey": survey.title, "question": result.question.text, "n": result.answered}
    if not result.table:
        return _("%(head)s.") % {"head": head}
    ranked = sorted(((row[0], label) for label, row in result.table), key=lambda pair: -pair[0])[:3]
    shares = [_("%(answer)s %(n)s (%(share)s%%)") % {"answer": label, "n": n,
                                                     "share": round(100 * n / result.answered) if result.answered else 0}
              for n, label in ranked]
    return _("%(head)s: %(shares)s.") % {"head": head, "shares": _("; ").join(shares)}
