"""Changes after the request: reschedule, cancel, feedback, reminders."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.bookings import capacity, rules
from app.bookings.models import Booking, Feedback
from app.bookings.notify import notify, provider_users, teacher_users
from app.calendar.services import queue_invites
from app.core import audit
from app.core.model_base import utcnow
from app.extensions import db


def reschedule(actor: User, booking: Booking, day: date, at: time, reason: str) -> Booking:
    """Move a confirmed activity: same UID, SEQUENCE + 1, a new REQUEST to everybody."""
    if not reason.strip():
        raise rules.fail("reason", _("Tell the others why."))
    start, end = rules.new_times(booking, day, at, "day")
    rules.check_free_time(booking, start, end, "day")
    _move_capacity(booking, start, day)
    rules.transition(booking, actor, ("confirmed",), "confirmed", reason.strip())
    booking.starts_at, booking.ends_at = start, end
    booking.reason = reason.strip()
    booking.calendar_sequence += 1
    booking.reminded_7d_at = booking.reminded_1d_at = None
    queue_invites(booking, "REQUEST", booking.reason)
    audit.record(actor, "booking.reschedule", booking)
    db.session.commit()
    return booking


def _move_capacity(booking: Booking, start: datetime, day: date) -> None:
    """Take the new year's visit or the new date's place before giving the old one back."""
    tz_name = booking.school_class.school.time_zone
    old_year = rules.local_date(booking.starts_at, tz_name).year
    if booking.role_model is not None:
        _check_free_day(booking, day)
        if day.year != old_year:
            if not capacity.take_role_model_visit(booking.role_model, day.year):
                raise rules.fail(
                    "day", _("The role model has no visits left in %(year)s.", year=day.year)
                )
            capacity.release_role_model_visit(booking.role_model_id, old_year)
        return
    if rules.local_date(booking.starts_at, tz_name) == day:
        return
    slot = rules.slot_on(booking.offer, day)
    if slot is None or not capacity.take_slot(slot.id):
        raise rules.fail(
            "day", _("The offer has no free place on %(day)s.", day=day.strftime("%d.%m.%Y"))
        )
    capacity.release_slot(booking.slot_id)
    booking.slot_id = slot.id


def _check_free_day(booking: Booking, day: date) -> None:
    """Refuse a day the role model is not available (capacity stays in the same year)."""
    if not rules.is_role_model_free(booking.role_model, day):
        raise rules.fail(
            "day",
            _(
                "The role model is not available on %(day)s. Choose another day.",
                day=day.strftime("%d.%m.%Y"),
            ),
        )


def cancel(actor: User, booking: Booking, reason: str) -> Booking:
    """Cancel from either side; a confirmed one gives capacity back and sends CANCEL."""
    if not reason.strip():
        raise rules.fail("reason", _("Tell the others why."))
    was_confirmed = booking.status == "confirmed"
    rules.transition(booking, actor, rules.OPEN_STATUSES, "cancelled", reason.strip())
    booking.reason = reason.strip()
    if was_confirmed:
        rules.release_capacity(booking)
        booking.calendar_sequence += 1
        queue_invites(booking, "CANCEL", booking.reason)
    else:
        others = [u for u in teacher_users(booking) + provider_users(booking) if u.id != actor.id]
        notify(others, "cancelled", booking, booking.reason)
    audit.record(actor, "booking.cancel", booking)
    db.session.commit()
    return booking


def give_feedback(actor: User, booking: Booking, score: int | None, comment: str) -> Feedback:
    """One score (1–5) and comment per person and activity, after it happened."""
    if booking.status != "confirmed" or booking.ends_at > utcnow():
        raise rules.fail(None, _("You can give feedback after the activity."))
    if score is None or not 1 <= score <= 5:
        raise rules.fail("score", _("Choose a score from 1 to 5."))
    if any(f.author_id == actor.id for f in booking.feedback):
        raise rules.fail(None, _("You have already given feedback on this activity."))
    feedback = Feedback(
        booking_id=booking.id, author_id=actor.id, score=score, comment=comment.strip()
    )
    db.session.add(feedback)
    audit.record(actor, "booking.feedback", booking, score=score)
    db.session.commit()
    return feedback


def send_reminders(now: datetime | None = None) -> int:
    """Queue reminders 7 days and 1 day before confirmed activities; returns how many."""
    now = now or utcnow()
    count = 0
    for column, kind, ahead in (
        (Booking.reminded_1d_at, "reminder_1d", timedelta(days=1)),
        (Booking.reminded_7d_at, "reminder_7d", timedelta(days=7)),
    ):
        due = db.session.scalars(
            sa.select(Booking)
            .where(
                Booking.status == "confirmed",
                column.is_(None),
                Booking.starts_at > now,
                Booking.starts_at <= now + ahead,
            )
            .order_by(Booking.id)
        ).all()
        for booking in due:
            count += _remind(booking, column, kind, now)
    db.session.commit()
    return count


def _remind(booking: Booking, column, kind: str, now: datetime) -> int:
    """Mark the reminder sent (once, atomically) and queue it for both sides."""
    values = {column.key: now}
    if kind == "reminder_1d":
        values["reminded_7d_at"] = booking.reminded_7d_at or now  # no week reminder after it
    result = db.session.execute(
        sa.update(Booking)
        .where(Booking.id == booking.id, column.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return 0
    db.session.refresh(booking)
    notify(teacher_users(booking) + provider_users(booking), kind, booking)
    return 1
