"""Find role models and offers for a school: nearest first, digital ones nationally."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from app.bookings import rules
from app.companies.models import Offer, OfferSlot, RoleModel, RoleModelYear, Site
from app.core.domain import STEM_FIELDS
from app.core.geo import find_place, haversine_km
from app.core.model_base import utcnow
from app.core.paging import ListPage, page_of
from app.extensions import db
from app.schools.models import School

PER_PAGE = 10
KM_PER_DEGREE = 111.0


@dataclass(frozen=True)
class Filters:
    """What the teacher asks for; empty strings mean any."""

    target: str = "role_models"
    field: str = ""
    grade: int | None = None
    kind: str = ""
    mode: str = ""
    language: str = ""
    on_date: date | None = None
    max_km: int = 50


@dataclass
class Hit:
    """One result and why it matches."""

    item: object
    distance_km: float | None
    reasons: list[str] = field(default_factory=list)
    slots: list[OfferSlot] = field(default_factory=list)


def school_point(school: School) -> tuple[float, float] | None:
    """The school's coordinates, or its municipality's from the gazetteer."""
    if school.latitude is not None and school.longitude is not None:
        return school.latitude, school.longitude
    place = find_place(school.municipality, school.country)
    return (place.latitude, place.longitude) if place else None


def distance_to(point: tuple[float, float] | None, site: Site | None) -> float | None:
    """Kilometres from the school to a site, when both are on the map."""
    if point is None or site is None or site.latitude is None or site.longitude is None:
        return None
    return haversine_km(point[0], point[1], site.latitude, site.longitude)


def _box(query: sa.Select, point: tuple[float, float] | None, km: int) -> sa.Select:
    """Coarse SQL filter: sites inside a latitude/longitude box around the school."""
    if point is None:
        return query
    lat_span = km / KM_PER_DEGREE
    lon_span = km / (KM_PER_DEGREE * max(math.cos(math.radians(point[0])), 0.01))
    return query.where(
        Site.latitude.between(point[0] - lat_span, point[0] + lat_span),
        Site.longitude.between(point[1] - lon_span, point[1] + lon_span),
    )


def search(school: School, filters: Filters, page: int = 1) -> ListPage[Hit]:
    """Search role models or offers and return one sorted page."""
    point = school_point(school)
    finder = find_offers if filters.target == "offers" else find_role_models
    hits = finder(point, filters)
    hits.sort(key=lambda h: (h.distance_km is None, h.distance_km or 0, h.item.id))
    return page_of(hits, page, PER_PAGE)


def _reach(point, site, mode: str, modes: list[str], limit_km: float) -> tuple[bool, str]:
    """Whether it can come to this school, and why: distance, or digital from anywhere."""
    distance = distance_to(point, site)
    wanted = [mode] if mode else ["physical", "digital"]
    near = distance is not None and distance <= limit_km
    if "physical" in wanted and "physical" in modes and near:
        return True, _("%(km)s km from the school", km=round(distance))
    if "digital" in wanted and "digital" in modes:
        return True, _("Digital: available anywhere")
    return False, ""


def _field_reasons(fields: list[str], wanted: str) -> list[str]:
    """Name the matching fields (or all of them when none was asked for)."""
    shown = [f for f in fields if not wanted or f == wanted]
    return [str(STEM_FIELDS.get(f, f)) for f in shown]


def find_role_models(point, filters: Filters) -> list[Hit]:
    """Approved role models within reach who match field, language, mode and date."""
    if filters.kind and filters.kind != "role_model_visit":
        return []
    query = (
        sa.select(RoleModel)
        .outerjoin(Site, RoleModel.site_id == Site.id)
        .where(RoleModel.status == "approved")
    )
    if filters.mode == "physical":
        query = _box(query, point, filters.max_km)
    year = (filters.on_date or utcnow().date()).year
    taken = dict(
        db.session.execute(
            sa.select(
                RoleModelYear.role_model_id, RoleModelYear.capacity - RoleModelYear.taken
            ).where(RoleModelYear.year == year)
        ).all()
    )
    hits = [_role_model_hit(rm, point, filters, year, taken) for rm in db.session.scalars(query)]
    return [hit for hit in hits if hit is not None]


def _role_model_hit(rm: RoleModel, point, filters: Filters, year: int, left_by_id: dict):
    """A hit with its reasons, or None when the role model does not match."""
    if filters.field and filters.field not in (rm.fields or []):
        return None
    if filters.language and filters.language not in (rm.languages or []):
        return None
    if filters.on_date and not rules.is_role_model_free(rm, filters.on_date):
        return None
    limit_km = min(filters.max_km, rm.travel_km)
    ok, why = _reach(point, rm.site, filters.mode, rm.modes or [], limit_km)
    left = left_by_id.get(rm.id, rm.visits_per_year)
    if not ok or left <= 0:
        return None
    reasons = [
        why,
        *_field_reasons(rm.fields or [], filters.field),
        _(
            "%(left)s of %(total)s visits left in %(year)s",
            left=left,
            total=rm.visits_per_year,
            year=year,
        ),
    ]
    return Hit(rm, distance_to(point, rm.site), reasons)


def _open_slots(filters: Filters) -> sa.Select:
    """Offers with a future (or the asked) date that still has places."""
    slot_filter = (
        (OfferSlot.date == filters.on_date)
        if filters.on_date
        else (OfferSlot.date >= utcnow().date())
    )
    has_slot = sa.select(OfferSlot.id).where(
        OfferSlot.offer_id == Offer.id, slot_filter, OfferSlot.taken < OfferSlot.capacity
    )
    query = (
        sa.select(Offer)
        .outerjoin(Site, Offer.site_id == Site.id)
        .where(Offer.is_active.is_(True), has_slot.exists())
    )
    if filters.kind:
        query = query.where(Offer.kind == filters.kind)
    if filters.mode:
        query = query.where(Offer.mode == filters.mode)
    return query


def find_offers(point, filters: Filters) -> list[Hit]:
    """Active offers with free places that match field, grade, kind, mode and date."""
    query = _open_slots(filters)
    if filters.mode == "physical":
        query = _box(query, point, filters.max_km)
    hits = [_offer_hit(offer, point, filters) for offer in db.session.scalars(query)]
    return [hit for hit in hits if hit is not None]


def _offer_hit(offer: Offer, point, filters: Filters):
    """A hit with free dates and reasons, or None when the offer does not match."""
    if filters.field and filters.field not in (offer.fields or []):
        return None
    if filters.grade and filters.grade not in (offer.grades or []):
        return None
    speaker = offer.role_model
    if (
        filters.language
        and speaker is not None
        and filters.language not in (speaker.languages or [])
    ):
        return None
    ok, why = _reach(point, offer.site, filters.mode, [offer.mode], filters.max_km)
    if not ok:
        return None
    today = utcnow().date()
    slots = [
        s
        for s in offer.slots
        if s.left > 0 and s.date >= today and (filters.on_date is None or s.date == filters.on_date)
    ]
    reasons = [
        why,
        *_field_reasons(offer.fields or [], filters.field),
        _("%(n)s free places on %(d)s dates", n=sum(s.left for s in slots), d=len(slots)),
    ]
    return Hit(offer, distance_to(point, offer.site), reasons, slots[:5])
