"""backup_site then restore_site into a new database and new media roots gives back the same pages,
revisions, images and documents (by checksum), internal records and users — on SQLite and on
PostgreSQL; a damaged backup or a non-empty target is refused before anything is written."""

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from home.operations.backup import MANIFEST
from tests.factories import UserFactory, add_meeting

from .backup_summary import summary

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def content(site_tree):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from internal.groups import LIAISONS
    from internal.models import MemberUnit, ProgressReport

    get_image_model().objects.create(title="普法宣传图", file=ContentFile(_png(), name="poster.png"))
    get_document_model().objects.create(
        title="实施办法", file=ContentFile("永政发〔2026〕29号".encode(), name="a.txt")
    )
    unit = MemberUnit.objects.create(name="永昌县司法局")
    liaison = UserFactory(groups=[LIAISONS], username="liaison")
    unit.liaisons.add(liaison)
    meeting = add_meeting(
        site_tree["internal"],
        [{"requirement": "建立数据互通机制", "lead_unit": unit, "deadline": "2026-12-31"}],
    )
    meeting.save_revision().publish()
    report = ProgressReport(
        resolution=meeting.resolutions.get(),
        unit=unit,
        author=liaison,
        text="已完成对接。",
        new_status="done",
    )
    report.attachment.save("proof.pdf", ContentFile(b"%PDF-1.4 proof"), save=False)
    report.save()
    return summary()


def _restored_summary(backup_dir: Path, tmp_path: Path, database_url: str) -> dict:
    var = tmp_path / "restored"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}
    env["VAR_DIR"] = str(var)  # the test settings put both media roots under VAR_DIR
    run = [sys.executable, "manage.py"]
    restored = subprocess.run(
        [*run, "restore_site", str(backup_dir)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert restored.returncode == 0, restored.stderr
    shown = subprocess.run(
        [*run, "shell", "-c", "from tests.home.backup_summary import print_summary; print_summary()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout.strip().splitlines()[-1])


def _new_postgres_database():
    import psycopg

    db = connection.settings_dict
    name = f"fjld_restore_{uuid.uuid4().hex[:8]}"
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "dbname": "postgres",
    }
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return name, params, f"postgres://{auth}@{params['host']}:{params['port']}/{name}"


def test_backup_then_restore_gives_the_same_site(content, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup_site", str(backup_dir), stdout=io.StringIO())
    manifest = json.loads((backup_dir / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {
        "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump",
        "media.tar.gz",
        "private-media.tar.gz",
    }
    if connection.vendor == "sqlite":
        restored = _restored_summary(backup_dir, tmp_path, f"sqlite:///{tmp_path / 'restored.sqlite3'}")
    else:
        import psycopg

        name, params, url = _new_postgres_database()
        try:
            restored = _restored_summary(backup_dir, tmp_path, url)
        finally:
            with psycopg.connect(**params, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    original = json.loads(json.dumps(content))  # tuples as lists, as they come back from JSON
    assert restored == original
    assert original["images"] and original["documents"] and original["reports"] and original["meetings"]


def test_a_damaged_or_misplaced_restore_is_refused(content, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup_site", str(backup_dir), stdout=io.StringIO())
    with pytest.raises(CommandError, match="不是空的"):
        call_command("backup_site", str(backup_dir))  # never over an existing backup
    with pytest.raises(CommandError, match="不是空的"):
        call_command("restore_site", str(backup_dir))  # the live database is not empty
    (backup_dir / "media.tar.gz").write_bytes(b"tampered")
    with pytest.raises(CommandError, match="校验值与清单不符"):
        call_command("restore_site", str(backup_dir))
    (backup_dir / MANIFEST).unlink()
    with pytest.raises(CommandError, match="备份清单"):
        call_command("restore_site", str(backup_dir))


def test_a_restore_renews_every_kept_page(tmp_path, monkeypatch):
    """The restored database was written behind the signals' back: nothing kept before may show."""
    from home.caching import generation
    from home.operations import backup

    for name in ("_restore_database", "_extract"):
        monkeypatch.setattr(backup, name, lambda *args, **kwargs: None)
    monkeypatch.setattr(backup, "read_manifest", lambda source: {"files": {}})
    monkeypatch.setattr(backup, "_roots", lambda: {})
    before = generation.current()
    backup.restore(tmp_path)
    assert generation.current() != before
