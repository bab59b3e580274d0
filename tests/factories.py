"""Factories for the page tree and users; tests build exactly the content they need."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.models import CampaignIndexPage, CaseIndexPage
from disclosures.models import DisclosureIndexPage, DisclosureMode, PolicyDocumentPage
from home.models import HomePage
from internal.models import InternalIndexPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.cn")
    password = factory.django.Password("pass-for-tests")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "府检联动 · 普法与公开平台"
    intro = "县人民政府与县人民检察院共同建设的普法与公开平台。"


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "普法活动"
    slug = "campaigns"
    show_in_menus = True


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseIndexPage

    title = "典型案例"
    slug = "cases"
    show_in_menus = True


class DisclosureIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DisclosureIndexPage

    title = "信息公开"
    slug = "disclosures"
    show_in_menus = True


class InternalIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InternalIndexPage

    title = "内部工作"
    slug = "internal"


class PolicyDocumentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PolicyDocumentPage

    title = factory.Sequence(lambda n: f"关于建立府检联动工作机制的实施意见（{n}）")
    document_number = factory.Sequence(lambda n: f"永政发〔2026〕{n + 1}号")
    issuing_organ = "永昌县人民政府 永昌县人民检察院"
    publishing_unit = factory.SubFactory("tests.factories.PublishingUnitFactory")
    written_date = datetime.date(2026, 3, 26)
    publication_date = datetime.date(2026, 3, 27)
    disclosure_mode = DisclosureMode.ACTIVE
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>依法严厉打击电信网络诈骗犯罪，联合开展法治宣传教育。</p>")]
    )


# ---- 普法 ----
from campaigns.models import (  # noqa: E402
    CampaignPage,
    CaseBatch,
    CaseCategory,
    CaseExamplePage,
    FormField,
    FormKind,
    FormPage,
    LegalArea,
    Venue,
)


class TaxonomyFactory(factory.django.DjangoModelFactory):
    """A named taxonomy snippet (重点领域, 普法阵地), found again by its slug."""

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)

    class Params:
        label = "分类"
        prefix = "item"

    name = factory.LazyAttributeSequence(lambda o, n: f"{o.label}{n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{o.prefix}-{n}")


class LegalAreaFactory(TaxonomyFactory):
    class Meta:
        model = LegalArea

    class Params:
        label, prefix = "重点领域", "area"


class VenueFactory(TaxonomyFactory):
    class Meta:
        model = Venue

    class Params:
        label, prefix = "普法阵地", "venue"


class CaseBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseBatch
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    release_date = datetime.date(2026, 3, 15)
    issuing_units = "永昌县人民检察院"


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"法治宣传活动{n}")
    start_date = datetime.date(2026, 3, 1)
    end_date = datetime.date(2026, 3, 31)
    place = "城关镇社区"
    organisers = "永昌县人民检察院、永昌县司法局"
    summary = "联合开展法治宣传。"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>检察官讲解防范电信网络诈骗知识。</p>")])

    @factory.post_generation
    def venues(self, create, extracted, **kwargs):
        if extracted:
            self.venues.set(extracted)
            self.save()  # parental many-to-many values are written on save

    @factory.post_generation
    def legal_areas(self, create, extracted, **kwargs):
        if extracted:
            self.legal_areas.set(extracted)
            self.save()


class CaseExamplePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseExamplePage

    title = factory.Sequence(lambda n: f"李某帮助信息网络犯罪活动案（{n}）")
    case_number = factory.Sequence(lambda n: f"永检典〔2026〕{n + 1}号")
    batch = factory.SubFactory(CaseBatchFactory)
    category = CaseCategory.CRIMINAL
    keywords = "电信网络诈骗、帮信罪"
    gist = "出租银行卡供他人接收诈骗资金，构成帮助信息网络犯罪活动罪。"
    facts = "<p>李某将本人银行卡出租给他人，用于接收电信网络诈骗资金。</p>"
    process = "<p>检察机关依法适用认罪认罚从宽制度。</p>"
    outcome = "<p>法院判处有期徒刑六个月。</p>"
    significance = "<p>提醒群众不要出租、出借银行卡。</p>"


class FormPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FormPage

    title = factory.Sequence(lambda n: f"法律咨询{n}")
    kind = FormKind.CONSULTATION


class FormFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormField

    label = factory.Sequence(lambda n: f"问题{n}")
    field_type = "singleline"
    required = True


# ---- 信息公开 ----
from disclosures.models import PeriodType, PublishingUnit, ReleaseKind, StatisticRow, StatisticsReleasePage  # noqa: E402


class PublishingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublishingUnit
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"永昌县人民政府{n}")
    code = factory.Sequence(lambda n: f"11620321013858{n:04d}")


class StatisticsReleasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StatisticsReleasePage

    title = factory.Sequence(lambda n: f"主要办案数据{n}")
    kind = ReleaseKind.PROCURATORATE
    year = 2026
    period_type = PeriodType.QUARTER
    period_number = 1
    cumulative = True
    publishing_unit = factory.SubFactory(PublishingUnitFactory)


def add_rows(page, rows):
    """Give a release its rows and publish it: rows = [(indicator, value, unit), …]."""
    from decimal import Decimal

    page.rows = [
        StatisticRow(indicator=name, value=Decimal(str(value)), unit=unit, sort_order=i)
        for i, (name, value, unit) in enumerate(rows)
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- Internal section ---------------------------------------------------------------------------


class MemberUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "internal.MemberUnit"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"永昌县第{n}成员单位")
    short_name = factory.LazyAttribute(lambda unit: unit.name.removeprefix("永昌"))


def add_meeting(
    index, resolutions, *, number=1, date=datetime.date(2026, 4, 2), kind="plenary", lead=None, title=None
):
    """A live 联席会议 under `index` with resolutions given as dicts of Resolution fields
    (co_units as a list). Returns the page; its resolutions are page.resolutions.all()."""
    from internal.models import MeetingPage, MemberUnit, Resolution, UnitKind

    lead = lead or MemberUnit.objects.filter(kind=UnitKind.LEAD).first()
    lead = lead or MemberUnitFactory(name="永昌县人民检察院", short_name="县检察院", kind=UnitKind.LEAD)
    page = MeetingPage(
        title=title or f"{date.year}年第{number}次联席会议",
        slug=f"meeting-{date.year}-{number}",
        number=number,
        date=date,
        kind=kind,
        convening_unit=lead,
    )
    items = []
    for order, spec in enumerate(resolutions):
        spec = dict(spec)
        co_units = spec.pop("co_units", [])
        resolution = Resolution(sort_order=order, **spec)
        resolution.co_units.set(co_units)
        items.append(resolution)
    page.resolutions = items
    index.add_child(instance=page)
    return page


FRAUD_QUIZ_RIGHT, FRAUD_QUIZ_WRONG = "帮助信息网络犯罪活动罪", "盗窃罪"


def add_fraud_quiz(parent, name_label="您的称呼"):
    """The 反诈有奖竞答 the form tests and the browser journey both answer: a name field and two
    50-point questions (the right answers: FRAUD_QUIZ_RIGHT, then 不会)."""
    quiz = FormPageFactory(parent=parent, title="反诈有奖竞答", kind=FormKind.QUIZ, slug="quiz")
    FormFieldFactory(page=quiz, label=name_label, field_type="singleline", sort_order=0)
    questions = [
        ("出租银行卡可能构成什么罪？", f"{FRAUD_QUIZ_RIGHT}\n{FRAUD_QUIZ_WRONG}", FRAUD_QUIZ_RIGHT),
        ("公检法会要求转账到安全账户吗？", "会\n不会", "不会"),
    ]
    for order, (label, choices, answer) in enumerate(questions, 1):
        FormFieldFactory(
            page=quiz,
            label=label,
            field_type="radio",
            choices=choices,
            correct_answer=answer,
            points=50,
            sort_order=order,
        )
    return quiz


def add_training(index, *, year=2026, photos=(), **fields):
    """A live 同堂培训 page of `year` under `index` (photos: TrainingPhoto instances)."""
    from internal.models import TrainingSessionPage

    defaults = {
        "title": f"{year}年度府检同堂培训",
        "slug": f"training-{year}",
        "date": datetime.date(year, 10, 22),
        "place": "县委党校",
        "trainers": "县检察院副检察长",
    }
    page = TrainingSessionPage(**{**defaults, **fields})
    page.photos = list(photos)
    index.add_child(instance=page)
    return page


class RecommendationFactory(factory.django.DjangoModelFactory):
    """检察建议: delivered two days after issue; the reply due in two months unless given."""

    class Meta:
        model = "internal.Recommendation"

    number = factory.Sequence(lambda n: f"永检行建〔2026〕{n + 1}号")
    kind = "recommendation"
    category = "correction"
    target_unit = factory.SubFactory(MemberUnitFactory)
    issued_on = datetime.date(2026, 1, 29)
    delivered_on = factory.LazyAttribute(lambda r: r.issued_on + datetime.timedelta(days=2))
    delivery_method = "in_person"
    problem = "行政执法案卷中处罚决定书送达回证缺失。"
    measures = "补正送达回证\n建立案卷归档前审查制度"
