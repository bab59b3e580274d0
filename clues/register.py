"""What people do in the register, each one transaction: open a clue with its first step, record a
step (which may open a linked 检察建议 in the ledger, or the transfer an urged agency made), pause
and resume a review, and the 建议移送 clue a 以罚代刑 finding opens."""

import datetime

from django.db import transaction
from django.utils import timezone

from .deadlines import refresh
from .lives import STEPS, ClueKind, first_step
from .models import Clue, ClueStep


@transaction.atomic
def open_clue(clue: Clue, on: datetime.date, user, at: datetime.time | None = None, notes: str = "") -> Clue:
    clue.created_by = user
    clue.save()
    ClueStep.objects.create(
        clue=clue, code=first_step(clue.kind).code, on=on, at=at, notes=notes, recorded_by=user
    )
    refresh(clue)
    return clue


@transaction.atomic
def record_step(clue: Clue, step: ClueStep, user, recommendation=None, police_unit=None) -> ClueStep:
    """Save `step` (validated: the order, the date, who may) and what it opens: the 检察建议 (a
    Recommendation saved here, linked to the clue) or, for an urged agency's transfer, the transfer
    clue itself (its first step dated the same day)."""
    step.clue = clue
    step.recorded_by = user
    step.save()
    rule = STEPS[(clue.kind, step.code)]
    if rule.opens == "recommendation" and recommendation is not None:
        recommendation.created_by = user
        recommendation.save()
        Clue.objects.filter(pk=clue.pk).update(recommendation=recommendation)
        clue.recommendation = recommendation
    if rule.opens == "transfer" and police_unit is not None:
        transfer = Clue(
            kind=ClueKind.TRANSFER,
            title=clue.title.removeprefix("建议移送："),
            summary=clue.summary,
            unit=clue.unit,
            police_unit=police_unit,
            penalty_decision=clue.penalty_decision,
            opened_from=clue,
        )
        open_clue(transfer, step.on, user, notes="根据检察院建议移送。")
    refresh(clue)
    return step


def open_urge_for_review(review, user) -> Clue | None:
    """A 以罚代刑 finding of 建议移送 opens a 建议移送 clue for the decision's unit (once)."""
    from .models import Finding

    decision = review.decision
    if review.finding != Finding.TRANSFER or decision.clues.filter(kind=ClueKind.URGE).exists():
        return None
    clue = Clue(
        kind=ClueKind.URGE,
        title=f"建议移送：{decision.cause}"[:200],
        summary=f"行政处罚决定{decision.number}。{review.reasons}",
        unit=decision.unit,
        penalty_decision=decision,
    )
    return open_clue(clue, review.reviewed_on or timezone.localdate(), user)
