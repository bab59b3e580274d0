"""检察建议台账: who sees which recommendations, their derived states, and the figures
法治政府建设考核 counts — one home for the rule every list, export, dashboard panel, reminder,
command and file download applies. A fixed number of queries however many there are."""

import datetime
from dataclasses import dataclass, field

from .groups import FOLLOW_UP_RECOMMENDATIONS, MANAGE_RECOMMENDATIONS, REPORT_OWN_UNIT
from .models import (
    Adoption,
    EscalationKind,
    ObjectionOutcome,
    Recommendation,
    RecommendationState,
)


def manages_recommendations(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE_RECOMMENDATIONS)


def reads_every_recommendation(user) -> bool:
    return manages_recommendations(user) or (
        user.is_authenticated and user.has_perm(FOLLOW_UP_RECOMMENDATIONS)
    )


def follows_recommendations(user) -> bool:
    """Has a 检察建议台账 to look at: all of it, or their own unit's (a liaison)."""
    return reads_every_recommendation(user) or (
        user.is_authenticated and user.has_perm(REPORT_OWN_UNIT) and user.member_units.exists()
    )


def visible_recommendations(user):
    """Everything for the procuratorate, the office and 法治督办; a liaison's own units' only."""
    recommendations = Recommendation.objects.with_records()
    if reads_every_recommendation(user):
        return recommendations
    if user.is_authenticated and user.has_perm(REPORT_OWN_UNIT):
        return recommendations.for_unit(user.member_units.all())
    return recommendations.none()


RECORDS = ("objections", "replies", "rectifications", "verifications", "escalations", "incidents")


def attach_records(items: list[Recommendation]) -> list[Recommendation]:
    """Each recommendation's records, one query per kind of record whatever the number of
    recommendations. Django's prefetch_related clones a queryset per recommendation and record kind
    (30,000 clones, ~3 s, at 5,000 recommendations); this fills the same cache with the lists, which
    `recommendation.replies.all()` then returns without a query."""
    by_pk = {item.pk: item for item in items}
    for item in items:
        item._prefetched_objects_cache = {name: [] for name in RECORDS}
    if not by_pk:
        return items
    ids = list(by_pk)
    # Thousands of ids: a range (one index scan) rather than an IN list of thousands of parameters.
    scope = (
        {"recommendation_id__in": ids}
        if len(ids) <= 500
        else {"recommendation_id__gte": min(ids), "recommendation_id__lte": max(ids)}
    )
    for name in RECORDS:
        model = Recommendation._meta.get_field(name).related_model
        for record in model.objects.filter(**scope).order_by("pk"):
            owner = by_pk.get(record.recommendation_id)
            if owner is None:
                continue
            record.recommendation = owner  # no query back to it
            owner._prefetched_objects_cache[name].append(record)
    return items


def with_states(recommendations, today: datetime.date | None = None) -> list[Recommendation]:
    """The recommendations (a queryset) with `state` (worked out in SQL: annotate_state),
    `state_label` and `overdue` set, and their records attached (the detail page, reminders)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return labelled(attach_records(list(recommendations.with_state(today))))


OVERDUE_STATES = (RecommendationState.REPLY_OVERDUE, RecommendationState.RECTIFICATION_OVERDUE)


def labelled(items):
    for item in items:
        item.state_label = RecommendationState(item.state).label
        item.overdue = item.state in OVERDUE_STATES
    return items


FIGURE_KEYS = (
    "issued",
    "replied",
    "replied_on_time",
    "overdue_unreplied",
    "adopted",
    "rectified",
    "objections",
    "objections_upheld",
    "copied_to_government",
    "urged",
    "notified",
    "interviewed",
    "incidents",
)
FIGURE_LABELS = {
    "issued": "制发",
    "replied": "已回复",
    "replied_on_time": "按期回复",
    "overdue_unreplied": "逾期未回复",
    "adopted": "采纳",
    "rectified": "整改到位",
    "objections": "提出异议",
    "objections_upheld": "异议后维持",
    "copied_to_government": "抄送县政府",
    "urged": "督促",
    "notified": "通报",
    "interviewed": "约谈",
    "incidents": "考核扣分情形",
    "on_time_rate": "按期回复率",
    "adoption_rate": "采纳率",
    "rectified_rate": "整改到位率",
    "average_reply_days": "平均回复用时（天）",
}


@dataclass
class Figures:
    unit: str = ""
    counts: dict = field(default_factory=lambda: dict.fromkeys(FIGURE_KEYS, 0))
    reply_days_total: int = 0  # days from delivery to the first reply, added up
    due: int = 0  # replies that were due by today, or came: the base of 按期回复率

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def rates(self) -> dict:
        c = self.counts
        return {
            "on_time_rate": self._rate(c["replied_on_time"], self.due),
            "adoption_rate": self._rate(c["adopted"], c["replied"]),
            "rectified_rate": self._rate(c["rectified"], c["adopted"]),
            "average_reply_days": round(self.reply_days_total / c["replied"], 1) if c["replied"] else None,
        }

    def as_dict(self) -> dict:
        return {**({"unit": self.unit} if self.unit else {}), **self.counts, **self.rates}


def figures(recommendations, today: datetime.date | None = None) -> dict:
    """The 考核 figures of these recommendations (a queryset, usually one year's): totals and by
    unit, counted by the database in four queries whatever the number of recommendations."""
    from django.utils import timezone

    today = today or timezone.localdate()
    by_unit = {}
    for unit, counts in sorted(_unit_counts(recommendations, today).items()):
        by_unit[unit] = Figures(unit=unit, due=counts.pop("due"), reply_days_total=counts.pop("reply_days"))
        by_unit[unit].counts.update(counts)
    for unit, name, value in _record_counts(recommendations):
        by_unit[unit].counts[name] += value
    total = Figures()
    for unit in by_unit.values():
        total.due += unit.due
        total.reply_days_total += unit.reply_days_total
        for key, value in unit.counts.items():
            total.counts[key] += value
    return {**total.as_dict(), "by_unit": [unit.as_dict() for unit in by_unit.values()]}


def _unit_counts(recommendations, today: datetime.date) -> dict[str, dict]:
    """Per unit: how many were issued, replied (on time), due, overdue, adopted, rectified, copied,
    and the days their first replies took — one query: each recommendation's state and first reply
    worked out once (annotate_state) in a subquery, counted by unit around it."""
    from django.db import connection
    from django.db.models import Exists, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from .models import Reply, Verification

    rows = (
        recommendations.with_state(today)
        .annotate(
            unit=Coalesce("target_unit__name", "target_name"),
            first_reply_on=Subquery(
                Reply.objects.filter(recommendation=OuterRef("pk"))
                .order_by("replied_on", "pk")
                .values("replied_on")[:1]
            ),
            passed=Exists(Verification.objects.filter(recommendation=OuterRef("pk"), passed=True)),
        )
        .order_by()
        .values(
            "unit",
            "state",
            "delivered_on",
            "reply_due",
            "first_reply_on",
            "latest_adoption",
            "passed",
            "copied_to_government",
        )
    )
    inner, params = rows.query.sql_with_params()
    days = (
        "julianday(first_reply_on) - julianday(delivered_on)"
        if connection.vendor == "sqlite"
        else "first_reply_on - delivered_on"
    )
    S = RecommendationState
    # A materialised CTE: each row's state is worked out once, not once for every SUM that reads it
    # (both databases would otherwise fold the subquery into the outer query).
    sql = f"""
        WITH ledger AS MATERIALIZED ({inner})
        SELECT unit,
            COUNT(*),
            COUNT(first_reply_on),
            SUM(CASE WHEN first_reply_on <= reply_due THEN 1 ELSE 0 END),
            SUM(CASE WHEN state <> %s AND (first_reply_on IS NOT NULL OR reply_due < %s) THEN 1 ELSE 0 END),
            SUM(CASE WHEN first_reply_on IS NULL AND reply_due < %s AND state <> %s THEN 1 ELSE 0 END),
            SUM(CASE WHEN latest_adoption IN (%s, %s) THEN 1 ELSE 0 END),
            SUM(CASE WHEN state IN (%s, %s) AND passed THEN 1 ELSE 0 END),
            SUM(CASE WHEN copied_to_government THEN 1 ELSE 0 END),
            COALESCE(SUM({days}), 0)
        FROM ledger GROUP BY unit
    """
    # 逾期未回复: no reply by the deadline, whatever came after (a lawsuit, 办结) — only a withdrawal ends it
    arguments = (
        S.WITHDRAWN,
        today,
        today,
        S.WITHDRAWN,
        Adoption.FULL,
        Adoption.PARTIAL,
        S.RECTIFIED,
        S.CLOSED,
    )
    names = (
        "issued",
        "replied",
        "replied_on_time",
        "due",
        "overdue_unreplied",
        "adopted",
        "rectified",
        "copied_to_government",
        "reply_days",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, *arguments))
        return {
            unit: dict(zip(names, (int(v or 0) for v in values), strict=True))
            for unit, *values in cursor.fetchall()
        }


def _record_counts(recommendations):
    """(unit, figure, count): objections and those upheld, 督促/通报/约谈, incidents — by unit."""
    from django.db.models import Count, Q
    from django.db.models.functions import Coalesce

    from .models import Escalation, Incident, Objection

    mine = {"recommendation__in": recommendations.order_by().values("pk")}
    unit = Coalesce("recommendation__target_unit__name", "recommendation__target_name")
    for name, n, upheld in (
        Objection.objects.filter(**mine)
        .values(u=unit)
        .order_by()
        .annotate(n=Count("pk"), upheld=Count("pk", filter=Q(outcome=ObjectionOutcome.UPHELD)))
        .values_list("u", "n", "upheld")
    ):
        yield name, "objections", n
        yield name, "objections_upheld", upheld
    for name, n in (
        Incident.objects.filter(**mine)
        .values(u=unit)
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("u", "n")
    ):
        yield name, "incidents", n
    figure = {
        EscalationKind.URGE: "urged",
        EscalationKind.NOTIFY: "notified",
        EscalationKind.INTERVIEW: "interviewed",
    }
    escalations = Escalation.objects.filter(**mine, kind__in=list(figure)).values("kind", u=unit).order_by()
    for name, kind, n in escalations.annotate(n=Count("pk")).values_list("u", "kind", "n"):
        yield name, figure[kind], n


def year_figures(year: int, today: datetime.date | None = None, kind: str | None = None) -> dict:
    """The year's figures (by the year issued); `kind` counts one kind of document only."""
    issued = Recommendation.objects.filter(issued_on__year=year)
    return {
        "year": year,
        **({"kind": kind} if kind else {}),
        **figures(issued.filter(kind=kind) if kind else issued, today),
    }
