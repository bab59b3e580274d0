"""府检线索互通登记 in the admin (/admin/clues/), on Wagtail's ModelViewSet: the register a user may
see (clues/access.py), filtered by kind, state, unit and year and exported; 登记 of a clue with its
first step; one clue's page with its steps in order, its deadline and the rule that sets it, and
the forms for the steps this viewer may record next; its history (Wagtail's log)."""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import HistoryView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.admin_viewsets import PrivateListingMixin
from home.security.client_ip import client_ip
from internal.models import MemberUnit, Recommendation, RecommendationKind, RecommendationType

from .access import visible_clues
from .lives import (
    FEEDBACK_CODE,
    FEEDBACK_LABEL,
    FEEDBACK_SOURCES,
    PAUSE_CODE,
    PAUSE_LABEL,
    STEPS,
    ClueKind,
    first_step,
    window_codes,
)
from .models import Clue, ClueStep
from .permissions import (
    creatable_kinds,
    follows_clues,
    manages_clues,
    may_record_step,
    reads_all_clues,
)
from .register import open_clue, record_step

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
STEP_ACTION = "fjld.clue.step"
DUE_SOON_DAYS = 7

STATE_CHOICES = [
    ("open", "办理中"),
    ("due_soon", f"{DUE_SOON_DAYS}日内到期"),
    ("overdue", "逾期"),
    ("paused", "期限中止"),
    ("closed", "已办结"),
]


def state_filter(queryset, state: str, now: datetime.datetime):
    today = timezone.localdate(now)
    if state == "open":
        return queryset.filter(closed_on__isnull=True)
    if state == "due_soon":
        return queryset.due_between(today, today + datetime.timedelta(days=DUE_SOON_DAYS)).exclude(
            pk__in=queryset.overdue(now).values("pk")
        )
    if state == "overdue":
        return queryset.overdue(now)
    if state == "paused":
        return queryset.filter(paused=True)
    if state == "closed":
        return queryset.filter(closed_on__isnull=False)
    return queryset


class ClueFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="类别", choices=ClueKind.choices, empty_label="全部类别")
    state = django_filters.ChoiceFilter(
        label="办理状态", choices=STATE_CHOICES, method="filter_state", empty_label="全部"
    )
    unit = django_filters.ModelChoiceFilter(
        label="单位",
        queryset=lambda request: (
            MemberUnit.objects.all() if reads_all_clues(request.user) else request.user.member_units.all()
        ),
        method="filter_unit",
        empty_label="全部单位",
    )
    year = django_filters.NumberFilter(label="年度", field_name="opened_on", lookup_expr="year")

    class Meta:
        model = Clue
        fields = []

    def filter_state(self, queryset, name, value):
        return state_filter(queryset, value, timezone.now())

    def filter_unit(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(unit=value) | Q(police_unit=value))


def describe(clue: Clue, now: datetime.datetime) -> Clue:
    """The labels a list row or the clue's page shows, from the stored derived fields and the rules."""
    rule = STEPS.get((clue.kind, clue.stage))
    clue.stage_label = rule.stage if rule else "未登记"
    clue.rule = rule
    clue.clock = rule.clock if rule else None
    clue.waiting_for = "、".join(STEPS[(clue.kind, code)].label for code in rule.then) if rule else ""
    clue.is_window = clue.stage in window_codes()
    clue.late = bool(clue.due_at and clue.due_at <= now and not clue.is_window)
    clue.feedback_late = bool(clue.feedback_due and clue.feedback_due < timezone.localdate(now))
    clue.hours_rule = bool(clue.clock and clue.clock.unit == "hours")
    return clue


class StageColumn(Column):
    cell_template_name = "clues/admin/cells/stage.html"


class DueColumn(Column):
    cell_template_name = "clues/admin/cells/due.html"


class ClueIndexView(PrivateListingMixin, IndexView):
    filterset_class = ClueFilterSet

    def get_add_url(self):
        return None  # 登记 is the header's own button (a kind is chosen first)

    default_ordering = None
    columns = [
        TitleColumn("number", label="登记编号", get_url=lambda c: reverse("clues:inspect", args=[c.pk])),
        Column("kind", label="类别", accessor="get_kind_display"),
        Column("display_title", label="案由或线索摘要"),
        Column("unit", label="行政机关"),
        StageColumn("stage", label="当前环节"),
        DueColumn("due_on", label="期限"),
    ]
    list_export = [
        "number",
        "kind_label",
        "display_title",
        "unit_name",
        "police_name",
        "opened_on",
        "stage_label",
        "due_on",
    ]
    export_headings = {
        "number": "登记编号",
        "kind_label": "类别",
        "display_title": "案由或线索摘要",
        "unit_name": "行政机关",
        "police_name": "公安机关",
        "opened_on": "登记日期",
        "stage_label": "当前环节",
        "due_on": "期限",
    }
    invalid_filters_message = "筛选条件无效（类别、状态、单位或年度不存在），已显示全部线索。"

    def get_page_title(self):
        return "府检线索互通登记" if reads_all_clues(self.request.user) else "本单位的移送案件和线索"

    def get_filename(self):
        return f"府检线索互通登记_{timezone.localdate():%Y%m%d}"

    def get_base_queryset(self):
        return visible_clues(self.request.user).select_related("unit", "police_unit")

    def label(self, clue):
        describe(clue, timezone.now())
        clue.kind_label = clue.get_kind_display()
        clue.unit_name = clue.unit.name if clue.unit_id else ""
        clue.police_name = clue.police_unit.name if clue.police_unit_id else ""
        return clue

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for clue in context["object_list"]:
            self.label(clue)
        return context

    def to_row_dict(self, item):
        return super().to_row_dict(self.label(item))

    @cached_property
    def header_buttons(self):
        buttons = []
        if creatable_kinds(self.request.user):
            buttons.append(HeaderButton("登记", url=reverse("clues:add"), icon_name="plus"))
        buttons.append(HeaderButton("案情通报", url=reverse("clues:report"), icon_name="table"))
        buttons.append(HeaderButton("导出 Excel", url=self.xlsx_export_url, icon_name="download"))
        return buttons

    @cached_property
    def no_results_message(self):
        return "没有符合条件的线索。" if self.is_filtering else "登记簿中还没有线索。"


class ClueForm(forms.ModelForm):
    on = forms.DateField(label="日期", widget=DATE)
    at = forms.TimeField(label="时间", required=False, widget=TIME)

    class Meta:
        model = Clue
        fields = ["title", "summary", "unit", "police_unit", "source", "reference"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    # the fields each kind asks for (a 职务违法线索: the 文书编号 and the date only)
    KIND_FIELDS = {
        ClueKind.TRANSFER: ["title", "summary", "unit", "police_unit", "reference"],
        ClueKind.OPINION: ["title", "summary", "unit", "reference"],
        ClueKind.PUBLIC_INTEREST: ["title", "summary", "source", "unit", "reference"],
        ClueKind.URGE: ["title", "summary", "unit", "reference"],
        ClueKind.DISCIPLINE: ["reference"],
    }

    def __init__(self, *args, kind, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind  # from the address, never from the post
        keep = {"on", "at", *self.KIND_FIELDS[kind]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        first = first_step(kind)
        self.fields["on"].label = f"{first.label}的日期"
        self.fields["on"].initial = timezone.localdate()
        if not first.needs_time:
            del self.fields["at"]
        if "unit" in self.fields:
            self.fields["unit"].queryset = (
                MemberUnit.objects.all() if manages_clues(user) else user.member_units.all()
            )
            self.fields["unit"].required = kind != ClueKind.PUBLIC_INTEREST
            if not manages_clues(user):
                self.fields["unit"].empty_label = None  # a liaison's own unit, chosen already
        if "police_unit" in self.fields:
            self.fields["police_unit"].queryset = MemberUnit.objects.filter(name__contains="公安")
            self.fields["police_unit"].required = True
            self.fields["police_unit"].empty_label = (
                None if self.fields["police_unit"].queryset.count() == 1 else "请选择"
            )
        if "source" in self.fields:
            self.fields["source"].required = True
        if kind == ClueKind.DISCIPLINE:
            self.fields["reference"].required = True
            self.fields["reference"].label = "移交函或线索编号"


def add_clue(request):
    """登记: first the kind (a liaison registers their unit's transfers only), then its form."""
    kinds = creatable_kinds(request.user)
    if not kinds:
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    if kind not in kinds:
        choices = [(k, ClueKind(k).label, first_step(k).label) for k in kinds]
        if len(choices) > 1:
            return TemplateResponse(
                request, "clues/admin/choose_kind.html", {"choices": choices, "header_title": "登记线索"}
            )
        kind = kinds[0]
    form = ClueForm(request.POST or None, kind=kind, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            clue = open_clue(form.save(commit=False), data["on"], request.user, at=data.get("at"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            log(
                instance=clue,
                action="wagtail.create",
                user=request.user,
                data={"address": client_ip(request)},
            )
            messages.success(request, f"已登记：{clue.number}。")
            return redirect(reverse("clues:inspect", args=[clue.pk]))
    return TemplateResponse(
        request,
        "clues/admin/add.html",
        {"form": form, "kind": ClueKind(kind), "header_title": f"登记{ClueKind(kind).label}"},
        status=400 if form.errors else 200,
    )


class StepForm(forms.ModelForm):
    """One step, one pause or one feedback; `code` offers only what this viewer may record now."""

    class Meta:
        model = ClueStep
        fields = ["code", "on", "at", "ends_on", "document", "notes"]
        widgets = {
            "code": forms.RadioSelect,
            "on": DATE,
            "at": TIME,
            "ends_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.ChoiceField(label="环节", choices=codes, widget=forms.RadioSelect)
        if len(codes) == 1:
            self.fields["code"].initial = codes[0][0]
        self.fields["on"].initial = timezone.localdate()


class PauseForm(StepForm):
    class Meta(StepForm.Meta):
        fields = ["code", "on", "ends_on", "notes"]


class RecommendationStepForm(forms.Form):
    """The 检察建议 a step opens, made in the ledger from these few facts."""

    number = forms.CharField(label="检察建议文号", max_length=60)
    delivered_on = forms.DateField(label="送达日期", widget=DATE)
    urgent = forms.BooleanField(
        label="情况紧急（十五日内回复）", required=False, help_text="不勾选：收到之日起两个月内回复。"
    )
    measures = forms.CharField(label="建议事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if Recommendation.objects.filter(number=number).exists():
            raise forms.ValidationError("台账中已有这个文号的检察建议。")
        return number


class TransferStepForm(forms.Form):
    police_unit = forms.ModelChoiceField(
        label="接收的公安机关", queryset=MemberUnit.objects.filter(name__contains="公安"), empty_label=None
    )


def next_codes(user, clue: Clue, steps) -> list[tuple[str, str]]:
    from .lives import life_steps

    if clue.closed_on:
        return []
    life = life_steps(steps)
    allowed = STEPS[(clue.kind, life[-1].code)].then if life else (first_step(clue.kind).code,)
    return [(code, STEPS[(clue.kind, code)].label) for code in allowed if may_record_step(user, clue, code)]


def clue_detail(request, pk):
    """One clue: its facts, steps, deadline and the forms for what this viewer may record."""
    clue = get_object_or_404(
        visible_clues(request.user).select_related(
            "unit", "police_unit", "recommendation", "penalty_decision", "opened_from"
        ),
        pk=pk,
    )
    steps = list(clue.steps.select_related("recorded_by"))
    codes = next_codes(request.user, clue, steps)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and not follows_clues(request.user):
        raise PermissionDenied
    forms_ = {}
    if codes:
        forms_["step"] = StepForm(request.POST if action == "step" else None, codes=codes, prefix="step")
        del forms_["step"].fields["ends_on"]  # only a pause ends
    if manages_clues(request.user) and clue.kind == ClueKind.OPINION and clue.stage == "registered":
        open_pause = next((s for s in steps if s.code == PAUSE_CODE and s.ends_on is None), None)
        forms_["pause"] = PauseForm(
            request.POST if action == "pause" else None,
            codes=[(PAUSE_CODE, PAUSE_LABEL)],
            instance=open_pause,
            prefix="pause",
        )
    if (
        manages_clues(request.user)
        and clue.kind == ClueKind.PUBLIC_INTEREST
        and clue.source in FEEDBACK_SOURCES
        and not any(s.code == FEEDBACK_CODE for s in steps)
    ):
        forms_["feedback"] = StepForm(
            request.POST if action == "feedback" else None,
            codes=[(FEEDBACK_CODE, FEEDBACK_LABEL)],
            prefix="feedback",
        )
        for name in ("at", "ends_on"):
            del forms_["feedback"].fields[name]
    extra = {
        "recommendation": RecommendationStepForm(request.POST if action == "step" else None, prefix="rec"),
        "transfer": TransferStepForm(request.POST if action == "step" else None, prefix="transfer"),
    }
    if request.method == "POST":
        form = forms_.get(action)
        if form is None:
            raise PermissionDenied("您不能为这条线索记录这一事项。")
        if form.is_valid():
            opens = ""
            if action == "step":
                opens = STEPS[(clue.kind, form.cleaned_data["code"])].opens
            helper = extra.get(opens)
            if helper is None or helper.is_valid():
                try:
                    with transaction.atomic():
                        step = form.save(commit=False)
                        rec = (
                            make_recommendation(clue, step, helper.cleaned_data)
                            if opens == "recommendation"
                            else None
                        )
                        police = helper.cleaned_data["police_unit"] if opens == "transfer" else None
                        if action == "step":
                            record_step(clue, step, request.user, recommendation=rec, police_unit=police)
                        else:
                            step.clue = clue
                            step.recorded_by = request.user
                            step.save()
                        log(
                            instance=clue,
                            action=STEP_ACTION,
                            user=request.user,
                            data={"what": step.label, "address": client_ip(request)},
                        )
                except ValidationError as exc:
                    for field, errors in (
                        exc.message_dict.items() if hasattr(exc, "message_dict") else [(None, exc.messages)]
                    ):
                        for error in errors:
                            form.add_error(field if field in form.fields else None, error)
                else:
                    messages.success(request, f"已记录：{step.label}。")
                    return redirect(reverse("clues:inspect", args=[clue.pk]))
    describe(clue, timezone.now())
    return TemplateResponse(
        request,
        "clues/admin/detail.html",
        {
            "clue": clue,
            "steps": steps,
            "forms": forms_,
            "extra": extra,
            "open_action": action,
            "opens": {code: STEPS[(clue.kind, code)].opens for code, _ in codes},
            "header_title": f"{clue.get_kind_display()} {clue.number}",
        },
        status=400 if action else 200,
    )


def make_recommendation(clue: Clue, step: ClueStep, data) -> Recommendation:
    """The 检察建议 in the ledger: a public-interest clue's 诉前检察建议 (two months, or 15 days when
    urgent), or an opinion's follow-up 纠正违法 recommendation; to the clue's unit."""
    public_interest = clue.kind == ClueKind.PUBLIC_INTEREST
    return Recommendation(
        number=data["number"],
        kind=RecommendationKind.RECOMMENDATION,
        category=RecommendationType.PUBLIC_INTEREST if public_interest else RecommendationType.CORRECTION,
        target_unit=clue.unit,
        target_name="" if clue.unit_id else "（请在台账中补充被建议单位）",
        issued_on=step.on,
        delivered_on=data["delivered_on"],
        delivery_method="in_person",
        reply_period_days=15 if data.get("urgent") else None,
        problem=f"{clue.number}：{clue.title}。{clue.summary}"[:4000],
        measures=data["measures"],
    )


class CluePermissionPolicy(ModelPermissionPolicy):
    """The register's own rule (clues/access.py): viewing for those who follow clues; adding for
    those who may register a kind; steps are recorded on the clue's page; nobody edits or deletes
    a clue but a superuser."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action == "view":
            return follows_clues(user)
        if action == "add":
            return bool(creatable_kinds(user))
        return user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and visible_clues(user).filter(pk=instance.pk).exists()

    def instances_user_has_permission_for(self, user, action):
        return visible_clues(user) if self.user_has_permission(user, action) else Clue.objects.none()


register_permission_policy(Clue, CluePermissionPolicy(Clue))


class ClueHistoryView(HistoryView):
    """A clue's history (Wagtail's log) for those who may see the clue, nobody else."""

    def get_object(self):
        return get_object_or_404(visible_clues(self.request.user), pk=self.pk)


class ClueViewSet(ModelViewSet):
    model = Clue
    name = "clues"
    url_prefix = "clues"
    icon = "link"
    menu_label = "府检线索互通"
    menu_order = 153
    add_to_admin_menu = True
    index_view_class = ClueIndexView
    history_view_class = ClueHistoryView
    form_fields = ["title"]

    def get_urlpatterns(self):
        from django.urls import path

        from .report import clue_report

        kept = [p for p in super().get_urlpatterns() if p.name not in ("add", "inspect")]
        return [
            *kept,
            path("add/", add_clue, name="add"),
            path("<int:pk>/", clue_detail, name="inspect"),
            path("report/", clue_report, name="report"),
        ]


PANEL_ROWS = 10


class CluesDuePanel(Component):
    """The admin home: the clues overdue and due within the week, that this user may see — counted
    in SQL, the first rows listed (two queries for counts, one for rows, at any size)."""

    name = "clues_due"
    template_name = "clues/admin/panels/due.html"
    order = 52

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        visible = visible_clues(self.user)
        overdue = visible.overdue(now)
        due = state_filter(visible, "due_soon", now)
        overdue_count, due_count = overdue.count(), due.count()
        rows = list(
            (overdue | due).select_related("unit").order_by("due_on", "feedback_due", "pk")[:PANEL_ROWS]
        )
        return {
            "rows": [describe(clue, now) for clue in rows],
            "overdue_count": overdue_count,
            "due_count": due_count,
            "more": max(0, overdue_count + due_count - len(rows)),
            "days": DUE_SOON_DAYS,
            "everyone": reads_all_clues(self.user),
        }
