"""What a contact person sees first: coming activities, capacity, waiting role models, plan."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.bookings.models import Booking
from app.companies.hosted import hosted_query
from app.companies.models import Company, Offer, RoleModel
from app.companies.offers import capacity_of
from app.companies.plans import next_plan
from app.core.model_base import utcnow
from app.extensions import db

MISSING = {
    "description": _l("a description of the company"),
    "fields": _l("the company's fields"),
    "logo": _l("a logo"),
    "site": _l("a site with an address"),
    "offer": _l("an offer with dates"),
    "role_model": _l("an approved role model"),
    "plan": _l("next year's annual plan"),
}


def upcoming_activities(company: Company, limit: int = 10) -> list[Booking]:
    """Coming bookings of the company's offers and role models."""
    return list(
        db.session.scalars(
            sa.select(Booking)
            .outerjoin(Offer, Booking.offer_id == Offer.id)
            .outerjoin(RoleModel, Booking.role_model_id == RoleModel.id)
            .where(
                sa.or_(Offer.company_id == company.id, RoleModel.company_id == company.id),
                Booking.ends_at >= utcnow(),
                Booking.status.in_(("requested", "proposed", "confirmed")),
            )
            .order_by(Booking.starts_at)
            .limit(limit)
        )
    )


def missing_items(company: Company, plan_status: str) -> list[str]:
    """What a complete profile still lacks, in words."""
    checks = {
        "description": bool(company.description),
        "fields": bool(company.fields),
        "logo": bool(company.logo_path),
        "site": bool(company.sites),
        "offer": any(o.slots for o in company.offers),
        "role_model": any(rm.status == "approved" for rm in company.role_models),
        "plan": plan_status in ("submitted",),
    }
    return [MISSING[key] for key, done in checks.items() if not done]


def company_overview(company: Company, today: date | None = None) -> dict:
    """Everything the dashboard shows for one company."""
    state = next_plan(company, today)
    offers = [(o, *capacity_of(o, today)) for o in company.offers if o.is_active]
    return {
        "company": company,
        "activities": upcoming_activities(company),
        "offers": offers,
        "waiting": [rm for rm in company.role_models if rm.status == "pending"],
        "plan": state,
        "missing": missing_items(company, state.status),
        "hosted": db.session.scalar(
            sa.select(sa.func.count()).select_from(hosted_query(company).subquery())
        ),
    }
