"""检察建议台账: who sees which recommendations, their derived states, and the figures
法治政府建设考核 counts — one home for the rule every list, export, dashboard panel, reminder,
command and file download applies. A fixed number of queries however many there are."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from .groups import FOLLOW_UP_RECOMMENDATIONS, MANAGE_RECOMMENDATIONS, REPORT_OWN_UNIT
from .models import (
    Adoption,
    EscalationKind,
    ObjectionOutcome,
    Recommendation,
    RecommendationState,
    recommendation_state,
)
from .models.recommendation import first_reply


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
    """The recommendations (a with_records() queryset or a list) with their records attached and
    `state`, `state_label` and `overdue` set."""
    from django.utils import timezone

    today = today or timezone.localdate()
    items = attach_records(list(recommendations))
    for item in items:
        item.state = recommendation_state(item, today)
        item.state_label = RecommendationState(item.state).label
        item.overdue = item.state in {
            RecommendationState.REPLY_OVERDUE,
            RecommendationState.RECTIFICATION_OVERDUE,
        }
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
    reply_days: list = field(default_factory=list)
    due: int = 0  # replies that were due by today, or came: the base of 按期回复率

    def add(self, item: Recommendation, today: datetime.date) -> None:
        c = self.counts
        c["issued"] += 1
        reply = first_reply(item)
        withdrawn = item.state == RecommendationState.WITHDRAWN
        if reply is not None:
            c["replied"] += 1
            self.reply_days.append((reply.replied_on - item.delivered_on).days)
            if reply.replied_on <= item.reply_due:
                c["replied_on_time"] += 1
        if not withdrawn and (reply is not None or today > item.reply_due):
            self.due += 1
        c["overdue_unreplied"] += item.state == RecommendationState.REPLY_OVERDUE
        latest = max(item.replies.all(), key=lambda r: (r.replied_on, r.pk), default=None)
        c["adopted"] += bool(latest and latest.adoption in (Adoption.FULL, Adoption.PARTIAL))
        c["rectified"] += item.state in (RecommendationState.RECTIFIED, RecommendationState.CLOSED) and any(
            v.passed for v in item.verifications.all()
        )
        objections = list(item.objections.all())
        c["objections"] += len(objections)
        c["objections_upheld"] += sum(o.outcome == ObjectionOutcome.UPHELD for o in objections)
        c["copied_to_government"] += item.copied_to_government
        kinds = [e.kind for e in item.escalations.all()]
        c["urged"] += kinds.count(EscalationKind.URGE)
        c["notified"] += kinds.count(EscalationKind.NOTIFY)
        c["interviewed"] += kinds.count(EscalationKind.INTERVIEW)
        c["incidents"] += len(item.incidents.all())

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
            "average_reply_days": round(sum(self.reply_days) / len(self.reply_days), 1)
            if self.reply_days
            else None,
        }

    def as_dict(self) -> dict:
        return {**({"unit": self.unit} if self.unit else {}), **self.counts, **self.rates}


def figures(recommendations, today: datetime.date | None = None) -> dict:
    """The 考核 figures of these recommendations (usually one year's): totals and by unit."""
    items = with_states(recommendations, today)
    from django.utils import timezone

    today = today or timezone.localdate()
    total, by_unit = Figures(), defaultdict(Figures)
    for item in items:
        total.add(item, today)
        unit = by_unit[item.target]
        unit.unit = item.target
        unit.add(item, today)
    return {**total.as_dict(), "by_unit": [by_unit[name].as_dict() for name in sorted(by_unit)]}


def year_figures(year: int, today: datetime.date | None = None) -> dict:
    return {
        "year": year,
        **figures(Recommendation.objects.with_records().filter(issued_on__year=year), today),
    }
