"""Changes after publication: an administrator cancels a published placement.

A host withdraws a place, a role model leaves, a class cannot travel that day: the
placement is marked cancelled (never deleted, so the review and the people concerned still
see what was planned and why it is off), its place goes back to the offer or the role
model's year, and everyone who had it in their calendar gets a CANCEL with the same UID and
a higher SEQUENCE. The class's teacher, who had a student's placement in the class summary
rather than as an invite, gets a plain notice.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.bookings.capacity import release_role_model_visit
from app.calendar.ics import Attendee, build_cancel
from app.calendar.services import local_text
from app.companies.models import OfferSlot
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.core.recipients import class_teachers, reachable
from app.extensions import db
from app.matching.figures import recount_after_hand_change
from app.matching.invites import event_of, recipients, school_class_of, times
from app.outbox.services import queue_email
from app.seasons.models import Placement


def starts_at(placement: Placement):
    """When the activity begins, in UTC."""
    return times(placement, school_class_of(placement).school.time_zone)[0]


def can_cancel(placement: Placement) -> bool:
    """A placement of a published run that is neither cancelled nor begun."""
    return (
        placement.run.status == "published"
        and placement.calendar_uid is not None
        and placement.cancelled_at is None
        and starts_at(placement) > utcnow()
    )


def _refuse(placement: Placement, reason: str) -> None:
    if not reason:
        raise DomainError("reason", _("Write why, for the people concerned."))
    if placement.run.status != "published" or placement.calendar_uid is None:
        raise DomainError(
            None,
            _("Only a published placement can be cancelled. Before that, move it or run again."),
        )
    if placement.cancelled_at is not None:
        raise DomainError(None, _("This placement is already cancelled."))
    if starts_at(placement) <= utcnow():
        raise DomainError(None, _("This activity has already begun and cannot be cancelled."))


def _mark_cancelled(placement: Placement, reason: str) -> bool:
    """Set the cancellation in one conditional UPDATE: two administrators cancelling at once
    give the place back only once."""
    result = db.session.execute(
        sa.update(Placement)
        .where(Placement.id == placement.id, Placement.cancelled_at.is_(None))
        .values(
            cancelled_at=utcnow(),
            cancel_reason=reason,
            calendar_sequence=Placement.calendar_sequence + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def give_back(placement: Placement) -> None:
    """Return what publishing took: a role model's visit, a seat, or a class's group."""
    if placement.role_model_id is not None:
        release_role_model_visit(placement.role_model_id, placement.on_date.year)
        return
    seats = 1 if placement.student_id is not None else school_class_of(placement).size
    db.session.execute(
        sa.update(OfferSlot)
        .where(OfferSlot.id == placement.slot_id)
        .values(taken=sa.case((OfferSlot.taken > seats, OfferSlot.taken - seats), else_=0))
        .execution_options(synchronize_session=False)
    )


def cancel_placement(actor, placement: Placement, reason: str) -> Placement:
    """Cancel a published placement with a reason the people concerned read."""
    reason = (reason or "").strip()
    _refuse(placement, reason)
    if not _mark_cancelled(placement, reason):
        raise DomainError(None, _("This placement is already cancelled."))
    db.session.refresh(placement)
    give_back(placement)
    queue_cancellations(placement)
    audit.record(actor, "matching.cancel", placement, reason=reason)
    db.session.flush()
    recount_after_hand_change(placement.run)
    db.session.commit()
    return placement


def notice_users(placement: Placement) -> list[User]:
    """The class's teachers for a student's placement (they had it in the class summary)."""
    if placement.student is None:
        return []
    return reachable(class_teachers(school_class_of(placement)))


def queue_cancellations(placement: Placement) -> int:
    """One CANCEL per invited person and one notice per teacher, each in their language."""
    count = 0
    invited = recipients(placement)
    invited_ids = {u.id for u in invited}
    notified = [u for u in notice_users(placement) if u.id not in invited_ids]
    for user, with_invite in [(u, True) for u in invited] + [(u, False) for u in notified]:
        with force_locale(user.language or "nb"):
            event = event_of(placement)
            body = render_template(
                "matching/email/cancel.txt",
                user=user,
                event=event,
                reason=placement.cancel_reason,
                with_invite=with_invite,
                when=local_text(event.start_utc, event.tz_name, user.language),
            )
            attendee = Attendee(email=user.email, name=user.name)
            queue_email(
                user.email,
                _("Cancelled: %(title)s", title=event.summary),
                body,
                calendar_ics=build_cancel(event, attendee) if with_invite else None,
                calendar_method="CANCEL" if with_invite else None,
                recipient_user_id=user.id,
            )
        count += 1
    return count
