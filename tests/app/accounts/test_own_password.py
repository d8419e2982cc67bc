"""A password a teacher chose must be replaced by the student's own right after login."""

import re

import pytest
import sqlalchemy as sa
from flask_babel import refresh

from app.accounts.models import User
from app.admin.models import AuditLog
from app.extensions import db
from tests.factories import StudentFactory, TeacherFactory, UserFactory

NEW_PASSWORD = "Mitt-eget-passord-7"


@pytest.fixture
def student():
    return StudentFactory(user__name="Nora")


@pytest.fixture
def given_password(app, student, login):
    """The teacher resets the student's password through the class page; the teacher logs out."""
    teacher = TeacherFactory(school=student.school_class.school)
    client = login(teacher.user)
    page = client.post(f"/schools/students/{student.id}/password").get_data(as_text=True)
    assert "Eleven velger et nytt passord rett etter" in page
    client.post("/logout")
    return re.search(r'class="join-code">([A-Z0-9-]+)<', page).group(1)


@pytest.fixture
def student_client(client, student, given_password):
    """The student, logged in with the password the teacher gave."""
    response = client.post(
        "/login", data={"login": student.user.username, "password": given_password}
    )
    assert response.status_code == 302
    return client


def choose(client, password, confirm=None):
    return client.post(
        "/password/new",
        data={"password": password, "confirm": password if confirm is None else confirm},
    )


def test_reset_marks_the_password_as_someone_elses(student, given_password):
    db.session.expire_all()
    assert db.session.get(User, student.user_id).must_change_password


@pytest.mark.parametrize(
    "path", ["/", "/account", "/calendar/", "/seasons/wishes", "/schools/classes", "/nowhere"]
)
def test_every_page_leads_to_choosing_a_password(student_client, path):
    response = student_client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/password/new"


def test_posts_elsewhere_are_sent_to_the_page_too(student_client):
    response = student_client.post("/account/delete", data={"password": "x", "confirm": "y"})
    assert response.headers["Location"] == "/password/new"


def test_the_page_speaks_to_the_student_in_their_language(student_client):
    html = student_client.get("/password/new").get_data(as_text=True)
    assert "Velg ditt eget passord" in html
    assert 'autocomplete="new-password"' in html
    response = student_client.post("/language/en", data={"next": "/password/new"})
    assert response.headers["Location"] == "/password/new"
    refresh()  # the test shares one app context, where Flask-Babel caches the locale
    assert "Choose your own password" in student_client.get("/password/new").get_data(as_text=True)
    assert student_client.get("/static/css/skolebro.css").status_code == 200


def test_logout_still_works(student_client):
    assert student_client.post("/logout").status_code == 302
    assert student_client.get("/account").headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    ("password", "confirm", "field", "message"),
    [
        ("kort-1", None, "password", "Bruk minst 10 tegn."),
        ("barebokstaver", None, "password", "Bland bokstaver med tall eller store bokstaver."),
        (NEW_PASSWORD, "Noe-helt-annet-8", "confirm", "Passordene er ulike."),
    ],
)
def test_weak_or_mismatched_password_is_refused_at_the_field(
    student_client, student, password, confirm, field, message
):
    response = choose(student_client, password, confirm)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<div id="{field}-error">' in html and f'<p class="field-error">{message}</p>' in html
    assert student_client.get("/").headers["Location"] == "/password/new"


def test_the_given_password_cannot_be_kept(student_client, given_password):
    html = choose(student_client, given_password).get_data(as_text=True)
    assert (
        '<div id="password-error">' in html
        and '<p class="field-error">Velg et annet passord enn det du fikk.' in html
    )
    assert student_client.get("/").headers["Location"] == "/password/new"


def test_own_password_clears_the_flag_and_navigation_is_normal(
    student_client, student, given_password
):
    response = choose(student_client, NEW_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = student_client.get("/").get_data(as_text=True)
    assert "Det nye passordet ditt er lagret." in page
    assert student_client.get("/account").status_code == 200
    assert student_client.get("/seasons/wishes").status_code == 200
    assert student_client.get("/password/new").headers["Location"] == "/"
    actions = db.session.scalars(
        sa.select(AuditLog.action).where(AuditLog.object_id == student.user_id)
    )
    assert "password.choose_own" in list(actions)

    student_client.post("/logout")
    old = {"login": student.user.username, "password": given_password}
    assert student_client.post("/login", data=old).status_code == 200
    new = {"login": student.user.username, "password": NEW_PASSWORD}
    assert student_client.post("/login", data=new).status_code == 302
    assert student_client.get("/").status_code == 200


def test_users_who_chose_their_own_password_are_never_stopped(login):
    client = login(UserFactory())
    assert client.get("/account").status_code == 200
    assert client.get("/password/new").headers["Location"] == "/"
