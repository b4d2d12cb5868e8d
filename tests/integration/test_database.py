"""The schema is migrated once, however many threads open the first sessions at the same time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.store.db import SCHEMA_HEAD, Database, schema_revision

THREADS = 8


def test_threads_opening_the_first_sessions_at_once_share_one_migration(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'fresh.db'}")

    def first_session(_: int) -> bool:
        with database.session() as session:
            return session.connection() is not None

    with ThreadPoolExecutor(THREADS) as pool:
        opened = list(pool.map(first_session, range(THREADS), timeout=60))
    assert opened == [True] * THREADS
    assert schema_revision(database.engine) == SCHEMA_HEAD
    database.dispose()
