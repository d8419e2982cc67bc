"""Membership: tier and fee from the number of employees, yearly renewal and termination."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from app.companies.models import Company, Membership
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.core.settings import get_setting
from app.extensions import db

TIERS = {"large": 50_000, "medium": 25_000, "small": 0}


def tier_for(employees: int) -> tuple[str, int]:
    """Tier and yearly fee in NOK: 500 or more large, fewer than 50 free, else medium."""
    if employees >= 500:
        return "large", TIERS["large"]
    if employees < 50:
        return "small", TIERS["small"]
    return "medium", TIERS["medium"]


def deadline_in(year: int, key: str = "membership_termination_deadline") -> date:
    """The deadline setting ("MM-DD") as a date in the given year."""
    month, day = (int(part) for part in get_setting(key).split("-"))
    return date(year, month, day)


def membership_for(company: Company, year: int) -> Membership | None:
    """The company's membership row for a year, if any."""
    return db.session.scalar(
        sa.select(Membership).where(Membership.company_id == company.id, Membership.year == year)
    )


def ensure_membership(company: Company, year: int) -> Membership | None:
    """The year's membership, renewed from last year unless that was terminated (no commit)."""
    row = membership_for(company, year)
    if row is not None:
        return row
    previous = membership_for(company, year - 1)
    if previous is not None and previous.status == "terminated":
        return None
    tier, fee = tier_for(company.employees)
    row = Membership(company_id=company.id, year=year, tier=tier, fee_nok=fee, status="active")
    db.session.add(row)
    db.session.flush()
    return row


def current_membership(company: Company, today: date | None = None) -> Membership | None:
    """This year's membership, creating the renewal when due, committed."""
    today = today or date.today()
    row = ensure_membership(company, today.year)
    db.session.commit()
    return row


def update_tier(company: Company, year: int) -> None:
    """Follow a changed employee count in the year's membership (caller commits)."""
    row = membership_for(company, year)
    if row is not None:
        row.tier, row.fee_nok = tier_for(company.employees)


def last_year_of_membership(today: date) -> int:
    """A termination now ends the membership after this year, or next year after the deadline."""
    return today.year if today <= deadline_in(today.year) else today.year + 1


def terminate(actor, company: Company, is_confirmed: bool, today: date | None = None) -> int:
    """Stop the yearly renewal; returns the last year of membership."""
    if not is_confirmed:
        raise DomainError("confirm", _("Tick the box to confirm the termination."))
    today = today or date.today()
    last_year = last_year_of_membership(today)
    ensure_membership(company, today.year)
    row = ensure_membership(company, last_year)
    if row is None or row.status == "terminated":
        raise DomainError(None, _("The membership is already terminated."))
    row.status = "terminated"
    row.terminated_at = utcnow()
    audit.record(actor, "membership.terminate", row, last_year=last_year)
    db.session.commit()
    return last_year


def ends_after(company: Company, today: date | None = None) -> int | None:
    """The last year of a terminated membership, or None while it renews."""
    today = today or date.today()
    return db.session.scalar(
        sa.select(Membership.year)
        .where(
            Membership.company_id == company.id,
            Membership.status == "terminated",
            Membership.year >= today.year,
        )
        .order_by(Membership.year)
    )
