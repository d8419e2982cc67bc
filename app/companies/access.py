"""Route helpers: load an object or 404, then check the permission, and read forms."""

from __future__ import annotations

from flask_login import current_user

from app.companies.models import Company, Offer, OfferSlot, RoleModel, Site
from app.companies.services import CompanyData, SiteData
from app.core.permissions import authorize
from app.extensions import db


def managed_company(company_id: int) -> Company:
    """A company the current user may manage (404 if missing, 403 if not theirs)."""
    company = db.get_or_404(Company, company_id)
    authorize(current_user, "company.manage", company)
    return company


def managed_site(site_id: int) -> Site:
    """A site of a company the current user manages."""
    site = db.get_or_404(Site, site_id)
    authorize(current_user, "company.manage", site.company)
    return site


def managed_offer(offer_id: int) -> Offer:
    """An offer the current user may manage."""
    offer = db.get_or_404(Offer, offer_id)
    authorize(current_user, "offer.manage", offer)
    return offer


def managed_slot(slot_id: int) -> OfferSlot:
    """A date of an offer the current user may manage."""
    slot = db.get_or_404(OfferSlot, slot_id)
    authorize(current_user, "offer.manage", slot.offer)
    return slot


def approvable_role_model(rm_id: int) -> RoleModel:
    """A role model of a company the current user manages."""
    rm = db.get_or_404(RoleModel, rm_id)
    authorize(current_user, "role_model.approve", rm)
    return rm


def own_role_model(rm_id: int) -> RoleModel:
    """The current user's own role-model profile."""
    rm = db.get_or_404(RoleModel, rm_id)
    authorize(current_user, "role_model.edit", rm)
    return rm


def company_data(form) -> CompanyData:
    """The company form as plain values."""
    return CompanyData(
        country=form.country.data,
        org_number=form.org_number.data or "",
        name=form.name.data or "",
        employees=form.employees.data if form.employees.data is not None else -1,
        fields=form.fields.data or [],
        description=form.description.data or "",
        website=form.website.data or None,
    )


def site_data(form) -> SiteData:
    """The site form as plain values."""
    return SiteData(
        form.name.data,
        form.address.data,
        form.postal_code.data or "",
        form.municipality.data,
        form.latitude.data,
        form.longitude.data,
    )


def site_choices(company: Company, blank_label: str) -> list[tuple[int, str]]:
    """The company's sites for a select, with a blank choice first."""
    return [(0, blank_label)] + [(s.id, f"{s.name}, {s.municipality}") for s in company.sites]
