"""Engine creation and schema migrations (applied with `advisor db upgrade` and at start)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def create_database_engine(database_url: str) -> Engine:
    """An engine for `database_url`; a SQLite file's folder is created if missing."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


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
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._upgraded = False

    def session(self) -> Session:
        if not self._upgraded:
            upgrade_schema(self.engine)
            self._upgraded = True
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()
