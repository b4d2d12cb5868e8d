"""Engine creation and schema migrations (applied with `advisor db upgrade` and at start)."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, CursorResult, Engine, Result, Table, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def create_database_engine(database_url: str, begin_immediate: bool = False, autocommit: bool = False) -> Engine:
    """An engine for `database_url`; a SQLite file's folder is created if missing.

    With `autocommit`, a PostgreSQL engine's connections are in autocommit from the
    moment they connect: each statement commits as it runs, with no BEGIN of ours.

    With `begin_immediate`, every SQLite transaction takes the write lock when it begins
    (BEGIN IMMEDIATE, waiting up to the busy timeout for it), so what it reads cannot
    change before it writes. sqlite3 on its own begins only at the first write, leaving
    earlier reads outside the transaction; and a transaction that begins with a read
    cannot take the write lock once another connection has written (WAL cannot move its
    snapshot forward), failing at once with "database is locked". Other databases
    ignore the flag.
    """
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        if begin_immediate:
            event.listen(engine, "connect", _sqlite_leave_transactions_to_us)
            event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    engine = create_engine(url, isolation_level="AUTOCOMMIT") if autocommit else create_engine(url)
    _ping_after_idle(engine)
    return engine


IDLE_BEFORE_PING_SECONDS = 5.0
"""A pooled connection unused this long is tested before it is lent out again."""


def _ping_after_idle(engine: Engine) -> None:
    """Test a connection before lending it out only when it has sat in the pool a while.

    SQLAlchemy's `pool_pre_ping` tests every checkout: a round trip to the database before
    each transaction (about a tenth of a millisecond of the app's CPU, and the server's
    work for it), on every one of the transactions an answer takes. A connection that
    was returned a moment ago is as good as the transaction that used it; one that sat idle
    may have been closed by a database restart or a proxy's idle time-out. A failed test
    discards that connection (and the pool's older ones) and the pool connects afresh, as
    with `pool_pre_ping`; a database that restarts within the idle time fails the
    transactions already on their way, whose errors invalidate the pool likewise.
    """
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def returned(_dbapi_connection, record) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def lending(dbapi_connection, record, _proxy) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is None or time.monotonic() - returned_at < IDLE_BEFORE_PING_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise DisconnectionError(f"a pooled connection no longer works: {error}") from error
            raise


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_leave_transactions_to_us(dbapi_connection, _record) -> None:
    # sqlite3 would otherwise emit its own deferred BEGIN before the first write only.
    dbapi_connection.isolation_level = None


def _sqlite_begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _is_sqlite_file(engine: Engine) -> bool:
    database = engine.url.database
    return engine.dialect.name == "sqlite" and bool(database) and database != ":memory:"


def _dialect_name(executor: Session | Connection) -> str:
    return (executor.get_bind() if isinstance(executor, Session) else executor).dialect.name


def dialect_insert(executor: Session | Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can say ON CONFLICT in the dialect of this session or connection."""
    return insert_in(_dialect_name(executor), table)


def insert_in(dialect: str, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can say ON CONFLICT in `dialect` ("postgresql" or "sqlite").

    The dialect's module is imported here, where the engine has loaded it already, so
    that a SQLite start-up does not pay for importing PostgreSQL's.
    """
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def insert_unless_present(executor: Session | Connection, table: Table, *key: str) -> postgresql.Insert | sqlite.Insert:
    """INSERT … ON CONFLICT (`key`) DO NOTHING into `table`, in the dialect of this session or connection.

    The values go to `execute`. The statement is built once per dialect, table and key,
    so a transaction on a hot path spends nothing on building it.
    """
    return _insert_unless_present(_dialect_name(executor), table, key)


@functools.cache
def _insert_unless_present(dialect: str, table: Table, key: tuple[str, ...]) -> postgresql.Insert | sqlite.Insert:
    return insert_in(dialect, table).on_conflict_do_nothing(index_elements=list(key))


def rows_changed(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE changed (its result is a cursor's)."""
    assert isinstance(result, CursorResult)
    return result.rowcount


def _alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


SCHEMA_HEAD = "0010"
"""The newest migration. Checked against Alembic's own head by the tests; it lets a start-up
whose schema is current skip importing Alembic (about a tenth of a second)."""


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at, read with plain SQL (None before the first)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_schema(engine: Engine) -> str | None:
    """Bring the schema to the newest migration; return the revision it is now at."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = _alembic_config(engine)
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head:
        command.upgrade(config, "head")
    return head


class Database:
    """The engine and a session factory, with the schema brought up to date on first use."""

    def __init__(self, database_url: str) -> None:
        self.engine = create_database_engine(database_url)
        self.is_postgresql = self.engine.dialect.name == "postgresql"
        """PostgreSQL, where the stores take its shorter paths: autocommit, its functions, CTEs that write."""
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # A SQLite file gets a second engine whose transactions start with the write lock;
        # an in-memory database has one connection, so nothing competes for its lock.
        self._write_engine = (
            create_database_engine(database_url, begin_immediate=True) if _is_sqlite_file(self.engine) else self.engine
        )
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        # On PostgreSQL a statement that needs no transaction of ours runs in autocommit: no BEGIN
        # and no COMMIT or ROLLBACK, two round trips fewer. Its connections are a pool of their own,
        # in autocommit for good: switching a pooled connection into autocommit and back costs
        # each checkout about a third more of the app's CPU. SQLite keeps its transactions (the
        # write engine's BEGIN IMMEDIATE is what queues writers for the lock).
        self._autocommit = create_database_engine(database_url, autocommit=True) if self.is_postgresql else None
        self._upgraded = False
        self._upgrade_lock = threading.Lock()

    def session(self) -> Session:
        self._upgrade_once()
        return self._sessions()

    def write_session(self) -> Session:
        """A session for a transaction that reads and then writes and must not fail half-way.

        On a SQLite file it holds the write lock from its first statement, so such
        transactions run one after another; on PostgreSQL it is an ordinary session.
        """
        self._upgrade_once()
        return self._write_sessions()

    @contextmanager
    def writing(self, within: Connection | None = None) -> Iterator[Connection]:
        """One transaction on a plain connection, committed when the block ends, rolled back if it raises.

        Like `write_session` (the write lock from the start on a SQLite file), for the
        transactions every question runs: a Core statement on a connection costs less CPU
        than the same statement through an ORM session and its unit of work. Given the
        connection of a transaction already under way (`within`), the block is part of it
        and that transaction's own block commits.
        """
        if within is not None:
            yield within
            return
        self._upgrade_once()
        with self._write_engine.begin() as connection:
            yield connection

    @contextmanager
    def writing_one(self, within: Connection | None = None) -> Iterator[Connection]:
        """A connection for a write that is one statement, atomic on its own.

        On PostgreSQL the statement commits as it runs (autocommit); elsewhere, or `within`
        a transaction under way, it is part of a transaction as in `writing`.
        """
        if within is not None or self._autocommit is None:
            with self.writing(within) as connection:
                yield connection
            return
        self._upgrade_once()
        with self._autocommit.connect() as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A plain connection for reads.

        On PostgreSQL each statement reads what was committed when it began, as it would
        in a READ COMMITTED transaction, without the transaction's BEGIN and ROLLBACK.
        """
        self._upgrade_once()
        with (self._autocommit or self.engine).connect() as connection:
            yield connection

    def _upgrade_once(self) -> None:
        """Migrate before the first session; threads asking at once wait for one migration."""
        if self._upgraded:
            return
        with self._upgrade_lock:
            if not self._upgraded:
                if schema_revision(self.engine) != SCHEMA_HEAD:
                    upgrade_schema(self.engine)
                self._upgraded = True

    def dispose(self) -> None:
        self.engine.dispose()
        if self._write_engine is not self.engine:
            self._write_engine.dispose()
        if self._autocommit is not None:
            self._autocommit.dispose()
