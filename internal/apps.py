from django.apps import AppConfig


class InternalConfig(AppConfig):
    name = "internal"
    verbose_name = "内部工作（联席会议）"

    def ready(self):
        from . import signals  # noqa: F401  (keeps the section's restriction)
