"""联席会议 and its 议定事项 (督查督办)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .mixins import INTERNAL_TITLE_PANEL, InternalPageForm, PrivatePageMixin
from .progress import ProgressReport
from .status import ResolutionStatus
from .units import MemberUnit, UnitKind


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", "全体会议"
    BRIEFING = "briefing", "通报会"
    COORDINATION = "coordination", "协调会"
    SYMPOSIUM = "symposium", "座谈会"
    ASSESSMENT = "assessment", "研判会"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "出席"
    LEAVE = "leave", "请假"
    DELEGATED = "delegated", "委派参会"


class MeetingPageForm(InternalPageForm):
    """Attendance in bulk: a 全体会议 has some 27 units, so the office ticks them (or all at once)
    instead of adding rows one by one; the rows below remain for 请假 and 委派 details."""

    all_units = forms.BooleanField(
        label="全体成员单位出席",
        required=False,
        help_text="勾选后，保存时为每个在册成员单位添加一行“出席”（已列出的单位不重复添加）。",
    )
    present_units = forms.ModelMultipleChoiceField(
        label="勾选出席单位",
        queryset=MemberUnit.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="勾选的单位保存时添加为“出席”；请假、委派请在下方逐行填写。",
    )

    def save(self, commit=True):
        page = super().save(commit=False)
        chosen = (
            list(MemberUnit.objects.filter(is_active=True))
            if self.cleaned_data.get("all_units")
            else list(self.cleaned_data.get("present_units") or [])
        )
        rows = list(page.attendance.all())
        listed = {row.unit_id for row in rows}
        added = [
            MeetingAttendance(unit=unit, status=AttendanceStatus.PRESENT, sort_order=len(rows) + i)
            for i, unit in enumerate(u for u in chosen if u.pk not in listed)
        ]
        if added:
            page.attendance = rows + added
        if commit:
            page.save()
        return page


class MeetingPage(PrivatePageMixin, Page):
    number = models.PositiveSmallIntegerField("届次", help_text="本年度第几次会议。")
    date = models.DateField("会议日期")
    kind = models.CharField(
        "会议形式", max_length=20, choices=MeetingKind.choices, default=MeetingKind.PLENARY
    )
    convening_unit = models.ForeignKey(
        MemberUnit,
        verbose_name="召集单位",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": UnitKind.LEAD},
        related_name="convened_meetings",
    )
    chair = models.CharField("召集人", max_length=80, blank=True, help_text="例如：李某某 副县长")
    agenda = RichTextField("会议议题", blank=True, features=["bold", "ol", "ul"])
    minutes = RichTextField("会议纪要", blank=True, features=["h3", "bold", "ol", "ul"])
    signed_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="签发的纪要文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["internal.InternalIndexPage"]
    subpage_types: list[str] = []
    template = "internal/meeting_page.html"
    base_form_class = MeetingPageForm
    search_fields: list = []  # internal: never in the site's search index

    content_panels = [
        INTERNAL_TITLE_PANEL,
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("date"),
                FieldPanel("kind"),
                FieldPanel("convening_unit", widget=forms.Select),
                FieldPanel("chair"),
            ],
            heading="会议信息",
        ),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("all_units"),
                FieldPanel("present_units"),
                InlinePanel("attendance", label="参会单位"),
            ],
            heading="参会情况",
        ),
        FieldPanel("minutes"),
        FieldPanel("signed_document"),
        InlinePanel("resolutions", label="议定事项"),
    ]

    class Meta:
        verbose_name = "联席会议"
        verbose_name_plural = "联席会议"

    def clean(self):
        super().clean()
        if self.date and self.number:
            clash = MeetingPage.objects.filter(date__year=self.date.year, number=self.number)
            clash = clash.exclude(pk=self.pk) if self.pk else clash
            if clash.exists():
                raise ValidationError(
                    {"number": f"{self.date.year}年第{self.number}次会议已存在，请检查届次。"}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):  # unsaved children live in memory
            context.update(attendance=self.attendance.all(), resolutions=self.resolutions.all())
        else:  # a fixed number of queries, however many units and resolutions
            context.update(
                attendance=MeetingAttendance.objects.filter(page=self).select_related("unit"),
                resolutions=Resolution.objects.filter(page=self)
                .with_progress()
                .select_related("lead_unit")
                .prefetch_related("co_units"),
            )
        return context

    @property
    def label(self) -> str:
        return f"{self.date.year}年第{self.number}次{self.get_kind_display()}"


class MeetingAttendance(Orderable):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="attendance")
    unit = models.ForeignKey(MemberUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        "参会情况", max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    delegate = models.CharField("实际参会人员", max_length=80, blank=True, help_text="请假时委派的参会人员。")

    panels = [FieldPanel("unit", widget=forms.Select), FieldPanel("status"), FieldPanel("delegate")]

    class Meta(Orderable.Meta):
        verbose_name = "参会情况"


class ResolutionQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate each resolution with its latest reported status (one query for all)."""
        if "current" in self.query.annotations:
            return self
        latest = ProgressReport.objects.filter(resolution=models.OuterRef("pk")).order_by(
            "-created_at", "-pk"
        )
        return self.annotate(current=Coalesce(models.Subquery(latest.values("new_status")[:1]), "status"))

    def pending(self):
        """Not yet 已完成 by the latest report (or, without reports, as recorded at the meeting)."""
        return self.with_progress().exclude(current=ResolutionStatus.DONE)

    def due_by(self, day: datetime.date):
        """Pending and due on or before `day`: overdue ones and those coming due."""
        return self.pending().filter(deadline__lte=day)

    def for_unit(self, units):
        """Resolutions a unit carries, as lead or co-unit."""
        return self.filter(models.Q(lead_unit__in=units) | models.Q(co_units__in=units)).distinct()

    def of_live_meetings(self):
        return self.filter(page__live=True)


class Resolution(Orderable, ClusterableModel):
    """议定事项: what the meeting decided, who leads it, by when, and how far it has got.
    `status` is as recorded at the meeting; progress reports move the current status on."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="resolutions")
    requirement = models.TextField("工作要求")
    lead_unit = models.ForeignKey(
        MemberUnit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="led_resolutions"
    )
    co_units = ParentalManyToManyField(
        MemberUnit, verbose_name="配合单位", blank=True, related_name="supported_resolutions"
    )
    deadline = models.DateField("完成时限")
    status = models.CharField(
        "办理状态", max_length=20, choices=ResolutionStatus.choices, default=ResolutionStatus.NOT_STARTED
    )

    panels = [
        FieldPanel("requirement"),
        FieldPanel("lead_unit", widget=forms.Select),
        FieldPanel("co_units", widget=forms.CheckboxSelectMultiple),
        FieldPanel("deadline"),
        FieldPanel("status"),
    ]

    objects = ResolutionQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = "议定事项"
        verbose_name_plural = "议定事项"
        permissions = [
            ("view_all_resolutions", "查看所有成员单位的议定事项和进展"),
            ("view_supervision_report", "查看和导出督查督办报表"),
        ]

    def __str__(self):
        return self.requirement[:40]

    @property
    def current_status(self) -> str:
        """The latest report's status, else the one recorded at the meeting. Lists annotate it
        (`with_progress()`, one query for all); a lone instance asks its reports."""
        if hasattr(self, "current"):
            return self.current
        report = self.reports.order_by("-created_at", "-pk").first() if self.pk else None
        return report.new_status if report else self.status

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.current_status != ResolutionStatus.DONE and self.deadline < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def status_label(self) -> str:
        label = ResolutionStatus(self.current_status).label
        return f"{label}（逾期）" if self.overdue else label
