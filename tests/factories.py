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
    written_date = datetime.date(2026, 3, 26)
    publication_date = datetime.date(2026, 3, 27)
    disclosure_mode = DisclosureMode.ACTIVE
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>依法严厉打击电信网络诈骗犯罪，联合开展法治宣传教育。</p>")]
    )
