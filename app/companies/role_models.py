"""Role models: invited by the company, own their profile, approved by the contact person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import Invitation
from app.accounts.services import create_invitation
from app.companies.models import Company, RoleModel, RoleModelYear, Site
from app.core import audit
from app.core.domain import LANGUAGES, MODES, STEM_FIELDS
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.core.search import containing
from app.extensions import db

GENDERS = ("woman", "man", "non_binary", "other")


@dataclass
class ProfileData:
    """What the role model's profile form says."""

    job_title: str
    education_path: str
    about: str = ""
    fields: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    site_id: int | None = None
    travel_km: int | None = 50
    visits_per_year: int | None = 2
    weekdays: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])
    available_from: date | None = None
    available_until: date | None = None
    blocked_dates: list[date] = field(default_factory=list)
    has_diversity_consent: bool = False
    gender: str | None = None
    background: str | None = None


def invite(actor, company: Company, email: str, name: str) -> Invitation:
    """Invite an employee as role model; the e-mail goes through the outbox."""
    email = email.strip().lower()
    if any(rm.user.email == email for rm in company.role_models):
        raise DomainError("email", _("This person is already a role model of the company."))
    for old in open_invitations(company):
        if old.email == email:  # sending again replaces the open one: one row, one valid link
            old.expires_at = utcnow()
    invitation, _link = create_invitation(
        actor, "role_model", email, name, company_id=company.id, language=actor.language or "nb"
    )
    return invitation


def withdraw_invitation(actor, company: Company, invitation_id: int) -> Invitation:
    """Stop an open role-model or contact-person invitation of the company (a wrong address,
    a change of mind); its link then shows the page saying it is no longer valid."""
    invitation = db.session.get(Invitation, invitation_id)
    is_open = invitation is not None and invitation in open_invitations(company, invitation.kind)
    if not is_open or invitation.kind not in ("role_model", "contact"):
        raise DomainError(None, _("This invitation is already accepted or no longer valid."))
    invitation.expires_at = utcnow()
    audit.record(actor, "invitation.withdraw", invitation, email=invitation.email)
    db.session.commit()
    return invitation


def open_invitations(company: Company, kind: str = "role_model") -> list[Invitation]:
    """The company's invitations of this kind not yet accepted and not expired."""
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(
                Invitation.company_id == company.id,
                Invitation.kind == kind,
                Invitation.used_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at.desc())
        )
    )


def _check_profile(rm: RoleModel, data: ProfileData) -> None:
    if not data.job_title.strip():
        raise DomainError("job_title", _("Write your job title."))
    if not data.fields or any(f not in STEM_FIELDS for f in data.fields):
        raise DomainError("fields", _("Choose at least one field."))
    if not data.modes or any(m not in MODES for m in data.modes):
        raise DomainError("modes", _("Choose digital, physical or both."))
    if any(lang not in LANGUAGES for lang in data.languages):
        raise DomainError("languages", _("Choose languages from the list."))
    if data.visits_per_year is None or not 0 <= data.visits_per_year <= 50:
        raise DomainError("visits_per_year", _("Write 0 to 50 visits a year."))
    if data.travel_km is None or not 0 <= data.travel_km <= 1000:
        raise DomainError("travel_km", _("Write 0 to 1000 km."))
    if not data.weekdays:
        raise DomainError("weekdays", _("Choose at least one weekday."))
    if (
        data.available_from
        and data.available_until
        and (data.available_until < data.available_from)
    ):
        raise DomainError("available_until", _("The end is before the start."))
    site = db.session.get(Site, data.site_id) if data.site_id else None
    if data.site_id and (site is None or site.company_id != rm.company_id):
        raise DomainError("site_id", _("Choose one of the company's sites."))


def _set_capacity(rm: RoleModel, today: date) -> None:
    """This and next year's visit capacity follow visits_per_year, never below what is taken."""
    years = {y.year: y for y in rm.years}
    for year in (today.year, today.year + 1):
        row = years.get(year)
        if row is None:
            rm.years.append(RoleModelYear(year=year, capacity=rm.visits_per_year, taken=0))
        else:
            row.capacity = max(rm.visits_per_year, row.taken)


def save_profile(actor, rm: RoleModel, data: ProfileData, today: date | None = None) -> None:
    """Save the role model's own profile; sensitive answers only with consent."""
    _check_profile(rm, data)
    for name in (
        "job_title",
        "education_path",
        "about",
        "fields",
        "languages",
        "modes",
        "site_id",
        "travel_km",
        "visits_per_year",
        "weekdays",
        "available_from",
        "available_until",
    ):
        setattr(rm, name, getattr(data, name))
    rm.blocked_dates = sorted({d.isoformat() for d in data.blocked_dates})
    rm.has_diversity_consent = data.has_diversity_consent
    consent = data.has_diversity_consent
    rm.gender = data.gender if consent and data.gender in GENDERS else None
    rm.background = (data.background or "").strip() or None if consent else None
    _set_capacity(rm, today or date.today())
    audit.record(actor, "role_model.profile", rm)
    db.session.commit()


def set_status(actor, rm: RoleModel, action: str) -> None:
    """Approve, pause or remove a role model (the company's decision)."""
    if action == "approve":
        rm.status, rm.approved_at = "approved", utcnow()
    elif action == "pause":
        rm.status = "paused"
    elif action == "remove":
        audit.record(actor, "role_model.remove", rm, user_id=rm.user_id)
        db.session.delete(rm)
        db.session.commit()
        return
    else:
        raise DomainError(None, _("Unknown action."))
    audit.record(actor, f"role_model.{action}", rm)
    db.session.commit()


def delete_profile(actor, rm: RoleModel) -> None:
    """The role model deletes their own profile; the account stays."""
    audit.record(actor, "role_model.delete", rm)
    db.session.delete(rm)
    db.session.commit()


def role_models_query(company: Company, search: str = "", status: str = ""):
    """The company's role models, searchable by name and job title."""
    from app.accounts.models import User

    query = sa.select(RoleModel).join(User).where(RoleModel.company_id == company.id)
    query = containing(query, search, User.name, RoleModel.job_title)
    if status:
        query = query.where(RoleModel.status == status)
    return query.order_by(RoleModel.status.desc(), User.name)


def year_capacity(rm: RoleModel, year: int) -> RoleModelYear | None:
    """The visit capacity row of a year."""
    return next((y for y in rm.years if y.year == year), None)
