from django.apps import AppConfig


class CluesConfig(AppConfig):
    name = "clues"
    verbose_name = "府检线索互通"

    def ready(self):
        from . import deadlines

        deadlines.connect()
