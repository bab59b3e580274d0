"""A chaos run (issue 25): a real Redis of the test's own is stopped under the site, then a worker
dies in the middle of an import, then a restore is stopped halfway — and after each the site
answers, logins stay limited, and no record is lost."""

import datetime
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from config.caches import redis_caches
from home.caching import resilient

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis():
    """A redis-server of this test's own (never the machine's shared one), stopped on demand."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    url = f"redis://127.0.0.1:{port}/0"
    caches_on_redis = redis_caches(url)
    resilient.Outage.reset()
    with override_settings(CACHES=caches_on_redis, PAGE_CACHE_SECONDS=300):
        caches["ratelimit_db"].clear()
        try:
            yield process
        finally:
            process.kill()
            process.wait()
            resilient.Outage.reset()


def test_redis_stops_under_the_site_then_a_worker_dies_then_a_restore_stops(
    client, site_tree, own_redis, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from disclosures.imports import run_import
    from disclosures.models import DatasetImport, ImportStatus
    from disclosures.models.imports import interrupted_after
    from home.operations import backup
    from tests.factories import StatisticsReleasePageFactory, UserFactory, add_rows

    # 1. Redis answers: the page cache serves the second reader
    assert client.get("/cases/").status_code == 200
    assert client.get("/cases/").get("X-Page-Cache") == "hit"
    # … and then Redis stops
    own_redis.kill()
    own_redis.wait()
    for url in ("/", "/cases/", "/campaigns/", "/search/?q=诈骗"):
        assert client.get(url).status_code == 200, url
    settings.LOGIN_RATE_LIMIT = (3, 600)
    for n in range(3):
        client.post("/admin/login/", {"username": f"guess{n}", "password": "wrong"})
    assert client.post("/admin/login/", {"username": "guess9", "password": "wrong"}).status_code == 429

    # 2. a worker dies while checking an import: shown as interrupted, retried, imported once
    page = add_rows(StatisticsReleasePageFactory(parent=site_tree["disclosures"]), [("原有指标", 1, "件")])
    job = DatasetImport(page=page, filename="表.csv", uploaded_by=UserFactory())
    job.file.save("表.csv", SimpleUploadedFile("表.csv", "指标,数值,单位\n受理,3,件\n".encode()), save=False)
    job.save()
    long_ago = job.created_at - interrupted_after() - datetime.timedelta(minutes=1)
    DatasetImport.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, progress_at=long_ago)
    job.refresh_from_db()
    assert job.interrupted
    from disclosures.imports import retry_import

    retry_import(job)
    run_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    page.refresh_from_db()
    assert [r.indicator for r in page.get_latest_revision_as_object().rows.all()] == ["受理"]

    # 3. a restore stopped halfway leaves its target untouched, and the live site answers throughout
    source = tmp_path / "backup"
    backup.backup(source)
    target_media = tmp_path / "restored-media"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            backup, "_roots", lambda: {"media": target_media, "private-media": tmp_path / "restored-private"}
        )
        patch.setattr(backup, "_database_is_empty", lambda: True)

        def killed(*args, **kwargs):
            raise KeyboardInterrupt("killed halfway")

        patch.setattr(backup, "_restore_database", killed)
        with pytest.raises(KeyboardInterrupt):
            backup.restore(source)
    assert not target_media.exists() and not list(tmp_path.glob(".*.restoring"))
    assert client.get("/").status_code == 200
    assert DatasetImport.objects.get(pk=job.pk).status == ImportStatus.DONE  # nothing lost
