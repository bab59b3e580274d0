"""Admin view: an officer uploads an XLSX or CSV for a statistics release."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from home.spreadsheets import XLSX_TYPE

from .dataset import MAX_BYTES, export_csv, export_json, export_xlsx
from .imports import queue_import, retry_import
from .models import DatasetImport, ImportStatus, StatisticsReleasePage


class DatasetUploadForm(forms.Form):
    file = forms.FileField(
        label="数据文件",
        help_text=(
            "XLSX 或 CSV，表头须有指标、数值、单位三列（备注可省略），可以是合并单元格的两行；"
            f"不超过 {MAX_BYTES // 1024 // 1024} MB。"
        ),
        error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB），请控制在 {MAX_BYTES // 1024 // 1024} MB 以内。"
            )
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".csv", ".txt")):
            raise forms.ValidationError("只能导入 XLSX 或 CSV 表格文件。")
        return upload


def _editable_release(request, page_id):
    page = get_object_or_404(StatisticsReleasePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def import_dataset(request, page_id):
    """The upload is stored and queued (disclosures/imports.py); the officer is taken at once to
    its progress."""
    page = _editable_release(request, page_id)
    form = DatasetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = queue_import(page, form.cleaned_data["file"], request.user)
        return redirect(reverse("statistics:import_status", args=[page.pk, job.pk]))
    return TemplateResponse(
        request,
        "disclosures/admin/import_dataset.html",
        {
            "page": page,
            "form": form,
            "recent": page.imports.select_related("uploaded_by")[:5],
            "header_title": f"导入数据：{page.title}",
        },
        status=400 if form.errors else 200,
    )


def import_status(request, page_id, import_id):
    """An import's progress (as JSON for the page's script, `?format=json`), its errors by row, or —
    the first time it is seen done — the page's edit view with the result."""
    page = _editable_release(request, page_id)
    job = get_object_or_404(DatasetImport, pk=import_id, page=page)
    if request.method == "POST" and request.POST.get("action") == "retry":
        if job.interrupted:
            retry_import(job)
            messages.success(request, "已重新排队导入这份文件。")
        else:
            messages.warning(request, "这次导入没有中断，不需要重试。")
        return redirect(reverse("statistics:import_status", args=[page.pk, job.pk]))
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "label": job.get_status_display(),
                "checked": job.checked_rows,
                "total": job.total_rows,
                "percent": job.percent,
                "finished": job.finished,
                "interrupted": job.interrupted,
            }
        )
    if job.status == ImportStatus.DONE and not job.reported:
        DatasetImport.objects.filter(pk=job.pk).update(reported=True)
        messages.success(request, f"已导入 {job.imported_rows} 行数据，保存为草稿。请检查后提交审核或发布。")
        if job.notes:
            shown = "；".join(note[:40] for note in job.notes[:3]) + ("……" if len(job.notes) > 3 else "")
            messages.info(
                request,
                f"表格下方的 {len(job.notes)} 行说明（{shown}）没有作为数据导入；需要公开的说明请写入“数据说明”。",
            )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "disclosures/admin/import_status.html",
        {"page": page, "job": job, "header_title": f"导入数据：{page.title}"},
    )


def dataset_download(request, page_path, extension):
    """<release URL>data.csv | data.xlsx | data.json — only for a live, public release."""
    from wagtail.models import Page, Site

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page.localized.specific
    try:
        page, _, _ = root.route(request, [part for part in page_path.split("/") if part])
    except Http404:
        raise
    page = page.specific
    if not isinstance(page, StatisticsReleasePage) or not page.live:
        raise Http404("没有这个数据文件")
    if not Page.objects.public().filter(pk=page.pk).exists():
        raise Http404("没有这个数据文件")
    rows = page.rows.all()
    if extension == "json":
        response = JsonResponse(export_json(page), json_dumps_params={"ensure_ascii": False})
    elif extension == "csv":
        response = HttpResponse(export_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(export_xlsx(rows, page.title), content_type=XLSX_TYPE)
    if extension != "json":
        response["Content-Disposition"] = f'attachment; filename="{page.dataset_filename(extension)}"'
    return response


class GenerateReleaseForm(forms.Form):
    source = forms.ChoiceField(label="数据来源")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    publishing_unit = forms.ModelChoiceField(label="发布机构", queryset=None, empty_label=None)

    def __init__(self, *args, **kwargs):
        from home.registries.statistics import statistics_sources

        from .models import PublishingUnit

        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(s.key, s.title) for s in statistics_sources]
        self.fields["publishing_unit"].queryset = PublishingUnit.objects.all()


def generate_release_view(request, index_id):
    """从台账生成数据发布: the year's figures of a registered source as a draft release."""
    from django.utils import timezone

    from home.registries.statistics import source as find_source

    from .models import DisclosureIndexPage
    from .releases import default_unit, generate_release

    index = get_object_or_404(DisclosureIndexPage, pk=index_id)
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    initial = {"year": timezone.localdate().year - 1}
    form = GenerateReleaseForm(request.POST or None, initial=initial)
    first = next(iter(form.fields["source"].choices), None)
    if first and not form.is_bound:
        unit = default_unit(find_source(first[0]))
        form.initial["publishing_unit"] = unit.pk if unit else None
    if request.method == "POST" and form.is_valid():
        page = generate_release(
            find_source(form.cleaned_data["source"]),
            form.cleaned_data["year"],
            index=index,
            unit=form.cleaned_data["publishing_unit"],
            user=request.user,
        )
        messages.success(request, f"已生成草稿“{page.title}”（仅含汇总数字）。请核对后提交审核。")
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "disclosures/admin/generate_release.html",
        {"index": index, "form": form},
        status=400 if form.errors else 200,
    )


# 导入模板: the header and the usual indicators of each kind of release, values left for the clerk.
TEMPLATE_ROWS = {
    "procuratorate": [
        ("受理审查逮捕", "人"), ("批准和决定逮捕", "人"), ("受理审查起诉", "人"), ("提起公诉", "人"),
        ("适用认罪认罚从宽制度", "人"), ("制发检察建议", "件"), ("公益诉讼立案", "件"), ("认罪认罚适用率", "%"),
    ],
    "court_appearance": [
        ("行政诉讼案件开庭审理", "件"), ("行政机关负责人出庭应诉", "件"), ("行政机关负责人出庭应诉率", "%"),
    ],
    "reconsideration": [
        ("收到行政复议申请", "件"), ("受理行政复议申请", "件"), ("审结行政复议案件", "件"), ("行政复议纠错率", "%"),
        ("行政诉讼一审案件", "件"), ("行政机关败诉率", "%"),
    ],
    "custom": [("指标名称", "件")],
}  # fmt: skip


def import_help(request):
    """数据导入说明: what an upload may look like (the layouts statistics offices send), for anyone
    in the admin; it shows nothing but the rules."""
    from .dataset import ALLOWED_UNITS, HEADER_SEARCH_ROWS

    return TemplateResponse(
        request,
        "disclosures/admin/import_help.html",
        {
            "units": "、".join(sorted(ALLOWED_UNITS)),
            "max_mb": MAX_BYTES // 1024 // 1024,
            "header_search_rows": HEADER_SEARCH_ROWS,
            "header_title": "数据导入说明",
        },
    )


def dataset_template(request, kind):
    from home.spreadsheets import add_sheet, new_workbook, workbook_bytes

    from .dataset import DATASET_COLUMNS
    from .models import ReleaseKind

    labels = dict(ReleaseKind.choices)
    if kind not in labels:
        raise Http404("没有这种数据类别")
    workbook = new_workbook()
    add_sheet(
        workbook,
        "数据",
        DATASET_COLUMNS,
        [[indicator, None, unit, ""] for indicator, unit in TEMPLATE_ROWS.get(kind, TEMPLATE_ROWS["custom"])],
        title=f"{labels[kind]}导入模板（第2行为表头；“数值”列填数字，百分比可直接填 98 或 98%）",
    )
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_TYPE)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, f"{labels[kind]}导入模板.xlsx")
    return response
