"""The administrator's view of users: search, role and status filters, recent audit entries."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.admin.models import AuditLog
from app.companies.models import Company, ContactPerson, RoleModel
from app.core.search import containing
from app.extensions import db
from app.schools.models import School, SchoolClass, Student, Teacher

PER_PAGE = 25

ROLE_FILTERS = {
    "admin": _l("Administrators"),
    "contact": _l("Contact persons"),
    "role_model": _l("Role models"),
    "teacher": _l("Teachers"),
    "waiting": _l("Teachers waiting for approval"),
    "student": _l("Students"),
}

STATUS_FILTERS = {"active": _l("Active"), "deactivated": _l("Deactivated")}


def _role_condition(role: str):
    """Users holding the role (a role model at any stage, a teacher approved or waiting)."""
    if role == "admin":
        return User.is_admin.is_(True)
    memberships = {
        "contact": sa.select(ContactPerson.user_id),
        "role_model": sa.select(RoleModel.user_id),
        "teacher": sa.select(Teacher.user_id).where(Teacher.is_approved.is_(True)),
        "waiting": sa.select(Teacher.user_id).where(Teacher.is_approved.is_(False)),
        "student": sa.select(Student.user_id),
    }
    return User.id.in_(memberships[role])


def _matching_ids(search: str) -> sa.CompoundSelect:
    """Ids of users whose name, e-mail, user name, school or company contains the text."""
    return sa.union(
        containing(sa.select(User.id), search, User.name, User.email, User.username),
        containing(sa.select(Teacher.user_id).join(School), search, School.name),
        containing(sa.select(Student.user_id).join(SchoolClass).join(School), search, School.name),
        containing(sa.select(ContactPerson.user_id).join(Company), search, Company.name),
        containing(sa.select(RoleModel.user_id).join(Company), search, Company.name),
    )


def users_query(search: str = "", role: str = "", status: str = "") -> sa.Select:
    """Users by name, narrowed by the search box and the filters; memberships come along."""
    query = sa.select(User)
    if search.strip():
        query = query.where(User.id.in_(_matching_ids(search)))
    if role in ROLE_FILTERS:
        query = query.where(_role_condition(role))
    if status in STATUS_FILTERS:
        query = query.where(User.is_active_account.is_(status == "active"))
    return query.options(*_memberships()).order_by(User.name, User.id)


def _memberships():
    """Load a page's memberships in a few queries instead of several per user."""
    return (
        selectinload(User.contact_persons).joinedload(ContactPerson.company),
        selectinload(User.role_models).joinedload(RoleModel.company),
        selectinload(User.teachers).joinedload(Teacher.school),
        selectinload(User.student).joinedload(Student.school_class).joinedload(SchoolClass.school),
    )


def load_user(user_id: int) -> User | None:
    """One user with their memberships, or None."""
    return db.session.scalar(sa.select(User).where(User.id == user_id).options(*_memberships()))


def recent_audit(user: User, limit: int = 20) -> list[AuditLog]:
    """Newest entries done by the user or done to them or to one of their memberships."""
    objects = [("User", [user.id])]
    objects.append(("Teacher", [t.id for t in user.teachers]))
    objects.append(("RoleModel", [rm.id for rm in user.role_models]))
    objects.append(("Student", [user.student.id] if user.student else []))
    about = [
        sa.and_(AuditLog.object_type == kind, AuditLog.object_id.in_(ids))
        for kind, ids in objects
        if ids
    ]
    query = sa.select(AuditLog).where(sa.or_(AuditLog.actor_id == user.id, *about))
    return list(db.session.scalars(query.order_by(AuditLog.id.desc()).limit(limit)))


def waiting_teachers_count() -> int:
    """How many teachers wait for an administrator's approval."""
    query = sa.select(sa.func.count(Teacher.id)).where(Teacher.is_approved.is_(False))
    return db.session.scalar(query) or 0
