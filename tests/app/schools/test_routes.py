"""School pages as administrators and teachers see them."""

from __future__ import annotations

import io
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.schools.models import SchoolClass, Student, Teacher
from app.seasons.models import MatchRun, Placement
from tests.factories import (
    AdminFactory,
    OfferFactory,
    OfferSlotFactory,
    SchoolClassFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.factories.accounts import PASSWORD
from tests.factories.seasons import SeasonFactory


def test_admin_imports_csv_and_sees_the_row_report(login):
    client = login(AdminFactory())
    data = {
        "file": (
            io.BytesIO(b"name,municipality,country\nLade skole,Trondheim,NO\n,Trondheim,NO\n"),
            "skoler.csv",
        )
    }
    page = client.post("/schools/", data=data, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert "1 nye, 0 oppdatert, 1 rader med feil." in text and "Rad 3" in text
    assert "Lade skole" in text


def test_teachers_cannot_import(login):
    assert login(TeacherFactory().user).get("/schools/").status_code == 403


def test_teacher_registers_and_admin_approves(client, login):
    school = SchoolFactory(name="Charlottenlund ungdomsskole")
    response = client.post(
        "/schools/register",
        data={
            "name": "Per Lærer",
            "email": "per@skole.no",
            "school_id": school.id,
            "password": "Sterkt-pass-1",
            "confirm": "Sterkt-pass-1",
        },
    )
    assert response.status_code == 302
    teacher = db.session.scalar(sa.select(Teacher))
    assert not teacher.is_approved
    admin = login(AdminFactory())
    assert "per@skole.no" in admin.get("/schools/teachers/waiting").get_data(as_text=True)
    admin.post(f"/schools/teachers/{teacher.id}/approve")
    db.session.expire_all()
    assert db.session.get(Teacher, teacher.id).is_approved


def test_registration_error_keeps_input(client):
    page = client.post(
        "/schools/register",
        data={
            "name": "Per Lærer",
            "email": "per@skole.no",
            "school_id": 0,
            "password": "Sterkt-pass-1",
            "confirm": "Sterkt-pass-1",
        },
    ).get_data(as_text=True)
    assert "Velg skolen din." in page and "Per Lærer" in page


def test_teacher_adds_a_class_and_sees_its_code(login):
    teacher = TeacherFactory()
    client = login(teacher.user)
    response = client.post(
        "/schools/classes/new",
        data={
            "school_id": teacher.school_id,
            "name": "8C",
            "grade": 8,
            "size": 27,
            "subject": "Naturfag",
            "school_year": "2026-2027",
            "work_week_start": "",
        },
    )
    assert response.status_code == 302
    school_class = db.session.scalar(sa.select(SchoolClass))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert school_class.join_code in page and "Klassekode" in page


def test_class_form_errors_are_at_the_field(login):
    teacher = TeacherFactory()
    client = login(teacher.user)
    page = client.post(
        "/schools/classes/new",
        data={
            "school_id": teacher.school_id,
            "name": "8C",
            "grade": 8,
            "size": 99,
            "work_week_start": "2027-03-03",
        },
    ).get_data(as_text=True)
    assert "En klasse har fra 1 til 40 elever." in page


def test_monday_rule_is_shown_at_the_field(login):
    teacher = TeacherFactory()
    page = (
        login(teacher.user)
        .post(
            "/schools/classes/new",
            data={
                "school_id": teacher.school_id,
                "name": "8C",
                "grade": 8,
                "size": 20,
                "work_week_start": "2027-03-03",
            },
        )
        .get_data(as_text=True)
    )
    assert "Arbeidsuka starter på en mandag." in page and 'value="8C"' in page


def test_teacher_of_another_school_gets_403_and_missing_class_404(login):
    school_class = SchoolClassFactory()
    client = login(TeacherFactory().user)
    assert client.get(f"/schools/classes/{school_class.id}").status_code == 403
    assert client.post(f"/schools/classes/{school_class.id}/code").status_code == 403
    assert client.get("/schools/classes/99999").status_code == 404


def test_rotate_code_reset_password_and_remove(login):
    student = StudentFactory()
    teacher = TeacherFactory(school=student.school_class.school)
    client = login(teacher.user)
    old = student.school_class.join_code
    client.post(f"/schools/classes/{student.class_id}/code")
    db.session.expire_all()
    assert db.session.get(SchoolClass, student.class_id).join_code != old
    page = client.post(f"/schools/students/{student.id}/password").get_data(as_text=True)
    assert "Gi dette passordet til eleven." in page
    response = client.post(f"/schools/students/{student.id}/remove")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Student.id))) == 0


def test_remove_asks_first_and_names_the_student(login):
    student = StudentFactory(display_name="Amina")
    teacher = TeacherFactory(school=student.school_class.school)
    client = login(teacher.user)
    class_page = client.get(f"/schools/classes/{student.class_id}").get_data(as_text=True)
    assert f'href="/schools/students/{student.id}/remove"' in class_page
    page = client.get(f"/schools/students/{student.id}/remove").get_data(as_text=True)
    assert f"Fjerne Amina fra {student.school_class.name}?" in page
    assert student.user.username in page and "slettes for godt" in page
    assert db.session.get(Student, student.id) is not None


def test_work_week_outside_the_school_year_stays_at_the_field(login):
    teacher = TeacherFactory()
    page = (
        login(teacher.user)
        .post(
            "/schools/classes/new",
            data={
                "school_id": teacher.school_id,
                "name": "10C",
                "grade": 10,
                "size": 24,
                "school_year": "2026-2027",
                "work_week_start": "2031-03-03",
            },
        )
        .get_data(as_text=True)
    )
    assert "Arbeidsuka må ligge i skoleåret 2026-2027 (august til juli)." in page
    assert 'value="10C"' in page and db.session.scalar(sa.select(SchoolClass)) is None


def test_student_logs_in_with_the_reset_password(client, login):
    student = StudentFactory()
    teacher = TeacherFactory(school=student.school_class.school)
    teacher_client = login(teacher.user)
    page = teacher_client.post(f"/schools/students/{student.id}/password").get_data(as_text=True)
    import re

    password = re.search(r'class="join-code">([A-Z0-9-]+)<', page).group(1)
    teacher_client.post("/logout")
    response = client.post("/login", data={"login": student.user.username, "password": password})
    assert response.status_code == 302


def test_edit_and_delete_an_empty_class(login):
    teacher = TeacherFactory()
    school_class = SchoolClassFactory(school=teacher.school, name="9Z")
    client = login(teacher.user)
    assert 'value="9Z"' in client.get(f"/schools/classes/{school_class.id}/edit").get_data(
        as_text=True
    )
    response = client.post(
        f"/schools/classes/{school_class.id}/edit",
        data={"name": "9Y", "grade": 9, "size": 20, "school_year": "2026-2027"},
    )
    assert response.status_code == 302
    assert db.session.get(SchoolClass, school_class.id).name == "9Y"
    client.post(f"/schools/classes/{school_class.id}/delete")
    assert db.session.get(SchoolClass, school_class.id) is None


def test_teacher_sees_each_students_published_placement_on_the_class_page(login):
    placed = StudentFactory(display_name="Amina")
    waiting = StudentFactory(display_name="Jonas", school_class=placed.school_class)
    teacher = TeacherFactory(school=placed.school_class.school)
    offer = OfferFactory(kind="work_week", company__name="Fosen Miljøteknikk AS")
    slot = OfferSlotFactory(offer=offer, date=date(2027, 2, 8))
    for status in ("published", "finished"):
        run = MatchRun(season_id=SeasonFactory().id, status=status)
        db.session.add(run)
        db.session.flush()
        db.session.add(Placement(run=run, student_id=placed.id, slot_id=slot.id, kind="work_week"))
    db.session.flush()
    page = login(teacher.user).get(f"/schools/classes/{placed.class_id}").get_data(as_text=True)
    amina = page.split(">Amina<")[1].split("</li>")[0]
    assert amina.count("Arbeidsuke: Fosen Miljøteknikk AS, 8. feb. 2027") == 1
    assert "Ingen plass" in page.split(f">{waiting.display_name}<")[1].split("</li>")[0]


def test_a_grade_skolebro_has_no_offers_for_is_refused_at_the_field(login):
    teacher = TeacherFactory()
    page = (
        login(teacher.user)
        .post(
            "/schools/classes/new",
            data={"school_id": teacher.school_id, "name": "7C", "grade": 7, "size": 25},
        )
        .get_data(as_text=True)
    )
    assert "Skolebro er for 8. til 10. trinn." in page and 'value="7C"' in page
    assert db.session.scalar(sa.select(SchoolClass)) is None


def test_the_join_link_uses_the_address_the_teacher_opened_unless_one_is_configured(
    app, client, monkeypatch
):
    """In development the configured default (127.0.0.1:5000) may not be where the app runs:
    `flask run --port 8080`, or a laptop's address the class's phones can reach."""
    teacher = TeacherFactory()
    school_class = SchoolClassFactory(school=teacher.school, teacher=teacher)
    here = "http://10.0.0.7:8080"
    login = {"login": teacher.user.email, "password": PASSWORD}
    assert client.post("/login", data=login, base_url=here).status_code == 302
    url = f"/schools/classes/{school_class.id}"

    page = client.get(url, base_url=here).get_data(as_text=True)
    assert "http://10.0.0.7:8080/join" in page

    monkeypatch.setitem(app.config, "IS_PUBLIC_BASE_URL_SET", True)
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://skolebro.example.no")
    page = client.get(url, base_url=here).get_data(as_text=True)
    assert "https://skolebro.example.no/join" in page
