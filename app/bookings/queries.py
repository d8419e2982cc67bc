"""Read-only helpers for the booking pages: choices, lists, and what a user may do."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from babel.dates import format_datetime as babel_format_datetime
from flask_babel import get_locale

from app.accounts.models import User
from app.bookings.models import Booking
from app.bookings.search import Filters
from app.bookings.services import VisitRequest
from app.companies.models import Offer, RoleModel
from app.core.formatting import clock
from app.core.model_base import utcnow
from app.core.permissions import can
from app.extensions import db
from app.schools.models import School, SchoolClass


def teacher_schools(user: User) -> list[School]:
    """The schools where the user is an approved teacher."""
    return [t.school for t in user.teachers if t.is_approved]


def class_choices(user: User) -> list[tuple[int, str]]:
    """The classes of the teacher's schools for a select box."""
    school_ids = [s.id for s in teacher_schools(user)]
    classes = db.session.scalars(
        sa.select(SchoolClass)
        .where(SchoolClass.school_id.in_(school_ids))
        .order_by(SchoolClass.name)
    )
    return [(c.id, f"{c.name} ({c.school.name})") for c in classes]


def parse_time(value: str | None) -> time | None:
    """A HH:MM string as a time, or None."""
    try:
        return time.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from(form) -> Filters:
    """The search form's values as plain filters."""
    return Filters(
        target=form.target.data or "role_models",
        field=form.field.data or "",
        grade=int(form.grade.data) if form.grade.data else None,
        kind=form.kind.data or "",
        mode=form.mode.data or "",
        language=form.language.data or "",
        on_date=form.on_date.data,
        max_km=form.max_km.data or 50,
    )


def visit_request(form) -> VisitRequest:
    """The visit form's values as a plain request."""
    return VisitRequest(
        class_id=form.class_id.data,
        day=form.day.data,
        at=form.at.data,
        alternative_day=form.alternative_day.data,
        alternative_at=form.alternative_at.data,
        duration_minutes=form.duration_minutes.data or 60,
        mode=form.mode.data,
        message=form.message.data or "",
    )


def slot_request(form) -> VisitRequest:
    """The offer-date form's values as a plain request."""
    return VisitRequest(
        class_id=form.class_id.data, day=None, at=form.at.data, message=form.message.data or ""
    )


def bookings_of(user: User, status: str = "") -> sa.Select:
    """Bookings the user sees as teacher, provider or the company's contact, latest first."""
    school_ids = [s.id for s in teacher_schools(user)]
    role_model_ids = [rm.id for rm in user.role_models]
    company_ids = [cp.company_id for cp in user.contact_persons]
    query = (
        sa.select(Booking)
        .join(SchoolClass)
        .where(
            sa.or_(
                SchoolClass.school_id.in_(school_ids),
                Booking.role_model_id.in_(role_model_ids),
                Booking.offer_id.in_(sa.select(Offer.id).where(Offer.company_id.in_(company_ids))),
                Booking.role_model_id.in_(
                    sa.select(RoleModel.id).where(RoleModel.company_id.in_(company_ids))
                ),
            )
        )
    )
    if status:
        query = query.where(Booking.status == status)
    return query.order_by(Booking.starts_at.desc(), Booking.id.desc())


def school_time(booking: Booking, moment: datetime | None) -> str:
    """A moment as wall-clock time in the school's time zone, in the page's language."""
    if moment is None:
        return ""
    tz_name = booking.school_class.school.time_zone
    day = babel_format_datetime(
        moment, "EEE d. MMM y", tzinfo=ZoneInfo(tz_name), locale=str(get_locale() or "nb")
    )
    return f"{day} {clock(moment, tz_name)}"


def booking_view(user: User, booking: Booking) -> dict:
    """What the page shows and which actions the user has now."""
    is_teacher = can(user, "booking.teacher", booking)
    is_provider = can(user, "booking.provider", booking)
    status, now = booking.status, utcnow()
    is_open = status in ("requested", "proposed")
    has_feedback = any(f.author_id == user.id for f in booking.feedback)
    return {
        "starts": school_time(booking, booking.starts_at),
        "ends": school_time(booking, booking.ends_at),
        "alternative": school_time(booking, booking.alternative_starts_at),
        "tz_name": booking.school_class.school.time_zone,
        "can_accept": is_provider and status == "requested",
        "can_decline": is_provider and is_open,
        "can_propose": is_provider and is_open,
        "can_take": is_teacher and status == "proposed",
        "can_reschedule": (is_teacher or is_provider)
        and status == "confirmed"
        and booking.starts_at > now,
        # A provider answers an open request by declining; cancelling is for confirmed visits.
        "can_cancel": (
            (is_teacher and (is_open or status == "confirmed"))
            or (is_provider and status == "confirmed")
        )
        and booking.ends_at > now,
        "can_feedback": (is_teacher or is_provider)
        and status == "confirmed"
        and booking.ends_at <= now
        and not has_feedback,
    }
