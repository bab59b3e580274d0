from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _apply_schedules(sender, **kwargs):
    from config.schedule import apply_schedules

    apply_schedules()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "首页与站点"

    def ready(self):
        from . import jobs  # noqa: F401  (registers recurring jobs)

        post_migrate.connect(_apply_schedules, sender=self, dispatch_uid="fjld-apply-schedules")
