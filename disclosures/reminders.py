"""依申请公开 reminders (daily, disclosures/jobs.py): the officers who may answer hear of each
application 5 and 1 working days before its reply is due and on the first overdue day — each
once (RequestReminder), recorded in the same transaction as the sending."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from home.registries.roles import PERMISSION_BACKEND
from home.templatetags.fjld import cn_date
from home.workdays import WorkingCalendar, working_days_between

from .models import InformationRequest
from .models.requests import RequestReminder

log = logging.getLogger(__name__)
NOTICE_WORKING_DAYS = (5, 1)
ANSWER_PERMISSION = "disclosures.change_informationrequest"


def stage(application: InformationRequest, today: datetime.date, calendar: WorkingCalendar) -> str:
    """'due5', 'due1', 'overdue' or '' for an application still to be answered."""
    if application.replied_on or application.due_on is None:
        return ""
    if today > application.due_on:
        return "overdue"
    left = working_days_between(today, application.due_on, calendar)
    for days in sorted(NOTICE_WORKING_DAYS):
        if left <= days:
            return f"due{days}"
    return ""


def send_request_reminders(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    calendar = WorkingCalendar()
    recipients = sorted(
        set(
            get_user_model()
            .objects.with_perm(ANSWER_PERMISSION, include_superusers=False, backend=PERMISSION_BACKEND)
            .filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    open_requests = InformationRequest.objects.filter(
        replied_on__isnull=True, due_on__isnull=False
    ).select_related("publishing_unit")
    sent = 0
    for application in open_requests:
        current = stage(application, today, calendar)
        if not current:
            continue
        provisional = "（暂定：节假日安排尚未公布）" if application.due_is_provisional else ""
        key = f"{current}:{application.due_on:%Y%m%d}"  # a new due date (extension) is reminded of again
        if current == "overdue":
            subject = f"【依申请公开】{application.number} 已超过答复期限"
            text = f"已超过答复期限（{cn_date(application.due_on)}{provisional}），请尽快答复。"
        else:
            subject = f"【依申请公开】{application.number} 还有{current[3:]}个工作日到期"
            text = f"答复期限是{cn_date(application.due_on)}{provisional}，还有{current[3:]}个工作日。"
        body = (
            f"受理编号 {application.number}（{application.publishing_unit.name}，{cn_date(application.received_on)}收到）"
            f"{text}\n\n{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/disclosures/informationrequest/edit/{application.pk}/\n\n"
            "此邮件由府检联动 · 普法与公开平台自动发送，同一事项只提醒一次。\n"
        )
        for recipient in recipients:
            try:
                with transaction.atomic():
                    RequestReminder.objects.create(request=application, recipient=recipient, key=key)
                    send_mail(subject, body, None, [recipient])
            except IntegrityError:
                continue
            except OSError:
                log.exception("依申请公开提醒发送失败：%s", recipient)
                continue
            sent += 1
    return sent
