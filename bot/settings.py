"""All configuration, read once from the environment and an optional `.env` file.

Nothing else in the project reads `os.environ`: the settings object is built at the
edge (the CLI, later the Slack app) and passed down.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

Currency = Literal["JPY", "USD"]
Language = Literal["en", "ja"]


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
        description="The workspace whose stored company profile the terminal uses.",
    )

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

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def load_settings() -> Settings:
    return Settings()
