"""Changes after publication: an administrator moves a published placement to another place.

A host offers another day, a class cannot travel on the planned date, a student is better
served elsewhere: rather than cancel and place again (a cancellation and a new invite for
the same activity), the placement keeps its row and its calendar UID, takes the new place
and gives the old one back. Calendars get the change as RFC 5546 asks: an updated REQUEST
with a higher SEQUENCE to whoever has the activity both before and after, a CANCEL to a
host who no longer has it, a REQUEST to a new host. A student's teacher, who had the
placement in the class summary, gets a notice saying what it was and what it is now.

The move is checked like a placement by hand (`standing.broken_rules`): the run as it stands,
with this placement in its new place, against the capacities it was published with.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.calendar.ics import Attendee, CalendarEvent, build_cancel, build_request
from app.calendar.services import local_text
from app.companies.models import OfferSlot
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.extensions import db
from app.matching import changes, late, standing
from app.matching.figures import recount_after_hand_change
from app.matching.ids import key
from app.matching.invites import event_of, recipients, school_class_of
from app.matching.params import params_for
from app.matching.problem_builder import Built, build_problem
from app.matching.publish import take_seats
from app.matching.review import RULE_MESSAGES
from app.matching.rows import engine_placement
from app.matching.store import travel_km, wish_rank
from app.outbox.services import queue_email
from app.seasons.models import Placement
from scheduler import WORK_WEEK
from scheduler import Placement as EnginePlacement

LANGUAGES = ("nb", "da", "en")


def can_move(placement: Placement) -> bool:
    """A published placement at an offer slot that is neither cancelled nor begun."""
    return placement.slot_id is not None and changes.can_cancel(placement)


def _fits_test(built: Built, placement: Placement):
    """A test whether a slot's week or date is one the student or class can take part in."""
    if placement.student is not None:
        student, kind = placement.student, placement.kind
        return lambda period: late.fits_period(built, student, kind, period)
    request_id = key("request", placement.request_id)
    request = next((r for r in built.problem.requests if r.id == request_id), None)
    if request is None:
        return lambda period: False
    return lambda period: request.start <= period <= request.end


def _moved(placement: Placement, offer_id: str, period) -> EnginePlacement:
    old = engine_placement(placement)
    if placement.kind == WORK_WEEK:
        return replace(old, offer_id=offer_id, week=period, date=None)
    return replace(old, offer_id=offer_id, date=period, week=None)


def _choices(placement: Placement, built: Built | None = None) -> list[tuple]:
    """Places of the same kind, after today, in the student's week or job-shadowing days or
    the class's window: usable ones first (free, within the travel limit, within the school's
    share), nearest first; what would stop one is in its label."""
    built = built or build_problem(placement.run.season, with_history=False)
    params = params_for(placement.run.season)
    school_class = school_class_of(placement)
    limit = params.travel_limit(school_class.grade) if placement.student else None
    seats = 1 if placement.student is not None else school_class.size
    share_full = standing.school_share_full(
        built, placement.run, placement.kind, school_class.school_id, replacing=placement.id
    )
    fits, options = _fits_test(built, placement), []
    for (offer_id, period), slot_id in built.slot_ids.items():
        offer = built.offers[offer_id]
        if offer.kind != placement.kind or slot_id == placement.slot_id:
            continue
        if built.slot_dates[slot_id] <= date.today() or not fits(period):
            continue
        slot = db.session.get(OfferSlot, slot_id)
        km = travel_km(built, _moved(placement, offer_id, period), params.road_factor)
        too_far = bool(limit and km and km > limit)
        full = slot.capacity - slot.taken < seats
        is_shared = placement.student is not None and share_full(offer_id, period)
        options.append(late.option(offer, slot, km, full, too_far, is_shared, limit))
    options.sort()
    return options


def move_options(placement: Placement, built: Built | None = None) -> list[tuple[int, str]]:
    """The places to choose from, as (slot id, label), the usable ones first."""
    return [(slot_id, label) for *_order, slot_id, label in _choices(placement, built)[:200]]


def first_usable(placement: Placement, built: Built | None = None) -> int | None:
    """The nearest place the placement can move to (free, within the travel limit and the
    school's share), if any; the move's own check still decides."""
    for is_full, too_far, share_full, _km, slot_id, _label in _choices(placement, built):
        if not (is_full or too_far or share_full):
            return slot_id
    return None


def _refuse(placement: Placement, reason: str, slot_id: int) -> None:
    if placement.slot_id is None:
        raise DomainError(
            None,
            _("A role-model visit cannot be moved. Cancel it, and the teacher can book again."),
        )
    if placement.run.status != "published" or placement.calendar_uid is None:
        raise DomainError(None, _("This placement is not published yet: move it from the review."))
    if placement.cancelled_at is not None:
        raise DomainError(None, _("This placement is already cancelled."))
    if changes.starts_at(placement) <= utcnow():
        raise DomainError(None, _("This activity has already begun and cannot be moved."))
    if slot_id == placement.slot_id:
        raise DomainError("slot_id", _("The placement is already there. Choose another place."))
    if not reason:
        raise DomainError("reason", _("Write why, for the people concerned."))


def _before(placement: Placement) -> dict[str, dict[str, str]]:
    """What the activity was, in each language: the title, when and where."""
    out = {}
    for language in LANGUAGES:
        with force_locale(language):
            event = event_of(placement)
            when = local_text(event.start_utc, event.tz_name, language)
            out[language] = {"summary": event.summary, "when": when, "where": event.location}
    return out


def move_published(
    actor, placement: Placement, slot_id: int, reason: str, built: Built | None = None
) -> Placement:
    """Move a published placement to another slot, or say which rule stops it; the people
    concerned get the change in their calendars."""
    reason = (reason or "").strip()
    # One administrator at a time changes this placement (PostgreSQL locks the row).
    db.session.execute(
        sa.select(Placement.id).where(Placement.id == placement.id).with_for_update()
    )
    db.session.refresh(placement)
    _refuse(placement, reason, slot_id)
    run = placement.run
    built = built or build_problem(run.season, with_history=False)
    found = [(o, p) for (o, p), s in built.slot_ids.items() if s == slot_id]
    slot = db.session.get(OfferSlot, slot_id)
    if slot is None or not found or built.offers[found[0][0]].kind != placement.kind:
        raise DomainError("slot_id", _("Choose a place that is open in this season."))
    if slot.date <= date.today():
        raise DomainError("slot_id", _("Choose a place on a day that has not come yet."))
    moved = _moved(placement, *found[0])
    broken = standing.broken_rules(built, run, moved, replacing=placement.id)
    if broken:
        rule = sorted(broken)[0]
        message = RULE_MESSAGES.get(rule, lambda: _("The move breaks a rule of the matching."))
        raise DomainError("slot_id", message())
    seats = 1 if placement.student is not None else school_class_of(placement).size
    if not take_seats(slot.id, seats):
        raise DomainError("slot_id", _("That place is full."))
    before, had_it, old_slot = _before(placement), recipients(placement), placement.slot_id
    old_events = {u.id: _old_event(placement, u) for u in had_it}
    changes.give_back(placement)
    road = params_for(run.season).road_factor
    placement.slot_id, placement.on_date = slot.id, slot.date
    placement.preference_rank = wish_rank(built, moved) if placement.student_id else None
    placement.travel_km = travel_km(built, moved, road)
    placement.calendar_sequence += 1
    placement.changed_at, placement.change_reason = utcnow(), reason
    db.session.flush()
    db.session.expire(placement, ["slot"])
    keeps_it = {u.id for u in recipients(placement)}
    for user in had_it:
        if user.id not in keeps_it:
            event = replace(old_events[user.id], sequence=placement.calendar_sequence)
            _queue_cancel(placement, user, event, reason)
    queue_changes(placement, before, {u.id for u in had_it})
    audit.record(actor, "matching.move_published", placement, slot=slot.id, was=old_slot)
    db.session.flush()
    recount_after_hand_change(run)
    db.session.commit()
    return placement


def _old_event(placement: Placement, user: User) -> CalendarEvent:
    with force_locale(user.language or "nb"):
        return event_of(placement)


def _queue_cancel(placement: Placement, user: User, event: CalendarEvent, reason: str) -> None:
    """A host who no longer has the activity: a CANCEL of the same UID."""
    with force_locale(user.language or "nb"):
        body = render_template(
            "matching/email/cancel.txt",
            user=user,
            event=event,
            reason=reason,
            with_invite=True,
            moved_away=True,
            when=local_text(event.start_utc, event.tz_name, user.language),
        )
        queue_email(
            user.email,
            _("Cancelled: %(title)s", title=event.summary),
            body,
            calendar_ics=build_cancel(event, Attendee(email=user.email, name=user.name)),
            calendar_method="CANCEL",
            recipient_user_id=user.id,
        )


def queue_changes(placement: Placement, before: dict, had_it: set[int]) -> int:
    """The updated REQUEST to each host or teacher who has the activity now (new ones
    included), and a notice to a student's teachers, each saying what it was."""
    invited = recipients(placement)
    invited_ids = {u.id for u in invited}
    notified = [u for u in changes.notice_users(placement) if u.id not in invited_ids]
    count = 0
    for user, with_invite in [(u, True) for u in invited] + [(u, False) for u in notified]:
        language = user.language or "nb"
        with force_locale(language):
            event = event_of(placement)
            body = render_template(
                "matching/email/changed.txt",
                user=user,
                event=event,
                placement=placement,
                with_invite=with_invite,
                is_new=with_invite and user.id not in had_it,
                before=before.get(language, before["nb"]),
                when=local_text(event.start_utc, event.tz_name, user.language),
            )
            queue_email(
                user.email,
                _("Changed: %(title)s", title=event.summary),
                body,
                calendar_ics=(
                    build_request(event, Attendee(email=user.email, name=user.name))
                    if with_invite
                    else None
                ),
                calendar_method="REQUEST" if with_invite else None,
                recipient_user_id=user.id,
            )
        count += 1
    return count
