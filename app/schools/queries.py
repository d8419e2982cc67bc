"""Read-only helpers for the school pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.core.errors import DomainError
from app.core.search import containing
from app.extensions import db
from app.schools.models import School, SchoolClass, Student, Teacher
from app.schools.services import ClassValues


def read_upload(storage) -> str:
    """The uploaded file as text (UTF-8, or Windows-1252 from older spreadsheets)."""
    data = storage.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def schools(q: str = "") -> sa.Select:
    """Schools by name, optionally filtered by name or municipality."""
    query = sa.select(School).order_by(School.name)
    return containing(query, q, School.name, School.municipality)


def school_choices() -> list[tuple[int, str]]:
    """Schools for a select box."""
    rows = db.session.execute(
        sa.select(School.id, School.name, School.municipality).order_by(School.name)
    )
    return [(0, _("Choose your school"))] + [(r.id, f"{r.name} ({r.municipality})") for r in rows]


def waiting_teachers() -> sa.Select:
    """Teachers not approved yet, oldest first."""
    return sa.select(Teacher).where(Teacher.is_approved.is_(False)).order_by(Teacher.id)


def teacher_schools(user: User) -> list[School]:
    """Schools where the user is an approved teacher."""
    return [t.school for t in user.teachers if t.is_approved]


def teacher_id_at(user: User, school_id: int) -> int | None:
    """The user's teacher id at a school."""
    return next((t.id for t in user.teachers if t.school_id == school_id and t.is_approved), None)


def class_values(form, user: User, school_class: SchoolClass | None = None) -> ClassValues:
    """The class form as plain values; a teacher may only use their own schools."""
    school_id = school_class.school_id if school_class else form.school_id.data
    if school_class is None and school_id not in {s.id for s in teacher_schools(user)}:
        raise DomainError("school_id", _("Choose your own school."))
    return ClassValues(
        school_id=school_id,
        name=form.name.data,
        grade=form.grade.data,
        size=form.size.data,
        subject=form.subject.data or "",
        school_year=form.school_year.data or "",
        work_week_start=form.work_week_start.data,
        shadowing_from=form.shadowing_from.data,
        shadowing_to=form.shadowing_to.data,
    )


def students_of(school_class: SchoolClass) -> list[Student]:
    """The class's students by name."""
    return list(
        db.session.scalars(
            sa.select(Student)
            .where(Student.class_id == school_class.id)
            .order_by(Student.display_name)
        )
    )


def published_placements(school_class: SchoolClass) -> dict[int, list]:
    """Each student's published placements, so the teacher can follow the class up."""
    from app.seasons.models import MatchRun, Placement

    rows = db.session.scalars(
        sa.select(Placement)
        .join(MatchRun)
        .join(Student, Placement.student_id == Student.id)
        .where(Student.class_id == school_class.id, MatchRun.status == "published")
        .order_by(Placement.cancelled_at.is_not(None), Placement.id)  # cancelled ones last
    )
    found: dict[int, list] = {}
    for placement in rows:
        found.setdefault(placement.student_id, []).append(placement)
    return found
