"""导入数据 on the task queue: the officer's upload is stored and queued at once (the request returns
in well under a second whatever the file's size); a worker reads, checks every row and saves the
rows as a draft revision, recording its progress on the DatasetImport that the admin shows.
Nothing is saved unless the whole file is valid; every problem is kept with its row number."""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .dataset import DatasetError, import_rows, parse
from .models import DatasetImport, ImportStatus

log = logging.getLogger(__name__)


def queue_import(page, upload, user) -> DatasetImport:
    """Store the uploaded file privately and queue its import."""
    job = DatasetImport(page=page, filename=upload.name[:255], uploaded_by=user)
    job.file.save(upload.name, upload, save=False)
    job.save()
    run_import.enqueue(job.pk)
    return job


def _update(job, **fields) -> None:
    fields["progress_at"] = timezone.now()  # a silent job is an interrupted one (DatasetImport.interrupted)
    for name, value in fields.items():
        setattr(job, name, value)
    DatasetImport.objects.filter(pk=job.pk).update(**fields)


def retry_import(job) -> None:
    """重试 an interrupted import: from the start, from the stored file (nothing of it was saved: the
    rows are written in one transaction at the end)."""
    _update(job, status=ImportStatus.QUEUED, checked_rows=0, total_rows=0)
    run_import.enqueue(job.pk)


@task()
def run_import(import_id: int) -> None:
    """Idempotent: run twice (a retry after a killed worker) it imports once — a finished job is left
    alone, an unfinished one starts again from its file and saves its rows in one transaction."""
    job = DatasetImport.objects.select_related("page", "uploaded_by").filter(pk=import_id).first()
    if job is None or job.finished or not job.file:
        return
    try:
        _update(job, status=ImportStatus.READING)
        with job.file.open("rb") as handle:
            data = handle.read()
        parsed = parse(
            job.filename,
            data,
            progress=lambda done, total: _update(
                job, status=ImportStatus.CHECKING, checked_rows=done, total_rows=total
            ),
        )
        if not parsed.ok:
            _finish(job, ImportStatus.FAILED, errors=parsed.errors)
            return
        _update(job, status=ImportStatus.SAVING)
        with transaction.atomic():
            import_rows(job.page, parsed.rows, user=job.uploaded_by)
        _finish(job, ImportStatus.DONE, imported_rows=len(parsed.rows), notes=parsed.notes)
    except DatasetError as exc:
        _finish(job, ImportStatus.FAILED, errors=[str(exc)])
    except Exception:
        log.exception("数据导入 %s 失败", import_id)
        _finish(
            job,
            ImportStatus.FAILED,
            errors=["导入时出现系统错误，没有保存任何数据。请重新上传；仍不成功请联系系统管理员。"],
        )


def _finish(job, status, **fields) -> None:
    """The uploaded file is needed no longer: the rows are in the revision, or the errors are kept."""
    _update(job, status=status, finished_at=timezone.now(), **fields)
    if job.file:
        job.file.delete(save=False)
        _update(job, file="")
