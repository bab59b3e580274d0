"""网站自查 for 信息公开: a 依申请公开 document must not keep its text on the public site."""

from home.site_health import HealthCheck, Problem, checks, page_problem


def check_on_request_text(now) -> list[Problem]:
    from disclosures.models import DisclosureMode, PolicyDocumentPage

    problems = []
    pages = PolicyDocumentPage.objects.live().public().filter(disclosure_mode=DisclosureMode.ON_REQUEST)
    for page in pages:
        if page.body:
            problems.append(
                page_problem(
                    "on_request_text",
                    page,
                    f"“{page.title}”属于依申请公开，却仍在公开网站上存有正文；正文不显示，但应删除，"
                    "以免经导出或改版泄露。",
                )
            )
    return problems


checks.register(HealthCheck("on_request_text", "依申请公开文件仍存有正文", check_on_request_text, order=60))
