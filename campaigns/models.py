from home.models import ListingPage


class CampaignIndexPage(ListingPage):
    """普法活动 column at /campaigns/."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "pages/listing_page.html"

    class Meta:
        verbose_name = "普法活动栏目"


class CaseIndexPage(ListingPage):
    """典型案例 column at /cases/ (以案释法)."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "pages/listing_page.html"

    class Meta:
        verbose_name = "典型案例栏目"
