"""Inviting a teacher or an administrator who already has that role."""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts import services
from app.accounts.models import Invitation
from app.extensions import db
from app.schools.models import Teacher
from tests.factories.accounts import AdminFactory
from tests.factories.schools import TeacherFactory


def test_inviting_a_teacher_to_their_own_school_again_is_refused_at_the_field(login):
    teacher = TeacherFactory()
    client = login(AdminFactory())

    response = client.post(
        "/admin/",
        data={
            "kind": "teacher",
            "email": teacher.user.email.upper(),
            "school_id": teacher.school_id,
        },
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"{teacher.user.email} er allerede lærer ved denne skolen." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_inviting_an_administrator_again_is_refused(login):
    admin, other = AdminFactory(), AdminFactory()

    response = login(admin).post("/admin/", data={"kind": "admin", "email": other.email})

    assert f"{other.email} er allerede administrator." in response.get_data(as_text=True)


def test_accepting_a_second_invitation_to_the_same_school_adds_no_second_teacher(app, client):
    teacher = TeacherFactory(is_approved=False)
    with app.test_request_context():
        _invitation, link = services.create_invitation(
            None, "teacher", teacher.user.email, school_id=teacher.school_id
        )
    password = "Sterkt-passord-9"

    response = client.post(
        link.replace("http://127.0.0.1:5000", ""),
        data={"name": "Kari", "password": password, "confirm": password},
    )

    assert response.status_code == 302
    rows = db.session.scalars(sa.select(Teacher).filter_by(user_id=teacher.user_id)).all()
    assert len(rows) == 1 and rows[0].is_approved
