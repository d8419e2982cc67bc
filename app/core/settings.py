"""Read and write settings stored in the database, with typed defaults."""

from __future__ import annotations

from app.admin.models import Setting
from app.extensions import db

DEFAULTS = {
    "annual_plan_deadline": "10-31",
    "membership_termination_deadline": "10-31",
    "school_share_cap": "0.5",
}


def get_setting(key: str) -> str:
    """Return a setting's value or its default."""
    row = db.session.get(Setting, key)
    return row.value if row is not None else DEFAULTS[key]


def set_setting(key: str, value: str) -> None:
    """Store a setting in the session; the calling service commits."""
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
