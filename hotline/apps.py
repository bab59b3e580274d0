from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "hotline"
    verbose_name = "民生诉求研判"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .imports import rules_changed
        from .models import SortingRule

        post_save.connect(rules_changed, sender=SortingRule, dispatch_uid="hotline-rules-saved")
        post_delete.connect(rules_changed, sender=SortingRule, dispatch_uid="hotline-rules-deleted")
