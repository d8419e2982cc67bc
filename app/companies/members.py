"""The administrator's list of member companies: tier, fee, plan status, CSV export."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.companies.membership import ensure_membership, tier_for
from app.companies.models import Company
from app.companies.plans import next_plan
from app.core.search import containing
from app.extensions import db


@dataclass
class MemberRow:
    """One company as the members list shows it."""

    company: Company
    tier: str
    fee_nok: int
    status: str
    plan_status: str


def members_query(search: str = ""):
    """Companies by name, searchable by name or organisation number."""
    query = containing(sa.select(Company), search, Company.name, Company.org_number)
    return query.order_by(Company.name, Company.id)


def member_row(company: Company, today: date | None = None) -> MemberRow:
    """Tier, fee and status of this year's membership, and next year's plan status."""
    today = today or date.today()
    membership = ensure_membership(company, today.year)
    if membership is None:
        tier, fee = tier_for(company.employees)
        status = "ended"
    else:
        tier, fee, status = membership.tier, membership.fee_nok, membership.status
    return MemberRow(company, tier, fee, status, next_plan(company, today).status)


def member_rows(companies, today: date | None = None) -> list[MemberRow]:
    """Rows for a page of companies; renewals created on the way are committed."""
    rows = [member_row(c, today) for c in companies]
    db.session.commit()
    return rows


CSV_HEADER = [
    "org_number",
    "country",
    "name",
    "employees",
    "tier",
    "fee_nok",
    "membership_status",
    "plan_status",
    "contact_persons",
]


def _cell(value) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def members_csv(search: str = "", today: date | None = None) -> str:
    """All members matching the search as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in member_rows(db.session.scalars(members_query(search)), today):
        c = row.company
        contacts = "; ".join(sorted(cp.user.name for cp in c.contact_persons))
        values = (
            c.org_number,
            c.country,
            c.name,
            c.employees,
            row.tier,
            row.fee_nok,
            row.status,
            row.plan_status,
            contacts,
        )
        writer.writerow([_cell(v) for v in values])
    return buffer.getvalue()
