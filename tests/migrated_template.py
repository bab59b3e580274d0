"""The migrated SQLite test database, kept between test sessions: migrating from nothing takes 15–18 s
in each xdist worker of each run (the clock-shifted pass and `make test-dates` run the suite again),
a copy of the result a fraction of a second. The copy is named after every migration file, the
locked package versions and the settings, so that a new or changed migration, an upgraded Wagtail or
another setting migrates afresh (so does `pytest --create-db`).
Django then finds the copy as a kept database (keepdb): its `migrate` has nothing to apply and the
contents are serialized for transactional tests as usual. PostgreSQL migrates in every session."""

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections


def _template() -> Path:
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for path in sorted(root.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for made_with in ("requirements-dev.lock", "config/settings/base.py", "config/settings/test.py"):
        digest.update((root / made_with).read_bytes())
    return Path(settings.VAR_DIR) / "test-templates" / f"migrated-{digest.hexdigest()[:16]}.sqlite3"


def _sqlite():
    connection = connections[DEFAULT_DB_ALIAS]
    return connection if connection.vendor == "sqlite" else None


def put_in_place() -> bool:
    """Copy the kept database to where this session's test database goes; False when there is none."""
    connection = _sqlite()
    template = _template() if connection else None
    if template is None or not template.exists():
        return False
    target = Path(connection.creation._get_test_db_name())
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)  # another session's journal would be replayed onto the copy
    shutil.copyfile(template, target)
    return True


def keep() -> None:
    """Right after migrating, before any test: keep a copy for the next session (written under another
    name, then renamed, so that the other worker, doing the same, never reads half a file)."""
    connection = _sqlite()
    if connection is None:
        return
    template = _template()
    template.parent.mkdir(parents=True, exist_ok=True)
    for stale in template.parent.glob("migrated-*.sqlite3"):
        if stale != template:
            stale.unlink(missing_ok=True)
    partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
    connection.ensure_connection()
    copy = sqlite3.connect(partial)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    os.replace(partial, template)
