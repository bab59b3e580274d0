"""A copy of every table kept in the test database itself, put back in a fraction of a second: the
demo site is built once per test session (per xdist worker) instead of by each test that reads it
(`load_demo` takes 15–40 s). A snapshot is a set of tables beside the real ones (a schema on
PostgreSQL, prefixed tables on SQLite); `restore()` empties the real tables and copies the snapshot
back inside the caller's transaction, so a test that asks for the demo still rolls back as usual.

SQLite's full-text index (an FTS5 table and its shadow tables) is rebuilt by its own triggers when
the search index rows are copied back, so it is never copied itself."""

from django.db import connection, transaction

SQLITE_PREFIX = "fjld_snapshot_"


class Snapshot:
    def __init__(self, name: str):
        self.name = name
        self.tables: list[str] = []
        self.sequences: list[tuple[str, str]] | None = None  # PostgreSQL: (table, column), read once

    # -- which tables ---------------------------------------------------------------------------
    def _real_tables(self, cursor) -> list[str]:
        names = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            shadow = {
                row[0]
                for row in cursor.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
                )
            }
            return [
                n
                for n in names
                if not n.startswith((SQLITE_PREFIX, "sqlite_"))
                and n not in shadow
                and not any(n.startswith(f"{v}_") for v in shadow)
            ]
        return names

    def _copy_of(self, table: str) -> str:
        quote = connection.ops.quote_name
        if connection.vendor == "sqlite":
            return quote(f"{SQLITE_PREFIX}{self.name}__{table}")
        return f"{quote(self.schema)}.{quote(table)}"

    @property
    def schema(self) -> str:
        return f"fjld_snapshot_{self.name}"

    # -- take and restore -----------------------------------------------------------------------
    def take(self) -> "Snapshot":
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            self.tables = self._real_tables(cursor)
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP SCHEMA IF EXISTS {quote(self.schema)} CASCADE")
                cursor.execute(f"CREATE SCHEMA {quote(self.schema)}")
            for table in self.tables:
                copy = self._copy_of(table)
                cursor.execute(f"DROP TABLE IF EXISTS {copy}")
                cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {quote(table)}")
        return self

    def restore(self) -> None:
        """In one transaction (a savepoint inside a test's), so a failure leaves the tables as they were."""
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A snapshot is whole by construction: its foreign-key triggers would only check it
                # again (the test database's owner is a superuser). DELETE, not TRUNCATE: emptying
                # 125 small tables takes 0.05 s instead of 0.4 s.
                cursor.execute("SET LOCAL session_replication_role = replica")
            for table in self.tables:
                cursor.execute(f"DELETE FROM {quote(table)}")
            for table in self.tables:
                cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {self._copy_of(table)}")
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = origin")  # checks on again
                if self.sequences is None:
                    self.sequences = [
                        (table, sequence["column"])
                        for table in self.tables
                        for sequence in connection.introspection.get_sequences(cursor, table)
                    ]
                # every sequence set past its table's highest id, in one statement
                if self.sequences:
                    cursor.execute(
                        "SELECT "
                        + ", ".join(
                            f"setval(pg_get_serial_sequence(%s, %s), "
                            f"COALESCE((SELECT MAX({quote(column)}) FROM {quote(table)}), 1), "
                            f"(SELECT MAX({quote(column)}) FROM {quote(table)}) IS NOT NULL)"
                            for table, column in self.sequences
                        ),
                        [value for table, column in self.sequences for value in (quote(table), column)],
                    )


def flush_by_delete() -> None:
    """Django empties every table after each transactional test with one TRUNCATE of them all (0.4–1.5 s
    on PostgreSQL); DELETE with the foreign-key triggers off, as `restore()` does, takes a tenth of
    that (the statements run in one transaction). SQLite's flush already deletes."""
    if connection.vendor != "postgresql":
        return
    operations = type(connection.ops)
    truncate = operations.sql_flush

    def sql_flush(ops, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(ops, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [
            "SET LOCAL session_replication_role = replica",
            *(f"DELETE FROM {ops.quote_name(table)}" for table in tables),
            "SET LOCAL session_replication_role = origin",
        ]

    operations.sql_flush = sql_flush
