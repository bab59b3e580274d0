"""Readable addresses (issue 27): a Chinese title gets a short pinyin slug, never a percent-encoded
one; ranges such as 1—9 stay 1-9; a slug typed in Latin letters is kept; a published page whose
slug becomes readable keeps answering at its old address (a redirect)."""

import pytest

from home.slugs import needs_readable_slug, readable_slug
from tests.factories import CaseExamplePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("电信网络诈骗", "dian-xin-wang-luo-zha-pian"),
        ("2026年1—9月统计数据", "2026-nian-1-9-yue-tong-ji-shu-ju"),
        ("1–9月", "1-9-yue"), ("1～9月", "1-9-yue"), ("1至9月", "1-9-yue"), ("1 - 9月", "1-9-yue"),
        ("《中华人民共和国民法典》宣传", "zhong-hua-ren-min-gong-he-guo-min-fa-dian-xuan-chuan"),
        ("赵某拒不支付劳动报酬案（第一批）", "zhao-mou-ju-bu-zhi-fu-lao-dong-bao-chou-an-di-yi-pi"),
        ("12345热线", "12345-re-xian"), ("Q3 统计", "q3-tong-ji"), ("２０２６年", "2026-nian"),
        ("\"引号\"<script>", "yin-hao-script"), ("\x00零", "ling"), ("", ""), ("ཁྲིམས་ལུགས།", ""),
        ("关于建立健全府检联动机制的实施意见和配套工作细则及联络员名单", "guan-yu-jian-li-jian-quan-fu-jian-lian-dong-ji-zhi-de-shi"),
    ],
)  # fmt: skip
def test_readable_slugs(title, slug):
    assert readable_slug(title) == slug
    assert len(readable_slug(title)) <= 60


@pytest.mark.parametrize(
    ("slug", "title", "needs"),
    [
        ("", "电信诈骗", True), ("电信诈骗", "电信诈骗", True), ("19", "1—9月", True), ("1-9", "1—9月", True),
        ("2026-09-statistics", "2026年9月统计", False), ("dian-xin", "电信", False), ("home", "Home", False),
        ("2026", "2026", False),
    ],
)  # fmt: skip
def test_which_slugs_are_replaced(slug, title, needs):
    assert needs_readable_slug(slug, title) is needs


def test_a_new_page_with_a_chinese_title_gets_a_pinyin_address(client, site_tree):
    page = CaseExamplePageFactory(parent=site_tree["cases"], title="2026年1—9月电信诈骗案", slug="")
    assert page.slug == "2026-nian-1-9-yue-dian-xin-zha-pian-an"
    assert client.get("/cases/2026-nian-1-9-yue-dian-xin-zha-pian-an/").status_code == 200
    twin = CaseExamplePageFactory(parent=site_tree["cases"], title="2026年1—9月电信诈骗案", slug="")
    assert twin.slug == "2026-nian-1-9-yue-dian-xin-zha-pian-an-2"  # siblings never share one


def test_a_typed_latin_slug_is_kept(site_tree):
    page = CaseExamplePageFactory(parent=site_tree["cases"], title="2026年9月统计", slug="2026-09-statistics")
    assert page.slug == "2026-09-statistics"


def test_an_old_unicode_address_redirects_to_the_readable_one(
    client, site_tree, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    page = CaseExamplePageFactory(parent=site_tree["cases"], title="赵某拒不支付劳动报酬案", slug="tmp")
    Page.objects.filter(pk=page.pk).update(
        slug="赵某拒不支付劳动报酬案", url_path=page.url_path.replace("tmp", "赵某拒不支付劳动报酬案")
    )
    page = page.specific_class.objects.get(pk=page.pk)
    old = "/cases/%E8%B5%B5%E6%9F%90%E6%8B%92%E4%B8%8D%E6%94%AF%E4%BB%98%E5%8A%B3%E5%8A%A8%E6%8A%A5%E9%85%AC%E6%A1%88/"
    assert client.get(old).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes the redirect on commit
        page.save_revision().publish()  # the next edit makes the address readable
    page.refresh_from_db()
    assert page.slug == "zhao-mou-ju-bu-zhi-fu-lao-dong-bao-chou-an"
    moved = client.get(old)
    assert moved.status_code == 301 and moved["Location"].endswith(
        "/cases/zhao-mou-ju-bu-zhi-fu-lao-dong-bao-chou-an/"
    )
