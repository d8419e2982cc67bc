"""Direct bookings: a teacher asks, the role model or company answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from flask_babel import gettext as _

from app.accounts.models import User
from app.bookings import rules
from app.bookings.models import Booking
from app.bookings.notify import notify, provider_users, teacher_users
from app.calendar.services import booking_uid, queue_invites
from app.companies.models import OfferSlot, RoleModel
from app.core import audit
from app.extensions import db
from app.schools.models import SchoolClass, Teacher


@dataclass(frozen=True)
class VisitRequest:
    """What a teacher asks for; times are wall-clock at the school."""

    class_id: int | None
    day: date | None
    at: time | None
    alternative_day: date | None = None
    alternative_at: time | None = None
    duration_minutes: int = 60
    mode: str = "physical"
    message: str = ""


def teacher_for_class(actor: User, class_id: int | None) -> tuple[Teacher, SchoolClass]:
    """The actor's teacher membership at the class's school, or refuse the class."""
    school_class = db.session.get(SchoolClass, class_id) if class_id else None
    teacher = next(
        (
            t
            for t in actor.teachers
            if t.is_approved and school_class is not None and t.school_id == school_class.school_id
        ),
        None,
    )
    if teacher is None:
        raise rules.fail("class_id", _("Choose one of your own classes."))
    return teacher, school_class


def request_role_model_visit(actor: User, role_model: RoleModel, ask: VisitRequest) -> Booking:
    """The teacher asks a role model for a visit; the role model gets a notice."""
    teacher, school_class = teacher_for_class(actor, ask.class_id)
    if role_model.status != "approved":
        raise rules.fail(None, _("This role model is not taking visits now."))
    if ask.mode not in (role_model.modes or []):
        raise rules.fail("mode", _("This role model does not offer this kind of visit."))
    if ask.day is None or ask.at is None:
        raise rules.fail("day", _("Choose a date and a time."))
    tz_name = school_class.school.time_zone
    start = rules.to_utc(ask.day, ask.at, tz_name)
    rules.check_future(start, "day")
    rules.check_role_model_day(role_model, ask.day, "day")
    alternative = _alternative(ask, tz_name)
    booking = Booking(
        class_id=school_class.id,
        teacher_id=teacher.id,
        role_model_id=role_model.id,
        mode=ask.mode,
        starts_at=start,
        ends_at=start + timedelta(minutes=ask.duration_minutes),
        alternative_starts_at=alternative,
        message=ask.message.strip(),
    )
    return _save_request(actor, booking)


def _alternative(ask: VisitRequest, tz_name: str):
    """The alternative start in UTC, if the teacher gave one."""
    if ask.alternative_day is None:
        return None
    alternative = rules.to_utc(ask.alternative_day, ask.alternative_at or ask.at, tz_name)
    rules.check_future(alternative, "alternative_day")
    return alternative


def request_offer_date(actor: User, slot: OfferSlot, ask: VisitRequest) -> Booking:
    """The teacher asks for a place on an offer's date; the company's contacts get a notice."""
    teacher, school_class = teacher_for_class(actor, ask.class_id)
    offer = slot.offer
    if not offer.is_active:
        raise rules.fail(None, _("This offer is no longer active."))
    if school_class.grade not in (offer.grades or []):
        raise rules.fail(
            "class_id", _("This offer is not for grade %(grade)s.", grade=school_class.grade)
        )
    at = ask.at or time.fromisoformat(slot.start_time)
    start = rules.to_utc(slot.date, at, school_class.school.time_zone)
    rules.check_future(start, "at")
    if slot.left <= 0:
        raise rules.fail(None, _("This date is fully booked. Choose another date."))
    booking = Booking(
        class_id=school_class.id,
        teacher_id=teacher.id,
        offer_id=offer.id,
        slot_id=slot.id,
        mode=offer.mode,
        starts_at=start,
        ends_at=start + timedelta(minutes=offer.duration_minutes),
        message=ask.message.strip(),
    )
    return _save_request(actor, booking)


def _save_request(actor: User, booking: Booking) -> Booking:
    """Store a new request with its first history step and notify the provider."""
    db.session.add(booking)
    db.session.flush()
    rules.log_event(booking, actor, None, "requested", booking.message)
    notify(provider_users(booking), "requested", booking)
    audit.record(actor, "booking.request", booking)
    db.session.commit()
    return booking


def accept(actor: User, booking: Booking, use_alternative: bool = False) -> Booking:
    """The provider says yes: take capacity atomically, confirm and send invites."""
    if use_alternative and booking.alternative_starts_at is not None:
        length = booking.ends_at - booking.starts_at
        booking.starts_at = booking.alternative_starts_at
        booking.ends_at = booking.starts_at + length
    return _confirm(actor, booking, ("requested",))


def accept_proposal(actor: User, booking: Booking) -> Booking:
    """The teacher takes the time the provider proposed."""
    return _confirm(actor, booking, ("proposed",))


def _confirm(actor: User, booking: Booking, allowed: tuple[str, ...]) -> Booking:
    """Confirm with capacity taken in one conditional UPDATE; invites to every participant."""
    rules.check_future(booking.starts_at, None)
    rules.check_free_time(booking, booking.starts_at, booking.ends_at, None)
    rules.transition(booking, actor, allowed, "confirmed")
    rules.take_capacity(booking)
    booking.calendar_uid = booking.calendar_uid or booking_uid(booking)
    queue_invites(booking, "REQUEST")
    audit.record(actor, "booking.confirm", booking)
    db.session.commit()
    return booking


def decline(actor: User, booking: Booking, reason: str) -> Booking:
    """The provider says no, with a reason the teacher reads."""
    if not reason.strip():
        raise rules.fail("reason", _("Tell the teacher why."))
    rules.transition(booking, actor, ("requested", "proposed"), "declined", reason.strip())
    booking.reason = reason.strip()
    notify(teacher_users(booking), "declined", booking, booking.reason)
    audit.record(actor, "booking.decline", booking)
    db.session.commit()
    return booking


def propose(actor: User, booking: Booking, day: date, at: time, note: str) -> Booking:
    """The provider proposes another time; the teacher accepts it or cancels."""
    start, end = rules.new_times(booking, day, at, "day")
    if booking.role_model is not None:
        is_own = booking.role_model.user_id == actor.id
        rules.check_role_model_day(booking.role_model, day, "day", is_own=is_own)
    else:
        booking.slot_id = _slot_id_for(booking, day)
    rules.transition(booking, actor, ("requested", "proposed"), "proposed", note.strip())
    booking.starts_at, booking.ends_at = start, end
    booking.alternative_starts_at = None
    booking.reason = note.strip()
    notify(teacher_users(booking), "proposed", booking, booking.reason)
    audit.record(actor, "booking.propose", booking)
    db.session.commit()
    return booking


def _slot_id_for(booking: Booking, day: date) -> int:
    """The offer's slot on the new day, or refuse a day the offer has no slot."""
    slot = rules.slot_on(booking.offer, day)
    if slot is None:
        raise rules.fail(
            "day", _("The offer has no date on %(day)s.", day=day.strftime("%d.%m.%Y"))
        )
    return slot.id
