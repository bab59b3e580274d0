"""督查督办 report: the resolutions decided in a period, by lead unit and current status, as a
printable page and as an XLSX workbook (汇总 + 明细). A fixed number of queries for any size."""

import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.utils import timezone

from disclosures.dataset import neutralise

from .models import ProgressReport, Resolution, ResolutionStatus

MAX_PERIOD_DAYS = 366 * 5


class PeriodForm(forms.Form):
    start = forms.DateField(label="会议日期自", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="至", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, today=None):
        today = today or timezone.localdate()
        defaults = {"start": datetime.date(today.year, 1, 1).isoformat(), "end": today.isoformat()}
        merged = {**defaults, **{k: v for k, v in (data or {}).items() if k in defaults and v}}
        super().__init__(merged)
        for name in ("start", "end"):
            self.fields[name].error_messages["invalid"] = "请输入有效日期，例如 2026-01-01。"

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError("开始日期不能晚于结束日期。")
            if (end - start).days > MAX_PERIOD_DAYS:
                raise forms.ValidationError("统计区间不能超过五年，请缩短区间。")
        return data


@dataclass
class UnitSummary:
    unit: object
    counts: dict = field(default_factory=lambda: dict.fromkeys(ResolutionStatus.values, 0))
    overdue: int = 0
    rows: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)


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


def build_report(start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> Report:
    today = today or timezone.localdate()
    latest = ProgressReport.objects.filter(resolution=models.OuterRef("pk")).order_by("-created_at", "-pk")
    resolutions = (
        Resolution.objects.of_live_meetings()
        .filter(page__date__gte=start, page__date__lte=end)
        .with_progress()
        .annotate(
            latest_text=models.Subquery(latest.values("text")[:1]),
            latest_at=models.Subquery(latest.values("created_at")[:1]),
        )
        .select_related("lead_unit", "page")
        .prefetch_related("co_units")
        .order_by("lead_unit__sort_order", "lead_unit__name", "deadline", "pk")
    )
    units: dict[int, UnitSummary] = {}
    for resolution in resolutions:
        summary = units.setdefault(resolution.lead_unit_id, UnitSummary(resolution.lead_unit))
        summary.rows.append(resolution)
        summary.counts[resolution.current_status] += 1
        summary.overdue += resolution.is_overdue(today)
    return Report(start, end, today, list(units.values()))


STATUS_COLUMNS = [(status.value, status.label) for status in ResolutionStatus]


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(title="汇总")
    summary.append(
        [
            f"督查督办汇总（会议日期 {report.start:%Y-%m-%d} 至 {report.end:%Y-%m-%d}，统计至 {report.today:%Y-%m-%d}）"
        ]
    )
    summary.append(["牵头单位", "议定事项", *[label for _, label in STATUS_COLUMNS], "其中逾期"])
    for unit in [*report.units, report.totals]:
        name = unit.unit.name if unit.unit else "合计"
        summary.append(
            [neutralise(name), unit.total, *[unit.counts[key] for key, _ in STATUS_COLUMNS], unit.overdue]
        )

    details = workbook.create_sheet(title="明细")
    details.append(
        [
            "牵头单位",
            "配合单位",
            "会议",
            "工作要求",
            "完成时限",
            "办理状态",
            "是否逾期",
            "最新进展",
            "报送时间",
        ]
    )
    for unit in report.units:
        for r in unit.rows:
            details.append(
                [
                    neutralise(r.lead_unit.name),
                    neutralise("、".join(u.name for u in r.co_units.all())),
                    neutralise(r.page.title),
                    neutralise(r.requirement),
                    r.deadline,
                    ResolutionStatus(r.current_status).label,
                    "逾期" if r.is_overdue(report.today) else "",
                    neutralise(r.latest_text or ""),
                    timezone.localtime(r.latest_at).replace(tzinfo=None) if r.latest_at else None,
                ]
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
