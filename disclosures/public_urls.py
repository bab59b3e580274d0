"""Public URLs of 信息公开 (language-prefixed like the pages, before Wagtail's catch-all):
a release's dataset as <release URL>data.csv | data.xlsx | data.json."""

from django.urls import re_path

from .views import dataset_download

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)data\.(?P<extension>csv|xlsx|json)$",
        dataset_download,
        name="dataset_download",
    ),
]
