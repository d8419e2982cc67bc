"""Administrator use cases."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import Invitation
from app.accounts.services import create_invitation
from app.admin.models import AuditLog
from app.core.errors import DomainError
from app.extensions import db
from app.schools.models import School


def invite(actor, kind: str, email: str, name: str, school_id: int | None) -> Invitation:
    """Invite a teacher (to a school) or an administrator."""
    if kind == "teacher" and (not school_id or db.session.get(School, school_id) is None):
        raise DomainError("school_id", _("Choose the teacher's school."))
    invitation, _link = create_invitation(
        actor, kind, email, name, school_id=school_id if kind == "teacher" else None
    )
    return invitation


def school_choices() -> list[tuple[int, str]]:
    """Schools for a select box, by name."""
    rows = db.session.execute(sa.select(School.id, School.name).order_by(School.name))
    return [(0, "—")] + [(r.id, r.name) for r in rows]


def audit_query():
    """Newest audit entries first."""
    return sa.select(AuditLog).order_by(AuditLog.id.desc())
