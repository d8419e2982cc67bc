"""What each role sees first: the data behind every dashboard section."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.admin.users import waiting_teachers_count
from app.core.model_base import utcnow
from app.extensions import db
from app.models import (
    Booking,
    Company,
    Offer,
    OutboxMessage,
    RoleModel,
    School,
    Season,
    Student,
)

ROLE_ORDER = ("admin", "contact", "role_model", "teacher", "student")


def public_figures() -> dict[str, int]:
    """Counts shown on the landing page."""
    return {
        "companies": db.session.scalar(sa.select(sa.func.count(Company.id))) or 0,
        "schools": db.session.scalar(sa.select(sa.func.count(School.id))) or 0,
        "offers": db.session.scalar(sa.select(sa.func.count(Offer.id))) or 0,
    }


def sections_for(user, roles: set[str]) -> list[tuple[str, dict]]:
    """One (role, context) pair per role the user holds, in a fixed order."""
    builders = {
        "admin": admin_section,
        "contact": contact_section,
        "role_model": role_model_section,
        "teacher": teacher_section,
        "student": student_section,
    }
    return [(role, builders[role](user)) for role in ROLE_ORDER if role in roles]


def admin_section(user) -> dict:
    """Figures for the administrator: partners, schools, the season, the outbox."""
    season = db.session.scalar(sa.select(Season).order_by(Season.starts_on.desc()).limit(1))
    pending_mail = db.session.scalar(
        sa.select(sa.func.count(OutboxMessage.id)).where(OutboxMessage.status == "pending")
    )
    waiting = db.session.scalar(
        sa.select(sa.func.count(RoleModel.id)).where(RoleModel.status == "pending")
    )
    return {
        "figures": public_figures(),
        "season": season,
        "pending_mail": pending_mail,
        "role_models_waiting": waiting,
        "students": db.session.scalar(sa.select(sa.func.count(Student.id))),
        "teachers_waiting": waiting_teachers_count(),
    }


def contact_section(user) -> dict:
    """The contact person's companies: activities, capacity, waiting role models, plan."""
    from app.companies.overview import company_overview

    return {"companies": [company_overview(cp.company) for cp in user.contact_persons]}


def role_model_section(user) -> dict:
    """The role model's profiles, this year's visits left, and coming visits."""
    ids = [rm.id for rm in user.role_models]
    bookings = (
        db.session.scalars(
            sa.select(Booking)
            .where(
                Booking.role_model_id.in_(ids),
                Booking.ends_at >= utcnow(),
                Booking.status.in_(("requested", "proposed", "confirmed")),
            )
            .order_by(Booking.starts_at)
            .limit(10)
        ).all()
        if ids
        else []
    )
    year = date.today().year
    years = {rm.id: next((y for y in rm.years if y.year == year), None) for rm in user.role_models}
    return {"profiles": user.role_models, "bookings": bookings, "years": years}


def teacher_section(user) -> dict:
    """The teacher's schools, classes and coming bookings (open and confirmed)."""
    schools = [t.school for t in user.teachers if t.is_approved]
    class_ids = [c.id for s in schools for c in s.classes]
    bookings = (
        db.session.scalars(
            sa.select(Booking)
            .where(
                Booking.class_id.in_(class_ids),
                Booking.ends_at >= utcnow(),
                Booking.status.in_(("requested", "proposed", "confirmed")),
            )
            .order_by(Booking.starts_at)
            .limit(10)
        ).all()
        if class_ids
        else []
    )
    from app.seasons.services import open_season_for

    regions = [s.region for s in schools]
    season = open_season_for(regions[0], ("offers_open", "requests_open")) if regions else None
    return {"schools": schools, "bookings": bookings, "season": season}


def student_section(user) -> dict:
    """The student's class, published placements and the class's confirmed visits."""
    from app.models import MatchRun, Placement

    student = user.student
    placements = db.session.scalars(
        sa.select(Placement)
        .join(MatchRun)
        .where(Placement.student_id == student.id, MatchRun.status == "published")
        .order_by(Placement.cancelled_at.is_not(None), Placement.id)  # cancelled ones last
    ).all()
    visits = db.session.scalars(
        sa.select(Booking)
        .where(
            Booking.class_id == student.class_id,
            Booking.status == "confirmed",
            Booking.ends_at >= utcnow(),
        )
        .order_by(Booking.starts_at)
        .limit(10)
    ).all()
    from app.seasons.services import open_season_for

    wish_season = open_season_for(student.school_class.school.region, ("requests_open",))
    return {
        "student": student,
        "placements": placements,
        "visits": visits,
        "wish_season": wish_season,
    }
