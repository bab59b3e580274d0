"""The 以罚代刑 screen: a 行政处罚决定 is flagged 疑似以罚代刑 when its 案由 names an active
threshold's keyword and its amount, in its own unit, is at or over that threshold converted to
that unit (measures.threshold_in). Worked out in one SQL condition, so that a list of flagged
decisions costs the same at 200 or 20,000, and nothing is stored: a changed threshold re-screens
everything at once."""

from django.db.models import Q

from .measures import UNITS, same_measure, threshold_in


def active_thresholds():
    from .models import ProsecutionThreshold

    return list(ProsecutionThreshold.objects.filter(is_active=True).order_by("pk"))


def flag_condition(thresholds=None) -> Q:
    """Q matching the decisions at or over some threshold (nothing when there is none). One term per
    threshold and unit — amount_unit = u AND amount >= t AND (a keyword in 案由) — so that the
    database reads each term's range from the (amount_unit, amount) index instead of every row."""
    condition = Q(pk__in=[])
    for threshold in active_thresholds() if thresholds is None else thresholds:
        names = Q()
        for word in threshold.keyword_list():
            names |= Q(cause__contains=word)
        for unit in UNITS:
            if same_measure(unit, threshold.unit):
                least = threshold_in(threshold.threshold, threshold.unit, unit)
                condition |= Q(amount_unit=unit, amount__gte=least) & names
    return condition


def flagged(decisions, thresholds=None):
    return decisions.filter(flag_condition(thresholds))


def crossed(decision, thresholds) -> list:
    """The thresholds one decision is at or over (for its row in a list, a report, --json)."""
    found = []
    for threshold in thresholds:
        if not any(word in decision.cause for word in threshold.keyword_list()):
            continue
        if decision.amount is None or not same_measure(decision.amount_unit, threshold.unit):
            continue
        if decision.amount >= threshold_in(threshold.threshold, threshold.unit, decision.amount_unit):
            found.append(threshold)
    return found


def screen(decisions) -> list[tuple]:
    """(decision, the thresholds it crossed) for each flagged decision, newest first: two queries."""
    thresholds = active_thresholds()
    rows = flagged(decisions, thresholds).select_related("unit", "review")
    return [(decision, crossed(decision, thresholds)) for decision in rows]
