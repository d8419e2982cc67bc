"""Shared booking rules: times in the school's zone, availability, status transitions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _

from app.bookings import capacity
from app.bookings.models import Booking, BookingEvent
from app.companies.models import Offer, OfferSlot, RoleModel
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.extensions import db

OPEN_STATUSES = ("requested", "proposed", "confirmed")


def fail(field: str | None, message: str) -> DomainError:
    """Undo what the use case changed so far and return the error to raise."""
    db.session.rollback()
    return DomainError(field, message)


def to_utc(day: date, at: time, tz_name: str) -> datetime:
    """A wall-clock date and time at the school as an aware UTC datetime."""
    return datetime.combine(day, at).replace(tzinfo=ZoneInfo(tz_name)).astimezone(UTC)


def local_date(moment: datetime, tz_name: str) -> date:
    """The school's calendar date of a UTC moment."""
    return moment.astimezone(ZoneInfo(tz_name)).date()


def check_future(moment: datetime, field: str) -> None:
    """Refuse a time that has already passed."""
    if moment <= utcnow():
        raise fail(field, _("Choose a date and time in the future."))


def is_role_model_free(role_model: RoleModel, day: date) -> bool:
    """The role model's weekdays, blocked dates and availability period allow this day."""
    if day.weekday() not in (role_model.weekdays or [0, 1, 2, 3, 4]):
        return False
    if day.isoformat() in (role_model.blocked_dates or []):
        return False
    if role_model.available_from and day < role_model.available_from:
        return False
    return not (role_model.available_until and day > role_model.available_until)


def check_role_model_day(
    role_model: RoleModel, day: date, field: str, is_own: bool = False
) -> None:
    """Refuse a day the role model is not available or has no visits left that year.

    `is_own` when the role model proposes the day: the message then points to their profile.
    """
    if not is_role_model_free(role_model, day):
        shown = day.strftime("%d.%m.%Y")
        if is_own:
            raise fail(
                field,
                _(
                    "Your profile says you cannot visit on %(day)s. Choose another day, "
                    "or change the days in your profile.",
                    day=shown,
                ),
            )
        raise fail(
            field, _("The role model is not available on %(day)s. Choose another day.", day=shown)
        )
    if capacity.visits_left(role_model, day.year) <= 0:
        raise fail(field, _("The role model has no visits left in %(year)s.", year=day.year))


def slot_on(offer: Offer, day: date) -> OfferSlot | None:
    """The offer's slot on that date, if there is one."""
    return db.session.scalar(
        sa.select(OfferSlot).where(OfferSlot.offer_id == offer.id, OfferSlot.date == day)
    )


def transition(
    booking: Booking, actor, allowed: tuple[str, ...], to_status: str, note: str = ""
) -> None:
    """Move the status only if nobody else moved it first (one conditional UPDATE)."""
    old = booking.status
    result = db.session.execute(
        sa.update(Booking)
        .where(Booking.id == booking.id, Booking.status.in_(allowed))
        .values(status=to_status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise fail(None, _("This booking has changed meanwhile. Look at it again."))
    booking.status = to_status
    log_event(booking, actor, old, to_status, note)


def log_event(booking: Booking, actor, old: str | None, new: str, note: str = "") -> None:
    """Add a step to the booking's history."""
    db.session.add(
        BookingEvent(
            booking_id=booking.id,
            actor_id=getattr(actor, "id", None),
            from_status=old,
            to_status=new,
            note=note,
        )
    )


def check_free_time(booking: Booking, start: datetime, end: datetime, field: str | None) -> None:
    """A role model is in one place at a time: refuse overlapping confirmed visits."""
    if booking.role_model_id is None:
        return
    clash = db.session.scalar(
        sa.select(Booking.id)
        .where(
            Booking.role_model_id == booking.role_model_id,
            Booking.id != booking.id,
            Booking.status == "confirmed",
            Booking.starts_at < end,
            Booking.ends_at > start,
        )
        .limit(1)
    )
    if clash is not None:
        raise fail(field, _("The role model already has a visit at this time."))


def take_capacity(booking: Booking) -> None:
    """Take the role model's visit or the slot's place for this booking, or refuse."""
    if booking.role_model is not None:
        year = local_date(booking.starts_at, booking.school_class.school.time_zone).year
        if not capacity.take_role_model_visit(booking.role_model, year):
            raise fail(None, _("The role model has no visits left in %(year)s.", year=year))
    elif booking.slot_id is None or not capacity.take_slot(booking.slot_id):
        raise fail(None, _("This date is fully booked. Choose another date."))


def release_capacity(booking: Booking) -> None:
    """Give back what the confirmed booking took."""
    if booking.role_model_id is not None:
        year = local_date(booking.starts_at, booking.school_class.school.time_zone).year
        capacity.release_role_model_visit(booking.role_model_id, year)
    elif booking.slot_id is not None:
        capacity.release_slot(booking.slot_id)


def new_times(booking: Booking, day: date, at: time, field: str) -> tuple[datetime, datetime]:
    """Start and end in UTC for a new day and time, keeping the booking's length."""
    start = to_utc(day, at, booking.school_class.school.time_zone)
    check_future(start, field)
    return start, start + (booking.ends_at - booking.starts_at or timedelta(hours=1))
