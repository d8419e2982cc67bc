"""Seasons for administrators: create, edit the phase dates, move the status."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from app.core import audit
from app.core.errors import DomainError, raise_all
from app.core.search import containing
from app.extensions import db
from app.seasons.labels import MANUAL_MOVES
from app.seasons.models import Season

DATE_ORDER = (
    "offers_open_on",
    "requests_open_on",
    "requests_close_on",
    "publish_on",
    "starts_on",
    "ends_on",
)


# The engine tells work weeks apart by ISO week number, so no number may occur twice.
MAX_SEASON_WEEKS = 52


def _weeks_touched(start: date, end: date) -> int:
    """Calendar weeks (Monday to Sunday) that the dates start..end touch."""
    first_monday = start - timedelta(days=start.weekday())
    return (end - first_monday).days // 7 + 1


def check_dates(values: dict) -> None:
    """Refuse phase dates out of order (each date earlier than one above it), a season of too
    many weeks and removal before the end: every wrong date at once, each at its field."""
    errors: list[DomainError] = []
    for i, after in enumerate(DATE_ORDER[1:], start=1):
        if values[after] < max(values[before] for before in DATE_ORDER[:i]):
            errors.append(DomainError(after, _("This date must be on or after the date above it.")))
    if _weeks_touched(values["starts_on"], values["ends_on"]) > MAX_SEASON_WEEKS:
        message = _(
            "A season can cover at most %(weeks)s weeks. Split it in two.", weeks=MAX_SEASON_WEEKS
        )
        errors.append(DomainError("ends_on", message))
    archive_on = values.get("archive_on")
    if archive_on is not None and archive_on < values["ends_on"]:
        errors.append(
            DomainError("archive_on", _("Remove the data after the activities have ended."))
        )
    raise_all(errors)


def save_season(actor, season: Season | None, values: dict) -> Season:
    """Create a season (as a draft) or change its name, region and dates."""
    check_dates(values)
    if season is None:
        season = Season(status="draft", weights={}, run_settings={})
        db.session.add(season)
    for name, value in values.items():
        setattr(season, name, value)
    db.session.flush()
    audit.record(actor, "season.saved", season, name=season.name)
    db.session.commit()
    return season


def next_status(season: Season, direction: str) -> str | None:
    """The status a manual move leads to, or None when it is not a manual move."""
    return MANUAL_MOVES.get((season.status, direction))


def move_status(actor, season: Season, direction: str) -> Season:
    """Move the season one phase forward or back."""
    target = next_status(season, direction)
    if target is None:
        raise DomainError(None, _("The season cannot move that way from its current phase."))
    if any(run.status == "publishing" for run in season.runs):
        raise DomainError(None, _("The result is being published. Wait until it is done."))
    before = season.status
    season.status = target
    audit.record(actor, "season.status", season, before=before, after=target)
    db.session.commit()
    return season


def seasons_query(q: str = "") -> sa.Select:
    """Seasons, newest first, searchable by name or region."""
    query = sa.select(Season).order_by(Season.starts_on.desc(), Season.id.desc())
    return containing(query, q, Season.name, Season.region)


def open_season_for(region: str, statuses: tuple[str, ...]) -> Season | None:
    """The newest season of the region (or of every region) in one of the statuses."""
    query = (
        sa.select(Season)
        .where(Season.status.in_(statuses), sa.or_(Season.region == region, Season.region == ""))
        .order_by(Season.starts_on.desc(), Season.id.desc())
    )
    return db.session.scalar(query.limit(1))


def is_open_for_wishes(season: Season | None, today: date | None = None) -> bool:
    """True while students may rank their wishes."""
    return season is not None and season.status == "requests_open"
