"""Calendar invites for confirmed activities and each user's private feed."""

from __future__ import annotations

import secrets
from datetime import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from flask import current_app, render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.bookings.models import Booking
from app.calendar.ics import Attendee, CalendarEvent, build_cancel, build_feed, build_request
from app.companies.models import ContactPerson, Offer
from app.core import audit
from app.core.formatting import clock
from app.core.recipients import class_teachers, company_contacts, reachable, role_model_or_company
from app.extensions import db
from app.outbox.services import queue_email
from app.schools.models import SchoolClass

UID_DOMAIN = "skolebro.no"


def booking_uid(booking: Booking) -> str:
    """The stable iCalendar UID of a booking, the same in every invite and feed."""
    return f"booking-{booking.id}@{UID_DOMAIN}"


def booking_link(booking: Booking) -> str:
    """The absolute link to a booking's page (also without a request, e.g. from the CLI)."""
    return f"{current_app.config['PUBLIC_BASE_URL']}/bookings/{booking.id}"


def local_text(moment: datetime, tz_name: str, locale: str = "nb") -> str:
    """A UTC moment as wall-clock text in the school's time zone, for e-mails."""
    locale = "nb" if locale not in ("nb", "da", "en") else locale
    day = babel_format_datetime(moment, "EEEE d. MMMM y", tzinfo=ZoneInfo(tz_name), locale=locale)
    return f"{day} {clock(moment, tz_name, locale)}"


def participants(booking: Booking) -> list[User]:
    """The people who get invites: the teacher and the role model or the company contacts
    (for a deactivated account, who speaks for the class or the company now)."""
    if booking.teacher is not None and booking.teacher.user.is_active:
        users = [booking.teacher.user]
    else:
        users = class_teachers(booking.school_class)
    if booking.role_model is not None:
        users += role_model_or_company(booking.role_model)
    elif booking.offer is not None:
        users += company_contacts(booking.offer.company)
    return reachable(users)


def summary(booking: Booking) -> str:
    """A short title of the activity in the current language."""
    school_class = booking.school_class
    if booking.role_model is not None:
        return _(
            "Role-model visit: %(name)s with %(cls)s, %(school)s",
            name=booking.role_model.user.name,
            cls=school_class.name,
            school=school_class.school.name,
        )
    return _(
        "%(title)s at %(company)s for %(cls)s, %(school)s",
        title=booking.offer.title,
        company=booking.offer.company.name,
        cls=school_class.name,
        school=school_class.school.name,
    )


def location(booking: Booking) -> str:
    """Where it happens: online, the school, or the company site."""
    if booking.mode == "digital":
        return _("Digital (video meeting)")
    if booking.role_model is not None:
        school = booking.school_class.school
        return f"{school.name}, {school.municipality}"
    site = booking.offer.site
    return f"{site.address}, {site.postal_code} {site.municipality}".strip() if site else ""


def booking_event(booking: Booking, status: str = "CONFIRMED") -> CalendarEvent:
    """The booking as an iCalendar event in the school's time zone."""
    sender_name, sender_email = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])
    return CalendarEvent(
        uid=booking.calendar_uid or booking_uid(booking),
        sequence=booking.calendar_sequence,
        summary=summary(booking),
        description=booking.message or "",
        location=location(booking),
        start_utc=booking.starts_at,
        end_utc=booking.ends_at,
        tz_name=booking.school_class.school.time_zone,
        organizer_email=sender_email,
        organizer_name=sender_name or "Skolebro",
        url=booking_link(booking),
        status=status,
    )


def queue_invites(booking: Booking, method: str, note: str = "") -> int:
    """Queue one REQUEST or CANCEL per participant (nobody sees another address)."""
    count = 0
    for user in participants(booking):
        with force_locale(user.language or "nb"):
            event = booking_event(booking, "CANCELLED" if method == "CANCEL" else "CONFIRMED")
            attendee = Attendee(email=user.email, name=user.name)
            build = build_request if method == "REQUEST" else build_cancel
            subject = _subject(method, booking)
            body = render_template(
                "calendar/email/invite.txt",
                booking=booking,
                method=method,
                note=note,
                user=user,
                when=local_text(booking.starts_at, event.tz_name, user.language),
                event=event,
            )
            queue_email(
                user.email,
                subject,
                body,
                calendar_ics=build(event, attendee),
                calendar_method=method,
                recipient_user_id=user.id,
            )
        count += 1
    return count


def _subject(method: str, booking: Booking) -> str:
    """The e-mail subject of an invite, an update or a cancellation."""
    if method == "CANCEL":
        return _("Cancelled: %(title)s", title=summary(booking))
    if booking.calendar_sequence > 0:
        return _("Changed: %(title)s", title=summary(booking))
    return _("Confirmed: %(title)s", title=summary(booking))


def feed_query(user: User) -> sa.Select:
    """The user's confirmed activities: as teacher, role model, company contact or student."""
    teacher_ids = [t.id for t in user.teachers if t.is_approved]
    role_model_ids = [rm.id for rm in user.role_models]
    company_ids = [cp.company_id for cp in user.contact_persons]
    class_ids = [user.student.class_id] if user.student is not None else []
    own_classes = sa.select(SchoolClass.id).where(SchoolClass.teacher_id.in_(teacher_ids))
    company_offers = sa.select(Offer.id).where(Offer.company_id.in_(company_ids))
    return (
        sa.select(Booking)
        .where(
            Booking.status == "confirmed",
            sa.or_(
                Booking.teacher_id.in_(teacher_ids),
                Booking.class_id.in_(own_classes),
                Booking.class_id.in_(class_ids),
                Booking.role_model_id.in_(role_model_ids),
                Booking.offer_id.in_(company_offers),
            ),
        )
        .order_by(Booking.starts_at)
    )


def feed_for_token(token: str) -> bytes | None:
    """The feed of the user holding this token, or None for an unknown token."""
    if not token or len(token) < 20:
        return None
    user = db.session.scalar(sa.select(User).where(User.feed_token == token))
    if user is None or not secrets.compare_digest(user.feed_token or "", token):
        return None
    if not user.is_active:  # a deactivated account's subscribed calendars stop updating
        return None
    with force_locale(user.language or "nb"):
        return build_feed(user_events(user), _("Skolebro: %(name)s", name=user.name))


def user_events(user: User) -> list[CalendarEvent]:
    """The user's confirmed activities, as their feed holds them: bookings as teacher, role
    model or company contact, and published season placements (in the current language)."""
    from app.matching.invites import feed_events  # seasons: published placements

    return [booking_event(b) for b in db.session.scalars(feed_query(user))] + feed_events(user)


def when_text(event: CalendarEvent) -> str:
    """When an activity happens, in its school's time zone and the viewer's language: one day
    with its hours, or the first and last day of a longer one (a work week)."""
    zone, locale = ZoneInfo(event.tz_name), str(get_locale() or "nb")
    start, end = event.start_utc.astimezone(zone), event.end_utc.astimezone(zone)
    first = babel_format_date(start.date(), "full", locale=locale)
    if start.date() != end.date():
        return f"{first} – {babel_format_date(end.date(), 'full', locale=locale)}"
    return f"{first}, {clock(start, event.tz_name)}–{clock(end, event.tz_name)}"


def relative_link(url: str | None) -> str | None:
    """An event's link as a path on this site (the feed's links carry PUBLIC_BASE_URL)."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if not url or not url.startswith(base):
        return url
    return url[len(base) :] or "/"


def regenerate_feed_token(user: User) -> str:
    """Give the user a new private feed link; the old one stops working at once."""
    user.feed_token = secrets.token_urlsafe(32)
    audit.record(user, "calendar.feed_token", user)
    db.session.commit()
    return user.feed_token


def revoke_feed_token(user: User) -> None:
    """Turn the private feed link off."""
    user.feed_token = None
    audit.record(user, "calendar.feed_revoked", user)
    db.session.commit()


def contact_users(company_id: int) -> list[User]:
    """The contact persons of a company (who answer offer bookings)."""
    rows = db.session.scalars(
        sa.select(ContactPerson).where(ContactPerson.company_id == company_id)
    )
    return [cp.user for cp in rows]
