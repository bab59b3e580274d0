"""The 工单 import on the task queue: the file confirmed on its preview is read by a worker with the
source's mapping (hotline/ticket_import.py), progress is written as it goes, the result (imported,
updated, skipped, masked by kind, each refused row) is recorded and the file deleted — the upload
is never kept after its import, whatever happens. A finished job run again does nothing."""

import logging

from django.utils import timezone
from django_tasks import task

from .models import ColumnMapping, HotlineImport, ImportStatus

log = logging.getLogger(__name__)


def queue_hotline_import(job: HotlineImport) -> None:
    HotlineImport.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
    run_hotline_import.enqueue(job.pk)


@task()
def run_hotline_import(job_id: int) -> None:
    from home.table_files import TableFileError

    from .ticket_import import import_sheet, read_sheet

    job = HotlineImport.objects.filter(pk=job_id).first()
    if job is None or job.status in (ImportStatus.DONE, ImportStatus.FAILED) or not job.file:
        return
    HotlineImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    fields = {"status": ImportStatus.DONE}
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        mapping = ColumnMapping.objects.filter(source=job.source).values_list("mapping", flat=True).first()
        sheet = read_sheet(job.filename, data, mapping)
        HotlineImport.objects.filter(pk=job.pk).update(total=len(sheet.rows))

        def progress(done):
            HotlineImport.objects.filter(pk=job.pk).update(done=done)

        result = import_sheet(sheet, job.source, progress)
        fields.update(
            done=len(sheet.rows),
            imported=result.imported,
            updated=result.updated,
            skipped=result.skipped,
            masked=dict(result.masked),
            errors=result.errors,
        )
    except TableFileError as exc:
        fields.update(status=ImportStatus.FAILED, errors=[{"row": 0, "message": str(exc)}])
    except Exception:
        log.exception("工单导入 %s 失败", job_id)  # the id only: never a row of the file
        fields.update(
            status=ImportStatus.FAILED,
            errors=[{"row": 0, "message": "导入时出现系统错误。请重新上传；仍不成功请联系系统管理员。"}],
        )
    finally:
        job.file.delete(save=False)
    HotlineImport.objects.filter(pk=job.pk).update(finished_at=timezone.now(), file="", **fields)


@task()
def resort_tickets() -> int:
    """The 分拣规则 changed: every 工单 sorted again by the rules as they are now, and the months whose
    counts moved counted again. Returns how many 工单 changed field."""
    from .models import Ticket
    from .sorting import active_rules, sort_ticket
    from .ticket_import import recount_months

    rules = active_rules()
    changed, months = [], set()
    for ticket in Ticket.objects.only("pk", "content", "field", "rule", "matched", "received_on").iterator(
        chunk_size=2000
    ):
        field, rule, hit = sort_ticket(ticket.content, rules)
        if (field, rule, hit) != (ticket.field, ticket.rule_id, ticket.matched):
            if field != ticket.field:
                months.add(ticket.received_on.replace(day=1))
            ticket.field, ticket.rule_id, ticket.matched = field, rule, hit
            changed.append(ticket)
    Ticket.objects.bulk_update(changed, ["field", "rule", "matched"], batch_size=1000)
    recount_months(months)
    return len(changed)


def rules_changed(sender, **kwargs) -> None:
    """A rule saved or deleted (connected in HotlineConfig.ready): re-sort on the queue once committed."""
    from django.db import transaction

    transaction.on_commit(resort_tickets.enqueue)


PREVIEW_HOURS = 24  # an upload left on its preview this long is discarded (never imported, never kept)


def discard_stale_previews() -> int:
    """Uploads nobody confirmed: their files deleted and the jobs marked so. Run hourly."""
    import datetime

    stale = HotlineImport.objects.filter(
        status=ImportStatus.PREVIEW, created_at__lt=timezone.now() - datetime.timedelta(hours=PREVIEW_HOURS)
    )
    count = 0
    for job in stale:
        job.file.delete(save=False)
        HotlineImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            file="",
            finished_at=timezone.now(),
            errors=[{"row": 0, "message": f"上传后{PREVIEW_HOURS}小时内没有确认导入，文件已删除。"}],
        )
        count += 1
    return count
