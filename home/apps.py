from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _apply_schedules(sender, **kwargs):
    from home.registries.jobs import apply_schedules

    apply_schedules()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "首页与站点"

    def ready(self):
        from home.registries.jobs import discover_jobs

        discover_jobs()  # every app's jobs.py, as the admin finds admin.py (models are all loaded)
        from home import review_messages, signals  # noqa: F401  (translations keep the original's date)

        review_messages.connect()  # 三审: what happened and who is next, after each step
        from home.security import audit

        audit.connect_lockout()  # the security audit log's receivers
        post_migrate.connect(_apply_schedules, sender=self, dispatch_uid="fjld-apply-schedules")
        from django.conf import settings

        from home.caching import invalidation

        invalidation.connect(purge_front_cache=bool(getattr(settings, "WAGTAILFRONTENDCACHE", None)))
        from django.db.models.signals import post_delete, post_save

        from home.models import CalendarDay, HolidayArrangement
        from home.workdays import forget_calendar, forget_confirmed_years

        for signal in (post_save, post_delete):
            signal.connect(
                forget_confirmed_years, sender=HolidayArrangement, dispatch_uid=f"fjld-years-{signal}"
            )
            signal.connect(forget_calendar, sender=CalendarDay, dispatch_uid=f"fjld-calendar-{signal}")
