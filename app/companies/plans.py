"""Annual plan: what the company commits to next year, and plan against actual this year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from app.bookings.models import Booking
from app.companies.membership import deadline_in
from app.companies.models import AnnualPlan, Company, Offer, OfferSlot, RoleModel
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.core.settings import set_setting
from app.extensions import db
from app.seasons.models import MatchRun, Placement

PLAN_FIELDS = {
    "role_model_visit": "role_model_visits",
    "company_visit": "company_visits",
    "job_shadowing": "job_shadowing_days",
    "work_week": "work_week_places",
}
MAX_PLANNED = 10_000


@dataclass
class PlanState:
    """The plan of a year with its deadline and whether it can still change."""

    year: int
    deadline: date
    plan: AnnualPlan | None
    is_open: bool

    @property
    def status(self) -> str:
        """'submitted', 'reopened', 'missing' or 'late'."""
        if self.plan is not None and self.plan.is_reopened:
            return "reopened"
        if self.plan is not None and self.plan.submitted_at is not None:
            return "submitted"
        return "missing" if self.is_open else "late"


def plan_for(company: Company, year: int) -> AnnualPlan | None:
    """The company's plan row for a year."""
    return db.session.scalar(
        sa.select(AnnualPlan).where(AnnualPlan.company_id == company.id, AnnualPlan.year == year)
    )


def next_plan(company: Company, today: date | None = None) -> PlanState:
    """The plan for next calendar year, due by this year's deadline.

    A company that registered after the deadline never had the chance: its plan stays open.
    """
    today = today or date.today()
    deadline = deadline_in(today.year, "annual_plan_deadline")
    plan = plan_for(company, today.year + 1)
    joined_after_deadline = company.created_at is not None and company.created_at.date() > deadline
    is_open = today <= deadline or joined_after_deadline or (plan is not None and plan.is_reopened)
    return PlanState(today.year + 1, deadline, plan, is_open)


def submit_plan(
    actor, company: Company, numbers: dict[str, int | None], today: date | None = None
) -> AnnualPlan:
    """Store next year's numbers (any may be 0) while the plan is open."""
    state = next_plan(company, today)
    if not state.is_open:
        raise DomainError(
            None, _("The deadline has passed. Ask the administrator to reopen the plan.")
        )
    for name in PLAN_FIELDS.values():
        value = numbers.get(name)
        if value is None or not 0 <= value <= MAX_PLANNED:
            raise DomainError(name, _("Write a number from 0 to %(n)s.", n=MAX_PLANNED))
    plan = state.plan or AnnualPlan(company_id=company.id, year=state.year)
    db.session.add(plan)
    for name in PLAN_FIELDS.values():
        setattr(plan, name, numbers[name])
    plan.submitted_at = utcnow()
    plan.is_reopened = False
    db.session.flush()
    audit.record(actor, "plan.submit", plan, year=state.year)
    db.session.commit()
    return plan


def reopen_plan(actor, company: Company, today: date | None = None) -> AnnualPlan:
    """An administrator lets the company change next year's plan after the deadline."""
    year = (today or date.today()).year + 1
    plan = plan_for(company, year) or AnnualPlan(company_id=company.id, year=year)
    plan.is_reopened = True
    db.session.add(plan)
    db.session.flush()
    audit.record(actor, "plan.reopen", plan, year=year)
    db.session.commit()
    return plan


def set_deadline(actor, value: str) -> None:
    """Change the annual plan deadline ("MM-DD")."""
    try:
        month, day = (int(part) for part in value.strip().split("-"))
        date(2025, month, day)  # a year without 29 February: the date exists every year
    except ValueError:
        raise DomainError("deadline", _("Write the deadline as MM-DD, e.g. 10-31.")) from None
    set_setting("annual_plan_deadline", f"{month:02d}-{day:02d}")
    audit.record(actor, "setting.annual_plan_deadline", None, value=value)
    db.session.commit()


def _year_bounds(year: int):
    from datetime import UTC, datetime

    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


def _booking_counts(company: Company, year: int) -> dict[str, int]:
    start, end = _year_bounds(year)
    kind = sa.func.coalesce(Offer.kind, "role_model_visit")
    rows = db.session.execute(
        sa.select(kind, sa.func.count(Booking.id))
        .select_from(Booking)
        .outerjoin(Offer, Booking.offer_id == Offer.id)
        .outerjoin(RoleModel, Booking.role_model_id == RoleModel.id)
        .where(
            Booking.status == "confirmed",
            Booking.starts_at >= start,
            Booking.starts_at < end,
            sa.or_(Offer.company_id == company.id, RoleModel.company_id == company.id),
        )
        .group_by(kind)
    )
    return dict(rows.all())


def _placement_counts(company: Company, year: int) -> dict[str, int]:
    day = sa.func.coalesce(Placement.on_date, OfferSlot.date)
    rows = db.session.execute(
        sa.select(Placement.kind, sa.func.count(Placement.id))
        .select_from(Placement)
        .join(MatchRun, Placement.run_id == MatchRun.id)
        .outerjoin(OfferSlot, Placement.slot_id == OfferSlot.id)
        .outerjoin(Offer, OfferSlot.offer_id == Offer.id)
        .outerjoin(RoleModel, Placement.role_model_id == RoleModel.id)
        .where(
            MatchRun.status == "published",
            Placement.cancelled_at.is_(None),
            day >= date(year, 1, 1),
            day < date(year + 1, 1, 1),
            sa.or_(Offer.company_id == company.id, RoleModel.company_id == company.id),
        )
        .group_by(Placement.kind)
    )
    return dict(rows.all())


def report_years(company: Company, today: date | None = None) -> list[int]:
    """The years a plan-and-actual report exists for, this year first."""
    this_year = (today or date.today()).year
    first_plan = db.session.scalar(
        sa.select(sa.func.min(AnnualPlan.year)).where(AnnualPlan.company_id == company.id)
    )
    first = min(company.created_at.year, first_plan or this_year, this_year)
    return list(range(this_year, first - 1, -1))


def plan_vs_actual(company: Company, year: int) -> list[tuple[str, int, int]]:
    """(kind, planned, actual) for each kind; actual = confirmed bookings + published placements."""
    plan = plan_for(company, year)
    bookings = _booking_counts(company, year)
    placements = _placement_counts(company, year)
    return [
        (kind, getattr(plan, name) if plan else 0, bookings.get(kind, 0) + placements.get(kind, 0))
        for kind, name in PLAN_FIELDS.items()
    ]
