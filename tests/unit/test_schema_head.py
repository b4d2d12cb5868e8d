"""The start-up shortcut that skips Alembic must know the real newest migration."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory

from bot.store.db import MIGRATIONS_DIR, SCHEMA_HEAD, Database, schema_revision


def test_schema_head_is_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_a_new_database_is_brought_to_the_head_on_first_use(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'new.db'}")
    assert schema_revision(database.engine) is None
    database.session().close()
    assert schema_revision(database.engine) == SCHEMA_HEAD
    database.dispose()
