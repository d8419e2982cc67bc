"""Data protection: every user can export and delete their own data."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.core import audit
from app.core.errors import DomainError
from app.extensions import db
from app.matching.feedback import forget_student


def export_user_data(user: User) -> dict[str, Any]:
    """Everything Skolebro stores about the user, as plain JSON-ready values."""
    data: dict[str, Any] = {
        "account": {
            "name": user.name,
            "email": user.email,
            "username": user.username,
            "language": user.language,
            "created_at": user.created_at.isoformat(),
            "is_admin": user.is_admin,
        },
        "contact_person_for": [cp.company.name for cp in user.contact_persons],
        "teacher_at": [t.school.name for t in user.teachers],
        "role_model_profiles": [_role_model(rm) for rm in user.role_models],
    }
    if user.student is not None:
        data["student"] = _student(user.student)
    return data


def _role_model(rm) -> dict[str, Any]:
    return {
        "company": rm.company.name,
        "status": rm.status,
        "job_title": rm.job_title,
        "education_path": rm.education_path,
        "fields": rm.fields,
        "languages": rm.languages,
        "modes": rm.modes,
        "travel_km": rm.travel_km,
        "visits_per_year": rm.visits_per_year,
        "gender": rm.gender,
        "background": rm.background,
    }


def _student(student) -> dict[str, Any]:
    from app.seasons.models import MatchRun, Placement, Preference

    prefs = db.session.scalars(sa.select(Preference).where(Preference.student_id == student.id))
    placements = db.session.scalars(
        sa.select(Placement)
        .join(MatchRun, Placement.run_id == MatchRun.id)
        .where(Placement.student_id == student.id, MatchRun.status == "published")
        .order_by(Placement.on_date, Placement.id)
    )
    return {
        "display_name": student.display_name,
        "class": student.school_class.name,
        "school": student.school_class.school.name,
        "gender": student.gender,
        "has_diversity_consent": student.has_diversity_consent,
        "has_own_network_placement": student.has_own_network_placement,
        "preferences": [
            {
                "season": p.season.name,
                "kind": p.kind,
                "rank": p.rank,
                "offer": p.offer.title if p.offer else None,
                "field": p.field,
            }
            for p in prefs
        ],
        "placements": [_placement(p) for p in placements],
    }


def _placement(placement) -> dict[str, Any]:
    """A published placement: what, where and when."""
    offer = placement.slot.offer if placement.slot is not None else None
    return {
        "season": placement.run.season.name,
        "kind": placement.kind,
        "company": offer.company.name if offer else None,
        "offer": offer.title if offer else None,
        "starts_on": placement.on_date.isoformat() if placement.on_date else None,
        "address": offer.site.address if offer and offer.site else None,
        "cancelled": placement.cancelled_at.isoformat() if placement.cancelled_at else None,
        "cancel_reason": placement.cancel_reason or None,
        "moved": placement.changed_at.isoformat() if placement.changed_at else None,
        "move_reason": placement.change_reason or None,
        "feedback": [
            {"score": f.score, "comment": f.comment}
            for f in placement.feedback
            if f.author_id == placement.student.user_id
        ],
    }


def delete_account(user: User, password: str) -> None:
    """Delete the user and every membership and profile, after checking the password."""
    if not user.check_password(password):
        raise DomainError("password", _("The password is not right."))
    if user.is_admin and _admin_count() == 1:
        raise DomainError(None, _("You are the only administrator. Invite another first."))
    audit.record(None, "account.delete", user)
    forget_student(user)
    db.session.delete(user)
    db.session.commit()


def _admin_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(User.id)).where(User.is_admin)) or 0
