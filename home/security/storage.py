"""Private files: stored outside MEDIA_ROOT and without a URL, so no web server can serve them;
only a view that checks the viewer sends them (internal attachments, 依申请公开 reply letters)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Readable by the service user alone (0600 files, 0700 folders): not by the web server's group."""
    return FileSystemStorage(
        location=settings.PRIVATE_MEDIA_ROOT,
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )
