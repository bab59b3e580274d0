"""一次数据导入: a statistics file an officer uploaded, checked and saved on the task queue
(disclosures/imports.py), with its progress and its result for the admin to show."""

import datetime

from django.conf import settings
from django.db import models

from home.models import UploadJob
from home.security.storage import private_storage


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "排队等待"
    READING = "reading", "正在读取文件"
    CHECKING = "checking", "正在逐行检查"
    SAVING = "saving", "正在保存"
    DONE = "done", "已导入"
    FAILED = "failed", "有错误，未导入"


FINISHED = (ImportStatus.DONE, ImportStatus.FAILED)
STALE_AFTER = datetime.timedelta(minutes=5)


def interrupted_after() -> datetime.timedelta:
    """No progress for this long while running: the worker was killed and the queue's own retries
    (Q_CLUSTER retry, max_attempts) did not take it up again — shown as 中断, with 重试."""
    cluster = getattr(settings, "Q_CLUSTER", {})
    return datetime.timedelta(seconds=cluster.get("retry", 360) + cluster.get("timeout", 300))


class DatasetImport(UploadJob):
    page = models.ForeignKey(
        "disclosures.StatisticsReleasePage",
        verbose_name="数据发布",
        on_delete=models.CASCADE,
        related_name="imports",
    )
    file = models.FileField(
        "上传的文件", storage=private_storage, upload_to="dataset-imports/%Y/%m/", blank=True
    )
    progress_at = models.DateTimeField("最近进展", null=True, blank=True)  # every step the worker records
    status = models.CharField(
        "状态", max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField("总行数", default=0)
    checked_rows = models.PositiveIntegerField("已检查行数", default=0)
    imported_rows = models.PositiveIntegerField("已导入行数", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    notes = models.JSONField("表尾说明", default=list, blank=True)  # 制表人, 注：… under the table, not data
    reported = models.BooleanField("已告知上传人", default=False)

    class Meta(UploadJob.Meta):
        verbose_name = "数据导入"
        verbose_name_plural = "数据导入"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def waiting_too_long(self) -> bool:
        """Still queued after STALE_AFTER: the task queue (qcluster) is probably not running."""
        from django.utils import timezone

        return self.status == ImportStatus.QUEUED and timezone.now() - self.created_at > STALE_AFTER

    @property
    def interrupted(self) -> bool:
        """Running (reading, checking, saving) but silent past interrupted_after(): derived from the
        last progress, so it turns true on its own when a worker dies, and false when one resumes."""
        from django.utils import timezone

        running = self.status not in FINISHED and self.status != ImportStatus.QUEUED
        return running and timezone.now() - (self.progress_at or self.created_at) > interrupted_after()

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.checked_rows * 100 // self.total_rows)
