"""Public URLs of 信息公开 (language-prefixed like the pages, before Wagtail's catch-all):
a release's dataset as <release URL>data.csv | data.xlsx | data.json."""

from django.urls import path, re_path

from . import public_requests
from .views import dataset_download

urlpatterns = [
    path("information-requests/apply/", public_requests.apply, name="information_request_apply"),
    path("information-requests/apply/done/", public_requests.done, name="information_request_done"),
    path("information-requests/status/", public_requests.status, name="information_request_status"),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)data\.(?P<extension>csv|xlsx|json)$",
        dataset_download,
        name="dataset_download",
    ),
]
