"""Placing a student by hand after publication: a place that came free, or after a cancellation.

The published run stays the season's result; the administrator adds one placement to it. The
engine's `validate` checks the run as it stands plus the new placement against the capacities
the run was published with, so the week, grade, travel limit, school share and capacity rules
hold as they did for the batch; only a rule the new placement breaks refuses it (a rule the
run already bent by hand is not held against it). The seat is then taken in one conditional
UPDATE, the host gets an invite and the class's teacher a notice.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale, format_decimal
from flask_babel import gettext as _

from app.calendar.services import local_text
from app.companies.models import OfferSlot
from app.core import audit
from app.core.errors import DomainError
from app.core.recipients import class_teachers, reachable
from app.extensions import db
from app.matching import standing
from app.matching.figures import recount_after_hand_change
from app.matching.ids import key
from app.matching.invites import event_of, placement_uid, queue_invites
from app.matching.params import params_for
from app.matching.problem_builder import Built, build_problem
from app.matching.publish import take_seats
from app.matching.review import RULE_MESSAGES, option_label
from app.matching.store import travel_km, wish_rank
from app.outbox.services import queue_email
from app.schools.models import Student
from app.seasons.models import MatchRun, Unmatched
from app.seasons.models import Placement as PlacementRow
from scheduler import JOB_SHADOWING, WORK_WEEK, Placement

# The kinds the season's batch places students in (students wish for both).
STUDENT_KINDS = (WORK_WEEK, JOB_SHADOWING)


def has_placement(run: MatchRun, student: Student, kind: str) -> bool:
    """Whether the student already has a placement of this kind in the run."""
    query = sa.select(PlacementRow.id).where(
        PlacementRow.run_id == run.id,
        PlacementRow.student_id == student.id,
        PlacementRow.kind == kind,
        PlacementRow.cancelled_at.is_(None),
    )
    return db.session.scalar(query.limit(1)) is not None


def fits_period(built: Built, student: Student, kind: str, period) -> bool:
    """Whether a slot's week or date is one the student can take part in: the class's week,
    or a day of the job-shadowing days the student wished in (the engine's own periods)."""
    if kind == WORK_WEEK:
        start = student.school_class.work_week_start
        return start is not None and period == start.isocalendar()[1]
    engine_student = built.students.get(key("student", student.id))
    window = engine_student.shadowing_window if engine_student else None
    return window is not None and window[0] <= period <= window[1]


def _candidate(student: Student, kind: str, offer_id: str, period) -> Placement:
    if kind == WORK_WEEK:
        return Placement(key("student", student.id), kind, offer_id, week=period)
    return Placement(key("student", student.id), kind, offer_id, date=period)


def place_options(run: MatchRun, student: Student, kind: str, built: Built | None = None):
    """Open slots of the kind in the class's week or job-shadowing days: usable ones first
    (free, within the travel limit, within the school's share), nearest first; what would stop
    one is in its label."""
    built = built or build_problem(run.season, with_history=False)
    params = params_for(run.season)
    limit = params.travel_limit(student.school_class.grade)
    share_full = standing.school_share_full(built, run, kind, student.school_class.school_id)
    options = []
    for (offer_id, period), slot_id in built.slot_ids.items():
        offer = built.offers[offer_id]
        if offer.kind != kind or not fits_period(built, student, kind, period):
            continue
        slot = db.session.get(OfferSlot, slot_id)
        km = travel_km(built, _candidate(student, kind, offer_id, period), params.road_factor)
        full, too_far = slot.capacity - slot.taken < 1, km is not None and km > limit
        shared = share_full(offer_id, period)
        options.append(option(offer, slot, km, full, too_far, shared, limit))
    options.sort()
    return [(slot_id, label) for *_order, slot_id, label in options[:200]]


def option(offer, slot, km, is_full: bool, too_far: bool, share_full: bool, limit):
    """A place in a list to choose from, with what would stop it in its label; sorted by
    (full, over the limit, over the school's share, km) the usable ones come first."""
    label = option_label(offer, slot, km, slot.capacity - slot.taken)
    if too_far:
        label += " · " + _("over the travel limit of %(km)s km", km=format_decimal(limit))
    if share_full:
        label += " · " + _("the school has its share of this company's places")
    return (is_full, too_far, share_full, km if km is not None else 1e9, slot.id, label)


def place_student(
    actor, run: MatchRun, student: Student, kind: str, slot_id: int, built: Built | None = None
):
    """Add a placement for the student to the published run, or say which rule stops it."""
    if run.status != "published":
        raise DomainError(None, _("Only a published result takes placements by hand."))
    # One administrator at a time places this student (PostgreSQL locks the row until the
    # commit), so two administrators never give them two placements of a kind.
    db.session.execute(sa.select(Student.id).where(Student.id == student.id).with_for_update())
    if has_placement(run, student, kind):
        raise DomainError(
            None, _("%(name)s already has a placement of this kind.", name=student.label)
        )
    built = built or build_problem(run.season, with_history=False)
    if key("student", student.id) not in built.students:
        raise DomainError(
            None, _("%(name)s does not take part in this season.", name=student.label)
        )
    slot = db.session.get(OfferSlot, slot_id)
    found = [(o, p) for (o, p), s in built.slot_ids.items() if s == slot_id]
    if slot is None or not found or built.offers[found[0][0]].kind != kind:
        raise DomainError("slot_id", _("Choose a place that is open in this season."))
    candidate = _candidate(student, kind, *found[0])
    broken = standing.broken_rules(built, run, candidate)
    if broken:
        rule = sorted(broken)[0]
        raise DomainError(
            "slot_id", RULE_MESSAGES.get(rule, lambda: _("That breaks a rule of the matching."))()
        )
    if not take_seats(slot.id, 1):
        raise DomainError("slot_id", _("That place is full."))
    row = _store(built, run, student, candidate, slot)
    queue_invites(row)
    queue_notices(row)
    audit.record(actor, "matching.place", row, slot=slot.id)
    db.session.flush()
    recount_after_hand_change(run)
    db.session.commit()
    return row


def _store(built: Built, run: MatchRun, student: Student, candidate: Placement, slot: OfferSlot):
    road = params_for(run.season).road_factor
    row = PlacementRow(
        run_id=run.id,
        student_id=student.id,
        slot_id=slot.id,
        kind=candidate.kind,
        on_date=slot.date,
        preference_rank=wish_rank(built, candidate),
        travel_km=travel_km(built, candidate, road),
    )
    db.session.add(row)
    db.session.flush()
    row.calendar_uid = placement_uid(row)
    for unmatched in db.session.query(Unmatched).filter_by(run_id=run.id, student_id=student.id):
        if (unmatched.reason_params or {}).get("kind", candidate.kind) == candidate.kind:
            db.session.delete(unmatched)
    return row


def queue_notices(row: PlacementRow) -> int:
    """Tell the class's teachers that the student has a placement now."""
    count = 0
    for user in reachable(class_teachers(row.student.school_class)):
        with force_locale(user.language or "nb"):
            event = event_of(row)
            body = render_template(
                "matching/email/placed.txt",
                user=user,
                event=event,
                placement=row,
                when=local_text(event.start_utc, event.tz_name, user.language),
            )
            queue_email(
                user.email,
                _("New placement: %(title)s", title=event.summary),
                body,
                recipient_user_id=user.id,
            )
        count += 1
    return count
