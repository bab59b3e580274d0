"""The form-submissions list and its CSV/XLSX export (Wagtail's), made safe to open: a citizen's
answer that starts with = + - @ is written as text, not run as a formula (=HYPERLINK(…),
=cmd|' /C calc'!A0), and submission times are in the site's time zone (Asia/Shanghai)."""

import datetime

from django.utils import timezone
from wagtail.contrib.forms.views import SubmissionsListView

from home.spreadsheets import neutralise


def _safe(value):
    if isinstance(value, (list, tuple)):
        value = "、".join(str(item) for item in value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return neutralise(value)


class SafeSubmissionsListView(SubmissionsListView):
    def to_row_dict(self, item):
        return {field: _safe(value) for field, value in super().to_row_dict(item).items()}
