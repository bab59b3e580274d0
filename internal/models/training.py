"""同堂培训: the joint training the seeds require at least once a calendar year
("每年…联合开展不少于1次的同堂培训")."""

from django import forms
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ..storage import make_thumbnail, photo_validators, private_storage
from .mixins import INTERNAL_TITLE_PANEL, InternalPageForm, PrivatePageMixin
from .units import MemberUnit

YEARLY_TARGET = 1


class TrainingForm(models.TextChoices):
    JOINT = "joint", "同堂培训"
    LECTURE = "lecture", "专题讲座"
    CASE_STUDY = "case_study", "案例研讨"
    TRIAL = "trial", "庭审观摩"


class TraineeCategory(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法人员"
    PROCURATORS = "procurators", "检察干警"
    RULE_OF_LAW = "rule_of_law", "政府法治工作人员"


class TrainingSessionPage(PrivatePageMixin, Page):
    date = models.DateField("培训日期")
    place = models.CharField("培训地点", max_length=120)
    form = models.CharField(
        "培训形式", max_length=20, choices=TrainingForm.choices, default=TrainingForm.JOINT
    )
    trainers = models.CharField("授课人", max_length=200, help_text="姓名和单位、职务，多人用顿号分隔。")
    content = RichTextField("培训内容", blank=True, features=["bold", "ol", "ul"])

    parent_page_types = ["internal.InternalIndexPage"]
    subpage_types: list[str] = []
    template = "internal/training_session_page.html"
    base_form_class = InternalPageForm
    search_fields: list = []  # internal: never in the site's search index

    content_panels = [
        INTERNAL_TITLE_PANEL,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("place"), FieldPanel("form"), FieldPanel("trainers")],
            heading="培训信息",
        ),
        FieldPanel("content"),
        InlinePanel("attendance", label="参训人数（按单位和类别）"),
        InlinePanel("materials", label="培训材料（内部资料，仅联席会议成员可见）"),
        InlinePanel("photos", label="培训照片（仅联席会议成员可见）"),
    ]

    class Meta:
        verbose_name = "同堂培训"
        verbose_name_plural = "同堂培训"

    @property
    def total_attendance(self) -> int:
        return sum(row.count for row in self.attendance.all())


class TrainingAttendance(Orderable):
    page = ParentalKey(TrainingSessionPage, on_delete=models.CASCADE, related_name="attendance")
    unit = models.ForeignKey(MemberUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    category = models.CharField("人员类别", max_length=20, choices=TraineeCategory.choices)
    count = models.PositiveSmallIntegerField("人数")

    panels = [FieldPanel("unit", widget=forms.Select), FieldPanel("category"), FieldPanel("count")]

    class Meta(Orderable.Meta):
        verbose_name = "参训人数"


class TrainingMaterial(Orderable):
    """讲义、课件: Wagtail documents, kept in the restricted 内部资料 collection."""

    page = ParentalKey(TrainingSessionPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "培训材料"


class TrainingPhoto(Orderable):
    """Photos live in private storage (Wagtail images would be public files: STACK-NOTES) and are
    sent by internal.views.private_file after checking the viewer."""

    page = ParentalKey(TrainingSessionPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        "照片", storage=private_storage, upload_to="training/%Y/", validators=photo_validators
    )
    thumbnail = models.ImageField(
        storage=private_storage, upload_to="training/%Y/", editable=False, blank=True
    )
    caption = models.CharField("照片说明", max_length=120, help_text="供读屏软件朗读，例如：学员分组讨论案例")

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "培训照片"

    def save(self, *args, **kwargs):
        stored = type(self).objects.filter(pk=self.pk).values_list("image", flat=True).first()
        if self.image and (not self.thumbnail or stored != self.image.name):  # new or replaced photo
            thumbnail = make_thumbnail(self.image)
            self.thumbnail.save(thumbnail.name, thumbnail, save=False)
        super().save(*args, **kwargs)


def joint_trainings_by_year(first_year: int, last_year: int) -> dict[int, int]:
    """Live 同堂培训 per calendar year (zero where there was none), one query."""
    counts = dict.fromkeys(range(first_year, last_year + 1), 0)
    dates = TrainingSessionPage.objects.live().filter(
        form=TrainingForm.JOINT, date__year__gte=first_year, date__year__lte=last_year
    )
    for date in dates.values_list("date", flat=True):
        counts[date.year] += 1
    return counts


def years_missing_the_target(first_year: int, last_year: int) -> list[int]:
    return [
        year
        for year, count in joint_trainings_by_year(first_year, last_year).items()
        if count < YEARLY_TARGET
    ]
