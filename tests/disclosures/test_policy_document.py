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
