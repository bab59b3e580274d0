"""Backup and restore of the whole site: the database (SQLite through its online backup API, never a
file copy, so a write still in the WAL is included; PostgreSQL through pg_dump / pg_restore), the
public media and the private media (internal photos and attachments).

A backup holds password hashes, authenticator keys and applicants' personal data, so nobody else
may read it: every file is written 0600 in a 0700 folder and encrypted (AES-256-GCM) with a key
from BACKUP_KEY (docs/OPERATIONS.md: where that key is kept); the manifest lists each file with its
SHA-256 and is signed (HMAC-SHA256 with a key derived from BACKUP_KEY), so an edited manifest or
file is refused before anything is touched.

A restore checks the signature and every checksum, decrypts into a staging folder, checks every
archive member's path, unpacks the media beside their roots, and only then writes the database
(one transaction on PostgreSQL; a copy renamed into place on SQLite) and swaps the media in. A fault
or a kill at any step leaves the target as it was: an empty database and empty media folders.

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
SIGNATURE = "manifest.sig"
FORMAT = 2
MAGIC = b"FJLDBAK2"  # then a 12-byte nonce, the ciphertext, the 16-byte GCM tag
BLOCK = 1 << 20
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A clear, Chinese reason why a backup or restore cannot go on."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _keys() -> tuple[bytes, bytes]:
    """(encryption key, signing key), both derived from BACKUP_KEY (or, when it is not set, from
    SECRET_KEY: then whoever holds the settings holds the backups — set BACKUP_KEY in production)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    secret = (getattr(settings, "BACKUP_KEY", "") or settings.SECRET_KEY).encode()

    def derive(purpose: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"fjld-backup", info=purpose).derive(secret)

    return derive(b"encrypt"), derive(b"sign")


def _private_file(path: Path):
    """Open for writing, readable by the owner only from the first byte."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


def _encrypt(plain: Path, sealed: Path) -> None:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    nonce = os.urandom(12)
    encryptor = Cipher(algorithms.AES(_keys()[0]), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(sealed.name.encode())  # a file cannot pass for another
    with plain.open("rb") as source, _private_file(sealed) as target:
        target.write(MAGIC + nonce)
        for block in iter(lambda: source.read(BLOCK), b""):
            target.write(encryptor.update(block))
        target.write(encryptor.finalize() + encryptor.tag)


def _decrypt(sealed: Path, plain: Path) -> None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    size = sealed.stat().st_size
    with sealed.open("rb") as source:
        header = source.read(len(MAGIC) + 12)
        if not header.startswith(MAGIC) or size < len(header) + 16:
            raise BackupError(f"{sealed.name} 不是本系统加密的备份文件。")
        source.seek(size - 16)
        tag = source.read(16)
        source.seek(len(header))
        decryptor = Cipher(algorithms.AES(_keys()[0]), modes.GCM(header[len(MAGIC) :], tag)).decryptor()
        decryptor.authenticate_additional_data(sealed.name.encode())
        remaining = size - len(header) - 16
        with _private_file(plain) as target:
            while remaining:
                block = source.read(min(BLOCK, remaining))
                remaining -= len(block)
                target.write(decryptor.update(block))
            try:
                target.write(decryptor.finalize())
            except InvalidTag as exc:
                raise BackupError(
                    f"{sealed.name} 无法解密：备份密钥（BACKUP_KEY）不对，或文件已被改动。"
                ) from exc


def _signature(data: bytes) -> str:
    import hmac

    return hmac.new(_keys()[1], data, hashlib.sha256).hexdigest()


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
        path = target / DATABASE_FILES["sqlite"]
        source = sqlite3.connect(db["NAME"])
        copy = sqlite3.connect(path)
        try:
            source.backup(copy)  # the online backup API: consistent, WAL included
        finally:
            copy.close()
            source.close()
        return path.name
    if connection.vendor == "postgresql":
        path = target / DATABASE_FILES["postgresql"]
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
    with _private_file(path) as handle, tarfile.open(fileobj=handle, mode="w:gz") as archive:
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
    """Write a complete, encrypted, signed backup into `target` (new or empty); returns the manifest."""
    import tempfile

    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录 {target} 不是空的；请指定一个新目录。")
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.chmod(0o700)
    connection = connections["default"]
    with tempfile.TemporaryDirectory(prefix="fjld-backup-", dir=target.parent) as staging_name:
        staging = Path(staging_name)  # 0700 from mkdtemp; removed, plain files and all, at the end
        plain = [_dump_database(staging)]
        plain += [_archive(root, staging, name) for name, root in _roots().items()]
        files = {}
        for name in plain:
            sealed = target / f"{name}.enc"
            _encrypt(staging / name, sealed)
            files[sealed.name] = {"sha256": sha256(sealed), "bytes": sealed.stat().st_size, "contents": name}
    manifest = {
        "format": FORMAT,
        "created_at": timezone.localtime().isoformat(),
        "database": connection.vendor,
        "counts": _counts(),
        "files": files,
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    with _private_file(target / MANIFEST) as handle:
        handle.write(data)
    with _private_file(target / SIGNATURE) as handle:
        handle.write(_signature(data).encode())
    return manifest


def read_manifest(source: Path) -> dict:
    """The manifest, once its signature and every file's checksum are right; otherwise BackupError."""
    import hmac

    source = Path(source)
    try:
        data = (source / MANIFEST).read_bytes()
    except OSError as exc:
        raise BackupError(f"{source} 中没有可读的备份清单（{MANIFEST}）。") from exc
    try:
        signature = (source / SIGNATURE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        signature = ""
    if not hmac.compare_digest(signature, _signature(data)):
        raise BackupError(
            "备份清单的签名不对：清单被改动过，或备份密钥（BACKUP_KEY）与备份时不同。未作任何改动。"
        )
    try:
        manifest = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise BackupError(f"{source} 中的备份清单无法读取。") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("这份备份的格式与本系统不符（可能是旧版本未加密的备份）。")
    for name, entry in manifest.get("files", {}).items():
        path = source / name
        if Path(name).name != name or not path.is_file():
            raise BackupError(f"备份不完整：缺少文件 {name}。")
        if sha256(path) != entry["sha256"]:
            raise BackupError(f"备份已损坏：{name} 的校验值与清单不符。")
    return manifest


def _database_is_empty(alias: str = "default") -> bool:
    return not connections[alias].introspection.table_names()


def _restore_database(plain: Path, manifest: dict, alias: str = "default") -> None:
    """All or nothing: PostgreSQL in one transaction; SQLite copied beside the database file and
    renamed over it (the rename is atomic)."""
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.close()
        live = Path(db["NAME"])
        incoming = live.with_name(f".{live.name}.restoring")
        backup_copy, copy = sqlite3.connect(plain), sqlite3.connect(incoming)
        try:
            backup_copy.backup(copy)
        finally:
            copy.close()
            backup_copy.close()
        for stale in (live.with_name(f"{live.name}-wal"), live.with_name(f"{live.name}-shm")):
            stale.unlink(missing_ok=True)  # the empty database's journal must not meet the restored file
        os.replace(incoming, live)
        return
    args, env = _pg_env(db)
    connection.close()
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", *args,
         "-d", db["NAME"], str(plain)],
        env,
    )  # fmt: skip


def _checked_members(archive_path: Path) -> None:
    """Every member a plain file or folder with a relative path inside the root — checked for the
    whole archive before anything is written."""
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive.getmembers():
            parts = Path(member.name).parts
            if (
                member.name.startswith(("/", "\\"))
                or ".." in parts
                or not (member.isfile() or member.isdir())
            ):
                raise BackupError(
                    f"备份中的 {archive_path.name} 含有不安全的文件路径（{member.name[:100]}），已拒绝恢复。"
                )


def _unpack_beside(archive_path: Path, root: Path) -> Path:
    """Unpacked into a hidden folder beside `root`, swapped in only after the database is restored."""
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = root.parent / f".{root.name}.restoring"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir(mode=0o700)
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(incoming, filter="data")  # and the checks above: no absolute paths, links, devices
    return incoming


def restore(source: Path) -> dict:
    """Check the signature and every checksum, decrypt and check everything, then restore the
    database and swap in both media roots. Nothing in the target changes until all is checked."""
    import tempfile

    source = Path(source)
    manifest = read_manifest(source)
    if manifest["database"] != connections["default"].vendor:
        raise BackupError(
            f"这是 {manifest['database']} 的备份，不能恢复到 {connections['default'].vendor} 数据库。"
        )
    if not _database_is_empty():
        raise BackupError("目标数据库不是空的：恢复只写入一个新建的空数据库，以免覆盖现有数据。")
    for root in _roots().values():
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"目标目录 {root} 不是空的：恢复只写入空的媒体目录。")
    plain_names = {entry["contents"]: name for name, entry in manifest["files"].items()}
    unpacked: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="fjld-restore-") as staging_name:
        staging = Path(staging_name)
        for plain, sealed in plain_names.items():
            _decrypt(source / sealed, staging / plain)
        archives = {name: staging / f"{name}.tar.gz" for name in _roots()}
        for archive in archives.values():
            _checked_members(archive)
        try:
            for name, root in _roots().items():
                unpacked[root] = _unpack_beside(archives[name], root)
            _restore_database(staging / DATABASE_FILES[manifest["database"]], manifest)
        except BaseException:
            for incoming in unpacked.values():
                shutil.rmtree(incoming, ignore_errors=True)
            raise
    for root, incoming in unpacked.items():  # the database is in: the media follow
        if root.exists():
            root.rmdir()  # checked empty above
        os.replace(incoming, root)
    from home.caching import generation

    generation.renew()  # nothing kept from before the restore may be shown after it
    return manifest


def scheduled_backup() -> str:
    """The daily job: BACKUP_DIR/<date-time>/, then only the newest BACKUP_KEEP are kept."""
    base = Path(settings.BACKUP_DIR)
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    base.chmod(0o700)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    backup(base / stamp)
    kept = sorted((p for p in base.iterdir() if p.is_dir() and (p / MANIFEST).exists()), reverse=True)
    for old in kept[max(settings.BACKUP_KEEP, 1) :]:
        shutil.rmtree(old)
    return stamp
