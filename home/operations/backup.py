"""Backup and restore of the whole site: the database (SQLite through its online backup API, never a
file copy, so a write still in the WAL is included; PostgreSQL through pg_dump / pg_restore), the
public media and the private media (internal photos and attachments), with a manifest that lists
every file with its SHA-256, so a restore refuses a damaged or incomplete backup before touching
anything.

    manage.py backup_site DIR      DIR must be new or empty
    manage.py restore_site DIR     into an empty database and empty media roots

A daily job (home/jobs.py) writes BACKUP_DIR/<date-time>/ and keeps the newest BACKUP_KEEP.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A clear, Chinese reason why a backup or restore cannot go on."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private-media": Path(settings.PRIVATE_MEDIA_ROOT)}


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{result.stderr.strip()[:500]}")


def _dump_database(target: Path, alias: str = "default") -> str:
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        source = sqlite3.connect(db["NAME"])
        copy = sqlite3.connect(path)
        try:
            source.backup(copy)  # the online backup API: consistent, WAL included
        finally:
            copy.close()
            source.close()
        return path.name
    if connection.vendor == "postgresql":
        path = target / "database.pgdump"
        args, env = _pg_env(db)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "-f",
                str(path),
                db["NAME"],
            ],
            env,
        )
        return path.name
    raise BackupError(f"不支持备份 {connection.vendor} 数据库。")


def _archive(root: Path, target: Path, name: str) -> str:
    path = target / f"{name}.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        if root.exists():
            for item in sorted(root.rglob("*")):
                if item.is_file():
                    archive.add(item, arcname=str(item.relative_to(root)))
    return path.name


def _counts(alias: str = "default") -> dict:
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    return {
        "pages": Page.objects.using(alias).count(),
        "revisions": Revision.objects.using(alias).count(),
        "images": get_image_model().objects.using(alias).count(),
        "documents": get_document_model().objects.using(alias).count(),
        "users": get_user_model().objects.using(alias).count(),
    }


def backup(target: Path) -> dict:
    """Write a complete backup into `target` (new or empty); returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录 {target} 不是空的；请指定一个新目录。")
    target.mkdir(parents=True, exist_ok=True)
    connection = connections["default"]
    files = [_dump_database(target)]
    files += [_archive(root, target, name) for name, root in _roots().items()]
    manifest = {
        "format": FORMAT,
        "created_at": timezone.localtime().isoformat(),
        "database": connection.vendor,
        "counts": _counts(),
        "files": {
            name: {"sha256": sha256(target / name), "bytes": (target / name).stat().st_size} for name in files
        },
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def read_manifest(source: Path) -> dict:
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} 中没有可读的备份清单（{MANIFEST}）。") from exc
    for name, entry in manifest.get("files", {}).items():
        path = source / name
        if not path.exists():
            raise BackupError(f"备份不完整：缺少文件 {name}。")
        if sha256(path) != entry["sha256"]:
            raise BackupError(f"备份已损坏：{name} 的校验值与清单不符。")
    return manifest


def _database_is_empty(alias: str = "default") -> bool:
    return not connections[alias].introspection.table_names()


def _restore_database(source: Path, manifest: dict, alias: str = "default") -> None:
    connection = connections[alias]
    db = connection.settings_dict
    if manifest["database"] != connection.vendor:
        raise BackupError(f"这是 {manifest['database']} 的备份，不能恢复到 {connection.vendor} 数据库。")
    if not _database_is_empty(alias):
        raise BackupError("目标数据库不是空的：恢复只写入一个新建的空数据库，以免覆盖现有数据。")
    if connection.vendor == "sqlite":
        connection.close()
        backup_copy = sqlite3.connect(source / "database.sqlite3")
        live = sqlite3.connect(db["NAME"])
        try:
            backup_copy.backup(live)
        finally:
            live.close()
            backup_copy.close()
        return
    args, env = _pg_env(db)
    connection.close()
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", *args, "-d", db["NAME"],
         str(source / "database.pgdump")],
        env,
    )  # fmt: skip


def _extract(archive_path: Path, root: Path) -> None:
    if root.exists() and any(root.iterdir()):
        raise BackupError(f"目标目录 {root} 不是空的：恢复只写入空的媒体目录。")
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(root, filter="data")  # no absolute paths, links out or devices


def restore(source: Path) -> dict:
    """Check the manifest and every checksum, then restore the database and both media roots."""
    source = Path(source)
    manifest = read_manifest(source)
    for root in _roots().values():
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"目标目录 {root} 不是空的：恢复只写入空的媒体目录。")
    _restore_database(source, manifest)
    for name, root in _roots().items():
        _extract(source / f"{name}.tar.gz", root)
    from home.caching import generation

    generation.renew()  # nothing kept from before the restore may be shown after it
    return manifest


def scheduled_backup() -> str:
    """The daily job: BACKUP_DIR/<date-time>/, then only the newest BACKUP_KEEP are kept."""
    base = Path(settings.BACKUP_DIR)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    backup(base / stamp)
    kept = sorted((p for p in base.iterdir() if p.is_dir() and (p / MANIFEST).exists()), reverse=True)
    for old in kept[max(settings.BACKUP_KEEP, 1) :]:
        shutil.rmtree(old)
    return stamp
