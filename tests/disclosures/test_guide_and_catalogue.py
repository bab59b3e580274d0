"""政府信息公开指南 and 政府信息公开目录 on the demo site."""

import pytest

from disclosures.models import DisclosureGuidePage, PolicyDocumentPage

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("nothing_kept")
def test_the_catalogue_lists_every_document_by_subject(client, demo_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = client.get("/disclosures/catalogue/").content.decode()
    documents = PolicyDocumentPage.objects.live().filter(locale__language_code="zh-hans")
    for document in documents:
        assert document.title in page
        assert document.get_topic_display() in page
    assert page.count("<section") >= 1
    with CaptureQueriesContext(connection) as queries:
        client.get("/disclosures/catalogue/")
    few = len(queries)
    PolicyDocumentPage.objects.filter(pk__in=documents.values("pk")).update(topic="justice")
    with CaptureQueriesContext(connection) as queries:
        client.get("/disclosures/catalogue/")
    assert len(queries) <= few


def test_the_guide_gives_what_article_12_asks_for(client, demo_site):
    guide = DisclosureGuidePage.objects.live().get()
    text = client.get(guide.url).content.decode()
    for part in (
        "一、主动公开",
        "二、依申请公开",
        "三、监督和救济",
        "受理机构",
        "办公时间",
        "咨询电话",
        "不收取费用",
    ):
        assert part in text
    assert "/information-requests/apply/" in text and "/disclosures/catalogue/" in text
    index = client.get("/disclosures/").content.decode()
    assert "政府信息公开指南" in index and "政府信息公开目录" in index


@pytest.mark.parametrize(
    "title, genre",
    [
        ("关于建立健全府检联动机制的实施意见", "意见"),
        ("关于印发《府检联动工作规则》的通知", "通知"),
        ("永昌县行政执法公示管理办法（试行）", "办法"),
        ("2026年普法工作实施方案", "实施方案"),
        ("关于《府检联动机制》的解读", "解读"),
        ("府检联动联席会议纪要", "纪要"),
        ("某某事项", "其他"),
    ],
)
def test_the_genre_is_read_from_the_title(title, genre):
    assert PolicyDocumentPage(title=title).genre == genre


def test_the_catalogue_by_genre(client, demo_site):
    page = client.get("/disclosures/catalogue/?by=genre").content.decode()
    assert "通知（" in page and "意见（" in page and 'aria-current="true">按体裁' in page
