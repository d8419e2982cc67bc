"""Who comes to the company from the season's matching: the host's roster.

A work week needs "a company supervisor and a school contact" (the partner handbook). The
invites tell the contact persons one student at a time; this list shows them all, by date,
with the class's teacher to call, so the host can plan the week and reach the school.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.companies.models import Company, Offer, OfferSlot, RoleModel
from app.core.search import containing
from app.schools.models import School, SchoolClass, Student
from app.seasons.models import ClassRequest, MatchRun, Placement

WHEN = ("coming", "earlier")


def hosted_query(company: Company, search: str = "", when: str = "coming") -> sa.Select:
    """Published, not cancelled placements at the company's offers or with its role models:
    coming ones soonest first, earlier ones latest first."""
    day = sa.func.coalesce(Placement.on_date, OfferSlot.date)
    class_id = sa.func.coalesce(Student.class_id, ClassRequest.class_id)
    query = (
        sa.select(Placement)
        .join(MatchRun, Placement.run_id == MatchRun.id)
        .outerjoin(OfferSlot, Placement.slot_id == OfferSlot.id)
        .outerjoin(Offer, OfferSlot.offer_id == Offer.id)
        .outerjoin(RoleModel, Placement.role_model_id == RoleModel.id)
        .outerjoin(Student, Placement.student_id == Student.id)
        .outerjoin(ClassRequest, Placement.request_id == ClassRequest.id)
        .join(SchoolClass, SchoolClass.id == class_id)
        .join(School, SchoolClass.school_id == School.id)
        .where(
            MatchRun.status == "published",
            Placement.cancelled_at.is_(None),
            sa.or_(Offer.company_id == company.id, RoleModel.company_id == company.id),
        )
    )
    query = containing(
        query, search, Student.display_name, SchoolClass.name, School.name, Offer.title
    )
    today = date.today()
    if when == "earlier":
        return query.where(day < today).order_by(day.desc(), Placement.id)
    return query.where(day >= today).order_by(day, Placement.id)


def day_of(placement: Placement) -> date:
    """The first day of the activity."""
    return placement.on_date or placement.slot.date


def class_of(placement: Placement) -> SchoolClass:
    """The student's class, or the class that asked."""
    if placement.student is not None:
        return placement.student.school_class
    return placement.request.school_class
