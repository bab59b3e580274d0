"""Form pages: 有奖竞答 (quiz, scored after submitting), 活动报名 (sign-up) and 法律咨询
(consultation). Every form asks for consent to the handling of personal information
(个人信息保护法), limits submissions per client, and keeps submissions only for its retention
period (a scheduled job deletes older ones)."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.search.backend import ChineseSearchField
from home.security import ratelimit
from home.security.privacy import PersonalInfoGuardMixin

CONSENT_FIELD = "personal_info_consent"
DEFAULT_CONSENT = (
    "我已阅读并同意：本表单收集的个人信息仅用于本次活动或咨询答复，由主办单位按照《中华人民共和国"
    "个人信息保护法》保管，不向第三方提供，保存期满后自动删除。"
)


class FormKind(models.TextChoices):
    QUIZ = "quiz", _("有奖竞答")
    SIGNUP = "signup", _("活动报名")
    CONSULTATION = "consultation", _("法律咨询")


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    correct_answer = models.CharField(
        "正确答案", max_length=255, blank=True, help_text="仅竞答题填写；多选题各选项用英文逗号分隔。"
    )
    points = models.PositiveSmallIntegerField("分值", default=10)

    panels = [
        *AbstractFormField.panels,
        FieldRowPanel([FieldPanel("correct_answer"), FieldPanel("points")], heading="竞答评分"),
    ]

    def is_correct(self, answer) -> bool:
        if not self.correct_answer:
            return False
        expected = {part.strip() for part in self.correct_answer.split(",") if part.strip()}
        given = (
            {str(a).strip() for a in answer} if isinstance(answer, (list, tuple)) else {str(answer).strip()}
        )
        return given == expected


class FormPage(PersonalInfoGuardMixin, AbstractForm):
    search_engine_indexable = False  # forms collect personal data: noindex, and not in the sitemap

    kind = models.CharField("表单类型", max_length=20, choices=FormKind.choices, default=FormKind.SIGNUP)
    intro = RichTextField("说明", blank=True, features=["bold", "link", "ol", "ul"])
    thank_you_text = RichTextField("提交后显示", blank=True, features=["bold", "link"])
    consent_text = models.TextField("个人信息处理同意书", default=DEFAULT_CONSENT)
    retention_days = models.PositiveSmallIntegerField(
        "提交记录保存天数",
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(1095)],
        help_text="期满的提交记录由系统每天自动删除。",
    )

    parent_page_types = ["campaigns.CampaignIndexPage", "home.HomePage"]
    subpage_types: list[str] = []
    template = "campaigns/form_page.html"
    landing_page_template = "campaigns/form_page_landing.html"

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="表单字段"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("consent_text"), FieldPanel("retention_days")], heading="个人信息保护"),
    ]
    search_fields = [*Page.search_fields, ChineseSearchField("intro"), index.FilterField("kind")]

    class Meta:
        verbose_name = "表单（竞答、报名、咨询）"
        verbose_name_plural = "表单"
        permissions = [("view_form_submissions", "可以查看和导出表单提交的个人信息")]

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields[CONSENT_FIELD] = forms.BooleanField(
            label=self.consent_text,
            required=True,
            error_messages={"required": "请阅读并勾选同意个人信息处理说明后再提交。"},
        )
        return form

    def get_submissions_list_view_class(self):
        from ..submissions import SafeSubmissionsListView  # admin views load after the models

        return SafeSubmissionsListView

    @property
    def rate_scope(self) -> str:
        return f"form:{self.pk}"

    def serve(self, request, *args, **kwargs):
        """At most FORM_RATE_LIMIT valid submissions per client per window, counted in the cache
        all workers share (home/security/ratelimit.py); a refused or invalid post uses up nothing."""
        limit, _window = settings.FORM_RATE_LIMIT
        if request.method == "POST" and ratelimit.reached(request, self.rate_scope, limit):
            context = self.get_context(request)
            context["form"] = self.get_form(request.POST, page=self, user=request.user)
            context["rate_limited"] = True
            return TemplateResponse(request, self.get_template(request), context, status=429)
        return super().serve(request, *args, **kwargs)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if form_submission is not None and request.method == "POST":  # a valid submission: count it
            ratelimit.count(request, self.rate_scope, settings.FORM_RATE_LIMIT[1])
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        if self.kind == FormKind.QUIZ and form_submission is not None:
            response.context_data["quiz"] = self.score(form_submission.get_data())
        return response

    def score(self, answers: dict) -> dict:
        """The quiz result: points, total and each question with the reader's answer."""
        questions, points, total = [], 0, 0
        for field in self.get_form_fields():
            if not field.correct_answer:
                continue
            answer = answers.get(field.clean_name, "")
            correct = field.is_correct(answer)
            total += field.points
            points += field.points if correct else 0
            shown = "、".join(answer) if isinstance(answer, (list, tuple)) else answer
            questions.append(
                {
                    "label": field.label,
                    "answer": shown,
                    "correct_answer": field.correct_answer,
                    "correct": correct,
                }
            )
        return {"points": points, "total": total, "questions": questions}


class ConsultationReply(models.Model):
    """答复 of a 法律咨询 submission: recorded by staff once the citizen has been answered, so the
    site-health check can flag consultations left unanswered for 90 days (政府网站普查)."""

    submission = models.OneToOneField(
        "wagtailforms.FormSubmission", verbose_name="咨询", on_delete=models.CASCADE, related_name="reply"
    )
    text = models.TextField(
        "答复内容", max_length=4000, help_text="答复要点和答复方式（电话、短信、当面等）。"
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="答复人", on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField("答复时间", auto_now_add=True)

    class Meta:
        verbose_name = "咨询答复"
        verbose_name_plural = "咨询答复"

    def __str__(self):
        return f"答复：{self.submission_id}"
