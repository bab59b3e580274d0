import pytest

from disclosures.models import DisclosureMode
from tests.factories import PolicyDocumentPageFactory

pytestmark = pytest.mark.django_db


def test_active_document_shows_metadata_and_text(client, site_tree):
    page = PolicyDocumentPageFactory(parent=site_tree["disclosures"], document_number="永政发〔2026〕29号")
    html = client.get(page.url).content.decode()
    for expected in (
        "发布机构",
        "永政发〔2026〕29号",
        "成文日期",
        "2026年3月26日",
        "发布日期",
        "2026年3月27日",
        "主动公开",
    ):
        assert expected in html
    assert "电信网络诈骗犯罪" in html


def test_on_request_document_shows_metadata_and_how_to_apply_never_the_text(client, site_tree):
    page = PolicyDocumentPageFactory(
        parent=site_tree["disclosures"], disclosure_mode=DisclosureMode.ON_REQUEST
    )
    html = client.get(page.url).content.decode()
    assert "依申请公开" in html
    assert "政府信息公开申请" in html
    assert "电信网络诈骗犯罪" not in html
    assert page.public_body_text() == ""


def test_index_number_is_generated_on_first_publish_and_unique(site_tree):
    from tests.factories import PublishingUnitFactory

    unit = PublishingUnitFactory(code="116203210138580001")
    first = PolicyDocumentPageFactory(parent=site_tree["disclosures"], publishing_unit=unit)
    second = PolicyDocumentPageFactory(parent=site_tree["disclosures"], publishing_unit=unit)
    assert first.index_number == "116203210138580001/2026-00001"
    assert second.index_number == "116203210138580001/2026-00002"
    first.title = "修改后的标题"
    first.save_revision().publish()
    first.refresh_from_db()
    assert first.index_number == "116203210138580001/2026-00001"  # kept on later publishes


def test_draft_has_no_index_number_yet(site_tree):
    page = PolicyDocumentPageFactory(parent=site_tree["disclosures"], live=False)
    assert page.index_number is None


@pytest.mark.parametrize(("validity", "label"), [("expired", "失效"), ("repealed", "废止")])
def test_repealed_and_expired_documents_stay_online_marked(client, site_tree, validity, label):
    page = PolicyDocumentPageFactory(parent=site_tree["disclosures"], validity=validity)
    html = client.get(page.url).content.decode()
    assert f"本文件已{label}" in html
    listing = client.get("/disclosures/").content.decode()
    assert f'<span class="validity validity--{validity}">{label}</span>' in listing


def test_on_request_text_never_reaches_feeds(client, site_tree):
    PolicyDocumentPageFactory(
        parent=site_tree["disclosures"],
        disclosure_mode=DisclosureMode.ON_REQUEST,
        title="依申请公开的文件",
        body=[("paragraph", "<p>不公开的正文内容锦囊妙计。</p>")],
    )
    for feed in ("/disclosures/feed/", "/disclosures/feed/atom/"):
        xml = client.get(feed).content.decode()
        assert "依申请公开的文件" in xml
        assert "锦囊妙计" not in xml


def test_interpretation_and_document_link_both_ways(client, site_tree):
    from disclosures.models import DocumentType

    document = PolicyDocumentPageFactory(
        parent=site_tree["disclosures"], title="关于建立府检联动工作机制的意见"
    )
    interpretation = PolicyDocumentPageFactory(
        parent=site_tree["disclosures"],
        title="《意见》政策解读",
        document_type=DocumentType.INTERPRETATION,
        interprets=document,
    )
    assert "《意见》政策解读" in client.get(document.url).content.decode()
    assert "关于建立府检联动工作机制的意见" in client.get(interpretation.url).content.decode()


def test_disclosure_index_filters(client, site_tree):
    from disclosures.models import Topic
    from tests.factories import PublishingUnitFactory, StatisticsReleasePageFactory, add_rows

    gov = PublishingUnitFactory(name="县人民政府")
    PolicyDocumentPageFactory(
        parent=site_tree["disclosures"], title="教育文件", topic=Topic.EDUCATION, publishing_unit=gov
    )
    PolicyDocumentPageFactory(parent=site_tree["disclosures"], title="司法文件", topic=Topic.JUSTICE)
    add_rows(
        StatisticsReleasePageFactory(parent=site_tree["disclosures"], title="一季度办案数据", year=2025),
        [("逮捕", 3, "人")],
    )
    html = client.get("/disclosures/?topic=education").content.decode()
    assert "教育文件" in html and "司法文件" not in html and "一季度办案数据" not in html
    html = client.get("/disclosures/?kind=statistics&year=2025").content.decode()
    assert "一季度办案数据" in html and "教育文件" not in html
    html = client.get(f"/disclosures/?unit={gov.pk}").content.decode()
    assert "教育文件" in html and "司法文件" not in html
    assert "已忽略该筛选条件" in client.get("/disclosures/?kind=rumours&unit=abc").content.decode()


@pytest.mark.usefixtures("nothing_kept")
def test_disclosure_listing_query_count_does_not_grow(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import StatisticsReleasePageFactory, add_rows

    def count():
        client.get("/disclosures/")
        with CaptureQueriesContext(connection) as ctx:
            client.get("/disclosures/")
        return len(ctx)

    for year in (2020, 2021):
        PolicyDocumentPageFactory(parent=site_tree["disclosures"])
        add_rows(
            StatisticsReleasePageFactory(parent=site_tree["disclosures"], year=year), [("逮捕", 3, "人")]
        )
    few = count()
    for year in range(2000, 2020):
        PolicyDocumentPageFactory(parent=site_tree["disclosures"])
        add_rows(
            StatisticsReleasePageFactory(parent=site_tree["disclosures"], year=year), [("逮捕", 3, "人")]
        )
    assert count() <= few  # a page of mixed types may even need one query fewer; never more


def test_the_demo_document_s_attachment_downloads_cleanly(client, demo_site):
    """A reader downloads a notice's attachment: the file itself, offered as a download, and no
    literal "Content-Encoding: None" header (Wagtail sets the guessed encoding, None for a workbook)."""
    from disclosures.demo import ATTACHMENT_TITLE
    from disclosures.models import PolicyDocumentPage

    page = PolicyDocumentPage.objects.live().filter(attachments__isnull=False).distinct().get()
    html = client.get(page.url).content.decode()
    attachment = page.attachments.get()
    assert ATTACHMENT_TITLE in html and attachment.document.url in html
    response = client.get(attachment.document.url)
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:2] == b"PK"  # the workbook itself
