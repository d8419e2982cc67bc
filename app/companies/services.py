"""Companies: registration, profile, sites and more contact persons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.accounts.services import check_password_strength, create_invitation, find_user_by_login
from app.companies import orgnumber
from app.companies.membership import ensure_membership, update_tier
from app.companies.models import Company, ContactPerson, Site
from app.companies.role_models import open_invitations
from app.core import audit
from app.core.domain import STEM_FIELDS
from app.core.errors import DomainError
from app.core.geo import find_place
from app.core.model_base import utcnow
from app.core.search import containing
from app.extensions import db

# Rough bounding boxes of mainland Norway (with Svalbard) and Denmark (with Bornholm).
BOUNDS = {"NO": ((57.5, 81.0), (4.0, 31.5)), "DK": ((54.4, 57.9), (7.9, 15.3))}


@dataclass
class CompanyData:
    """What the registration and profile forms say about a company."""

    country: str
    org_number: str
    name: str
    employees: int
    fields: list[str]
    description: str = ""
    website: str | None = None


@dataclass
class NewAccount:
    """A visitor's new login, created together with the company."""

    name: str
    email: str
    password: str


def check_org_number(country: str, value: str) -> str:
    """Return the normalised number or raise at the field with a clear message."""
    number = orgnumber.normalise(value)
    if country == "DK" and not orgnumber.is_valid_dk(number):
        raise DomainError(
            "org_number",
            _(
                "A Danish CVR number has 8 digits and a valid "
                "check digit. Check the number in the CVR register."
            ),
        )
    if country == "NO" and not orgnumber.is_valid_no(number):
        raise DomainError(
            "org_number",
            _(
                "A Norwegian organisation number has 9 digits and a "
                "valid check digit. Check the number in Brønnøysund."
            ),
        )
    return number


def _refuse_duplicate(country: str, number: str) -> None:
    """A registered number: tell the user whom to ask for an invitation."""
    existing = db.session.scalar(
        sa.select(Company).where(Company.country == country, Company.org_number == number)
    )
    if existing is None:
        return
    names = ", ".join(sorted(cp.user.name for cp in existing.contact_persons))
    raise DomainError(
        "org_number",
        _(
            "%(company)s is already registered. Ask its contact person (%(names)s) to invite you.",
            company=existing.name,
            names=names or _("the Skolebro administrator"),
        ),
    )


def _check_data(data: CompanyData) -> str:
    if data.country not in BOUNDS:
        raise DomainError("country", _("Choose Norway or Denmark."))
    number = check_org_number(data.country, data.org_number)
    if not 0 <= data.employees <= 1_000_000:
        raise DomainError("employees", _("Write the number of employees (0 or more)."))
    if any(f not in STEM_FIELDS for f in data.fields):
        raise DomainError("fields", _("Choose fields from the list."))
    return number


def _new_user(account: NewAccount, language: str) -> User:
    if find_user_by_login(account.email) is not None:
        raise DomainError(
            "email",
            _("This e-mail address has an account. Log in first, then register the company."),
        )
    check_password_strength(account.password)
    user = User(email=account.email.strip().lower(), name=account.name.strip(), language=language)
    user.set_password(account.password)
    db.session.add(user)
    return user


def register_company(
    actor: User | None,
    data: CompanyData,
    account: NewAccount | None = None,
    phone: str = "",
    language: str = "nb",
) -> tuple[Company, User]:
    """Create the company (and the visitor's account) and make the user its contact person."""
    number = _check_data(data)
    _refuse_duplicate(data.country, number)
    user = actor if actor is not None else _new_user(account, language)
    company = Company(
        org_number=number,
        country=data.country,
        name=data.name.strip(),
        employees=data.employees,
        fields=list(data.fields),
        description=data.description.strip(),
        website=data.website or None,
    )
    db.session.add(company)
    db.session.flush()
    db.session.add(ContactPerson(user=user, company=company, phone=phone.strip()))
    ensure_membership(company, date.today().year)
    audit.record(user, "company.register", company, org_number=number)
    db.session.commit()
    return company, user


def update_company(actor: User, company: Company, data: CompanyData) -> None:
    """Change the profile; the tier follows the employee count."""
    number = _check_data(data)
    if (number, data.country) != (company.org_number, company.country):
        _refuse_duplicate(data.country, number)
    company.org_number, company.country = number, data.country
    company.name, company.employees = data.name.strip(), data.employees
    company.fields, company.description = list(data.fields), data.description.strip()
    company.website = data.website or None
    update_tier(company, date.today().year)
    audit.record(actor, "company.update", company)
    db.session.commit()


def invite_contact(actor: User, company: Company, email: str, name: str) -> None:
    """Invite another contact person by e-mail (queued in the outbox)."""
    if any(cp.user.email == email.strip().lower() for cp in company.contact_persons):
        raise DomainError("email", _("This person is already a contact person."))
    for old in open_invitations(company, "contact"):
        if old.email == email.strip().lower():  # sending again replaces it: one valid link
            old.expires_at = utcnow()
    create_invitation(
        actor, "contact", email, name, company_id=company.id, language=actor.language or "nb"
    )


@dataclass
class SiteData:
    """What the site form says."""

    name: str
    address: str
    postal_code: str
    municipality: str
    latitude: float | None = None
    longitude: float | None = None


def _position(country: str, data: SiteData, site: Site | None) -> tuple[float, float]:
    """The user's position if given (and not left over from a moved site), else the gazetteer."""
    given = data.latitude is not None and data.longitude is not None
    moved = (
        site is not None
        and site.municipality != data.municipality.strip()
        and ((data.latitude, data.longitude) == (site.latitude, site.longitude))
    )
    if given and not moved:
        (lat_min, lat_max), (lon_min, lon_max) = BOUNDS[country]
        if not lat_min <= data.latitude <= lat_max:
            raise DomainError("latitude", _("The latitude is outside the country."))
        if not lon_min <= data.longitude <= lon_max:
            raise DomainError("longitude", _("The longitude is outside the country."))
        return data.latitude, data.longitude
    place = find_place(data.municipality, country)
    if place is None:
        raise DomainError(
            "municipality",
            _(
                "We do not know this place. Check the spelling, or give the position "
                "(latitude and longitude) below."
            ),
        )
    return place.latitude, place.longitude


def _postal_code(text: str) -> str:
    """Four digits in Norway and Denmark; spaces and a country prefix (DK-8000) are dropped."""
    code = re.sub(r"^(NO|DK)-?|\s", "", text.strip(), flags=re.IGNORECASE)
    if code and not (len(code) == 4 and code.isdigit()):
        raise DomainError("postal_code", _("A postal code has four digits, for example 7010."))
    return code


def save_site(actor: User, company: Company, data: SiteData, site: Site | None = None) -> Site:
    """Create or change a site; its coordinates come from the municipality or the user."""
    postal_code = _postal_code(data.postal_code)
    latitude, longitude = _position(company.country, data, site)
    if site is None:
        site = Site(company=company)
        db.session.add(site)
    site.name, site.address = data.name.strip(), data.address.strip()
    site.postal_code, site.municipality = postal_code, data.municipality.strip()
    site.latitude, site.longitude = latitude, longitude
    db.session.flush()
    audit.record(actor, "site.save", site)
    db.session.commit()
    return site


def delete_site(actor: User, site: Site) -> None:
    """Remove a site no physical offer uses; its role models keep existing without it."""
    titles = sorted(
        o.title for o in site.company.offers if o.site_id == site.id and o.mode == "physical"
    )
    if titles:
        raise DomainError(
            None,
            _(
                "Offers take place at this site: %(titles)s. Move them to another site first.",
                titles=", ".join(titles),
            ),
        )
    audit.record(actor, "site.delete", site, name=site.name)
    db.session.delete(site)
    db.session.commit()


def companies_of(user: User) -> list[Company]:
    """The companies the user is a contact person of."""
    return [cp.company for cp in user.contact_persons]


def sites_query(company: Company, search: str = ""):
    """The company's sites by name, searchable by name, address, postal code or town."""
    query = sa.select(Site).where(Site.company_id == company.id)
    columns = (Site.name, Site.address, Site.postal_code, Site.municipality)
    return containing(query, search, *columns).order_by(Site.name, Site.municipality, Site.id)


def contacts_query(company: Company, search: str = ""):
    """The company's contact persons by name, searchable by name, e-mail or phone."""
    query = sa.select(ContactPerson).join(User).where(ContactPerson.company_id == company.id)
    columns = (User.name, User.email, ContactPerson.phone)
    return containing(query, search, *columns).order_by(User.name, ContactPerson.id)
