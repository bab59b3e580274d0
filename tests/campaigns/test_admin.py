"""Publishing through the admin: a case holding personal data is refused with the field named."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.models import CampaignPage, CaseExamplePage
from tests.factories import CaseBatchFactory, LegalAreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def case_form(**overrides):
    batch = CaseBatchFactory()
    area = LegalAreaFactory(name="电信网络诈骗", slug="telecom-fraud")
    data = {
        "title": "李某帮助信息网络犯罪活动案",
        "slug": "li-case",
        "case_number": "永检典〔2026〕1号",
        "batch": batch.pk,
        "category": "criminal",
        "legal_area": area.pk,
        "keywords": "电信网络诈骗、帮信罪",
        "summary": "",
        "gist": "出租银行卡构成帮助信息网络犯罪活动罪。",
        "facts": rich_text("李某出租银行卡。"),
        "process": rich_text("检察机关依法审查。"),
        "outcome": rich_text("判处有期徒刑六个月。"),
        "significance": rich_text("不要出租银行卡。"),
        "provisions": streamfield([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("facts", rich_text("当事人身份证号110101199003071233。"), "居民身份证号码"),
        ("gist", "被害人手机13812345678。", "手机号码"),
        ("keywords", "卡号4111111111111111", "银行卡号"),
    ],
)
def test_admin_refuses_to_publish_a_case_with_personal_data(client, site_tree, field, value, needle):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = f"/admin/pages/add/campaigns/caseexamplepage/{site_tree['cases'].pk}/"
    response = client.post(url, case_form(**{field: value}))
    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert needle in html
    assert "隐名处理" in html
    assert "页面未能创建：有字段未通过检查" in html  # the banner above the fields, in Chinese
    assert "could not be created" not in html
    assert not CaseExamplePage.objects.exists()


def test_admin_publishes_a_clean_case(client, site_tree):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = f"/admin/pages/add/campaigns/caseexamplepage/{site_tree['cases'].pk}/"
    response = client.post(url, case_form())
    assert response.status_code == 302
    case = CaseExamplePage.objects.get()
    assert case.live
    assert client.get(case.url).status_code == 200


def test_publicity_staff_builds_a_campaign_from_blocks(client, site_tree):
    from campaigns.roles import PUBLICITY
    from home.registries.roles import apply_roles

    apply_roles()
    client.force_login(UserFactory(groups=[PUBLICITY]))
    url = f"/admin/pages/add/campaigns/campaignpage/{site_tree['campaigns'].pk}/"
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "反诈宣传进社区",
            "slug": "fanzha",
            "summary": "",
            "start_date": "2026-05-01",
            "end_date": "2026-05-10",
            "place": "城关镇",
            "organisers": "县人民检察院",
            "body": streamfield(
                [
                    ("heading", {"text": "活动内容", "level": "h2"}),
                    ("paragraph", rich_text("检察官讲解防范电信网络诈骗。")),
                    ("qa", {"question": "银行卡能出借吗？", "answer": rich_text("不能。")}),
                    (
                        "law",
                        {
                            "law": "《中华人民共和国反电信网络诈骗法》",
                            "article": "第三十一条",
                            "text": "不得出租银行账户。",
                        },
                    ),
                ]
            ),
            "action-submit": "submit",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CampaignPage.objects.get(slug="fanzha")
    assert not page.live  # publicity staff submit; they cannot publish
    revision = page.get_latest_revision_as_object()
    assert [block.block_type for block in revision.body] == ["heading", "paragraph", "qa", "law"]
