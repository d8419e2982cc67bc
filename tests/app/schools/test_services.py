"""School use cases: CSV import, teacher sign-up and approval, classes, students."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.core.errors import DomainError
from app.extensions import db
from app.outbox.models import OutboxMessage
from app.schools import services
from app.schools.importing import import_schools
from app.schools.models import School, Student
from tests.factories import (
    AdminFactory,
    SchoolClassFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
)

CSV = """name;municipality;country;latitude;longitude;rural
Hallset skole;Trondheim;NO;63.40;10.34;no
Oppdal ungdomsskole;Oppdal;NO;;;ja
Roskilde Friskole;Roskilde;DK;;;
;Trondheim;NO;;;
Ukjent skole;Ingenstedheim;NO;;;
Feil land;Trondheim;SE;;;
Tallfeil skole;Trondheim;NO;nord;øst;
"""


def test_import_creates_schools_and_reports_bad_rows():
    report = import_schools(AdminFactory(), CSV)
    assert (report.created, report.updated) == (3, 0)
    assert [row for row, _ in report.errors] == [5, 6, 7, 8]
    assert "Ingenstedheim" in report.errors[1][1]
    oppdal = db.session.scalar(sa.select(School).where(School.municipality == "Oppdal"))
    assert oppdal.is_rural and 62.3 < oppdal.latitude < 62.8
    roskilde = db.session.scalar(sa.select(School).where(School.country == "DK"))
    assert roskilde.time_zone == "Europe/Copenhagen"


def test_import_again_updates_instead_of_duplicating():
    admin = AdminFactory()
    import_schools(admin, CSV)
    report = import_schools(admin, CSV.replace("63.40;10.34", "63.41;10.35"))
    assert (report.created, report.updated) == (0, 3)
    assert db.session.scalar(sa.select(sa.func.count(School.id))) == 3


def test_import_without_required_columns():
    report = import_schools(AdminFactory(), "navn,kommune\nA,B\n")
    assert report.errors and report.errors[0][0] == 1 and report.created == 0


def test_registered_teacher_waits_and_is_approved_by_email():
    school = SchoolFactory()
    user = services.register_teacher("Kari Lærer", "Kari@Skole.no", "Sterkt-pass-1", school.id)
    assert user.email == "kari@skole.no" and not user.teachers[0].is_approved
    services.approve_teacher(AdminFactory(), user.teachers[0])
    assert user.teachers[0].is_approved
    (mail,) = db.session.scalars(sa.select(OutboxMessage)).all()
    assert mail.recipient == "kari@skole.no" and "Skolebro" in mail.subject


def test_registration_refuses_a_known_address_and_no_school():
    teacher = TeacherFactory()
    with pytest.raises(DomainError) as error:
        services.register_teacher("X", teacher.user.email, "Sterkt-pass-1", teacher.school_id)
    assert error.value.field == "email"
    with pytest.raises(DomainError) as error:
        services.register_teacher("X", "ny@skole.no", "Sterkt-pass-1", None)
    assert error.value.field == "school_id"


def test_class_work_week_must_start_on_monday_and_names_are_unique():
    teacher = TeacherFactory()
    values = services.ClassValues(
        school_id=teacher.school_id,
        name="10A",
        grade=10,
        size=25,
        school_year="2026-2027",
        work_week_start=date(2027, 3, 3),
    )
    with pytest.raises(DomainError) as error:
        services.save_class(teacher.user, values)
    assert error.value.field == "work_week_start"
    monday = services.ClassValues(
        school_id=teacher.school_id,
        name="10A",
        grade=10,
        size=25,
        school_year="2026-2027",
        work_week_start=date(2027, 3, 1),
    )
    created = services.save_class(teacher.user, monday, teacher_id=teacher.id)
    assert created.school_year == "2026-2027"
    with pytest.raises(DomainError) as error:
        services.save_class(teacher.user, monday)
    assert error.value.field == "name"


@pytest.mark.parametrize(
    ("school_year", "monday", "field"),
    [
        ("2026-2027", date(2031, 3, 3), "work_week_start"),
        ("2026-2027", date(2026, 6, 1), "work_week_start"),
        ("høst", None, "school_year"),
        ("2026-2028", None, "school_year"),
    ],
)
def test_class_work_week_lies_in_its_school_year(school_year, monday, field):
    teacher = TeacherFactory()
    values = services.ClassValues(
        school_id=teacher.school_id,
        name="10A",
        grade=10,
        size=25,
        school_year=school_year,
        work_week_start=monday,
    )
    with pytest.raises(DomainError) as error:
        services.save_class(teacher.user, values)
    assert error.value.field == field


def test_rotate_code_reset_password_and_remove_student():
    student = StudentFactory()
    teacher = TeacherFactory(school=student.school_class.school)
    old = student.school_class.join_code
    assert services.rotate_join_code(teacher.user, student.school_class) != old
    password = services.reset_student_password(teacher.user, student)
    assert student.user.check_password(password) and len(password) == 14
    user_id = student.user_id
    services.remove_student(teacher.user, student)
    assert db.session.get(User, user_id) is None
    assert db.session.scalar(sa.select(sa.func.count(Student.id))) == 0


def test_a_class_with_students_cannot_be_deleted():
    student = StudentFactory()
    with pytest.raises(DomainError):
        services.delete_class(AdminFactory(), student.school_class)
    empty = SchoolClassFactory()
    services.delete_class(AdminFactory(), empty)
