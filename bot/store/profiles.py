"""Company profiles, one per workspace."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select

from bot.domain.plan import CompanyProfile
from bot.store.db import Database
from bot.store.tables import CompanyProfileRow

_PROFILE = select(CompanyProfileRow.__table__.c.profile).where(
    CompanyProfileRow.__table__.c.workspace_id == bindparam("workspace")
)


class ProfileStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, workspace_id: str) -> CompanyProfile | None:
        with self._database.reading() as connection:
            profile = connection.execute(_PROFILE, {"workspace": workspace_id}).scalar_one_or_none()
        return CompanyProfile.model_validate(profile) if profile is not None else None

    def save(self, workspace_id: str, profile: CompanyProfile, updated_by: str | None = None) -> None:
        with self._database.session() as session, session.begin():
            row = session.get(CompanyProfileRow, workspace_id)
            data = profile.model_dump(mode="json")
            now = dt.datetime.now(dt.UTC)
            if row is None:
                session.add(
                    CompanyProfileRow(workspace_id=workspace_id, profile=data, updated_by=updated_by, updated_at=now)
                )
            else:
                row.profile, row.updated_by, row.updated_at = data, updated_by, now
