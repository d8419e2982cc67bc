"""Administrator use cases."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import Invitation, User
from app.accounts.services import create_invitation, find_user_by_login
from app.admin.audit_labels import actions_matching
from app.admin.models import AuditLog
from app.core import audit
from app.core.errors import DomainError
from app.extensions import db
from app.schools.models import School


def invite(actor, kind: str, email: str, name: str, school_id: int | None) -> Invitation:
    """Invite a teacher (to a school) or an administrator."""
    if kind == "teacher" and (not school_id or db.session.get(School, school_id) is None):
        raise DomainError("school_id", _("Choose the teacher's school."))
    _refuse_existing_role(kind, email, school_id)
    invitation, _link = create_invitation(
        actor, kind, email, name, school_id=school_id if kind == "teacher" else None
    )
    return invitation


def _refuse_existing_role(kind: str, email: str, school_id: int | None) -> None:
    """An invitation to a role the person already has would only fail when accepted."""
    user = find_user_by_login(email)
    if user is None:
        return
    if kind == "admin" and user.is_admin:
        raise DomainError("email", _("%(email)s is already an administrator.", email=user.email))
    if kind == "teacher" and any(t.school_id == school_id for t in user.teachers):
        message = _("%(email)s is already a teacher at this school.", email=user.email)
        raise DomainError("email", message)


def school_choices() -> list[tuple[int, str]]:
    """Schools for a select box, by name."""
    rows = db.session.execute(sa.select(School.id, School.name).order_by(School.name))
    return [(0, "—")] + [(r.id, r.name) for r in rows]


def audit_query(q: str = "") -> sa.Select:
    """Newest audit entries first; the search matches the person (name or e-mail), what was
    done (its name in the user's language or its code) and the kind of object."""
    query = sa.select(AuditLog).outerjoin(User, User.id == AuditLog.actor_id)
    text = q.strip()
    if text:
        columns = (User.name, User.email, AuditLog.action, AuditLog.object_type)
        found = [column.icontains(text, autoescape=True) for column in columns]
        query = query.where(sa.or_(*found, AuditLog.action.in_(actions_matching(text))))
    return query.order_by(AuditLog.id.desc())


def _active_admins_locked() -> list[User]:
    """Active administrators, locked until commit so two admins cannot remove each other."""
    query = sa.select(User).where(User.is_admin.is_(True), User.is_active_account.is_(True))
    return list(db.session.scalars(query.with_for_update()))


def _refuse_losing_last_admin(actor, user: User) -> None:
    """Skolebro must always keep one active administrator, and nobody locks themselves out."""
    if user.id == getattr(actor, "id", None):
        raise DomainError(
            None, _("You cannot do this to your own account. Ask another administrator.")
        )
    if user.is_admin and user.is_active and [a.id for a in _active_admins_locked()] == [user.id]:
        raise DomainError(None, _("%(name)s is the last active administrator.", name=user.name))


def deactivate_user(actor, user: User, reason: str) -> None:
    """Stop an account (someone who left a school or company); they can no longer log in, and
    their approved role-model profiles are paused, so nobody books or matches them any more
    (their company can resume them after a reactivation)."""
    reason = reason.strip()
    if not reason:
        raise DomainError("reason", _("Write why the account is deactivated."))
    if not user.is_active:
        raise DomainError(None, _("%(name)s is already deactivated.", name=user.name))
    _refuse_losing_last_admin(actor, user)
    user.is_active_account = False
    audit.record(actor, "user.deactivate", user, reason=reason)
    for rm in user.role_models:
        if rm.status == "approved":  # teachers' search and the matching skip paused ones
            rm.status = "paused"
            audit.record(actor, "role_model.pause", rm, reason=reason)
    db.session.commit()


def reactivate_user(actor, user: User) -> None:
    """Open a deactivated account again; the old password works again."""
    if user.is_active:
        raise DomainError(None, _("%(name)s is already active.", name=user.name))
    user.is_active_account = True
    audit.record(actor, "user.reactivate", user)
    db.session.commit()


def set_admin(actor, user: User, is_admin: bool) -> None:
    """Grant or remove the administrator role; a student (a minor) never gets it."""
    if is_admin == user.is_admin:
        return
    if is_admin and user.student is not None:
        raise DomainError(None, _("A student cannot be an administrator."))
    if is_admin and not user.is_active:
        raise DomainError(None, _("Reactivate the account first."))
    if not is_admin:
        _refuse_losing_last_admin(actor, user)
    user.is_admin = is_admin
    audit.record(actor, "user.admin_grant" if is_admin else "user.admin_remove", user)
    db.session.commit()
