"""Administrators find users, deactivate and reactivate them, and give the administrator role."""

from __future__ import annotations

import pytest

from app.accounts.models import User
from app.admin import services
from app.core.errors import DomainError
from app.extensions import db
from tests.factories import (
    AdminFactory,
    ContactPersonFactory,
    RoleModelFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
)
from tests.factories.accounts import PASSWORD


@pytest.fixture
def admin():
    return AdminFactory(name="Astrid Admin")


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_list_finds_a_user_by_part_of_the_name_and_by_school(login, admin):
    teacher = TeacherFactory(user__name="Kari Nordmann", school__name="Heimdal skole")
    StudentFactory(user__name="Nora K", school_class__school=teacher.school)
    UserFactory(name="Per Hansen")
    client = login(admin)

    page = _page(client, "/admin/users?q=nordm")
    assert "Kari Nordmann" in page and "Lærer ved Heimdal skole" in page
    assert "Per Hansen" not in page

    page = _page(client, "/admin/users?q=heimdal")
    assert "Kari Nordmann" in page and "Nora K" in page and "Per Hansen" not in page
    assert "2 brukere" in page


def test_filters_by_role_and_status_and_pages_25_at_a_time(login, admin):
    ContactPersonFactory(user__name="Kontakt Person", company__name="Havteknikk AS")
    UserFactory(name="Borte Bruker", is_active_account=False)
    for n in range(24):
        UserFactory(name=f"Bruker {n:02d}")
    client = login(admin)

    page = _page(client, "/admin/users?role=contact")
    assert "Kontaktperson for Havteknikk AS" in page and "Bruker 00" not in page
    page = _page(client, "/admin/users?status=deactivated")
    assert "Borte Bruker" in page and "Deaktivert" in page and "Kontakt Person" not in page

    first = _page(client, "/admin/users")
    assert "27 brukere" in first and "Side 1 av 2" in first
    second = _page(client, "/admin/users?page=2")
    assert "Side 2 av 2" in second and second.count('class="card"') < 5


def test_waiting_teachers_filter_leads_to_the_existing_approval(login, admin):
    waiting = TeacherFactory(is_approved=False, user__name="Vente Lærer")
    TeacherFactory(user__name="Godkjent Lærer")
    client = login(admin)

    page = _page(client, "/admin/users?role=waiting")
    assert "Vente Lærer" in page and "Godkjent Lærer" not in page
    assert "/schools/teachers/waiting" in page

    user_page = f"/admin/users/{waiting.user_id}"
    assert f"/schools/teachers/{waiting.id}/approve" in _page(client, user_page)
    response = client.post(f"/schools/teachers/{waiting.id}/approve", data={"next": user_page})
    assert response.headers["Location"].endswith(user_page)
    assert waiting.is_approved


def test_a_student_page_shows_class_and_user_name_and_no_more(login, admin):
    student = StudentFactory(user__name="Nora K", school_class__name="9B")
    page = _page(login(admin), f"/admin/users/{student.user_id}")
    assert "Elev i" in page and "9B" in page and student.user.username in page
    assert "Sist innlogget" not in page and "Gjør Nora K til administrator" not in page


def test_deactivation_needs_a_reason_and_names_the_person(login, admin):
    kari = UserFactory(name="Kari Nordmann")
    client = login(admin)

    assert "Deaktivere Kari Nordmann?" in _page(client, f"/admin/users/{kari.id}/deactivate")
    response = client.post(f"/admin/users/{kari.id}/deactivate", data={"reason": "  "})
    assert "Skriv hvorfor kontoen deaktiveres." in response.get_data(as_text=True)
    assert kari.is_active


def test_a_deactivated_user_cannot_log_in_and_their_open_session_ends(app, login, admin):
    kari = UserFactory(name="Kari Nordmann")
    kari_client = app.test_client()
    kari_client.post("/login", data={"login": kari.email, "password": PASSWORD})
    assert kari_client.get("/account").status_code == 200
    client = login(admin)

    response = client.post(
        f"/admin/users/{kari.id}/deactivate",
        data={"reason": "Har sluttet i bedriften"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Kari Nordmann er deaktivert og kan ikke lenger logge inn." in page
    assert "Har sluttet i bedriften" in page  # the reason, in the user's recent changes

    assert "/login" in kari_client.get("/account").headers["Location"]
    response = app.test_client().post("/login", data={"login": kari.email, "password": PASSWORD})
    assert response.status_code == 200
    message = "Kontoen din er deaktivert. Trenger du den igjen, kan du spørre Astrid Admin"
    assert message in response.get_data(as_text=True)
    audit = _page(client, "/admin/audit")
    assert "Konto deaktivert" in audit


def test_a_wrong_password_on_a_deactivated_account_says_nothing_about_it(client, admin):
    kari = UserFactory(is_active_account=False)
    response = client.post("/login", data={"login": kari.email, "password": "Feil-passord-1"})
    page = response.get_data(as_text=True)
    assert "Feil e-postadresse, brukernavn eller passord." in page
    assert "deaktivert" not in page


def test_reactivated_user_logs_in_again(app, login, admin):
    kari = UserFactory(name="Kari Nordmann", is_active_account=False)
    client = login(admin)

    response = client.post(f"/admin/users/{kari.id}/reactivate", follow_redirects=True)
    assert "Kari Nordmann er aktiv igjen og kan logge inn." in response.get_data(as_text=True)
    other = app.test_client()
    assert other.post("/login", data={"login": kari.email, "password": PASSWORD}).status_code == 302
    assert "Konto aktivert igjen" in _page(client, "/admin/audit")


def test_an_administrator_cannot_deactivate_themselves(login, admin):
    AdminFactory()
    client = login(admin)
    response = client.post(f"/admin/users/{admin.id}/deactivate", data={"reason": "Test"})
    page = response.get_data(as_text=True)
    assert "Dette kan du ikke gjøre med din egen konto." in page
    assert admin.is_active


def test_the_last_active_administrator_stays(admin):
    AdminFactory(is_active_account=False)
    with pytest.raises(DomainError, match="siste aktive administratoren"):
        services.deactivate_user(None, admin, "Rydding")
    with pytest.raises(DomainError, match="siste aktive administratoren"):
        services.set_admin(None, admin, False)
    assert db.session.get(User, admin.id).is_admin


def test_grant_and_remove_the_administrator_role(login, admin):
    kari = UserFactory(name="Kari Nordmann")
    client = login(admin)

    response = client.post(f"/admin/users/{kari.id}/grant_admin", follow_redirects=True)
    assert "Kari Nordmann er nå administrator." in response.get_data(as_text=True)
    assert kari.is_admin
    response = client.post(f"/admin/users/{kari.id}/remove_admin", follow_redirects=True)
    assert "Kari Nordmann er ikke lenger administrator." in response.get_data(as_text=True)
    assert not kari.is_admin
    response = client.post(f"/admin/users/{admin.id}/remove_admin", follow_redirects=True)
    assert "Dette kan du ikke gjøre med din egen konto." in response.get_data(as_text=True)
    audit = _page(client, "/admin/audit")
    assert "Gjort til administrator" in audit and "Administratorrolle fjernet" in audit


def test_a_student_is_never_made_an_administrator(login, admin):
    student = StudentFactory()
    response = login(admin).post(
        f"/admin/users/{student.user_id}/grant_admin", follow_redirects=True
    )
    assert "En elev kan ikke være administrator." in response.get_data(as_text=True)
    assert not student.user.is_admin


def test_other_roles_may_not_manage_users(login):
    contact = ContactPersonFactory()
    target = UserFactory()
    client = login(contact.user)
    assert client.get(f"/admin/users/{target.id}").status_code == 403
    assert (
        client.post(f"/admin/users/{target.id}/deactivate", data={"reason": "x"}).status_code == 403
    )
    assert target.is_active


def test_a_deactivated_users_calendar_feed_stops(client, admin):
    kari = UserFactory(feed_token="k" * 40)
    assert client.get(f"/calendar/feed/{'k' * 40}.ics").status_code == 200
    services.deactivate_user(admin, kari, "Har sluttet")
    assert client.get(f"/calendar/feed/{'k' * 40}.ics").status_code == 404


def test_an_invitation_to_a_deactivated_account_says_so_and_changes_nothing(app, client, admin):
    """Accepting would set a new password and a role on an account that still cannot log in."""
    from app.accounts import services as accounts

    kari = UserFactory(name="Kari Nordmann", email="kari@example.no")
    services.deactivate_user(admin, kari, "Har sluttet")
    school = SchoolFactory()
    with app.test_request_context():
        _invitation, link = accounts.create_invitation(
            admin, "teacher", "kari@example.no", "Kari Nordmann", school_id=school.id
        )
    path = link[link.index("/invitation/") :]

    page = client.get(path)
    text = page.get_data(as_text=True)
    assert page.status_code == 410 and "Kontoen din er deaktivert" in text
    assert "Astrid Admin" in text
    response = client.post(path, data={"name": "Kari", "password": "Nytt-passord-2026"})
    assert response.status_code == 410
    assert kari.check_password(PASSWORD) and not kari.teachers


def test_a_deactivated_role_model_is_paused_so_teachers_and_the_matching_skip_them(login, admin):
    rm = RoleModelFactory(status="approved", user__name="Ida Ingeniør")
    client = login(admin)
    assert (
        "rollemodellprofilen settes på pause"
        in _page(client, f"/admin/users/{rm.user_id}/deactivate").lower()
    )

    client.post(f"/admin/users/{rm.user_id}/deactivate", data={"reason": "Har sluttet"})

    db.session.refresh(rm)
    assert rm.status == "paused"
    assert "Rollemodell satt på pause" in _page(client, "/admin/audit")
