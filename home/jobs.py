"""Recurring jobs of the site as a whole; each app's jobs.py registers its own."""

from django.core.management import call_command
from django.utils import timezone

from home.registries.jobs import Job, register


def publish_scheduled():
    """Publish pages whose go_live_at has passed and unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)


register(
    Job(
        name="publish_scheduled",
        func="home.jobs.publish_scheduled",
        minutes=1,
        description="定时发布与到期下线（每分钟）",
    )
)


def purge_audit_log() -> int:
    """Delete admin log entries older than AUDIT_LOG_RETENTION_DAYS (never fewer than 180 days:
    the log must show who submitted, approved, published and changed restrictions for half a year)."""
    from django.conf import settings
    from wagtail.models import ModelLogEntry, PageLogEntry

    days = max(settings.AUDIT_LOG_RETENTION_DAYS, AUDIT_LOG_MINIMUM_DAYS)
    cutoff = timezone.now() - timezone.timedelta(days=days)
    return sum(
        model.objects.filter(timestamp__lt=cutoff).delete()[0] for model in (PageLogEntry, ModelLogEntry)
    )


AUDIT_LOG_MINIMUM_DAYS = 180

register(
    Job(
        name="purge_audit_log",
        func="home.jobs.purge_audit_log",
        minutes=24 * 60,
        at="03:00",
        description="删除超过保存期限（至少180天）的后台操作日志（每天）",
    )
)

register(
    Job(
        name="site_health_weekly",
        func="home.operations.self_check.weekly_site_health",
        minutes=7 * 24 * 60,
        at="07:30",
        description="网站自查（政府网站普查）并将结果发给联席会议办公室（每周）",
    )
)

register(
    Job(
        name="purge_security_log",
        func="home.security.audit.purge_security_log",
        minutes=24 * 60,
        at="03:10",
        description="删除超过保存期限（至少180天）的安全审计日志（每天）",
    )
)

register(
    Job(
        name="backup_site",
        func="home.operations.backup.scheduled_backup",
        minutes=24 * 60,
        at="02:30",
        description="备份数据库、公开媒体和内部文件，保留最近 BACKUP_KEEP 份（每天）",
    )
)
