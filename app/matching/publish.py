"""Publish a run as a job: take capacity, give each placement a UID, queue the invites.

All or nothing, with progress the administrator can watch. The job works in two steps:

1. Render every invite and class summary (the slow part at national scale). Its messages go
   to the outbox table as *held* (`outbox.holding`): committed with the progress, so memory
   stays flat however large the season, but never sent while held. Held messages left by a
   job that died are deleted before rendering again.
2. One short transaction: lock the run, check nothing changed, take every place with a
   conditional UPDATE, give the UIDs, release the held messages, mark run and season
   published. A place that is no longer free rolls all of it back and deletes the held
   messages; the run returns to "finished" with the reason in `run.error`, which the review
   page puts in the reader's words.

Why not one long transaction with progress written beside it on a second connection: SQLite
has one writer, so that connection would wait for the publishing transaction (and in an
in-memory database it is the same connection, so its commit would commit the half-done
publication); on PostgreSQL the offer slots would stay locked for minutes and block bookings.
"""

from __future__ import annotations

import logging
import traceback
from collections import Counter

import sqlalchemy as sa
from flask_babel import gettext as _

from app.bookings.capacity import take_role_model_visit
from app.companies.models import OfferSlot
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.extensions import db
from app.matching.invites import placement_uid, queue_invites, school_class_of, with_invite_rows
from app.matching.runs import active_run, plain_error
from app.matching.summaries import queue_class_summaries
from app.outbox.services import drop_held, holding, release_held
from app.seasons.models import MatchRun, Placement, Season

log = logging.getLogger(__name__)
QUEUED, RENDERING, SAVING = "publish_queued", "publishing", "publish_saving"
PROGRESS_STEPS = 50  # progress commits per publication, whatever its size
STOP_REASONS = {
    "place_gone": lambda value: _(
        "A place in the result is no longer free (placement %(id)s). Run again.", id=value
    ),
    "changed": lambda value: _(
        "The result or the season changed while it was being published. Publish again."
    ),
}


class PublishStopped(Exception):
    """Publishing stopped and wrote nothing; `str()` is the code stored in `run.error`."""

    def __init__(self, code: str, value: object = "") -> None:
        """Keep the reason as "code:value" for the run page to put in words."""
        super().__init__(f"{code}:{value}")


def take_seats(slot_id: int, seats: int) -> bool:
    """Take `seats` places of a slot in one conditional UPDATE; False when they do not fit."""
    result = db.session.execute(
        sa.update(OfferSlot)
        .where(OfferSlot.id == slot_id, OfferSlot.taken + seats <= OfferSlot.capacity)
        .values(taken=OfferSlot.taken + seats)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _take_places(run: MatchRun) -> None:
    """Take what each placement uses (a seat, a class's group, a role model's visit), one
    UPDATE per slot, and give each its UID; PublishStopped names a placement that no longer
    fits."""
    seats: Counter[int] = Counter()
    first_on_slot: dict[int, int] = {}
    for placement in run.placements:
        placement.calendar_uid = placement_uid(placement)
        if placement.role_model is not None:
            if not take_role_model_visit(placement.role_model, placement.on_date.year):
                raise PublishStopped("place_gone", placement.id)
            continue
        seats[placement.slot_id] += (
            1 if placement.student_id is not None else school_class_of(placement).size
        )
        first_on_slot.setdefault(placement.slot_id, placement.id)
    for slot_id, n in sorted(seats.items()):
        if not take_seats(slot_id, n):
            raise PublishStopped("place_gone", first_on_slot[slot_id])


def _newest_result_id(season: Season) -> int | None:
    """The id of the season's newest run with a result (being published counts)."""
    query = sa.select(sa.func.max(MatchRun.id)).where(
        MatchRun.season_id == season.id,
        MatchRun.status.in_(("finished", "publishing", "published")),
    )
    return db.session.scalar(query)


def _check(run: MatchRun) -> None:
    if run.season.status == "published" or run.status == "published":
        raise DomainError(None, _("This season is already published."))
    active = active_run(run.season)
    if active is not None and active.id == run.id:
        raise DomainError(None, _("This run is being published. Wait until it is done."))
    if active is not None:
        raise DomainError(None, _("A run of this season is already under way."))
    if run.status not in ("finished", "publishing") or run.season.status != "matched":
        raise DomainError(None, _("Only a finished run of a matched season can be published."))
    if _newest_result_id(run.season) != run.id:
        raise DomainError(None, _("A newer run exists. Publish the newest run."))


def refuse_while_publishing(season: Season) -> None:
    """Refuse a change to the season's result while a job publishes it."""
    active = active_run(season)
    if active is not None and active.status == "publishing":
        raise DomainError(None, _("The result is being published. Wait until it is done."))


def start_publish(actor, run: MatchRun) -> MatchRun:
    """Check, then mark the run for publishing and commit; a job does the work."""
    _check(run)  # a "publishing" run that passes has been silent for an hour: its job died
    run.status, run.error, run.progress, run.progress_label = "publishing", None, 0.0, QUEUED
    audit.record(actor, "matching.publish_started", run.season, run=run.id)
    db.session.commit()
    return run


def execute_publish(run_id: int) -> MatchRun | None:
    """The job: render with progress, then publish all or nothing (see the module)."""
    if not _claim(run_id):
        return db.session.get(MatchRun, run_id)  # not queued, or another worker has it
    try:
        _save(run_id, _render(run_id))
    except PublishStopped as stop:
        _stop(run_id, str(stop))
    except Exception as error:  # noqa: BLE001  (any failure is shown to the administrator)
        log.error("publishing run %s failed:\n%s", run_id, traceback.format_exc())
        _stop(run_id, plain_error(error))
    return db.session.get(MatchRun, run_id)


def publish_run(actor, run: MatchRun) -> MatchRun:
    """Publish now in this process (a worker, the CLI): start unless already queued, then run."""
    if not (run.status == "publishing" and run.progress_label == QUEUED):
        start_publish(actor, run)
    return execute_publish(run.id)


def _set_run(run_id: int, *conditions, **values) -> bool:
    """Write the run's columns where the conditions hold; True when it did. Does not commit."""
    result = db.session.execute(
        sa.update(MatchRun)
        .where(MatchRun.id == run_id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _claim(run_id: int) -> bool:
    """Take the queued publication for this process in one conditional UPDATE; commits."""
    is_mine = _set_run(
        run_id,
        MatchRun.status == "publishing",
        MatchRun.progress_label == QUEUED,
        progress_label=RENDERING,
    )
    db.session.commit()
    return is_mine


def _progress(run_id: int, fraction: float, label: str = RENDERING) -> None:
    """Commit the share of placements rendered; nothing else is pending in the session."""
    _set_run(run_id, progress=fraction, progress_label=label)
    db.session.commit()


def _snapshot(run_id: int) -> list[tuple]:
    """What each placement is, to see that nothing moved between rendering and saving."""
    columns = (Placement.id, Placement.slot_id, Placement.role_model_id, Placement.on_date)
    query = sa.select(*columns, Placement.student_id, Placement.request_id)
    return [tuple(r) for r in db.session.execute(query.where(Placement.run_id == run_id))]


def _held_key(run_id: int) -> str:
    return f"run:{run_id}"


def _render(run_id: int) -> list[tuple]:
    """Build every invite and class summary as held messages, committing progress (and them)
    after each chunk; returns the snapshot of the placements rendered."""
    drop_held(_held_key(run_id))  # what a job that died left behind
    snapshot = sorted(_snapshot(run_id))
    total = len(snapshot)
    step = max(1, total // PROGRESS_STEPS)
    with holding(_held_key(run_id)):
        for start in range(0, total, step):
            for placement in with_invite_rows([row[0] for row in snapshot[start : start + step]]):
                queue_invites(placement)
            done = min(total, start + step)
            _progress(run_id, done / total)  # commits the rendered rows: memory stays flat
        queue_class_summaries(db.session.get(MatchRun, run_id))
    _progress(run_id, 1.0, SAVING)
    return snapshot


def _save(run_id: int, snapshot: list[tuple]) -> None:
    """Take every place, give the UIDs, release the messages, publish: one transaction."""
    run = db.session.get(MatchRun, run_id)
    is_ours = _set_run(  # first, so a second publisher waits here and then finds nothing
        run_id,
        MatchRun.status == "publishing",
        MatchRun.progress_label == SAVING,
        status="published",
        published_at=utcnow(),
        progress_label="done",
    )
    season = db.session.get(Season, run.season_id)
    if not is_ours or season.status != "matched" or sorted(_snapshot(run_id)) != snapshot:
        raise PublishStopped("changed")
    invites = release_held(_held_key(run_id))
    _set_run(run_id, figures={**run.figures, "invites": invites})
    _take_places(run)
    season.status = "published"
    audit.record(None, "matching.published", season, run=run_id, invites=invites)
    db.session.commit()


def _stop(run_id: int, error: str) -> None:
    """Roll back everything of the publication; the run is finished again, with the reason."""
    db.session.rollback()
    drop_held(_held_key(run_id))
    _set_run(
        run_id,
        MatchRun.status == "publishing",
        status="finished",
        error=error,
        progress=1.0,
        progress_label="done",
    )
    db.session.commit()


def stop_reason(run: MatchRun) -> tuple[str, str] | None:
    """Why the last publishing of a finished run stopped: the reader's words, English detail."""
    if run.status != "finished" or not run.error:
        return None
    code, _sep, value = run.error.partition(":")
    if code in STOP_REASONS:
        return STOP_REASONS[code](value), ""
    return _("Publishing failed, and nothing was published."), run.error


def progress_counts(run: MatchRun) -> tuple[int, int]:
    """(placements rendered, placements in all) of a run being published."""
    query = sa.select(sa.func.count(Placement.id)).where(Placement.run_id == run.id)
    total = db.session.scalar(query) or 0
    done = round(run.progress * total) if run.progress_label != QUEUED else 0
    return done, total
