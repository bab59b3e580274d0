"""What a restore must give back, as comparable data: run in the test and, against the restored
database, in a separate process (`manage.py shell -c`)."""

import hashlib
import json


def _file_sha(field) -> str:
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def summary() -> dict:
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    from internal.models import MeetingPage, ProgressReport, Resolution

    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "live")),
        "revisions": Revision.objects.count(),
        "images": sorted((i.title, _file_sha(i.file)) for i in get_image_model().objects.all()),
        "documents": sorted((d.title, _file_sha(d.file)) for d in get_document_model().objects.all()),
        "meetings": sorted(MeetingPage.objects.values_list("title", flat=True)),
        "resolutions": sorted(Resolution.objects.values_list("requirement", flat=True)),
        "reports": sorted((r.text, _file_sha(r.attachment)) for r in ProgressReport.objects.all()),
        "users": sorted(get_user_model().objects.values_list("username", "password")),
    }


def print_summary() -> None:
    print(json.dumps(summary(), ensure_ascii=False, sort_keys=True))
