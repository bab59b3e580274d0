"""The real thing: a qcluster process publishes scheduled pages and runs Wagtail's tasks, and
`run_site` starts the web server and the cluster together and stops both on Ctrl-C."""

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_q.models import Schedule, Success

from config.task_backend import DjangoQ2Backend
from home.registries.jobs import REGISTRY, apply_schedules
from tests.factories import PolicyDocumentPageFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def child_env() -> dict:
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url())
    env["FJLD_Q_GUARD_CYCLE"] = "30"  # the scheduler's first run at once, not after 30 s (settings/test.py)
    return env


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def stop(process: subprocess.Popen, sig=signal.SIGTERM, timeout=30) -> int:
    process.send_signal(sig)
    return process.wait(timeout=timeout)


def test_cluster_publishes_scheduled_pages_and_runs_wagtail_tasks(site_tree, tmp_path):
    from wagtail.tasks import delete_file_from_storage_task

    page = PolicyDocumentPageFactory(parent=site_tree["disclosures"], live=False, title="定时发布的通知")
    page.go_live_at = timezone.now() - datetime.timedelta(seconds=30)
    page.save_revision(approved_go_live_at=page.go_live_at)
    apply_schedules()
    Schedule.objects.filter(name=REGISTRY["publish_scheduled"].schedule_name).update(next_run=timezone.now())

    doomed = tmp_path / "stale-rendition.jpg"
    doomed.write_bytes(b"x")
    storage = ("django.core.files.storage.FileSystemStorage", (), {"location": str(tmp_path)})
    DjangoQ2Backend("q2", {}).enqueue(delete_file_from_storage_task, [storage, doomed.name], {})

    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: not doomed.exists(), 60, "the cluster to run Wagtail's file-deletion task")
        wait_for(
            lambda: Success.objects.filter(func="config.task_backend.run_task").exists(),
            30,
            "the cluster to record the task's success",
        )
        wait_for(lambda: type(page).objects.get(pk=page.pk).live, 90, "the scheduled page to go live")
    finally:
        assert stop(cluster) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_run_site_serves_and_ctrl_c_stops_server_and_cluster(site_tree):
    apply_schedules()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_site", "--port", str(port)],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def home_answers():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                return response.status == 200 and "主办单位" in response.read().decode()
        except OSError:
            return False

    try:
        wait_for(home_answers, 60, "the web server")
    finally:
        code = stop(process, signal.SIGINT, timeout=40)
    output = process.stdout.read()
    assert code == 0, output
    assert "已全部停止" in output
    assert "强制结束" not in output
