"""网站自查 for 信息公开: a 依申请公开 document must not keep its text on the public site."""

from home.operations.self_check import HealthCheck, Problem, checks, page_problem


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


ANSWER_SOON_WORKING_DAYS = 3
# Another organ's silence has no statutory limit (第三十三条) but stops the clock: past this the
# office is told, as it would be of a third party's.
ORGAN_SILENT_WORKING_DAYS = 15
PUBLICATION_WORKING_DAYS = 20  # 条例 第二十六条: 自该政府信息形成或者变更之日起20个工作日内


def check_information_requests(now) -> list[Problem]:
    """依申请公开 overdue, or due within 3 working days (the register's own admin page is linked)."""
    from django.conf import settings
    from django.utils import timezone

    from disclosures.models import ConsultationKind, InformationRequest, RequestConsultation
    from home.templatetags.fjld import cn_date
    from home.workdays import WorkingCalendar, working_days_between

    today, calendar = timezone.localdate(), WorkingCalendar()
    problems = []
    admin = f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/disclosures/informationrequest/edit/"
    for application in InformationRequest.objects.filter(
        replied_on__isnull=True, correction_sent_on__isnull=False
    ):
        if working_days_between(application.received_on, application.correction_sent_on, calendar) > 7:
            problems.append(
                Problem(
                    check="information_request_due",
                    message=f"依申请公开 {application.number} 的补正告知晚于收到申请后7个工作日（第三十条）。",
                    title=application.number,
                    admin_url=f"{admin}{application.pk}/",
                )
            )
    waiting = RequestConsultation.objects.filter(
        kind=ConsultationKind.OTHER_ORGAN, replied_on__isnull=True, request__replied_on__isnull=True
    ).select_related("request")
    for consultation in waiting:
        if working_days_between(consultation.sent_on, today, calendar) > ORGAN_SILENT_WORKING_DAYS:
            application = consultation.request
            problems.append(
                Problem(
                    check="information_request_due",
                    message=(
                        f"依申请公开 {application.number} 征求{consultation.party}意见已超过"
                        f"{ORGAN_SILENT_WORKING_DAYS}个工作日未获答复：答复期限暂停中，请催办。"
                    ),
                    title=application.number,
                    admin_url=f"{admin}{application.pk}/",
                )
            )
    for application in InformationRequest.objects.filter(replied_on__isnull=True, due_on__isnull=False):
        left = working_days_between(today, application.due_on, calendar)
        if today > application.due_on:
            message = (
                f"依申请公开 {application.number} 已超过答复期限（{cn_date(application.due_on)}），尚未答复。"
            )
        elif left <= ANSWER_SOON_WORKING_DAYS:
            message = f"依申请公开 {application.number} 的答复期限是{cn_date(application.due_on)}，还有{left}个工作日。"
        else:
            continue
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/disclosures/informationrequest/edit/{application.pk}/"
        problems.append(
            Problem(
                check="information_request_due",
                message=message,
                title=application.number,
                admin_url=admin_url,
            )
        )
    return problems


def check_late_publication(now) -> list[Problem]:
    """Policy documents published more than 20 working days after their 成文日期 (第二十六条)."""
    from disclosures.models import PolicyDocumentPage
    from home.templatetags.fjld import cn_date
    from home.workdays import WorkingCalendar, working_days_between

    calendar = WorkingCalendar()
    problems = []
    for page in PolicyDocumentPage.objects.live().public().filter(locale__language_code="zh-hans"):
        late = working_days_between(page.written_date, page.publication_date, calendar)
        if page.publishing_unit.follows_regulations and late > PUBLICATION_WORKING_DAYS:
            problems.append(
                page_problem(
                    "late_publication",
                    page,
                    f"“{page.title}”成文于{cn_date(page.written_date)}，{cn_date(page.publication_date)}才公开，"
                    f"超过{PUBLICATION_WORKING_DAYS}个工作日（实际{late}个）。",
                )
            )
    return problems


def check_annual_reports(now) -> list[Problem]:
    """Last year's 年度报告 of each unit bound by the 条例, once its deadline has passed."""
    import datetime

    from django.utils import timezone

    from disclosures.models import AnnualReportPage, PublishingUnit

    today = timezone.localdate()
    year = today.year - 1
    published = set(
        AnnualReportPage.objects.live().filter(year=year).values_list("publishing_unit_id", flat=True)
    )
    problems = []
    for unit in PublishingUnit.objects.filter(is_local=True):
        month, day = unit.annual_report_due
        if (
            unit.follows_regulations
            and unit.pk not in published
            and today > datetime.date(today.year, month, day)
        ):
            problems.append(
                Problem(
                    check="missing_annual_report",
                    message=f"{unit.name}{year}年政府信息公开工作年度报告应于{month}月{day}日前公布，至今未发布。",
                    title=unit.name,
                )
            )
    return problems


def check_acknowledgements(now) -> list[Problem]:
    """Acknowledgement mails the mail server refused (the queue keeps retrying): staff should tell
    the applicant another way."""
    from django.conf import settings

    from .models import InformationRequest

    admin = f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/disclosures/informationrequest/edit/"
    failed = InformationRequest.objects.filter(acknowledged_at__isnull=True).exclude(acknowledgement_error="")
    return [
        Problem(
            check="acknowledgement_failed",
            message=f"依申请公开 {a.number} 的回执邮件未能发出（{a.acknowledgement_error}），请核对邮箱或电话告知申请人。",
            title=a.number,
            admin_url=f"{admin}{a.pk}/",
        )
        for a in failed
    ]


for check in (
    HealthCheck("acknowledgement_failed", "依申请公开回执邮件未能发出", check_acknowledgements, order=64),
    HealthCheck(
        "information_request_due", "依申请公开逾期或3个工作日内到期", check_information_requests, order=61
    ),
    HealthCheck("late_publication", "政策文件超过20个工作日才公开", check_late_publication, order=62),
    HealthCheck(
        "missing_annual_report", "上年度政府信息公开年度报告未按时公布", check_annual_reports, order=63
    ),
):
    checks.register(check)
