"""Take and release capacity in one conditional UPDATE each, so nothing is ever oversold.

`FOR UPDATE` does nothing on SQLite; a single `UPDATE ... WHERE taken < capacity` with a
rowcount check holds on SQLite and PostgreSQL alike (see PITFALLS.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from app.companies.models import OfferSlot, RoleModel, RoleModelYear
from app.extensions import db


def _ensure_year(role_model: RoleModel, year: int) -> None:
    """Create the role model's row for the year from visits_per_year if it is missing."""
    values = {
        "role_model_id": role_model.id,
        "year": year,
        "capacity": role_model.visits_per_year,
        "taken": 0,
    }
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(RoleModelYear)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["role_model_id", "year"])
    )
    db.session.execute(statement)


def take_role_model_visit(role_model: RoleModel, year: int) -> bool:
    """Take one of the role model's visits in `year`; False when none are left."""
    _ensure_year(role_model, year)
    result = db.session.execute(
        sa.update(RoleModelYear)
        .where(
            RoleModelYear.role_model_id == role_model.id,
            RoleModelYear.year == year,
            RoleModelYear.taken < RoleModelYear.capacity,
        )
        .values(taken=RoleModelYear.taken + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release_role_model_visit(role_model_id: int, year: int) -> None:
    """Give a visit back to the role model's year."""
    db.session.execute(
        sa.update(RoleModelYear)
        .where(
            RoleModelYear.role_model_id == role_model_id,
            RoleModelYear.year == year,
            RoleModelYear.taken > 0,
        )
        .values(taken=RoleModelYear.taken - 1)
        .execution_options(synchronize_session=False)
    )


def visits_left(role_model: RoleModel, year: int) -> int:
    """Visits the role model can still give in `year`."""
    row = db.session.scalar(
        sa.select(RoleModelYear).where(
            RoleModelYear.role_model_id == role_model.id, RoleModelYear.year == year
        )
    )
    return role_model.visits_per_year if row is None else row.capacity - row.taken


def take_slot(slot_id: int) -> bool:
    """Take one place of an offer slot; False when it is full."""
    result = db.session.execute(
        sa.update(OfferSlot)
        .where(OfferSlot.id == slot_id, OfferSlot.taken < OfferSlot.capacity)
        .values(taken=OfferSlot.taken + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release_slot(slot_id: int) -> None:
    """Give a place of an offer slot back."""
    db.session.execute(
        sa.update(OfferSlot)
        .where(OfferSlot.id == slot_id, OfferSlot.taken > 0)
        .values(taken=OfferSlot.taken - 1)
        .execution_options(synchronize_session=False)
    )
