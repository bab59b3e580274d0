"""民生诉求研判 in the admin (/admin/hotline/): 研判 of a month or a period (counts by field and 乡镇
beside the previous period, SVG bars, 热词, 类案 alerts each with its 工单, XLSX), the 工单 list and
one 工单's page, 转为公益诉讼线索 for a 工单 or an alert (linked both ways), 导入 with its column
mapping and de-identified preview before anything is stored, and the month-end 反馈 to the
政务服务中心 (on screen and XLSX). Who sees what: hotline/access.py."""

import datetime
import re

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.log_actions import log

from home.admin_viewsets import PermissionViewSet, PrivateListingMixin
from home.spreadsheets import XLSX_TYPE
from home.table_files import TableFileError
from internal.views import ChineseDateColumn

from .access import ANALYSE, EXCHANGE, analyses_hotline, exchanges_hotline, imports_hotline
from .analysis import analyse, month_range
from .models import ColumnMapping, Field, HotlineImport, ImportStatus, Source, Ticket
from .ticket_import import FIELDS, LAYOUT, MAX_BYTES, PREVIEW_ROWS, preview, read_sheet

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str | None) -> datetime.date | None:
    match = MONTH.match((text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
        return None
    return datetime.date(int(match.group(1)), int(match.group(2)), 1)


def last_month() -> datetime.date:
    return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def period_of(request) -> tuple[datetime.date, datetime.date, bool]:
    """The period the page asks for (?start=YYYY-MM&end=YYYY-MM; one month by default: the last),
    and whether what was asked was understood."""
    start_text, end_text = request.GET.get("start"), request.GET.get("end")
    start = parse_month(start_text) if start_text else last_month()
    end = parse_month(end_text) if end_text else start
    ok = (
        start is not None
        and end is not None
        and start <= end
        and (end.year - start.year) * 12 + end.month - start.month < 36
    )
    if not ok:
        start = end = last_month()
    return (*month_range(start, end), ok)


UNSORTED = "未归类"


def bars(rows, title: str, ident: str) -> dict:
    """The period's counts as the statistics releases chart them (home/charts.py), with the rows
    (label, now, before) for the table beside the chart."""
    from decimal import Decimal

    from home.charts import bar_chart

    points = [
        (label, Decimal(now)) for label, now, _ in rows if label != UNSORTED and now
    ]  # 未归类 dwarfs the rest
    chart = bar_chart(points, "件", title, ident=ident) if points else {}
    return {"chart": chart, "rows": rows}


def analysis_view(request):
    if not analyses_hotline(request.user):
        if exchanges_hotline(request.user):
            return import_view(request)  # the centre's liaison: its menu item opens 导入工单
        raise PermissionDenied
    first, last, ok = period_of(request)
    result = analyse(first, last)
    if request.GET.get("export") == "xlsx":
        return analysis_workbook(result)
    fields = [(label, now, before) for _, label, now, before in result["by_field"] if now or before]
    towns = result["by_township"][:15]
    return TemplateResponse(
        request,
        "hotline/admin/analysis.html",
        {
            "result": result,
            "field_bars": bars(fields, "本期工单按公益诉讼领域", "fields"),
            "town_bars": bars(towns, "本期工单按乡镇", "towns"),
            "bad_period": not ok,
            "start": f"{first:%Y-%m}",
            "end": f"{last:%Y-%m}",
            "header_title": "民生诉求研判",
        },
        status=200 if ok else 400,
    )


def analysis_workbook(result) -> HttpResponse:
    from home.spreadsheets import Column as SheetColumn
    from home.spreadsheets import add_sheet, new_workbook, workbook_bytes

    first, last = result["first"], result["last"]
    title = f"民生诉求研判（{first:%Y年%m月}至{last:%Y年%m月}）"
    book = new_workbook(title)
    add_sheet(book, "按领域", [SheetColumn("公益诉讼领域", 24), SheetColumn("本期", 10), SheetColumn("上期", 10)],
              [(label, now, before) for _, label, now, before in result["by_field"]], title=title)  # fmt: skip
    add_sheet(book, "按乡镇", [SheetColumn("乡镇", 20), SheetColumn("本期", 10), SheetColumn("上期", 10)],
              result["by_township"], title=title)  # fmt: skip
    add_sheet(
        book, "热词", [SheetColumn("词", 16), SheetColumn("次数", 10)], result["hot_words"], title=title
    )
    add_sheet(
        book,
        "类案预警",
        [
            SheetColumn("乡镇", 14),
            SheetColumn("领域", 22),
            SheetColumn("件数", 8),
            SheetColumn("首件", 12),
            SheetColumn("末件", 12),
            SheetColumn("工单编号", 60, wrap=True),
        ],
        [
            (c.township, c.field_label, c.count, c.first, c.last, "、".join(c.tickets))
            for c in result["clusters"]
        ],
        title=title,
    )
    response = HttpResponse(workbook_bytes(book), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{title}.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response


# —— 工单 ————————————————————————————————————————————————————————————————————————————————————


class TicketFilterSet(django_filters.FilterSet):
    field = django_filters.ChoiceFilter(
        label="公益诉讼领域",
        choices=[*Field.choices, ("none", "未归类")],
        method="filter_field",
        empty_label="全部",
    )
    township = django_filters.CharFilter(label="乡镇", field_name="township")
    source = django_filters.ChoiceFilter(label="来源", choices=Source.choices, empty_label="全部")
    month = django_filters.CharFilter(label="月份（2026-11）", method="filter_month")

    class Meta:
        model = Ticket
        fields = []

    def filter_field(self, queryset, name, value):
        return queryset.filter(field="" if value == "none" else value)

    def filter_month(self, queryset, name, value):
        month = parse_month(value)
        if month is None:
            return queryset.none()
        return queryset.filter(received_on__range=month_range(month, month))


class TicketIndexView(PrivateListingMixin, IndexView):
    filterset_class = TicketFilterSet
    default_ordering = None
    paginate_by = 20  # outside a ModelViewSet nothing sets it: unset, every row would render
    page_title = "民生诉求工单"
    columns = [
        TitleColumn("number", label="工单编号", get_url=lambda t: reverse("hotline:ticket", args=[t.pk])),
        ChineseDateColumn("received_on", label="受理日期"),
        Column("township", label="乡镇"),
        Column("field", label="公益诉讼领域", accessor="get_field_display"),
        Column("summary", label="诉求内容"),
        Column("clue", label="公益诉讼线索"),
    ]
    invalid_filters_message = "筛选条件无效，已显示全部工单。"

    def get_base_queryset(self):
        if not analyses_hotline(self.request.user):
            raise PermissionDenied
        return Ticket.objects.select_related("clue").defer("words")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for ticket in context["object_list"]:
            ticket.summary = ticket.content[:40] + ("…" if len(ticket.content) > 40 else "")
        return context

    def get_add_url(self):
        return None


def ticket_view(request, pk):
    if not analyses_hotline(request.user):
        raise PermissionDenied
    ticket = get_object_or_404(Ticket.objects.select_related("clue", "rule"), pk=pk)
    return TemplateResponse(
        request, "hotline/admin/ticket.html", {"ticket": ticket, "header_title": f"工单 {ticket.number}"}
    )


def make_clue(tickets: list[Ticket], title: str, user):
    """One 公益诉讼线索 in the register for these 工单 (its source their hotline), linked both ways."""
    from clues.lives import ClueKind
    from clues.models import Clue
    from clues.register import open_clue

    first = tickets[0]
    summary = "；".join(
        f"{t.number}（{t.received_on:%Y-%m-%d}，{t.township}）：{t.content[:120]}" for t in tickets[:20]
    )
    clue = open_clue(
        Clue(kind=ClueKind.PUBLIC_INTEREST, title=title[:200], summary=summary[:4000], source=first.source,
             reference=first.number if len(tickets) == 1 else f"{first.number}等{len(tickets)}件"),
        timezone.localdate(), user,
    )  # fmt: skip
    Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(clue=clue)
    log(instance=clue, action="wagtail.create", user=user)
    return clue


def ticket_to_clue(request, pk):
    if request.method != "POST" or not analyses_hotline(request.user):
        raise PermissionDenied
    ticket = get_object_or_404(Ticket, pk=pk)
    if ticket.clue_id:
        messages.info(request, f"这件工单已转为线索 {ticket.clue.number}。")
        return redirect("clues:inspect", ticket.clue_id)
    with transaction.atomic():
        label = ticket.get_field_display() or "民生诉求"
        clue = make_clue([ticket], f"{ticket.township}{label}：{ticket.content[:60]}", request.user)
    messages.success(request, f"已登记公益诉讼线索 {clue.number}。")
    return redirect("clues:inspect", clue.pk)


def alert_to_clue(request):
    """An alert of the period (its 乡镇 and field) becomes one clue holding all its 工单."""
    if request.method != "POST" or not analyses_hotline(request.user):
        raise PermissionDenied
    first, last, ok = period_of(request)
    township, field = request.POST.get("township", ""), request.POST.get("field", "")
    cluster = next(
        (c for c in analyse(first, last)["clusters"] if c.township == township and c.field == field), None
    )
    if not ok or cluster is None:
        messages.error(request, "没有找到这条类案预警（期间或条件已变化），请刷新研判页面后再试。")
        return redirect(reverse("hotline:analysis") + f"?start={first:%Y-%m}&end={last:%Y-%m}")
    tickets = list(Ticket.objects.filter(pk__in=cluster.ids).order_by("received_on", "pk"))
    already = next((t.clue for t in tickets if t.clue_id), None)
    if already is not None:
        messages.info(request, f"这条预警的工单已转为线索 {already.number}。")
        return redirect("clues:inspect", already.pk)
    with transaction.atomic():
        clue = make_clue(
            tickets,
            f"{township}{cluster.field_label}类案：{cluster.count}件（{cluster.first:%m月%d日}至{cluster.last:%m月%d日}）",
            request.user,
        )
    messages.success(request, f"已登记公益诉讼线索 {clue.number}（含 {len(tickets)} 件工单）。")
    return redirect("clues:inspect", clue.pk)


# —— 导入 ————————————————————————————————————————————————————————————————————————————————————


class UploadForm(forms.Form):
    source = forms.ChoiceField(label="来源", choices=Source.choices)
    file = forms.FileField(
        label="工单导出文件",
        help_text="12345 或 12309 系统导出的 XLSX 或 CSV（GB18030 编码也可），不超过 20 MB。导入前先预览，个人信息在保存前隐去。",
        error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB），请控制在 20 MB 以内。"
            )
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".csv", ".txt")):
            raise forms.ValidationError("只能导入 XLSX 或 CSV 表格文件。")
        return upload


def import_view(request):
    if not imports_hotline(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = HotlineImport(
            source=form.cleaned_data["source"], filename=upload.name[:255], uploaded_by=request.user
        )
        job.file.save(upload.name, upload, save=False)
        job.save()
        return redirect("hotline:import_preview", job.pk)
    recent = HotlineImport.objects.select_related("uploaded_by")[:8]
    return TemplateResponse(
        request,
        "hotline/admin/import.html",
        {"form": form, "recent": recent, "header_title": "导入工单"},
        status=400 if form.errors else 200,
    )


def _job(request, job_id) -> HotlineImport:
    if not imports_hotline(request.user):
        raise PermissionDenied
    return get_object_or_404(HotlineImport, pk=job_id)


def import_preview(request, job_id):
    """The proposed (or remembered) column mapping, and the first rows as they would be stored."""
    job = _job(request, job_id)
    if job.status != ImportStatus.PREVIEW:
        return redirect("hotline:import_status", job.pk)
    remembered = ColumnMapping.objects.filter(source=job.source).values_list("mapping", flat=True).first()
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        sheet = read_sheet(job.filename, data, remembered, first_rows=PREVIEW_ROWS)
    except (TableFileError, FileNotFoundError, ValueError) as exc:
        job.file.delete(save=False)
        HotlineImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, file="", errors=[{"row": 0, "message": str(exc) or "文件无法读取。"}]
        )
        messages.error(request, str(exc) or "文件无法读取。")
        return redirect("hotline:import")
    choices = [("", "（不导入）"), *((text, text) for text in sheet.headers if text)]
    chosen = (
        {key: request.POST.get(f"map-{key}", "") for key in FIELDS}
        if request.method == "POST"
        else sheet.mapping()
    )
    problems = []
    if request.method == "POST":
        missing = [LAYOUT.names[key] for key in LAYOUT.required if not chosen.get(key)]
        if missing:
            problems.append(f"请为“{'、'.join(missing)}”选择对应的列。")
        elif any(text and text not in sheet.headers for text in chosen.values()):
            problems.append("所选的列不在文件中，请重新选择。")
        else:
            mapping = {key: text for key, text in chosen.items() if text}
            if request.POST.get("action") == "preview":
                sheet.columns = {key: sheet.headers.index(text) for key, text in mapping.items()}
            else:
                ColumnMapping.objects.update_or_create(
                    source=job.source, defaults={"mapping": mapping, "confirmed_by": request.user}
                )
                from .imports import queue_hotline_import

                queue_hotline_import(job)
                return redirect("hotline:import_status", job.pk)
    rows = preview(sheet)
    return TemplateResponse(
        request,
        "hotline/admin/import_preview.html",
        {
            "job": job,
            "fields": [
                (key, LAYOUT.names[key], chosen.get(key, ""), key in LAYOUT.required) for key in FIELDS
            ],
            "choices": choices,
            "rows": rows,
            "remembered": bool(remembered),
            "problems": problems,
            "header_title": "确认列对应关系并预览",
        },
        status=400 if problems else 200,
    )


def import_status(request, job_id):
    job = _job(request, job_id)
    finished = job.status in (ImportStatus.DONE, ImportStatus.FAILED)
    if request.GET.get("format") == "json":
        percent = round(100 * job.done / job.total) if job.total else 0
        return JsonResponse(
            {
                "finished": finished,
                "label": job.get_status_display(),
                "checked": job.done,
                "total": job.total,
                "percent": percent,
            }
        )
    return TemplateResponse(
        request,
        "hotline/admin/import_status.html",
        {"job": job, "finished": finished, "header_title": "导入工单"},
    )


# —— 月底反馈 ————————————————————————————————————————————————————————————————————————————————


def feedback_rows(month: datetime.date):
    """The month's 工单 that touch a 公益诉讼 field, with what became of each (the clue and its stage)."""
    from clues.lives import STEPS

    first, last = month_range(month, month)
    tickets = (
        Ticket.objects.filter(received_on__range=(first, last))
        .exclude(field="")
        .select_related("clue")
        .defer("words")
        .order_by("received_on", "pk")
    )
    rows = []
    for ticket in tickets:
        if ticket.clue_id:
            rule = STEPS.get((ticket.clue.kind, ticket.clue.stage))
            outcome = f"已转为公益诉讼线索 {ticket.clue.number}：{rule.stage if rule else ''}"
        else:
            outcome = "已研判，未发现需要检察机关立案的公益受损情形"
        rows.append((ticket, outcome))
    return rows


def feedback_view(request):
    if not imports_hotline(request.user):
        raise PermissionDenied
    month = parse_month(request.GET.get("month")) if request.GET.get("month") else last_month()
    bad = month is None
    month = month or last_month()
    rows = feedback_rows(month)
    if request.GET.get("export") == "xlsx" and not bad:
        from home.spreadsheets import Column as SheetColumn
        from home.spreadsheets import add_sheet, new_workbook, workbook_bytes

        title = f"{month:%Y年%m月}民生诉求工单办理情况反馈"
        book = new_workbook(title)
        add_sheet(
            book, "反馈",
            [SheetColumn("工单编号", 22), SheetColumn("受理日期", 12), SheetColumn("乡镇", 12),
             SheetColumn("公益诉讼领域", 20), SheetColumn("办理情况", 50, wrap=True)],
            [(t.number, t.received_on, t.township, t.get_field_display(), outcome) for t, outcome in rows],
            title=title,
        )  # fmt: skip
        response = HttpResponse(workbook_bytes(book), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{title}.xlsx")
        response["Cache-Control"] = "private, no-store"
        return response
    return TemplateResponse(
        request,
        "hotline/admin/feedback.html",
        {
            "rows": rows,
            "month": month,
            "bad_month": bad,
            "header_title": "月底反馈",
            "analyses": analyses_hotline(request.user),
        },
        status=400 if bad else 200,
    )


class HotlineViewSet(PermissionViewSet):
    name = "hotline"
    url_prefix = "hotline"
    icon = "comment"
    menu_label = "民生诉求研判"
    menu_order = 156
    add_to_admin_menu = True
    permissions = (ANALYSE, EXCHANGE)

    def get_urlpatterns(self):
        tickets = TicketIndexView.as_view(
            index_url_name="hotline:tickets", index_results_url_name="hotline:tickets_results"
        )
        return [
            path("", analysis_view, name="analysis"),
            path("tickets/", tickets, name="tickets"),
            path(
                "tickets/results/",
                TicketIndexView.as_view(
                    index_url_name="hotline:tickets",
                    index_results_url_name="hotline:tickets_results",
                    results_only=True,
                ),
                name="tickets_results",
            ),
            path("tickets/<int:pk>/", ticket_view, name="ticket"),
            path("tickets/<int:pk>/clue/", ticket_to_clue, name="ticket_clue"),
            path("alerts/clue/", alert_to_clue, name="alert_clue"),
            path("import/", import_view, name="import"),
            path("import/<int:job_id>/", import_preview, name="import_preview"),
            path("import/<int:job_id>/status/", import_status, name="import_status"),
            path("feedback/", feedback_view, name="feedback"),
        ]


class HotlinePanel(Component):
    """The admin home: the latest import, and for the procuratorate last month's 类案 alerts."""

    name = "hotline"
    template_name = "hotline/admin/panels/hotline.html"
    order = 58

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from .analysis import find_clusters
        from .models import AnalysisSettings

        analyses = analyses_hotline(self.user)
        month = last_month()
        alerts = 0
        if analyses:
            settings = AnalysisSettings.current()
            alerts = len(
                find_clusters(*month_range(month, month), settings.cluster_count, settings.cluster_days)
            )
        return {
            "latest": HotlineImport.objects.order_by("-created_at", "-pk").first(),
            "analyses": analyses,
            "month": month,
            "alerts": alerts,
        }
