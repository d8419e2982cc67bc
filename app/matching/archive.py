"""Archive a season: remove its students' personal data and record that in the audit log."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from app.core import audit
from app.core.errors import DomainError
from app.extensions import db
from app.matching import feedback
from app.schools.models import School, SchoolClass, Student
from app.seasons.models import (
    MatchRun,
    Placement,
    PlacementFeedback,
    Preference,
    Season,
    Unmatched,
)

ARCHIVABLE = ("published", "done")


def _run_ids(season: Season):
    return sa.select(MatchRun.id).where(MatchRun.season_id == season.id)


def _region_student_ids(season: Season) -> set[int]:
    """Students of the season's region (they may have ticked the own-network box)."""
    schools = sa.select(School.id)
    if season.region:
        schools = schools.where(School.region == season.region)
    classes = sa.select(SchoolClass.id).where(SchoolClass.school_id.in_(schools))
    return set(db.session.scalars(sa.select(Student.id).where(Student.class_id.in_(classes))))


def _season_student_ids(season: Season) -> set[int]:
    """Students who left data in the season: wishes, placements or unmatched rows."""
    ids = _region_student_ids(season) | set(
        db.session.scalars(
            sa.select(Preference.student_id).where(Preference.season_id == season.id)
        )
    )
    for model in (Placement, Unmatched):
        query = sa.select(model.student_id).where(
            model.run_id.in_(_run_ids(season)), model.student_id.is_not(None)
        )
        ids |= set(db.session.scalars(query))
    return ids


def _delete_student_rows(model, season: Season) -> int:
    """Delete the season's rows of `model` that name a student; return how many."""
    statement = sa.delete(model).where(
        model.run_id.in_(_run_ids(season)), model.student_id.is_not(None)
    )
    return db.session.execute(statement).rowcount


def _keep_the_report(season: Season) -> int:
    """Keep the published runs' counts, and students' scores without author or comment;
    return how many students' answers lost theirs."""
    for run in season.runs:
        if run.status == "published":
            run.archived_counts = feedback.counts(run)
    statement = (
        sa.update(PlacementFeedback)
        .where(PlacementFeedback.season_id == season.id, PlacementFeedback.role == "student")
        .values(author_id=None, comment="")
    )
    return db.session.execute(statement).rowcount


def archive_season(actor, season: Season) -> dict[str, int]:
    """Delete wishes, student placements and unmatched student rows; clear self-declared data.
    The report's counts and the answers stay (students' answers as bare scores)."""
    if season.status not in ARCHIVABLE:
        raise DomainError(None, _("Only a published or finished season can be archived."))
    student_ids = _season_student_ids(season)
    student_answers = _keep_the_report(season)  # before the placements go
    counts = {
        "student_answers": student_answers,
        "wishes": db.session.execute(
            sa.delete(Preference).where(Preference.season_id == season.id)
        ).rowcount,
        "placements": _delete_student_rows(Placement, season),
        "unmatched": _delete_student_rows(Unmatched, season),
    }
    if student_ids:
        db.session.execute(
            sa.update(Student)
            .where(Student.id.in_(student_ids))
            .values(gender=None, has_diversity_consent=False, has_own_network_placement=False)
        )
    counts["students"] = len(student_ids)
    season.status = "archived"
    audit.record(actor, "season.archived", season, **counts)
    db.session.commit()
    return counts
