"""A record of every reminder sent, so that a re-run of a job (or two workers) never sends the
same reminder twice: one row per recipient and reminder key, unique."""

from django.db import models


class SentReminder(models.Model):
    recipient = models.EmailField("收件人")
    key = models.CharField(
        "提醒事项", max_length=120, help_text="例如 resolution:12:overdue、cadence:plenary:2026-04-02"
    )
    subject = models.CharField("邮件主题", max_length=200)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "已发送提醒"
        verbose_name_plural = "已发送提醒"
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="reminder_sent_once")]

    def __str__(self):
        return f"{self.recipient} · {self.key}"
