"""检察建议台账 in the admin, on Wagtail's ModelViewSet: the ledger (filters, export), 录入 and 修改,
one recommendation's page (Wagtail's inspect view) with its records and the forms its viewer may
use, its history (Wagtail's log: every create, edit and record), the 考核 figures and the private
files. Who sees what is internal/recommendations.py (LedgerPermissionPolicy asks it); who may record
what is the records' own validation. The state is worked out in SQL (annotate_state): a page of the
ledger, filtered by state or not, costs the same at 50 recommendations or 50,000."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.admin_viewsets import PrivateListingMixin, has_any_perm
from home.security.client_ip import client_ip
from home.spreadsheets import XLSX_TYPE

from .dashboard import kept_for_the_ledger
from .groups import FOLLOW_UP_RECOMMENDATIONS, MANAGE_RECOMMENDATIONS, REPORT_OWN_UNIT
from .models import (
    Escalation,
    Incident,
    MemberUnit,
    Objection,
    Recommendation,
    RecommendationState,
    RecommendationType,
    Rectification,
    Reply,
    Verification,
)
from .models.recommendation import GOVERNMENT_ESCALATIONS, may_record
from .recommendations import (
    FIGURE_KEYS,
    FIGURE_LABELS,
    labelled,
    manages_recommendations,
    reads_every_recommendation,
    visible_recommendations,
    with_states,
    year_figures,
)
from .views import ChineseDateColumn, _send_private

PERMISSIONS = (MANAGE_RECOMMENDATIONS, FOLLOW_UP_RECOMMENDATIONS, REPORT_OWN_UNIT)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _years():
    today = timezone.localdate()
    first = Recommendation.objects.order_by("issued_on").values_list("issued_on", flat=True).first()
    return [(y, f"{y}年") for y in range(today.year, (first.year if first else today.year) - 1, -1)]


def _units(request):
    if request is None or reads_every_recommendation(request.user):
        return MemberUnit.objects.all()
    return request.user.member_units.all()


class RecommendationFilterSet(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label="年度", choices=_years, method="filter_year", empty_label="全部年度"
    )
    unit = django_filters.ModelChoiceFilter(
        label="被建议单位", queryset=_units, field_name="target_unit", empty_label="全部单位"
    )
    category = django_filters.ChoiceFilter(
        label="建议类型", choices=RecommendationType.choices, empty_label="全部类型"
    )
    state = django_filters.ChoiceFilter(
        label="状态", choices=RecommendationState.choices, method="keep", empty_label="全部状态"
    )

    class Meta:
        model = Recommendation
        fields = []

    def filter_year(self, queryset, name, year):
        return queryset.filter(issued_on__year=int(year)) if year else queryset

    def keep(self, queryset, name, value):
        return queryset  # the state is an annotation: RecommendationIndexView filters on it


class StateColumn(Column):
    cell_template_name = "internal/admin/cells/recommendation_state.html"


class RecommendationIndexView(PrivateListingMixin, IndexView):
    """检察建议台账: every recommendation for the procuratorate, the office and 法治督办; a liaison's
    own units' only. Filter by year, unit, type and state; export XLSX/CSV."""

    filterset_class = RecommendationFilterSet
    default_ordering = None  # the model's: newest first
    columns = [
        TitleColumn(
            "number", label="文号", get_url=lambda r: reverse("recommendations:inspect", args=[r.pk])
        ),
        Column("target", label="被建议单位"),
        Column("kind", label="种类", accessor="get_kind_display"),
        Column("category", label="类型", accessor="get_category_display"),
        ChineseDateColumn("delivered_on", label="送达日期"),
        ChineseDateColumn("reply_due", label="回复期限"),
        StateColumn("state", label="状态"),
    ]
    list_export = [
        "number",
        "target",
        "kind_label",
        "category_label",
        "delivered_on",
        "reply_due",
        "state_label",
    ]
    export_headings = {
        "number": "文号",
        "target": "被建议单位",
        "kind_label": "种类",
        "category_label": "类型",
        "delivered_on": "送达日期",
        "reply_due": "回复期限",
        "state_label": "状态",
    }

    def get_page_title(self):
        return "检察建议台账" if reads_every_recommendation(self.request.user) else "本单位收到的检察建议"

    def get_filename(self):
        return f"检察建议台账_{timezone.localdate():%Y%m%d}"

    def get_base_queryset(self):
        return visible_recommendations(self.request.user).with_state(timezone.localdate())

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        state = (
            self.filters.form.cleaned_data.get("state") if self.filters and self.filters.is_valid() else ""
        )
        return queryset.in_state(state, timezone.localdate()) if state else queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labelled(context["object_list"])
        for item in context["object_list"]:
            item.kind_label, item.category_label = item.get_kind_display(), item.get_category_display()
        return context

    def to_row_dict(self, item):
        labelled([item])
        item.kind_label, item.category_label = item.get_kind_display(), item.get_category_display()
        return super().to_row_dict(item)

    invalid_filters_message = "筛选条件无效（年度、单位、类型或状态不存在），已显示全部检察建议。"

    @cached_property
    def header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        buttons = [
            HeaderButton("办理情况统计", url=reverse("recommendations:figures"), icon_name="table"),
            # in plain sight, with the current filters (Wagtail's own sits in the "…" menu)
            HeaderButton("导出 Excel", url=self.xlsx_export_url, icon_name="download"),
        ]
        if reads_every_recommendation(self.request.user):
            return buttons + super().header_buttons
        return []

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return "没有符合条件的检察建议。"
        if reads_every_recommendation(self.request.user):
            return "台账中还没有检察建议。"
        return "您的单位目前没有收到检察建议。"


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "number",
            "kind",
            "category",
            "legal_area",
            "target_unit",
            "target_name",
            "issued_on",
            "delivered_on",
            "delivery_method",
            "objection_days",
            "reply_period_days",
            "copied_to_government",
            "copy_reason",
            "problem",
            "measures",
            "attachment",
        ]
        widgets = {"issued_on": DATE, "delivered_on": DATE}


class InvalidIs400:
    """A refused form answers 400 (as every form of the site does), with what was typed kept."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def note_address(instance, request) -> None:
    """Wagtail's log says who and when; the ledger's entries say from where too (等保: 谁、何时、何地)."""
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.for_instance(instance).filter(user=request.user).order_by("-pk").first()
    if entry is not None:
        entry.data = {**(entry.data or {}), "address": client_ip(request)}
        entry.save(update_fields=["data"])


class RecommendationCreateView(InvalidIs400, CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        instance = super().save_instance()  # saved and logged ("wagtail.create") by Wagtail's action
        note_address(instance, self.request)
        return instance

    def get_success_url(self):
        return reverse("recommendations:inspect", args=[self.object.pk])

    def get_success_message(self, instance):
        return f"检察建议“{instance.number}”已保存。"


class RecommendationEditView(InvalidIs400, EditView):
    def get_object(self, queryset=None):
        return get_visible(self.request.user, self.kwargs[self.pk_url_kwarg])

    def save_instance(self):
        instance = super().save_instance()
        note_address(instance, self.request)
        return instance

    def get_success_url(self):
        return reverse("recommendations:inspect", args=[self.object.pk])

    def get_success_message(self):
        return f"检察建议“{self.object.number}”已保存。"


def get_visible(user, pk):
    recommendation = visible_recommendations(user).filter(pk=str(pk)).first() if str(pk).isdigit() else None
    if recommendation is None:
        raise Http404("没有这份检察建议，或它不是发给您的单位的。")
    return recommendation


class ObjectionForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["filed_on", "grounds", "late_reason"]
        widgets = {"filed_on": DATE, "late_reason": forms.Textarea(attrs={"rows": 2})}


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Objection
        fields = ["outcome", "decided_on", "explanation"]
        widgets = {"decided_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["decided_on"].required = True
        self.fields["explanation"].required = True


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["replied_on", "adoption", "reasons", "measures", "promised_by", "letter"]
        widgets = {"replied_on": DATE, "promised_by": DATE}


class RectificationForm(forms.ModelForm):
    class Meta:
        model = Rectification
        fields = ["reported_on", "text", "done"]
        widgets = {"reported_on": DATE}


class VerificationForm(forms.ModelForm):
    class Meta:
        model = Verification
        fields = ["visited_on", "passed", "notes"]
        widgets = {"visited_on": DATE}


class EscalationForm(forms.ModelForm):
    class Meta:
        model = Escalation
        fields = ["kind", "taken_on", "notes"]
        widgets = {"taken_on": DATE}

    def __init__(self, *args, government_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if government_only:
            self.fields["kind"].choices = [
                ("", "---------"),
                *((k.value, k.label) for k in GOVERNMENT_ESCALATIONS),
            ]


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["kind", "occurred_on", "notes"]
        widgets = {"occurred_on": DATE}


class CloseForm(forms.Form):
    closed_on = forms.DateField(label="办结日期", widget=DATE)


# action: (heading, form class, who may use it: a may_record rule)
ACTIONS = {
    "objection": ("提出异议", ObjectionForm, "unit"),
    "reply": ("书面回复", ReplyForm, "unit"),
    "rectification": ("报送整改进展", RectificationForm, "unit"),
    "review": ("异议复核", ReviewForm, "procuratorate"),
    "verification": ("整改核查", VerificationForm, "procuratorate"),
    "escalation": ("督促与追责", EscalationForm, "government"),
    "incident": ("考核扣分情形", IncidentForm, "procuratorate"),
    "close": ("办结", CloseForm, "procuratorate"),
}


def available_actions(user, recommendation, state) -> list[str]:
    pending = [o for o in recommendation.objections.all() if not o.outcome]
    finished = state in {RecommendationState.WITHDRAWN, RecommendationState.SUED, RecommendationState.CLOSED}
    actions = []
    for name, (_heading, _form, rule) in ACTIONS.items():
        if not may_record(user, recommendation, rule):
            continue
        if name == "review" and not pending:
            continue
        if name == "objection" and (pending or recommendation.replies.all()):
            continue
        if finished and name not in {"escalation", "incident"}:
            continue
        actions.append(name)
    return actions


def _form_for(action, user, data=None, files=None, recommendation=None):
    _heading, form_class, _rule = ACTIONS[action]
    kwargs = {"prefix": action}
    if action == "escalation":
        kwargs["government_only"] = not manages_recommendations(user)
    if action == "review":
        kwargs["instance"] = next(o for o in recommendation.objections.all() if not o.outcome)
    form = form_class(data, files, **kwargs)
    if action == "objection" and not manages_recommendations(user):
        del form.fields["late_reason"]  # a late objection is registered by the procuratorate or the office
    return form


def _record(action, form, recommendation, user):
    if action == "close":
        recommendation.closed_on = form.cleaned_data["closed_on"]
        recommendation.save(update_fields=["closed_on"])
        return
    record = form.save(commit=False)
    if action == "review":
        record.decided_by = user
    else:
        record.recommendation, record.recorded_by = recommendation, user
    record.save()


class RecommendationInspectView(InspectView):
    """One recommendation: its facts, its derived state, its records in date order, and the forms
    for what this viewer may record (the unit's reply, 法治督办's 督促, the procuratorate's review…).
    Each record is also an entry in the recommendation's history (Wagtail's log)."""

    template_name = "internal/admin/recommendation_detail.html"

    def get_object(self, queryset=None):
        get_visible(self.request.user, self.pk)
        (recommendation,) = with_states(visible_recommendations(self.request.user).filter(pk=self.pk))
        return recommendation

    def get_page_title(self):
        return "检察建议"

    def get_fields(self):
        return []  # the facts are laid out by the template

    def get(self, request, *args, **kwargs):
        return self.render_page(request, posted=None)

    def post(self, request, *args, **kwargs):
        recommendation = self.object
        action = request.POST.get("action", "")
        if action not in available_actions(request.user, recommendation, recommendation.state):
            raise PermissionDenied("您不能为这份检察建议记录这一事项。")
        form = _form_for(action, request.user, request.POST, request.FILES, recommendation)
        if form.is_valid():
            try:
                with transaction.atomic():
                    _record(action, form, recommendation, request.user)
                    log(
                        instance=recommendation,
                        action=RECORD_ACTION,
                        user=request.user,
                        data={"what": ACTIONS[action][0], "address": client_ip(request)},
                    )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, f"已记录：{ACTIONS[action][0]}。")
                return redirect(reverse("recommendations:inspect", args=[recommendation.pk]))
        return self.render_page(request, posted=(action, form))

    def render_page(self, request, posted):
        recommendation = self.object
        actions = available_actions(request.user, recommendation, recommendation.state)
        forms_by_action = {
            name: _form_for(name, request.user, recommendation=recommendation) for name in actions
        }
        if posted:
            forms_by_action[posted[0]] = posted[1]
        context = self.get_context_data(
            recommendation=recommendation,
            timeline=timeline(recommendation),
            actions=[(name, ACTIONS[name][0], forms_by_action[name]) for name in actions],
            may_edit=manages_recommendations(request.user),
            open_action=posted[0] if posted else "",
        )
        response = self.render_to_response(context, status=400 if posted else 200)
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response


RECORD_ACTION = "fjld.recommendation.record"


def timeline(recommendation) -> list[dict]:
    """Every record, oldest first: (date, what, who, text, file link)."""
    entries = []
    for o in recommendation.objections.all():
        entries.append({"date": o.filed_on, "what": "提出异议", "text": o.grounds, "record": o})
        if o.outcome:
            entries.append(
                {
                    "date": o.decided_on,
                    "what": f"异议复核：{o.get_outcome_display()}",
                    "text": o.explanation,
                    "record": o,
                }
            )
    for r in recommendation.replies.all():
        text = "\n".join(x for x in (r.measures, r.reasons and f"理由：{r.reasons}") if x)
        entries.append(
            {
                "date": r.replied_on,
                "what": f"书面回复（{r.get_adoption_display()}）",
                "text": text,
                "record": r,
                "file": reverse("recommendations:reply_letter", args=[r.pk]) if r.letter else "",
                "promised_by": r.promised_by,
            }
        )
    for r in recommendation.rectifications.all():
        entries.append(
            {
                "date": r.reported_on,
                "what": "整改进展" + ("（已整改完毕）" if r.done else ""),
                "text": r.text,
                "record": r,
            }
        )
    for v in recommendation.verifications.all():
        entries.append(
            {
                "date": v.visited_on,
                "what": "整改核查：" + ("整改到位" if v.passed else "未整改到位"),
                "text": v.notes,
                "record": v,
            }
        )
    for e in recommendation.escalations.all():
        entries.append({"date": e.taken_on, "what": e.get_kind_display(), "text": e.notes, "record": e})
    for i in recommendation.incidents.all():
        entries.append(
            {"date": i.occurred_on, "what": f"考核扣分：{i.get_kind_display()}", "text": i.notes, "record": i}
        )
    if recommendation.closed_on:
        entries.append({"date": recommendation.closed_on, "what": "办结", "text": ""})
    return sorted(entries, key=lambda e: e["date"])


def recommendation_file(request, pk):
    recommendation = visible_recommendations(request.user).filter(pk=pk).exclude(attachment="").first()
    if recommendation is None:
        raise Http404("没有这份文件，或它不属于您的单位。")
    return _send_private(recommendation.attachment, download=True)


def reply_letter(request, reply_id):
    reply = get_object_or_404(Reply.objects.exclude(letter=""), pk=reply_id)
    if not visible_recommendations(request.user).filter(pk=reply.recommendation_id).exists():
        raise Http404("没有这份文件，或它不属于您的单位。")
    return _send_private(reply.letter, download=True)


def recommendation_figures(request):
    """法治政府建设考核 figures for a year, by unit; `?export=xlsx` for the workbook."""
    if not reads_every_recommendation(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year
    if raw and str(year) != raw:
        messages.warning(request, f"年度“{raw[:10]}”无效，已显示{year}年。")
    # counted once per change of the ledger (any record renews it) and day, not on every visit
    data = kept_for_the_ledger("recommendation-figures", (year, today), lambda: year_figures(year, today))
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(figures_xlsx(data), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"检察建议办理情况_{year}.xlsx")
        return response
    keys = (*FIGURE_KEYS, "on_time_rate", "adoption_rate", "rectified_rate", "average_reply_days")
    response = TemplateResponse(
        request,
        "internal/admin/recommendation_figures.html",
        {
            "year": year,
            "years": [y for y, _ in _years()],
            "headings": [FIGURE_LABELS[key] for key in keys],
            "rows": [(row["unit"], _cells(row, keys)) for row in data["by_unit"]],
            "total": _cells(data, keys),
        },
    )
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def _cells(row: dict, keys) -> list[str]:
    """A row of the figures as shown: — for a rate with nothing to divide, rates with %."""
    return ["—" if row[k] is None else f"{row[k]}%" if "rate" in k else str(row[k]) for k in keys]


def figures_xlsx(data: dict) -> bytes:
    import io

    from openpyxl import Workbook

    from home.spreadsheets import Column as SheetColumn
    from home.spreadsheets import add_sheet

    keys = (*FIGURE_KEYS, "on_time_rate", "adoption_rate", "rectified_rate", "average_reply_days")
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = [[row["unit"], *(row[k] if row[k] is not None else "—" for k in keys)] for row in data["by_unit"]]
    rows.append(["合计", *(data[k] if data[k] is not None else "—" for k in keys)])
    add_sheet(
        workbook,
        f"{data['year']}年",
        [
            SheetColumn("被建议单位", 28, wrap=True),
            *(SheetColumn(FIGURE_LABELS[k], 12, wrap=True) for k in keys),
        ],
        rows,
        title=f"{data['year']}年检察建议办理情况（按被建议单位）",
        total_rows=1,
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class LedgerPermissionPolicy(ModelPermissionPolicy):
    """The ledger's rules, not Django's model permissions: the procuratorate and the office (manage)
    record and change recommendations; they, 法治督办 and a unit's liaisons read — a liaison only their
    own units' (visible_recommendations); nobody but a superuser deletes one."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in {"add", "change"}:
            return manages_recommendations(user)
        if action == "view":
            return has_any_perm(user, PERMISSIONS)
        if action == "delete":
            return user.is_superuser
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and visible_recommendations(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Recommendation.objects.none()
        return visible_recommendations(user)


register_permission_policy(Recommendation, LedgerPermissionPolicy(Recommendation))


class RecommendationViewSet(ModelViewSet):
    """检察建议台账 (/admin/recommendations/): the ledger, 录入 and 修改, each recommendation's page
    (<id>/) with its records and history, the 考核 figures and the private files."""

    model = Recommendation
    name = "recommendations"
    url_prefix = "recommendations"
    icon = "doc-full"
    menu_label = "检察建议台账"
    menu_order = 152
    add_to_admin_menu = True
    index_view_class = RecommendationIndexView
    add_view_class = RecommendationCreateView
    edit_view_class = RecommendationEditView
    inspect_view_class = RecommendationInspectView
    inspect_view_enabled = True
    form_fields = RecommendationForm.Meta.fields

    def get_urlpatterns(self):
        """Wagtail's views at the ledger's own addresses (<id>/ is the recommendation's page: reminder
        mails link to it), then the figures and the private files."""
        from django.urls import path

        addresses = {
            "add": "add/",
            "edit": "<int:pk>/edit/",
            "inspect": "<int:pk>/",
            "history": "<int:pk>/history/",
        }
        patterns = [
            path(addresses[p.name], p.callback, name=p.name) if p.name in addresses else p
            for p in super().get_urlpatterns()
        ]
        return [
            *patterns,
            path("figures/", recommendation_figures, name="figures"),
            path("<int:pk>/file/", recommendation_file, name="file"),
            path("replies/<int:reply_id>/letter/", reply_letter, name="reply_letter"),
        ]
