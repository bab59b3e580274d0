"""The states a resolution moves through: shared by the meeting (where it is recorded) and the
progress reports (which move it on), so neither needs the other to know them."""

from django.db import models


class ResolutionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"
