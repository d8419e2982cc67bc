"""Schools (CSV import), teachers (registration and approval), classes and students."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.models import User
from app.accounts.services import check_password_strength, find_user_by_login
from app.core import audit
from app.core.errors import DomainError
from app.extensions import db
from app.matching.feedback import forget_student
from app.outbox.services import queue_email
from app.schools.models import (
    JOIN_CODE_ALPHABET,
    School,
    SchoolClass,
    Student,
    Teacher,
    new_join_code,
)


def current_school_year(today: date | None = None) -> str:
    """The school year a date falls in; a new one starts in August."""
    today = today or date.today()
    first = today.year if today.month >= 8 else today.year - 1
    return f"{first}-{first + 1}"


def register_teacher(
    name: str, email: str, password: str, school_id: int | None, language: str = "nb"
) -> User:
    """A teacher signs up; an administrator approves before they see anything."""
    email = email.strip().lower()
    if find_user_by_login(email) is not None:
        raise DomainError("email", _("This e-mail address is already registered. Log in instead."))
    school = db.session.get(School, school_id) if school_id else None
    if school is None:
        raise DomainError("school_id", _("Choose your school."))
    check_password_strength(password)
    user = User(email=email, name=name.strip(), language=language)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    teacher = Teacher(user_id=user.id, school_id=school.id, is_approved=False)
    db.session.add(teacher)
    audit.record(user, "teacher.register", teacher, school=school.name)
    db.session.commit()
    return user


def approve_teacher(actor: User, teacher: Teacher) -> Teacher:
    """Let a registered teacher in, and tell them by e-mail."""
    teacher.is_approved = True
    with force_locale(teacher.user.language or "nb"):
        queue_email(
            teacher.user.email,
            _("You can now use Skolebro"),
            render_template("schools/email/approved.txt", teacher=teacher),
            recipient_user_id=teacher.user_id,
        )
    audit.record(actor, "teacher.approve", teacher)
    db.session.commit()
    return teacher


def reject_teacher(actor: User, teacher: Teacher) -> None:
    """Refuse a registration: the teacher membership goes, the login stays without a role."""
    audit.record(actor, "teacher.reject", teacher, user=teacher.user.email)
    db.session.delete(teacher)
    db.session.commit()


@dataclass(frozen=True)
class ClassValues:
    """A class as the teacher types it."""

    school_id: int
    name: str
    grade: int
    size: int
    subject: str = ""
    school_year: str = ""
    work_week_start: date | None = None
    shadowing_from: date | None = None
    shadowing_to: date | None = None


def school_year_bounds(school_year: str) -> tuple[date, date] | None:
    """The first and last day (August to July) of a school year written 2026-2027, or None."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", school_year.strip())
    if match is None or int(match[2]) != int(match[1]) + 1:
        return None
    return date(int(match[1]), 8, 1), date(int(match[2]), 7, 31)


def _check_class(values: ClassValues, class_id: int | None = None) -> None:
    """Refuse a school year not written 2026-2027, a work week not on a Monday of that
    school year (a week in another year would leave the class out of that season's
    matching), or a name already used that year."""
    year = values.school_year.strip() or current_school_year()
    bounds = school_year_bounds(year)
    if bounds is None:
        example = current_school_year()
        raise DomainError("school_year", _("Write the school year as %(year)s.", year=example))
    if values.work_week_start and values.work_week_start.weekday() != 0:
        raise DomainError("work_week_start", _("The work week starts on a Monday."))
    if values.work_week_start and not bounds[0] <= values.work_week_start <= bounds[1]:
        raise DomainError(
            "work_week_start",
            _("The work week must be in the school year %(year)s (August to July).", year=year),
        )
    _check_shadowing(values, year, bounds)
    clash = db.session.scalar(
        sa.select(SchoolClass.id).where(
            SchoolClass.school_id == values.school_id,
            SchoolClass.name == values.name.strip(),
            SchoolClass.school_year == year,
            SchoolClass.id != (class_id or 0),
        )
    )
    if clash is not None:
        raise DomainError("name", _("The school already has a class with this name this year."))


def _check_shadowing(values: ClassValues, year: str, bounds: tuple[date, date]) -> None:
    """The job-shadowing days are both given or neither, in order, inside the school year."""
    first, last = values.shadowing_from, values.shadowing_to
    if first is None and last is None:
        return
    if first is None or last is None:
        missing = "shadowing_from" if first is None else "shadowing_to"
        raise DomainError(missing, _("Write both the first and the last day, or neither."))
    if last < first:
        raise DomainError("shadowing_to", _("The last day cannot be before the first day."))
    if not (bounds[0] <= first and last <= bounds[1]):
        raise DomainError(
            "shadowing_from" if first < bounds[0] else "shadowing_to",
            _("The days must be in the school year %(year)s (August to July).", year=year),
        )


def save_class(
    actor: User,
    values: ClassValues,
    school_class: SchoolClass | None = None,
    teacher_id: int | None = None,
) -> SchoolClass:
    """Create or update a class of the teacher's school."""
    _check_class(values, school_class.id if school_class else None)
    if school_class is None:
        school_class = SchoolClass(school_id=values.school_id, teacher_id=teacher_id)
        db.session.add(school_class)
    school_class.name = values.name.strip()
    school_class.grade, school_class.size = values.grade, values.size
    school_class.subject = values.subject.strip()
    school_class.school_year = values.school_year.strip() or current_school_year()
    school_class.work_week_start = values.work_week_start
    school_class.shadowing_from = values.shadowing_from
    school_class.shadowing_to = values.shadowing_to
    db.session.flush()
    audit.record(actor, "class.save", school_class, name=school_class.name)
    db.session.commit()
    return school_class


def delete_class(actor: User, school_class: SchoolClass) -> None:
    """Delete a class that has no students and no bookings."""
    from app.bookings.models import Booking

    has_bookings = db.session.scalar(
        sa.select(sa.func.count(Booking.id)).where(Booking.class_id == school_class.id)
    )
    if school_class.students or has_bookings:
        raise DomainError(None, _("Remove the students and bookings first."))
    audit.record(actor, "class.delete", school_class, name=school_class.name)
    db.session.delete(school_class)
    db.session.commit()


def rotate_join_code(actor: User, school_class: SchoolClass) -> str:
    """Give the class a new code; the old one stops working."""
    school_class.join_code = new_join_code()
    audit.record(actor, "class.rotate_code", school_class)
    db.session.commit()
    return school_class.join_code


def one_time_password() -> str:
    """A password a student can type from the board: 3 groups of 4, letters and digits."""
    return "-".join("".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(4)) for _ in range(3))


def reset_student_password(actor: User, student: Student) -> str:
    """Set a new password for a student and return it to show once; they replace it at login."""
    password = one_time_password()
    student.user.set_password(password)
    student.user.must_change_password = True
    audit.record(actor, "student.reset_password", student)
    db.session.commit()
    return password


def remove_student(actor: User, student: Student) -> None:
    """Remove a student and their account (students are minors: keep nothing)."""
    audit.record(actor, "student.remove", student, class_id=student.class_id)
    user = student.user
    forget_student(user)
    db.session.delete(student)
    db.session.delete(user)
    db.session.commit()


@dataclass
class ImportReport:
    """What a CSV import did, row by row."""

    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
