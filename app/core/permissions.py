"""Every permission decision goes through this module: roles, policies and route guards."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

ADMIN = "admin"
CONTACT = "contact"
ROLE_MODEL = "role_model"
TEACHER = "teacher"
STUDENT = "student"
ALL_ROLES = (ADMIN, CONTACT, ROLE_MODEL, TEACHER, STUDENT)


def roles_of(user) -> set[str]:
    """Return the roles a user holds through their memberships."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    roles: set[str] = set()
    if user.is_admin:
        roles.add(ADMIN)
    if user.contact_persons:
        roles.add(CONTACT)
    if any(rm.status != "invited" for rm in user.role_models):
        roles.add(ROLE_MODEL)
    if any(t.is_approved for t in user.teachers):
        roles.add(TEACHER)
    if user.student is not None:
        roles.add(STUDENT)
    return roles


def has_role(user, *roles: str) -> bool:
    """True when the user holds any of the roles."""
    return bool(roles_of(user) & set(roles))


def _company_ids(user) -> set[int]:
    return {cp.company_id for cp in user.contact_persons}


def _school_ids(user) -> set[int]:
    return {t.school_id for t in user.teachers if t.is_approved}


POLICIES: dict[str, Callable] = {
    "company.manage": lambda u, company: company.id in _company_ids(u) or u.is_admin,
    "company.view": lambda u, company: True,
    "role_model.edit": lambda u, rm: rm.user_id == u.id,
    "role_model.approve": lambda u, rm: rm.company_id in _company_ids(u) or u.is_admin,
    "offer.manage": lambda u, offer: offer.company_id in _company_ids(u) or u.is_admin,
    "school.manage": lambda u, school: school.id in _school_ids(u) or u.is_admin,
    "class.manage": lambda u, cls: cls.school_id in _school_ids(u) or u.is_admin,
    "booking.view": lambda u, b: _can_see_booking(u, b),
    "booking.teacher": lambda u, b: b.school_class.school_id in _school_ids(u),
    "booking.provider": lambda u, b: _is_provider(u, b),
    "booking.party": lambda u, b: b.school_class.school_id in _school_ids(u) or _is_provider(u, b),
    "season.manage": lambda u, season: u.is_admin,
}


def _is_provider(user, booking) -> bool:
    if booking.role_model is not None and booking.role_model.user_id == user.id:
        return True
    return booking.offer is not None and booking.offer.company_id in _company_ids(user)


def _can_see_booking(user, booking) -> bool:
    # A contact person follows the visits of the company's role models, without answering them.
    return (
        user.is_admin
        or booking.school_class.school_id in _school_ids(user)
        or _is_provider(user, booking)
        or (booking.role_model is not None and booking.role_model.company_id in _company_ids(user))
    )


def can(user, action: str, obj=None) -> bool:
    """Decide whether `user` may do `action` on `obj`; unknown actions are denied."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    policy = POLICIES.get(action)
    return bool(policy and policy(user, obj))


def authorize(user, action: str, obj=None) -> None:
    """Abort with 403 unless the user may do the action."""
    if not can(user, action, obj):
        abort(403)


def roles_required(*roles: str):
    """Route guard: the logged-in user must hold one of `roles` (recorded for the test matrix)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from app.extensions import login_manager

                return login_manager.unauthorized()
            if not has_role(current_user, *roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = frozenset(roles)
        return wrapped

    return decorator
