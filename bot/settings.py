"""All configuration, read once from the environment and an optional `.env` file.

Nothing else in the project reads `os.environ`: the settings object is built at the
edge (the CLI and the Slack app's entry points) and passed down.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.domain.language import Language
from bot.domain.money import Currency

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'data' / 'advisor.db'}",
        validation_alias="DATABASE_URL",
        description="SQLAlchemy URL. SQLite by default; PostgreSQL when several processes run.",
    )
    currency: Currency = Field(default="JPY", validation_alias="ADVISOR_CURRENCY")
    usd_jpy: float = Field(
        default=150.0,
        gt=0,
        validation_alias="ADVISOR_USD_JPY",
        description="Yen per US dollar, used wherever a price is converted.",
    )
    usd_jpy_set_on: dt.date = Field(
        default=dt.date(2026, 11, 22),
        validation_alias="ADVISOR_USD_JPY_DATE",
        description="The date the exchange rate was set; shown beside every converted figure.",
    )
    language: Language = Field(default="en", validation_alias="ADVISOR_LANGUAGE")
    timezone: str = Field(default="Asia/Tokyo", validation_alias="ADVISOR_TIMEZONE")
    catalog_dir: Path = Field(default=PROJECT_ROOT / "catalog", validation_alias="ADVISOR_CATALOG_DIR")
    workspace_id: str = Field(
        default="local",
        validation_alias="ADVISOR_WORKSPACE",
        description="The workspace the terminal's commands act on when set; unset, the Slack workspace "
        "SLACK_BOT_TOKEN is installed in, else 'local' (bot.cli_workspace).",
    )

    # --- language models
    models_file: Path = Field(
        default=PROJECT_ROOT / "catalog" / "models.yaml",
        validation_alias="ADVISOR_MODELS",
        description="LiteLLM model_list with a capability tier per model.",
    )
    remote_cost_map: bool = Field(
        default=False,
        validation_alias="ADVISOR_REMOTE_COST_MAP",
        description=(
            "Let LiteLLM fetch its newest price map (LITELLM_MODEL_COST_MAP_URL) at start, and again each month, "
            "instead of the copy it ships with."
        ),
    )
    max_answer_tokens: int = Field(default=700, ge=64, le=16_000, validation_alias="ADVISOR_MAX_ANSWER_TOKENS")
    llm_timeout_seconds: float = Field(default=30.0, gt=0, validation_alias="ADVISOR_LLM_TIMEOUT")
    llm_attempts: int = Field(
        default=3,
        ge=1,
        le=10,
        validation_alias="ADVISOR_LLM_ATTEMPTS",
        description="Tries per model before falling back to the next cheapest one.",
    )
    llm_deadline_seconds: float = Field(
        default=90.0,
        gt=0,
        validation_alias="ADVISOR_LLM_DEADLINE",
        description="Total time for one answer, fallbacks included.",
    )
    model_calls: int = Field(
        default=128,
        ge=1,
        le=10_000,
        validation_alias="ADVISOR_MODEL_CALLS",
        description="Model calls one process makes at once at most; further questions wait "
        "their turn, within ADVISOR_LLM_DEADLINE.",
    )
    worker_threads: int = Field(
        default=3,
        ge=1,
        le=64,
        validation_alias="ADVISOR_WORKER_THREADS",
        description="Threads a serving process runs its database work (and LiteLLM's preparation of a call) in. "
        "Python runs one at a time, so more mostly wait for each other and for the database's locks.",
    )
    model_reading: bool = Field(
        default=True,
        validation_alias="ADVISOR_MODEL_READING",
        description="When a number of a savings question can be read two ways, have the cheapest tier-1 model read the "
        "numbers before asking back (false: always ask back, at 0 tokens).",
    )
    history_tokens: int = Field(
        default=1_500,
        ge=0,
        validation_alias="ADVISOR_HISTORY_TOKENS",
        description="At most this many tokens of a thread's earlier turns go with a follow-up.",
    )
    retry_base_seconds: float = Field(default=1.0, ge=0, validation_alias="ADVISOR_RETRY_BASE_SECONDS")
    lease_seconds: float = Field(
        default=300.0,
        gt=0,
        validation_alias="ADVISOR_LEASE_SECONDS",
        description="How long one process may take over a question before the others assume it died: its budget "
        "holds are then given back and a redelivered event is answered anew. Longer than ADVISOR_LLM_DEADLINE.",
    )
    housekeeping_seconds: float = Field(
        default=60.0,
        gt=0,
        validation_alias="ADVISOR_HOUSEKEEPING_SECONDS",
        description="How often a serving process gives back expired budget holds and closes abandoned questions.",
    )
    shutdown_seconds: float = Field(
        default=25.0,
        ge=0,
        validation_alias="ADVISOR_SHUTDOWN_SECONDS",
        description="How long a serving process told to stop (SIGTERM) lets the answers under way finish; those "
        "still running then are told to ask again.",
    )

    # --- token budgets
    default_workspace_tokens: int | None = Field(
        default=2_000_000,
        ge=0,
        validation_alias="ADVISOR_DEFAULT_MONTHLY_TOKENS",
        description="Monthly token limit of a workspace until an admin sets one; empty for none.",
    )
    admin_user_ids: str = Field(
        default="",
        validation_alias="ADVISOR_ADMINS",
        description="Comma-separated Slack user ids who may change budgets and the company profile, besides the "
        "workspace's admins and owners; shown as who to ask when a budget runs out.",
    )

    # --- Slack
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias="SLACK_APP_TOKEN", description="xapp-… token for Socket Mode."
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias="SLACK_SIGNING_SECRET", description="Checks requests in HTTP mode."
    )
    slack_api_url: str | None = Field(
        default=None,
        validation_alias="SLACK_API_URL",
        description="Base URL of Slack's Web API (for a proxy, or a stand-in server in tests); Slack's own when empty.",
    )
    inventory_channel: str | None = Field(
        default=None,
        validation_alias="ADVISOR_INVENTORY_CHANNEL",
        description="Channel id (C…) where `advisor clock` posts the inventory on the first of each month.",
    )
    inventory_time: dt.time = Field(
        default=dt.time(9, 0),
        validation_alias="ADVISOR_INVENTORY_TIME",
        description="Local time (ADVISOR_TIMEZONE) of the monthly post, HH:MM.",
    )
    price_watch: bool = Field(
        default=True,
        validation_alias="ADVISOR_PRICE_WATCH",
        description="Whether `advisor clock` reads the tools' pricing pages a few days before each monthly post "
        "and sends the tools whose prices moved to the admins (off where the server may not reach the web).",
    )
    streaming: bool = Field(
        default=True,
        validation_alias="ADVISOR_SLACK_STREAMING",
        description="Whether a model's answer streams into Slack as it is written (in threads; `off`: the "
        '"Thinking…" message is replaced by the whole answer).',
    )
    streams_at_once: int = Field(
        default=4,
        ge=1,
        le=1000,
        validation_alias="ADVISOR_STREAMS_AT_ONCE",
        description="Answers a process streams into Slack at once; beyond them (a burst of questions), answers are "
        "posted whole, which costs a sixth of a streamed answer's CPU.",
    )
    port: int = Field(default=3000, ge=1, le=65535, validation_alias="PORT", description="HTTP mode's port.")

    @field_validator("currency", "language", mode="before")
    @classmethod
    def _normalise_case(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip()
            return value.upper() if len(value) == 3 else value.lower()
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Asia/Tokyo") from error
        return value

    @field_validator(
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "slack_api_url",
        "inventory_channel",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("default_workspace_tokens", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _lease_outlasts_an_answer(self) -> Settings:
        if self.lease_seconds <= self.llm_deadline_seconds:
            raise ValueError(
                f"ADVISOR_LEASE_SECONDS ({self.lease_seconds:g}) must be longer than ADVISOR_LLM_DEADLINE "
                f"({self.llm_deadline_seconds:g}): a process still answering would otherwise be taken for dead"
            )
        return self

    @property
    def lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.lease_seconds)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def admins(self) -> list[str]:
        return [name.strip() for name in self.admin_user_ids.split(",") if name.strip()]

    @property
    def slack_configured(self) -> bool:
        """Whether Socket Mode can start: both tokens are set."""
        return self.slack_bot_token is not None and self.slack_app_token is not None

    def secret(self, name: str) -> str | None:
        """An API key or other secret named in the models file (`os.environ/NAME`).

        Read from the environment, then from `.env`, like every other setting.
        """
        value = os.environ.get(name)
        if value is None and Path(".env").is_file():
            value = dotenv_values(".env").get(name)
        return value or None
