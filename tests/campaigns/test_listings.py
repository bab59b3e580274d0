import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import CampaignStatus
from tests.factories import (
    CampaignPageFactory,
    CaseBatchFactory,
    CaseExamplePageFactory,
    LegalAreaFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.fixture
def taxonomy():
    return {
        "school": VenueFactory(name="进校园", slug="xiaoyuan"),
        "village": VenueFactory(name="进乡村", slug="xiangcun"),
        "fraud": LegalAreaFactory(name="电信网络诈骗", slug="telecom-fraud"),
        "minors": LegalAreaFactory(name="未成年人保护", slug="minors"),
    }


def test_campaign_filters_combine_and_stay_in_the_url(client, site_tree, taxonomy):
    index = site_tree["campaigns"]
    CampaignPageFactory(
        parent=index, title="反诈进校园", venues=[taxonomy["school"]], legal_areas=[taxonomy["fraud"]]
    )
    CampaignPageFactory(
        parent=index, title="护苗进校园", venues=[taxonomy["school"]], legal_areas=[taxonomy["minors"]]
    )
    CampaignPageFactory(
        parent=index,
        title="反诈进乡村",
        venues=[taxonomy["village"]],
        legal_areas=[taxonomy["fraud"]],
        start_date=datetime.date(2025, 5, 1),
        end_date=datetime.date(2025, 5, 2),
    )
    html = client.get("/campaigns/?venue=xiaoyuan&area=telecom-fraud&year=2026").content.decode()
    assert "反诈进校园" in html and "护苗进校园" not in html and "反诈进乡村" not in html
    assert '<option value="xiaoyuan" selected>' in html
    assert "共 1 项活动" in html
    assert '<meta name="robots" content="noindex, follow">' in html
    html = client.get("/campaigns/?year=2025").content.decode()
    assert "反诈进乡村" in html and "反诈进校园" not in html


@time_machine.travel(datetime.datetime(2026, 3, 15, 12, tzinfo=datetime.UTC))
def test_status_is_derived_from_the_dates_and_filterable(client, site_tree):
    index = site_tree["campaigns"]
    past = CampaignPageFactory(
        parent=index,
        title="已结束的活动",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 1, 2),
    )
    now = CampaignPageFactory(parent=index, title="进行中的活动")
    soon = CampaignPageFactory(
        parent=index,
        title="即将开始的活动",
        start_date=datetime.date(2026, 4, 1),
        end_date=datetime.date(2026, 4, 2),
    )
    assert (past.status, now.status, soon.status) == (
        CampaignStatus.ENDED,
        CampaignStatus.ONGOING,
        CampaignStatus.UPCOMING,
    )
    html = client.get("/campaigns/?status=ongoing").content.decode()
    assert "进行中的活动" in html and "已结束的活动" not in html and "即将开始的活动" not in html
    assert "即将开始" in client.get(soon.url).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "venue=nowhere",
        "area=%3Cscript%3E",
        "year=abcd",
        "year=1999",
        "status=maybe",
        "page=abc",
        "page=999",
        "page=-1",
    ],
)
def test_bad_filter_values_get_a_message_not_an_error(client, site_tree, taxonomy, query):
    CampaignPageFactory(parent=site_tree["campaigns"])
    response = client.get(f"/campaigns/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "已忽略该筛选条件" in html or "已显示" in html
    assert "<script>" not in html


def test_case_filters_batch_page_and_unknown_batch(client, site_tree, taxonomy):
    first = CaseBatchFactory(number=1, release_date=datetime.date(2025, 3, 14))
    second = CaseBatchFactory(number=2, release_date=datetime.date(2026, 3, 15))
    CaseExamplePageFactory(
        parent=site_tree["cases"], title="张某诈骗案", batch=first, legal_area=taxonomy["fraud"]
    )
    CaseExamplePageFactory(
        parent=site_tree["cases"],
        title="护苗案",
        batch=second,
        legal_area=taxonomy["minors"],
        category="juvenile",
    )
    html = client.get("/cases/?area=minors&year=2026").content.decode()
    assert "护苗案" in html and "张某诈骗案" not in html
    html = client.get("/cases/?category=criminal").content.decode()
    assert "张某诈骗案" in html and "护苗案" not in html
    batch_page = client.get("/cases/batch/1/")
    assert batch_page.status_code == 200
    assert "第一批" in batch_page.content.decode() and "张某诈骗案" in batch_page.content.decode()
    assert client.get("/cases/batch/42/").status_code == 404


def test_campaigns_and_cases_link_each_other(client, site_tree):
    case = CaseExamplePageFactory(parent=site_tree["cases"], title="王某冒充客服诈骗案")
    campaign = CampaignPageFactory(
        parent=site_tree["campaigns"],
        title="反诈宣传周",
        body=[("related_cases", {"title": "以案释法", "cases": [case]})],
    )
    assert "王某冒充客服诈骗案" in client.get(campaign.url).content.decode()
    html = client.get(case.url).content.decode()
    assert "以案释法：相关普法活动" in html and "反诈宣传周" in html


def test_feeds_list_the_newest_items(client, site_tree):
    CampaignPageFactory(parent=site_tree["campaigns"], title="宪法宣传周")
    CaseExamplePageFactory(parent=site_tree["cases"], title="赵某拒不支付劳动报酬案")
    rss = client.get("/campaigns/feed/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>宪法宣传周</title>" in rss.content.decode()
    atom = client.get("/cases/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "赵某拒不支付劳动报酬案" in atom.content.decode()


@pytest.mark.parametrize(("url", "make"), [("/campaigns/", "campaign"), ("/cases/", "case")])
@pytest.mark.usefixtures("nothing_kept")
def test_listing_query_count_is_the_same_for_10_and_40_items(client, site_tree, taxonomy, url, make):
    def add(n):
        for _ in range(n):
            if make == "campaign":
                CampaignPageFactory(
                    parent=site_tree["campaigns"],
                    venues=[taxonomy["school"]],
                    legal_areas=[taxonomy["fraud"]],
                )
            else:
                CaseExamplePageFactory(
                    parent=site_tree["cases"], legal_area=taxonomy["fraud"], batch=CaseBatchFactory(number=1)
                )

    add(10)
    ten = queries_for(client, url)
    add(30)  # three pages of twelve and more: pagination counted too
    assert queries_for(client, url) == ten


@pytest.mark.parametrize(
    ("number", "chinese"),
    [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"), (100, "一百"), (105, "一百零五"),
     (110, "一百一十"), (279, "二百七十九"), (1010, "一千零一十"), (9999, "九千九百九十九"), (12000, "12000")],
)  # fmt: skip
def test_batch_numbers_read_in_chinese_at_any_size(number, chinese):
    """第一百零五批: a county past its 99th batch once got a 500 on every case page."""
    from campaigns.models.taxonomy import cn_number

    assert cn_number(number) == chinese


@pytest.mark.usefixtures("nothing_kept")
def test_campaign_cards_with_pictures_fetch_their_renditions_in_one_query(client, site_tree):
    """The card picture's rendition comes with the listing's prefetch (a select_related on the image
    once cancelled it: one rendition query per card)."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    def picture(n):
        out = io.BytesIO()
        PILImage.new("RGB", (600, 400), (200, 30, 30)).save(out, "PNG")
        return get_image_model().objects.create(
            title=f"题图{n}", file=ContentFile(out.getvalue(), name=f"p{n}.png")
        )

    def add(n):
        for i in range(n):
            CampaignPageFactory(parent=site_tree["campaigns"], image=picture(i))

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add(12)
    client.get("/campaigns/")  # renditions made once
    with CaptureQueriesContext(connection) as queries:
        client.get("/campaigns/")
    rendition_queries = [q["sql"] for q in queries.captured_queries if "wagtailimages_rendition" in q["sql"]]
    assert len(rendition_queries) == 1, rendition_queries
