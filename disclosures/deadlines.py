"""依申请公开 deadlines follow the 工作日历: when staff add, change or remove a day of the calendar
(a 调休 Saturday, a holiday announced late), every application still open is worked out again — in
one transaction, and the log says how many deadlines moved. An answered application keeps the
deadline it was answered against (that is what 年度报告 and 按期 count)."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

log = logging.getLogger(__name__)


def recompute_open_deadlines() -> int:
    """Every unanswered application's due date worked out again; returns how many changed."""
    from .models import InformationRequest

    moved = 0
    with transaction.atomic():
        for application in InformationRequest.objects.filter(replied_on__isnull=True).select_for_update():
            due = application.compute_due_on()
            if due != application.due_on:
                InformationRequest.objects.filter(pk=application.pk).update(due_on=due)
                moved += 1
    if moved:
        log.info("工作日历已更改：重新计算了 %s 件依申请公开的答复期限。", moved)
    return moved


def _calendar_changed(sender, **kwargs):
    transaction.on_commit(recompute_open_deadlines)


def connect() -> None:
    from home.models import CalendarDay

    post_save.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="fjld-calendar-deadlines-saved")
    post_delete.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="fjld-calendar-deadlines-deleted")
