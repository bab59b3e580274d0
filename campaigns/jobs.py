from django.utils import timezone

from home.registries.jobs import Job, register


def purge_expired_submissions() -> int:
    """Delete form submissions older than their form's retention period."""
    from wagtail.contrib.forms.models import FormSubmission

    from .models import FormPage

    deleted = 0
    for page in FormPage.objects.only("pk", "retention_days"):
        cutoff = timezone.now() - timezone.timedelta(days=page.retention_days)
        deleted += FormSubmission.objects.filter(page_id=page.pk, submit_time__lt=cutoff).delete()[0]
    return deleted


register(
    Job(
        name="purge_expired_submissions",
        func="campaigns.jobs.purge_expired_submissions",
        minutes=24 * 60,
        description="删除超过保存期限的表单提交（每天）",
    )
)
