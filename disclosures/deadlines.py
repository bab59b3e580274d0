"""依申请公开 deadlines follow what they depend on. The 工作日历: when staff add, change or remove a day of the calendar
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
        open_ = InformationRequest.objects.filter(replied_on__isnull=True).select_for_update()
        for application in open_.prefetch_related("consultations"):
            due = application.compute_due_on()
            if due != application.due_on:
                InformationRequest.objects.filter(pk=application.pk).update(due_on=due)
                moved += 1
    if moved:
        log.info("工作日历已更改：重新计算了 %s 件依申请公开的答复期限。", moved)
    return moved


def _calendar_changed(sender, **kwargs):
    transaction.on_commit(recompute_open_deadlines)


def _consultation_changed(sender, instance, **kwargs):
    """A consultation recorded, answered or removed on its own (not through the application's form,
    whose save works the deadline out itself): the application's deadline follows."""
    from .models import InformationRequest

    application = InformationRequest.objects.filter(pk=instance.request_id).first()
    if application is not None and (due := application.compute_due_on()) != application.due_on:
        InformationRequest.objects.filter(pk=application.pk).update(due_on=due)


def connect() -> None:
    from home.models import CalendarDay

    from .models import RequestConsultation

    post_save.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="fjld-calendar-deadlines-saved")
    post_delete.connect(_calendar_changed, sender=CalendarDay, dispatch_uid="fjld-calendar-deadlines-deleted")
    post_save.connect(
        _consultation_changed, sender=RequestConsultation, dispatch_uid="fjld-consultation-saved"
    )
    post_delete.connect(
        _consultation_changed, sender=RequestConsultation, dispatch_uid="fjld-consultation-deleted"
    )
