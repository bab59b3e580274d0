"""督查督办 report: the resolutions decided in a period, by lead unit and current status, as a
printable page and as an XLSX workbook (汇总 + 明细). The 汇总 is counted in the database; the 明细
is paged on screen and whole in print and XLSX. A fixed number of queries for any size."""

import datetime
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db import models
from django.utils import timezone
from wagtail.admin.widgets import AdminDateInput

from home.spreadsheets import Column, add_sheet, new_workbook, workbook_bytes

from .models import MemberUnit, ProgressReport, Resolution, ResolutionStatus

MAX_PERIOD_DAYS = 366 * 5


class PeriodFilterSet(django_filters.FilterSet):
    """The report's period of meeting dates. Unset, it covers every open item (see default_period),
    so that its 逾期 figure is the dashboard's."""

    start = django_filters.DateFilter(
        label="会议日期自", field_name="page__date", lookup_expr="gte", widget=AdminDateInput
    )
    end = django_filters.DateFilter(
        label="至", field_name="page__date", lookup_expr="lte", widget=AdminDateInput
    )

    class Meta:
        model = Resolution
        fields = []

    def __init__(self, data=None, *args, today=None, **kwargs):
        defaults = {
            key: day.isoformat() for key, day in zip(("start", "end"), default_period(today), strict=True)
        }
        merged = {**defaults, **{k: v for k, v in (data or {}).items() if k in defaults and v}}
        super().__init__(merged, *args, **kwargs)
        for name in ("start", "end"):
            self.form.fields[name].error_messages["invalid"] = "请输入有效日期，例如 2026-01-01。"
        self.form.clean = self._clean_period

    def _clean_period(self):
        data = self.form.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError("开始日期不能晚于结束日期。")
            if (end - start).days > MAX_PERIOD_DAYS:
                raise forms.ValidationError("统计区间不能超过五年，请缩短区间。")
        return data

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return self.form.cleaned_data["start"], self.form.cleaned_data["end"]


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """From 1 January (or the oldest meeting with a pending item, if earlier) to today (or the latest
    such meeting, if recorded ahead): every open item is in it."""
    today = today or timezone.localdate()
    span = (
        Resolution.objects.of_live_meetings()
        .pending()
        .aggregate(first=models.Min("page__date"), last=models.Max("page__date"))
    )
    start = min(filter(None, [datetime.date(today.year, 1, 1), span["first"]]))
    end = max(filter(None, [today, span["last"]]))
    return start, end


@dataclass
class UnitSummary:
    unit: object
    counts: dict = field(default_factory=lambda: dict.fromkeys(ResolutionStatus.values, 0))
    overdue: int = 0
    rows: list = field(default_factory=list)  # filled for print and XLSX only

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Report:
    start: datetime.date
    end: datetime.date
    today: datetime.date
    units: list[UnitSummary]

    @property
    def totals(self) -> UnitSummary:
        total = UnitSummary(unit=None)
        for unit in self.units:
            for key, value in unit.counts.items():
                total.counts[key] += value
            total.overdue += unit.overdue
            total.rows += unit.rows
        return total


def report_queryset():
    """Resolutions of live meetings with their current status and latest progress, in report order."""
    latest = ProgressReport.objects.filter(resolution=models.OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Resolution.objects.of_live_meetings()
        .with_progress()
        .annotate(
            latest_text=models.Subquery(latest.values("text")[:1]),
            latest_at=models.Subquery(latest.values("created_at")[:1]),
        )
        .select_related("lead_unit", "page")
        .prefetch_related("co_units")
        .order_by("lead_unit__sort_order", "lead_unit__name", "deadline", "pk")
    )


def summarise(
    resolutions, start: datetime.date, end: datetime.date, today: datetime.date | None = None, *, rows=True
) -> Report:
    """Counts by lead unit and current status, and 逾期, in one grouped query; with `rows`, each
    unit's resolutions too (one more query, plus the co-units)."""
    today = today or timezone.localdate()
    pending = ~models.Q(current=ResolutionStatus.DONE)
    counted = (
        resolutions.order_by()
        .values("lead_unit")
        .annotate(
            overdue=models.Count("pk", filter=pending & models.Q(deadline__lt=today)),
            **{
                f"n_{status}": models.Count("pk", filter=models.Q(current=status))
                for status in ResolutionStatus.values
            },
        )
    )
    counted = list(counted)
    units = MemberUnit.objects.in_bulk([row["lead_unit"] for row in counted])
    summaries = {
        row["lead_unit"]: UnitSummary(
            units[row["lead_unit"]],
            {status: row[f"n_{status}"] for status in ResolutionStatus.values},
            row["overdue"],
        )
        for row in counted
    }
    if rows:
        for resolution in resolutions:
            summaries[resolution.lead_unit_id].rows.append(resolution)
    ordered = sorted(summaries.values(), key=lambda s: (s.unit.sort_order, s.unit.name))
    return Report(start, end, today, ordered)


def build_report(
    start: datetime.date, end: datetime.date, today: datetime.date | None = None, *, rows=True
) -> Report:
    resolutions = report_queryset().filter(page__date__gte=start, page__date__lte=end)
    return summarise(resolutions, start, end, today, rows=rows)


STATUS_COLUMNS = [(status.value, status.label) for status in ResolutionStatus]


SUMMARY_COLUMNS = (
    Column("牵头单位", 28, wrap=True),
    Column("议定事项", 10),
    *(Column(label, 10) for _, label in STATUS_COLUMNS),
    Column("其中逾期", 10),
)
DETAIL_COLUMNS = (
    Column("牵头单位", 20, wrap=True),
    Column("配合单位", 24, wrap=True),
    Column("会议", 22, wrap=True),
    Column("工作要求", 40, wrap=True),
    Column("完成时限", 12),
    Column("办理状态", 10),
    Column("是否逾期", 9),
    Column("最新进展", 44, wrap=True),
    Column("报送时间", 17),
)


def report_xlsx(report: Report) -> bytes:
    """汇总 and 明细, each ready to print (A4 landscape, title row, header repeated on every page)."""
    period = f"会议日期 {report.start:%Y-%m-%d} 至 {report.end:%Y-%m-%d}，统计至 {report.today:%Y-%m-%d}"
    workbook = new_workbook("督查督办报表")
    add_sheet(
        workbook,
        "汇总",
        SUMMARY_COLUMNS,
        (
            [
                unit.unit.name if unit.unit else "合计",
                unit.total,
                *[unit.counts[key] for key, _ in STATUS_COLUMNS],
                unit.overdue,
            ]
            for unit in [*report.units, report.totals]
        ),
        title=f"督查督办汇总（{period}）",
        total_rows=1,
    )
    add_sheet(
        workbook,
        "明细",
        DETAIL_COLUMNS,
        (
            [
                r.lead_unit.name,
                "、".join(u.name for u in r.co_units.all()),
                r.page.title,
                r.requirement,
                r.deadline,
                ResolutionStatus(r.current_status).label,
                "逾期" if r.is_overdue(report.today) else "",
                r.latest_text or "",
                r.latest_at,
            ]
            for unit in report.units
            for r in unit.rows
        ),
        title=f"督查督办明细（{period}）",
    )
    return workbook_bytes(workbook)
