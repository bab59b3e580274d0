from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "普法活动与典型案例"

    def ready(self):
        from . import jobs  # noqa: F401  (registers recurring jobs)
