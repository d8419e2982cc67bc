"""Calendar invites for published placements: one REQUEST per recipient, stable UIDs."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.calendar.ics import Attendee, CalendarEvent, build_request
from app.calendar.services import local_text
from app.companies.models import Company, ContactPerson, Offer, OfferSlot, RoleModel
from app.core.recipients import (
    class_teachers,
    company_contacts,
    reachable,
    role_model_or_company,
)
from app.extensions import db
from app.outbox.services import queue_email
from app.schools.models import School, SchoolClass, Student, Teacher
from app.seasons.models import ClassRequest, Placement

UID_DOMAIN = "skolebro.no"


def placement_uid(placement: Placement) -> str:
    """The stable iCalendar UID of a placement."""
    return f"placement-{placement.id}@{UID_DOMAIN}"


def school_class_of(placement: Placement):
    """The class of the student or of the request."""
    if placement.student is not None:
        return placement.student.school_class
    return placement.request.school_class


def _class_loads(path):
    """Load a class's school, its teachers and their users along `path`."""
    school = path.selectinload(SchoolClass.school)
    return (
        school.selectinload(School.teachers).selectinload(Teacher.user),
        path.selectinload(SchoolClass.teacher).selectinload(Teacher.user),
    )


def with_invite_rows(placement_ids: list[int]) -> list[Placement]:
    """The placements, in id order, with every row their invites read, in a few queries
    (one by one, rendering a national publication took minutes of lazy loads)."""
    student_class = selectinload(Placement.student).selectinload(Student.school_class)
    request_class = selectinload(Placement.request).selectinload(ClassRequest.school_class)
    offer = selectinload(Placement.slot).selectinload(OfferSlot.offer)
    query = (
        sa.select(Placement)
        .where(Placement.id.in_(placement_ids))
        .order_by(Placement.id)
        .options(
            *_class_loads(student_class),
            *_class_loads(request_class),
            offer.selectinload(Offer.company)
            .selectinload(Company.contact_persons)
            .selectinload(ContactPerson.user),
            offer.selectinload(Offer.site),
            selectinload(Placement.role_model).selectinload(RoleModel.user),
        )
    )
    return list(db.session.scalars(query))


def recipients(placement: Placement) -> list[User]:
    """Who gets an invite: the company's contacts or the role model, and for class activities
    the teacher (a student's placement reaches the teacher in one summary per class)."""
    users = [] if placement.student is not None else class_teachers(school_class_of(placement))
    if placement.role_model is not None:
        users += role_model_or_company(placement.role_model)
    elif placement.slot is not None:
        users += company_contacts(placement.slot.offer.company)
    return reachable(users)


def times(placement: Placement, tz_name: str) -> tuple[datetime, datetime]:
    """Start and end in UTC: a work week runs Monday to Friday, a visit on its date."""
    zone = ZoneInfo(tz_name)
    if placement.slot is not None:
        slot, offer = placement.slot, placement.slot.offer
        hour, minute = (int(x) for x in (slot.start_time or "09:00").split(":"))
        start = datetime.combine(slot.date, time(hour, minute), zone)
        if placement.kind == "work_week":
            last = slot.end_date or slot.date + timedelta(days=4)
            end = datetime.combine(last, time(15, 0), zone)
        else:
            end = start + timedelta(minutes=offer.duration_minutes or 60)
    else:  # a role-model visit: the date from the batch, the hour from the request
        request = placement.request
        start = datetime.combine(placement.on_date, request.visit_at, zone)
        end = start + timedelta(minutes=request.visit_minutes)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


def summary(placement: Placement) -> str:
    """The title of the activity in the current language."""
    school_class = school_class_of(placement)
    if placement.role_model is not None:
        return _(
            "Role-model visit: %(name)s with %(cls)s, %(school)s",
            name=placement.role_model.user.name,
            cls=school_class.name,
            school=school_class.school.name,
        )
    company = placement.slot.offer.company.name
    if placement.student is not None:
        return _(
            "%(kind)s: %(student)s at %(company)s",
            kind=_("Work week") if placement.kind == "work_week" else _("Job shadowing"),
            student=placement.student.display_name,
            company=company,
        )
    return _("Company visit: %(cls)s at %(company)s", cls=school_class.name, company=company)


def location(placement: Placement) -> str:
    """Online, the school, or the company site."""
    school = school_class_of(placement).school
    if placement.mode == "digital":
        return _("Digital (video meeting)")
    if placement.role_model is not None or placement.slot.offer.site is None:
        return f"{school.name}, {school.municipality}"
    site = placement.slot.offer.site
    return f"{site.address}, {site.postal_code} {site.municipality}".strip()


def event_of(placement: Placement) -> CalendarEvent:
    """The placement as an iCalendar event in the school's time zone."""
    tz_name = school_class_of(placement).school.time_zone
    start, end = times(placement, tz_name)
    sender_name, sender_email = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])
    offer = placement.slot.offer if placement.slot is not None else None
    return CalendarEvent(
        uid=placement.calendar_uid or placement_uid(placement),
        sequence=placement.calendar_sequence,
        summary=summary(placement),
        description=offer.what_to_bring if offer is not None else "",
        location=location(placement),
        start_utc=start,
        end_utc=end,
        tz_name=tz_name,
        organizer_email=sender_email,
        organizer_name=sender_name or "Skolebro",
        url=current_app.config["PUBLIC_BASE_URL"] + "/",
    )


def queue_invites(placement: Placement) -> int:
    """Queue one REQUEST per recipient, each in the recipient's language."""
    count = 0
    for user in recipients(placement):
        with force_locale(user.language or "nb"):
            event = event_of(placement)
            body = render_template(
                "matching/email/invite.txt",
                user=user,
                event=event,
                placement=placement,
                when=local_text(event.start_utc, event.tz_name, user.language),
            )
            queue_email(
                user.email,
                _("Confirmed: %(title)s", title=event.summary),
                body,
                calendar_ics=build_request(event, Attendee(email=user.email, name=user.name)),
                calendar_method="REQUEST",
                recipient_user_id=user.id,
            )
        count += 1
    return count


def _feed_filter(user):
    """Placements of the user: own, their classes', their role model's, their company's."""
    import sqlalchemy as sa

    from app.companies.models import Offer, OfferSlot
    from app.schools.models import SchoolClass, Student
    from app.seasons.models import ClassRequest

    school_ids = [t.school_id for t in user.teachers if t.is_approved]
    class_ids = sa.select(SchoolClass.id).where(SchoolClass.school_id.in_(school_ids))
    company_ids = [cp.company_id for cp in user.contact_persons]
    company_slots = sa.select(OfferSlot.id).join(Offer).where(Offer.company_id.in_(company_ids))
    students = sa.select(Student.id).where(Student.class_id.in_(class_ids))
    requests = sa.select(ClassRequest.id).where(ClassRequest.class_id.in_(class_ids))
    return sa.or_(
        Placement.student_id == (user.student.id if user.student is not None else None),
        Placement.student_id.in_(students),
        Placement.request_id.in_(requests),
        Placement.role_model_id.in_([rm.id for rm in user.role_models]),
        Placement.slot_id.in_(company_slots),
    )


def feed_placements(user) -> list[Placement]:
    """Published placements the user takes part in (a cancelled one leaves the feed)."""
    import sqlalchemy as sa

    from app.extensions import db
    from app.seasons.models import MatchRun

    query = (
        sa.select(Placement)
        .join(MatchRun)
        .where(MatchRun.status == "published", Placement.calendar_uid.is_not(None))
        .where(Placement.cancelled_at.is_(None), _feed_filter(user))
        .order_by(Placement.id)
    )
    return list(db.session.scalars(query))


def feed_events(user) -> list[CalendarEvent]:
    """The user's published placements as feed events (no attendees, no METHOD)."""
    return [event_of(p) for p in feed_placements(user)]
