"""Plain e-mail notices about a booking, one per recipient, in each recipient's language."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.bookings.models import Booking
from app.calendar.services import booking_link, local_text, summary
from app.outbox.services import queue_email

SUBJECTS = {
    "requested": _l("New request: %(title)s"),
    "declined": _l("Declined: %(title)s"),
    "proposed": _l("A new time is proposed: %(title)s"),
    "cancelled": _l("Cancelled request: %(title)s"),
    "reminder_7d": _l("In one week: %(title)s"),
    "reminder_1d": _l("Tomorrow: %(title)s"),
}


def teacher_users(booking: Booking) -> list[User]:
    """The teacher who asked."""
    return [booking.teacher.user] if booking.teacher is not None else []


def provider_users(booking: Booking) -> list[User]:
    """The role model, or the company's contact persons for an offer."""
    if booking.role_model is not None:
        return [booking.role_model.user]
    if booking.offer is not None:
        return [cp.user for cp in booking.offer.company.contact_persons]
    return []


def notify(users: list[User], kind: str, booking: Booking, note: str = "") -> None:
    """Queue one notice per user with an e-mail address."""
    link = booking_link(booking)
    tz_name = booking.school_class.school.time_zone
    for user in users:
        if not user.email:
            continue
        with force_locale(user.language or "nb"):
            title = summary(booking)
            body = render_template(
                "bookings/email/notice.txt",
                kind=kind,
                booking=booking,
                user=user,
                note=note,
                title=title,
                link=link,
                when=local_text(booking.starts_at, tz_name, user.language),
            )
            queue_email(
                user.email, str(SUBJECTS[kind] % {"title": title}), body, recipient_user_id=user.id
            )
