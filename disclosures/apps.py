from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = "信息公开"

    def ready(self):
        from . import deadlines

        deadlines.connect()  # a change to the 工作日历 moves every open application's deadline
