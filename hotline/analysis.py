"""研判: a period's 工单 counted by 公益诉讼 field and by 乡镇 (the previous period of the same length
beside them), its 热词 and its 类案 alerts — where one field recurs in one 乡镇 at or above the
threshold staff set (AnalysisSettings: 5 in 30 days unless changed), each alert with its 工单. All in
sums of the monthly counts kept at import (MonthlyCount, MonthlyWord) plus one read of the sorted
工单 near the period: a fixed number of queries, and a cost that does not grow with the 工单. The same figures for the admin page, its XLSX and `hotline_analysis`."""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from .models import AnalysisSettings, Field, MonthlyCount, MonthlyWord, StopWord, Ticket
from .sorting import BUILT_IN_STOP_WORDS

HOT_WORDS = 20


def month_range(first_month: datetime.date, last_month: datetime.date) -> tuple[datetime.date, datetime.date]:
    return first_month.replace(day=1), last_month.replace(
        day=calendar.monthrange(last_month.year, last_month.month)[1]
    )


def previous_period(first: datetime.date, last: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The months just before, as many as the period has."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    index = first.year * 12 + first.month - 1 - months
    start = datetime.date(index // 12, index % 12 + 1, 1)
    end = first - datetime.timedelta(days=1)
    return start, end


@dataclass
class Cluster:
    township: str
    field: str
    count: int
    first: datetime.date
    last: datetime.date
    tickets: list[str]
    ids: list[int]

    @property
    def field_label(self) -> str:
        return Field(self.field).label

    def as_dict(self) -> dict:
        return {
            "township": self.township,
            "field": self.field_label,
            "count": self.count,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "tickets": self.tickets,
        }


def find_clusters(first: datetime.date, last: datetime.date, count: int, days: int) -> list[Cluster]:
    """Runs of one field in one 乡镇 where some `days`-day window holds `count` 工单 or more; the
    windows that overlap make one alert. An alert is the period's when it ends in the period."""
    rows = (
        Ticket.objects.filter(
            received_on__gte=first - datetime.timedelta(days=days - 1), received_on__lte=last
        )
        .exclude(field="")
        .exclude(township="")
        .order_by("township", "field", "received_on", "pk")
        .values_list("township", "field", "received_on", "number", "pk")
    )
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for township, field_, day, number, pk in rows:
        groups[(township, field_)].append((day, number, pk))
    clusters = []
    for (township, field_), items in groups.items():
        members: set[int] = set()
        start = 0
        for end in range(len(items)):
            while items[end][0] - items[start][0] >= datetime.timedelta(days=days):
                start += 1
            if end - start + 1 >= count:
                members.update(range(start, end + 1))
        run: list[int] = []
        for index in sorted(members):
            if run and items[index][0] - items[run[-1]][0] >= datetime.timedelta(days=days):
                clusters.append(_cluster(township, field_, items, run))
                run = []
            run.append(index)
        if run:
            clusters.append(_cluster(township, field_, items, run))
    return sorted((c for c in clusters if c.last >= first), key=lambda c: (-c.count, c.township, c.field))


def _cluster(township, field_, items, run) -> Cluster:
    chosen = [items[i] for i in run]
    return Cluster(
        township,
        field_,
        len(chosen),
        chosen[0][0],
        chosen[-1][0],
        [n for _, n, _ in chosen],
        [p for _, _, p in chosen],
    )


def analyse(first: datetime.date, last: datetime.date) -> dict:
    settings = AnalysisSettings.current()
    before_first, before_last = previous_period(first, last)
    now = Q(month__gte=first, month__lte=last)
    before = Q(month__gte=before_first, month__lte=before_last)
    both = MonthlyCount.objects.filter(month__gte=before_first, month__lte=last)
    total = both.aggregate(
        now=Coalesce(Sum("count", filter=now), 0), before=Coalesce(Sum("count", filter=before), 0)
    )

    def summed(column):
        return [
            (row[column], row["now"], row["before"])
            for row in both.values(column)
            .annotate(
                now=Coalesce(Sum("count", filter=now), 0), before=Coalesce(Sum("count", filter=before), 0)
            )
            .order_by()
        ]

    by_field = {code: (n, b) for code, n, b in summed("field")}
    by_township = sorted(
        ((name or "（未注明）", n, b) for name, n, b in summed("township")), key=lambda r: (-r[1], r[0])
    )
    stop = set(StopWord.objects.values_list("word", flat=True)) | BUILT_IN_STOP_WORDS
    words = (
        MonthlyWord.objects.filter(month__gte=first.replace(day=1), month__lte=last)
        .exclude(word__in=stop)
        .values("word")
        .annotate(n=Sum("count"))
        .order_by("-n", "word")[:HOT_WORDS]
    )
    clusters = find_clusters(first, last, settings.cluster_count, settings.cluster_days)
    return {
        "first": first,
        "last": last,
        "previous": (before_first, before_last),
        "total": total["now"],
        "total_before": total["before"],
        "by_field": [
            (code, label, *by_field.get(code, (0, 0))) for code, label in [*Field.choices, ("", "未归类")]
        ],
        "by_township": [row for row in by_township if row[1] or row[2]],
        "hot_words": [(row["word"], row["n"]) for row in words],
        "clusters": clusters,
        "settings": settings,
    }


def as_json(result: dict) -> dict:
    """The contract of `hotline_analysis --json`."""
    return {
        "total": result["total"],
        "by_field": {label: now for code, label, now, _ in result["by_field"] if now},
        "by_township": {name: now for name, now, _ in result["by_township"] if now},
        "hot_words": [{"word": word, "count": n} for word, n in result["hot_words"]],
        "clusters": [cluster.as_dict() for cluster in result["clusters"]],
    }
