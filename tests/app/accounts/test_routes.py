"""Logging in, invitations, password reset and joining a class, as a user meets them."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts import services
from app.accounts.models import User
from app.core.model_base import utcnow
from app.outbox.models import OutboxMessage
from tests.factories import SchoolClassFactory, SchoolFactory, TeacherFactory, UserFactory
from tests.factories.accounts import PASSWORD


def test_login_with_wrong_password_shows_error_at_field_and_keeps_login(client):
    user = UserFactory(email="kari@example.no")
    response = client.post("/login", data={"login": user.email, "password": "feil-passord"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<div id="password-error">' in html and 'class="field-error"' in html
    assert 'value="kari@example.no"' in html


def test_login_then_dashboard_greets_user(client):
    TeacherFactory(user__name="Kari Nordmann", user__email="kari@example.no")
    response = client.post("/login", data={"login": "KARI@example.no", "password": PASSWORD})
    assert response.status_code == 302
    assert "Kari Nordmann" in client.get("/").get_data(as_text=True)


def test_login_refuses_external_next_redirect(client):
    user = UserFactory()
    response = client.post(
        "/login?next=https://evil.example/steal", data={"login": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_deactivated_user_cannot_log_in(client):
    user = UserFactory(is_active_account=False)
    response = client.post("/login", data={"login": user.email, "password": PASSWORD})
    assert response.status_code == 200


@pytest.fixture
def teacher_invitation(app):
    school = SchoolFactory(name="Huseby ungdomsskole")
    with app.test_request_context():
        invitation, link = services.create_invitation(
            None, "teacher", "ny.laerer@example.no", "Ny Lærer", school_id=school.id
        )
    return invitation, link.replace("http://127.0.0.1:5000", "")


def test_invitation_creates_teacher_and_queues_email(client, teacher_invitation, db):
    invitation, path = teacher_invitation
    mail = db.session.scalar(sa.select(OutboxMessage))
    assert mail.recipient == "ny.laerer@example.no"
    assert path in mail.body_text.replace("http://127.0.0.1:5000", "")
    response = client.post(
        path,
        data={"name": "Nina Lærer", "password": "Sterkt-passord-9", "confirm": "Sterkt-passord-9"},
    )
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "ny.laerer@example.no"))
    assert user.teachers[0].school.name == "Huseby ungdomsskole"
    assert "Huseby ungdomsskole" in client.get("/").get_data(as_text=True)


def test_reused_invitation_is_refused_with_clear_page(client, teacher_invitation):
    _, path = teacher_invitation
    data = {"name": "Nina", "password": "Sterkt-passord-9", "confirm": "Sterkt-passord-9"}
    client.post(path, data=data)
    client.post("/logout")
    response = client.get(path)
    assert response.status_code == 410
    assert "allerede brukt" in response.get_data(as_text=True)


def test_expired_invitation_is_refused(client, teacher_invitation, db):
    invitation, path = teacher_invitation
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 410
    assert "har gått ut" in response.get_data(as_text=True)


def test_tampered_invitation_is_refused(client, teacher_invitation, db):
    _, path = teacher_invitation
    response = client.get(path[:-3] + ("abc" if not path.endswith("abc") else "xyz"))
    assert response.status_code == 410
    assert "ikke gyldig" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_weak_password_shows_error_and_keeps_name(client, teacher_invitation):
    _, path = teacher_invitation
    response = client.post(path, data={"name": "Nina Lærer", "password": "kort", "confirm": "kort"})
    html = response.get_data(as_text=True)
    assert 'id="password-error"' in html
    assert 'value="Nina Lærer"' in html


def test_password_reset_by_email_link(client, db):
    user = UserFactory(email="glemsk@example.no")
    client.post("/password/forgot", data={"email": "glemsk@example.no"})
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient == user.email))
    link = next(w for w in mail.body_text.split() if "/password/reset/" in w)
    path = link.replace("http://127.0.0.1:5000", "")
    response = client.post(path, data={"password": "Nytt-passord-77", "confirm": "Nytt-passord-77"})
    assert response.status_code == 302
    assert (
        client.post("/login", data={"login": user.email, "password": "Nytt-passord-77"}).status_code
        == 302
    )
    client.post("/logout")
    again = client.post(path, data={"password": "Annet-passord-88", "confirm": "Annet-passord-88"})
    assert again.status_code == 410


def test_reset_for_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(
        "/password/forgot", data={"email": "ukjent@example.no"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_student_joins_class_with_code_and_no_email(client, db):
    cls = SchoolClassFactory(join_code="ABCD2345")
    response = client.post(
        "/join",
        data={
            "code": "abcd 2345",
            "display_name": "Nora",
            "password": "Hemmelig-123",
            "confirm": "Hemmelig-123",
        },
    )
    assert response.status_code == 302
    student_user = db.session.scalar(sa.select(User).where(User.name == "Nora"))
    assert student_user.email is None
    assert student_user.student.class_id == cls.id
    client.post("/logout")
    assert (
        client.post(
            "/login", data={"login": student_user.username, "password": "Hemmelig-123"}
        ).status_code
        == 302
    )


def test_wrong_class_code_is_shown_at_the_field(client):
    response = client.post(
        "/join",
        data={
            "code": "NOPE",
            "display_name": "Nora",
            "password": "Hemmelig-123",
            "confirm": "Hemmelig-123",
        },
    )
    html = response.get_data(as_text=True)
    assert 'id="code-error"' in html
    assert 'value="Nora"' in html


def test_language_switch_changes_interface_and_is_remembered(client, login, db):
    user = UserFactory(language="nb")
    login(user)
    client.post("/language/en", data={"next": "/account"})
    assert "My account" in client.get("/account").get_data(as_text=True)
    client.post("/language/da")
    assert db.session.get(User, user.id).language == "da"
