"""导入表格 on the task queue: the upload is stored privately and queued at once (a 20,000-row file
returns the request in well under a second); a worker reads it (clues/penalty_import.py), records
the result on the PenaltyImport and deletes the file. Run twice (a retry), it imports once: a
finished job is left alone, and a 决定书文号 the unit already has is skipped."""

import logging

from django.utils import timezone
from django_tasks import task

from .models import PenaltyImport, PenaltyImportStatus

log = logging.getLogger(__name__)


def queue_penalty_import(unit, upload, user) -> PenaltyImport:
    job = PenaltyImport(unit=unit, filename=upload.name[:255], uploaded_by=user)
    job.file.save(upload.name, upload, save=False)
    job.save()
    run_penalty_import.enqueue(job.pk)
    return job


@task()
def run_penalty_import(job_id: int) -> None:
    from .penalty_import import import_penalties

    job = PenaltyImport.objects.select_related("unit", "uploaded_by").filter(pk=job_id).first()
    if job is None or job.finished or not job.file:
        return
    PenaltyImport.objects.filter(pk=job.pk).update(status=PenaltyImportStatus.RUNNING)
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        result = import_penalties(job.unit, job.filename, data, user=job.uploaded_by)
        fields = {
            "imported": result.imported,
            "skipped": result.skipped,
            "errors": result.errors,
            "notes": result.notes,
        }
    except Exception:
        log.exception("行政处罚决定导入 %s 失败", job_id)
        fields = {
            "errors": [{"row": 0, "message": "导入时出现系统错误。请重新上传；仍不成功请联系系统管理员。"}]
        }
    PenaltyImport.objects.filter(pk=job.pk).update(
        status=PenaltyImportStatus.DONE, finished_at=timezone.now(), file="", **fields
    )
    job.file.delete(save=False)
