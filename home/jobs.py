"""Recurring jobs of the site as a whole; each app's jobs.py registers its own."""

from django.core.management import call_command

from config.schedule import Job, register


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
