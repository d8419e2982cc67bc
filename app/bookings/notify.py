"""Plain e-mail notices about a booking, one per recipient, in each recipient's language."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.bookings.models import Booking
from app.calendar.services import booking_link, local_text, summary
from app.core.recipients import (
    class_teachers,
    company_contacts,
    reachable,
    role_model_or_company,
)
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
    """The teacher who asked, or the class's teachers once that account is deactivated."""
    if booking.teacher is not None and booking.teacher.user.is_active:
        return [booking.teacher.user]
    return class_teachers(booking.school_class)


def provider_users(booking: Booking) -> list[User]:
    """The role model (or their company once they are deactivated), or the company's
    contact persons for an offer."""
    if booking.role_model is not None:
        return role_model_or_company(booking.role_model)
    if booking.offer is not None:
        return company_contacts(booking.offer.company)
    return []


def notify(users: list[User], kind: str, booking: Booking, note: str = "") -> None:
    """Queue one notice per active user with an e-mail address."""
    link = booking_link(booking)
    tz_name = booking.school_class.school.time_zone
    for user in reachable(users):
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
