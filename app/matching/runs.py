"""Run the matching batch: queue a run, execute it with progress, store the solution."""

from __future__ import annotations

import logging
import traceback
from datetime import UTC, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.extensions import db
from app.matching.params import params_for, params_record
from app.matching.problem_builder import build_problem
from app.matching.store import store_solution
from app.seasons.models import MatchRun, Season
from scheduler import ProblemError, solve

log = logging.getLogger(__name__)
RUNNABLE_STATUSES = ("closed", "matched")
ACTIVE_RUNS = ("queued", "running", "publishing")  # one of these at a time per season
STALE_AFTER = timedelta(hours=1)  # a process that died mid-run must not block the season


def active_run(season: Season) -> MatchRun | None:
    """The season's queued, running or publishing run, if any (silent for an hour: died)."""
    query = sa.select(MatchRun).where(
        MatchRun.season_id == season.id,
        MatchRun.status.in_(ACTIVE_RUNS),
        MatchRun.updated_at > utcnow() - STALE_AFTER,
    )
    return db.session.scalar(query.order_by(MatchRun.id.desc()).limit(1))


def start_run(actor, season: Season) -> MatchRun:
    """Queue a new run of a closed or matched season; one run at a time."""
    if season.status not in RUNNABLE_STATUSES:
        raise DomainError(None, _("Close the season before you run the matching."))
    active = active_run(season)
    if active is not None and active.status == "publishing":
        raise DomainError(None, _("The result is being published. Wait until it is done."))
    if active is not None:
        raise DomainError(None, _("A run of this season is already under way."))
    run = MatchRun(
        season_id=season.id,
        started_by_id=getattr(actor, "id", None),
        status="queued",
        progress_label="queued",
        parameters=params_record(params_for(season)),
    )
    db.session.add(run)
    audit.record(actor, "matching.run_started", season)
    db.session.commit()
    return run


def _progress_recorder(run_id: int):
    """A progress callback that commits each step in its own short transaction."""

    def record(phase: str, fraction: float) -> None:
        """Store the phase and the share done."""
        values = {"progress": min(0.95, 0.1 + 0.85 * fraction), "progress_label": phase[:120]}
        db.session.execute(sa.update(MatchRun).where(MatchRun.id == run_id).values(**values))
        db.session.commit()

    return record


def _set(run_id: int, **values) -> None:
    """Write the run's status columns and commit."""
    db.session.execute(sa.update(MatchRun).where(MatchRun.id == run_id).values(**values))
    db.session.commit()


def execute_run(run_id: int) -> MatchRun:
    """Build the problem, solve with progress, store the result; a failure keeps the old run."""
    # Claimed in one conditional UPDATE: a job delivered twice, or a worker racing the CLI,
    # finds the run no longer queued and leaves it alone.
    claimed = db.session.execute(
        sa.update(MatchRun)
        .where(MatchRun.id == run_id, MatchRun.status == "queued")
        .values(status="running", started_at=utcnow(), progress=0.05, progress_label="reading")
    )
    db.session.commit()
    if claimed.rowcount != 1:
        return db.session.get(MatchRun, run_id)
    run = db.session.get(MatchRun, run_id)
    try:
        season = db.session.get(Season, run.season_id)
        built = build_problem(season)
        params = params_for(season, progress=_progress_recorder(run_id))
        solution = solve(built.problem, params)
        _set(run_id, progress=0.97, progress_label="storing")
        store_solution(db.session.get(MatchRun, run_id), built, solution, params)
    except Exception as error:  # noqa: BLE001  (any failure is shown to the administrator)
        db.session.rollback()
        log.error("matching run %s failed:\n%s", run_id, traceback.format_exc())
        _set(run_id, status="failed", finished_at=utcnow(), error=plain_error(error))
    return db.session.get(MatchRun, run_id)


UNCLAIMED_AFTER = timedelta(minutes=1)


def waits_for_a_worker(run: MatchRun) -> bool:
    """True when a run or a publication has waited to start for over a minute: in-process
    jobs start at once, so the background worker is likely stopped."""
    from app.matching.publish import QUEUED

    is_queued = run.status == "queued" or (
        run.status == "publishing" and run.progress_label == QUEUED
    )
    since = run.updated_at if run.updated_at.tzinfo else run.updated_at.replace(tzinfo=UTC)
    return is_queued and utcnow() - since > UNCLAIMED_AFTER


def plain_error(error: Exception) -> str:
    """What went wrong, as the engine said it (English; the page explains it in words)."""
    if isinstance(error, ProblemError):
        return "; ".join(error.errors[:10])
    return f"{type(error).__name__}: {str(error)[:300]}"


def run_next_queued() -> MatchRun | None:
    """Execute the oldest queued run (for a worker)."""
    query = sa.select(MatchRun.id).where(MatchRun.status == "queued").order_by(MatchRun.id)
    run_id = db.session.scalar(query.limit(1))
    return execute_run(run_id) if run_id is not None else None
