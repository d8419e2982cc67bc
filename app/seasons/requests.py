"""Teachers' class requests for the season: a company visit or a role-model visit."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import gettext as _

from app.core import audit
from app.core.errors import DomainError
from app.extensions import db
from app.schools.models import SchoolClass, Teacher
from app.seasons.models import ClassRequest, MatchRun, Placement, Season, Unmatched

OPEN_FOR_REQUESTS = ("offers_open", "requests_open")


def is_open_for_requests(season: Season) -> bool:
    """True while teachers may add, change and delete requests."""
    return season.status in OPEN_FOR_REQUESTS


def teacher_classes(user) -> list[SchoolClass]:
    """The classes of the schools where the user is an approved teacher."""
    school_ids = [t.school_id for t in user.teachers if t.is_approved]
    if not school_ids:
        return []
    query = sa.select(SchoolClass).where(SchoolClass.school_id.in_(school_ids))
    return list(db.session.scalars(query.order_by(SchoolClass.name)))


def _check(season: Season, values: dict) -> None:
    if not is_open_for_requests(season):
        raise DomainError(None, _("Requests can only be changed while the season is open."))
    check_window(season, values["window_start"], values["window_end"])


def check_window(season: Season, window_start, window_end) -> None:
    """Refuse a window outside the season, naming the date field that is wrong."""
    if not season.starts_on <= window_start <= season.ends_on:
        raise DomainError(
            "window_start",
            _(
                "Choose a date inside the season (%(start)s – %(end)s).",
                start=format_date(season.starts_on, "medium"),
                end=format_date(season.ends_on, "medium"),
            ),
        )
    if not window_start <= window_end <= season.ends_on:
        raise DomainError("window_end", _("Choose a date after the first one, inside the season."))


def save_request(
    actor, season: Season, school_class: SchoolClass, values: dict, request: ClassRequest | None
) -> ClassRequest:
    """Add a request for one of the teacher's classes, or change one."""
    _check(season, values)
    if request is None:
        request = ClassRequest(season_id=season.id, class_id=school_class.id, **values)
        db.session.add(request)
    request.class_id = school_class.id
    for name, value in values.items():
        setattr(request, name, value)
    db.session.flush()
    audit.record(actor, "season.request_saved", request)
    db.session.commit()
    return request


def delete_request(actor, request: ClassRequest) -> None:
    """Delete a request while the season is open."""
    if not is_open_for_requests(request.season):
        raise DomainError(None, _("Requests can only be changed while the season is open."))
    audit.record(actor, "season.request_deleted", request)
    db.session.delete(request)
    db.session.commit()


def requests_of(user, season: Season) -> list[ClassRequest]:
    """The season's requests for the teacher's classes."""
    ids = [c.id for c in teacher_classes(user)]
    if not ids:
        return []
    query = sa.select(ClassRequest).where(
        ClassRequest.season_id == season.id, ClassRequest.class_id.in_(ids)
    )
    return list(db.session.scalars(query.order_by(ClassRequest.window_start)))


def published_outcomes(season: Season, items: list[ClassRequest]) -> dict[int, object]:
    """Each request's result in the season's published run: its Placement, or its Unmatched
    row with the reason, so the teacher who asked learns what came of it."""
    run_ids = sa.select(MatchRun.id).where(
        MatchRun.season_id == season.id, MatchRun.status == "published"
    )
    ids = [item.id for item in items]
    found: dict[int, object] = {}
    for model in (Unmatched, Placement):  # a placement wins over an unmatched row
        rows = db.session.scalars(
            sa.select(model).where(model.run_id.in_(run_ids), model.request_id.in_(ids))
        )
        found |= {row.request_id: row for row in rows}
    return found


__all__ = ["Teacher", "delete_request", "published_outcomes", "requests_of", "save_request"]
