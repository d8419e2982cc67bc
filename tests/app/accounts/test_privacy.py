"""Every user can export and delete their own data."""

import sqlalchemy as sa

from app.accounts.models import User
from app.schools.models import Student
from tests.factories import AdminFactory, RoleModelFactory, StudentFactory
from tests.factories.accounts import PASSWORD


def test_student_exports_own_data_as_json(client, login):
    student = StudentFactory(display_name="Nora")
    login(student.user)
    response = client.get("/account/export")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.json["student"]["display_name"] == "Nora"
    assert response.json["account"]["email"] is None


def test_role_model_export_contains_profile(client, login):
    rm = RoleModelFactory(job_title="Geolog")
    login(rm.user)
    assert client.get("/account/export").json["role_model_profiles"][0]["job_title"] == "Geolog"


def test_delete_needs_password_and_tick_and_keeps_account_on_error(client, login, db):
    student = StudentFactory()
    login(student.user)
    response = client.post("/account/delete", data={"password": "feil", "confirm": "y"})
    assert response.status_code == 400
    assert 'id="password-error"' in response.get_data(as_text=True)
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert 'id="confirm-error"' in response.get_data(as_text=True)
    assert db.session.get(User, student.user_id) is not None


def test_delete_removes_user_and_student(client, login, db):
    student = StudentFactory()
    login(student.user)
    response = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Student.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_last_administrator_cannot_delete_themselves(client, login, db):
    admin = AdminFactory()
    login(admin)
    response = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 400
    assert db.session.get(User, admin.id) is not None


def test_student_export_holds_wishes_and_published_placements(client, login):
    from datetime import date

    from app.extensions import db
    from app.seasons.models import MatchRun, Placement
    from tests.factories import OfferSlotFactory, SeasonFactory
    from tests.factories.seasons import PreferenceFactory

    student = StudentFactory(display_name="Nora")
    season = SeasonFactory(name="Våren 2027")
    PreferenceFactory(season=season, student=student, rank=1, field="ict", offer=None)
    slot = OfferSlotFactory(date=date(2027, 3, 8), offer__kind="work_week", offer__title="Robotuka")
    for status in ("published", "finished"):  # a run under review is not the student's yet
        run = MatchRun(season=season, status=status)
        db.session.add(run)
        db.session.add(
            Placement(
                run=run, student_id=student.id, slot=slot, kind="work_week", on_date=slot.date
            )
        )
    db.session.commit()
    login(student.user)

    data = client.get("/account/export").json["student"]

    assert data["preferences"] == [
        {"season": "Våren 2027", "kind": "work_week", "rank": 1, "offer": None, "field": "ict"}
    ]
    assert [(p["offer"], p["starts_on"]) for p in data["placements"]] == [
        ("Robotuka", "2027-03-08")
    ]
