"""The store and the CLI against a real PostgreSQL server (see postgres.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event, inspect, text

from bot.domain.plan import CompanyProfile
from bot.store.db import Database, upgrade_schema
from bot.store.profiles import ProfileStore
from tests.integration.postgres import fresh_database

ADVISOR = Path(sys.executable).parent / "advisor"
CLI_TIMEOUT = 60

PROFILE = {
    "name": "山田商店",
    "hourly_cost": 3000,
    "currency": "JPY",
    "language": "ja",
    "tasks": [
        {
            "task": "proposals",
            "label": "提案書の作成",
            "volume": 20,
            "minutes_before": 300,
            "minutes_after": 60,
        },
        {
            "task": "translation",
            "label": "英文契約書の翻訳",
            "volume": 4,
            "outsourcing_unit_cost": [30000, 50000],
        },
    ],
}


@pytest.fixture
def database_url(postgres_url: str) -> str:
    """A new, empty PostgreSQL database for one test."""
    return fresh_database(postgres_url)


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    db = Database(database_url)
    yield db
    db.dispose()


def test_the_server_is_postgresql(database: Database) -> None:
    assert database.engine.dialect.name == "postgresql"
    assert database.engine.dialect.driver == "psycopg"
    with database.engine.connect() as connection:
        version = connection.execute(text("SHOW server_version_num")).scalar_one()
        address = connection.execute(text("SELECT host(inet_server_addr())")).scalar_one()
    assert int(version) >= 120000
    assert address == "127.0.0.1"


def test_first_session_applies_the_migrations(database: Database) -> None:
    assert inspect(database.engine).get_table_names() == []

    database.session().close()

    tables = set(inspect(database.engine).get_table_names())
    assert {"company_profiles", "price_observations", "alembic_version"} <= tables
    indexes = {index["name"] for index in inspect(database.engine).get_indexes("price_observations")}
    assert "ix_price_observations_tool_id" in indexes
    with database.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert len(versions) == 1 and versions[0]


def test_upgrading_twice_is_a_no_op(database: Database) -> None:
    first = upgrade_schema(database.engine)
    assert first is not None

    statements: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        second = upgrade_schema(database.engine)
    finally:
        event.remove(database.engine, "before_cursor_execute", record)

    assert second == first
    writes = [
        s
        for s in statements
        if s.lstrip().split(None, 1)[0].upper() in {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == [], f"the second upgrade changed the database: {writes}"
    with database.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert versions == [first]


def test_profile_round_trip(database: Database) -> None:
    store = ProfileStore(database)
    profile = CompanyProfile.model_validate(PROFILE)
    assert store.get("T123") is None

    store.save("T123", profile, updated_by="U1")

    loaded = store.get("T123")
    assert loaded == profile
    assert loaded is not None
    assert loaded.hourly_cost == 3000
    assert [task.label for task in loaded.tasks] == ["提案書の作成", "英文契約書の翻訳"]
    assert loaded.tasks[1].outsourcing_unit_cost == (30000, 50000)
    assert store.get("another-workspace") is None

    changed = profile.model_copy(
        update={
            "hourly_cost": 4500,
            "tasks": [profile.tasks[0].model_copy(update={"volume": 35, "label": "見積書の作成"})],
        }
    )
    store.save("T123", changed, updated_by="U2")

    reloaded = store.get("T123")
    assert reloaded == changed
    assert reloaded is not None and reloaded.hourly_cost == 4500 and len(reloaded.tasks) == 1
    assert reloaded.tasks[0].label == "見積書の作成" and reloaded.tasks[0].volume == 35
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT workspace_id, updated_by FROM company_profiles")).all()
    assert [tuple(row) for row in rows] == [("T123", "U2")]


def _advisor(*args: str, database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env.pop("ADVISOR_WORKSPACE", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [str(ADVISOR), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=CLI_TIMEOUT,
        check=False,
    )


def test_cli_against_postgres(database_url: str, tmp_path: Path) -> None:
    assert ADVISOR.exists(), f"{ADVISOR} is missing; install the project into the virtualenv"
    profile_file = tmp_path / "profile.json"
    profile_file.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")

    upgraded = _advisor("db", "upgrade", database_url=database_url, cwd=tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "database at revision" in upgraded.stdout
    assert "postgresql+psycopg://" in upgraded.stdout
    check = Database(database_url)
    try:
        tables = set(inspect(check.engine).get_table_names())
    finally:
        check.dispose()
    assert {"company_profiles", "price_observations", "alembic_version"} <= tables

    missing = _advisor("profile", "show", "--json", database_url=database_url, cwd=tmp_path)
    assert missing.returncode == 1, missing.stdout + missing.stderr
    assert "no profile stored for workspace local" in missing.stderr

    saved = _advisor("profile", "set", str(profile_file), database_url=database_url, cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    assert "山田商店" in saved.stdout and "2 tasks" in saved.stdout and "workspace local" in saved.stdout

    shown = _advisor("profile", "show", "--json", database_url=database_url, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data == CompanyProfile.model_validate(PROFILE).model_dump(mode="json")
    assert data["hourly_cost"] == 3000
    assert data["tasks"][1]["outsourcing_unit_cost"] == [30000, 50000]
    assert [task["label"] for task in data["tasks"]] == ["提案書の作成", "英文契約書の翻訳"]

    # The CLI wrote to PostgreSQL, not to a SQLite file somewhere.
    database = Database(database_url)
    try:
        assert ProfileStore(database).get("local") == CompanyProfile.model_validate(PROFILE)
    finally:
        database.dispose()


def _backend_pid(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(postgres_url: str, pid: int) -> None:
    """Close one backend from the server's side, as a restart or an idle time-out would."""
    from bot.store.db import create_database_engine

    admin = create_database_engine(postgres_url)
    try:
        with admin.connect() as connection:
            assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()
    finally:
        admin.dispose()


def test_a_pooled_connection_the_server_closed_while_idle_is_replaced_unnoticed(postgres_url, monkeypatch):
    from bot.store import db

    monkeypatch.setattr(db, "IDLE_BEFORE_PING_SECONDS", 0.0)  # every pooled connection counts as idle
    engine = db.create_database_engine(fresh_database(postgres_url))
    try:
        first = _backend_pid(engine)
        _terminate(postgres_url, first)
        second = _backend_pid(engine)  # the dead connection is tested, dropped and replaced
        assert second != first
    finally:
        engine.dispose()


def test_a_connection_returned_a_moment_ago_is_lent_out_untested(postgres_url):
    from sqlalchemy.exc import OperationalError

    from bot.store import db

    engine = db.create_database_engine(fresh_database(postgres_url))
    try:
        _terminate(postgres_url, _backend_pid(engine))
        with pytest.raises(OperationalError):  # no round trip was spent testing it
            _backend_pid(engine)
        assert _backend_pid(engine) > 0  # and the failure made the pool connect afresh
    finally:
        engine.dispose()


def _threads_seen_elsewhere(database: Database) -> int:
    with database.engine.connect() as other:
        return other.execute(text("SELECT count(*) FROM slack_threads")).scalar_one()


def test_a_one_statement_write_commits_as_it_runs_and_reads_begin_nothing(database: Database) -> None:
    database.session().close()  # the schema first
    insert = text(
        "INSERT INTO slack_threads (workspace_id, channel_id, thread_ts, created_at) VALUES ('T1', 'C1', :ts, now())"
    )

    with database.writing_one() as connection:
        connection.execute(insert, {"ts": "1.0"})
        assert _threads_seen_elsewhere(database) == 1  # committed already, before the block ends
    with database.writing() as connection:
        connection.execute(insert, {"ts": "2.0"})
        assert _threads_seen_elsewhere(database) == 1  # a transaction's write: seen once it commits
    assert _threads_seen_elsewhere(database) == 2
    with database.reading() as connection:
        connection.execute(text("SELECT 1"))
        assert connection.connection.dbapi_connection.info.transaction_status.name == "IDLE"  # no BEGIN was sent
