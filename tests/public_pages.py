"""One address for each public template (every page type, list, search state, error page), in the
demo site, for the checks that go over all of them (axe in every display mode, the Nu HTML checker)."""


def public_urls(site=None, languages: bool = False) -> list[str]:
    from campaigns.models import CampaignPage, CaseBatch, CaseExamplePage, FormPage
    from disclosures.models import (
        AnnualReportPage,
        DisclosureGuidePage,
        PolicyDocumentPage,
        StatisticsReleasePage,
    )

    batch = CaseBatch.objects.order_by("number").first()
    urls = [
        "/",
        "/campaigns/",
        CampaignPage.objects.live().filter(locale__language_code="zh-hans").first().url,
        "/cases/",
        CaseExamplePage.objects.live().first().url,
        f"/cases/batch/{batch.number}/",
        FormPage.objects.live().first().url,
        "/disclosures/",
        PolicyDocumentPage.objects.live().first().url,
        StatisticsReleasePage.objects.live().first().url,
        "/search/?q=诈骗",
        "/search/?q=没有这样的词语",
        "/sitemap/",
        "/not-here/",
        "/information-requests/apply/",
        "/information-requests/status/",
        AnnualReportPage.objects.live().first().url,
        DisclosureGuidePage.objects.live().first().url,
        "/disclosures/catalogue/",
    ]
    if languages:  # the English and Tibetan editions: home, a list, a page, an empty column
        for prefix in ("/en/", "/bo/"):
            translated = CampaignPage.objects.live().filter(locale__language_code=prefix.strip("/")).first()
            urls += [
                prefix,
                f"{prefix}campaigns/",
                translated.url,
                f"{prefix}cases/",
                f"{prefix}search/?q=fraud",
                f"{prefix}information-requests/apply/",
            ]
    return urls
