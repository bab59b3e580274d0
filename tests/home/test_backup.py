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
        "database.sqlite3.enc" if connection.vendor == "sqlite" else "database.pgdump.enc",
        "media.tar.gz.enc",
        "private-media.tar.gz.enc",
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
    (backup_dir / "media.tar.gz.enc").write_bytes(b"tampered")
    with pytest.raises(CommandError, match="校验值与清单不符"):
        call_command("restore_site", str(backup_dir))
    (backup_dir / MANIFEST).unlink()
    with pytest.raises(CommandError, match="备份清单"):
        call_command("restore_site", str(backup_dir))


def test_a_restore_renews_every_kept_page(tmp_path, monkeypatch):
    """The restored database was written behind the signals' back: nothing kept before may show."""
    from home.caching import generation
    from home.operations import backup

    monkeypatch.setattr(backup, "read_manifest", lambda source: {"files": {}, "database": connection.vendor})
    monkeypatch.setattr(backup, "_database_is_empty", lambda: True)
    monkeypatch.setattr(backup, "_roots", lambda: {})
    monkeypatch.setattr(backup, "_restore_database", lambda *args, **kwargs: None)
    before = generation.current()
    backup.restore(tmp_path)
    assert generation.current() != before


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_nobody_else_can_read_a_backup_and_nothing_in_it_is_plain(content, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup_site", str(backup_dir), stdout=io.StringIO())
    assert _mode(backup_dir) == 0o700
    files = sorted(backup_dir.iterdir())
    assert files and all(_mode(f) == 0o600 for f in files), [(f.name, oct(_mode(f))) for f in files]
    for sealed in backup_dir.glob("*.enc"):
        data = sealed.read_bytes()
        # no SQLite header, no gzip header, no password hash, no name of a user in the clear
        assert b"SQLite format" not in data and data[20:22] != b"\x1f\x8b"
        assert b"pbkdf2_sha256" not in data and b"liaison" not in data


def test_an_edited_manifest_is_refused_before_anything_is_touched(content, tmp_path, monkeypatch):
    from home.operations import backup

    backup_dir = tmp_path / "backup"
    call_command("backup_site", str(backup_dir), stdout=io.StringIO())
    manifest = json.loads((backup_dir / MANIFEST).read_text(encoding="utf-8"))
    # the attacker swaps in a file of their own and writes its checksum into the manifest
    (backup_dir / "media.tar.gz.enc").write_bytes(b"FJLDBAK2" + b"\0" * 64)
    manifest["files"]["media.tar.gz.enc"]["sha256"] = backup.sha256(backup_dir / "media.tar.gz.enc")
    (backup_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    touched = []
    monkeypatch.setattr(backup, "_restore_database", lambda *a, **k: touched.append("database"))
    monkeypatch.setattr(backup, "_database_is_empty", lambda: True)
    with pytest.raises(backup.BackupError, match="签名不对"):
        backup.restore(backup_dir)
    assert touched == []


def test_a_backup_read_with_another_key_is_refused(content, tmp_path, settings):
    from home.operations import backup

    backup_dir = tmp_path / "backup"
    call_command("backup_site", str(backup_dir), stdout=io.StringIO())
    settings.BACKUP_KEY = "a-different-key-than-the-one-it-was-made-with"
    with pytest.raises(backup.BackupError, match="签名不对"):
        backup.read_manifest(backup_dir)


def _signed_backup(tmp_path: Path, members: dict[str, bytes], *, link: str = "") -> Path:
    """A backup made and signed with this site's key, whose media archive holds `members`."""
    import tarfile

    from home.operations import backup

    staging, target = tmp_path / "plain", tmp_path / "crafted"
    staging.mkdir()
    target.mkdir()
    for name in ("media", "private-media"):
        with tarfile.open(staging / f"{name}.tar.gz", "w:gz") as archive:
            for member, data in members.items() if name == "media" else ():
                info = tarfile.TarInfo(member)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            if link and name == "media":
                info = tarfile.TarInfo("images/evil")
                info.type, info.linkname = tarfile.SYMTYPE, link
                archive.addfile(info)
    database = backup.DATABASE_FILES[connection.vendor]
    (staging / database).write_bytes(b"not restored in these tests")
    files = {}
    for plain in (database, "media.tar.gz", "private-media.tar.gz"):
        sealed = target / f"{plain}.enc"
        backup._encrypt(staging / plain, sealed)
        files[sealed.name] = {
            "sha256": backup.sha256(sealed),
            "bytes": sealed.stat().st_size,
            "contents": plain,
        }
    manifest = {
        "format": backup.FORMAT,
        "created_at": "",
        "database": connection.vendor,
        "counts": {},
        "files": files,
    }
    data = json.dumps(manifest).encode()
    (target / MANIFEST).write_bytes(data)
    (target / backup.SIGNATURE).write_text(backup._signature(data))
    return target


@pytest.fixture
def empty_target(tmp_path, monkeypatch, settings):
    """Empty media roots and a database the restore may write (its writing is recorded, not done)."""
    from home.operations import backup

    roots = {"media": tmp_path / "media", "private-media": tmp_path / "private"}
    monkeypatch.setattr(backup, "_roots", lambda: roots)
    monkeypatch.setattr(backup, "_database_is_empty", lambda: True)
    written = []
    monkeypatch.setattr(
        backup, "_restore_database", lambda plain, manifest: written.append(plain.read_bytes())
    )
    return roots, written


def _left_as_it_was(roots: dict, tmp_path: Path) -> bool:
    leftovers = list(tmp_path.glob(".*.restoring"))
    return not leftovers and all(not root.exists() or not any(root.iterdir()) for root in roots.values())


@pytest.mark.parametrize(
    ("members", "link"),
    [
        ({"../../etc/cron.d/evil": b"* * * * * root sh"}, ""),
        ({"/etc/passwd": b"x"}, ""),
        ({"images/ok.png": b"png"}, "/etc/shadow"),
    ],
)
def test_an_archive_that_reaches_outside_its_folder_is_refused_before_anything_is_written(
    tmp_path, empty_target, members, link
):
    from home.operations import backup

    roots, written = empty_target
    crafted = _signed_backup(tmp_path, members, link=link)
    with pytest.raises(backup.BackupError, match="不安全的文件路径"):
        backup.restore(crafted)
    assert written == [] and _left_as_it_was(roots, tmp_path)


@pytest.mark.parametrize("step", ["_decrypt", "_checked_members", "_unpack_beside", "_restore_database"])
def test_a_restore_stopped_at_any_step_leaves_the_target_as_it_was(tmp_path, empty_target, monkeypatch, step):
    """A kill or a fault halfway (here: at each step) leaves an empty database and empty media
    folders — the restore can simply be run again."""
    from home.operations import backup

    roots, written = empty_target
    crafted = _signed_backup(tmp_path, {"images/poster.png": b"png bytes"})
    real = getattr(backup, step)
    calls = []

    def stopped(*args, **kwargs):
        calls.append(step)
        if len(calls) == 2 or step == "_restore_database":  # the second file, or the database itself
            raise KeyboardInterrupt("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(backup, step, stopped)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(crafted)
    assert _left_as_it_was(roots, tmp_path)

    monkeypatch.setattr(backup, step, real if step != "_restore_database" else lambda p, m: written.append(p))
    backup.restore(crafted)  # run again: it completes
    assert (roots["media"] / "images" / "poster.png").read_bytes() == b"png bytes"
