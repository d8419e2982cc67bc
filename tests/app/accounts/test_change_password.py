"""A logged-in user changes their password from My account, without a reset e-mail."""

from __future__ import annotations

from app.extensions import db
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

NEW = "Nytt-passord-2027"


def test_account_page_leads_to_a_password_change_that_works(client, login):
    user = UserFactory()
    login(user)
    assert 'href="/account/password"' in client.get("/account").get_data(as_text=True)

    response = client.post(
        "/account/password",
        data={"current": PASSWORD, "password": NEW, "confirm": NEW},
        follow_redirects=True,
    )

    assert "Det nye passordet ditt er lagret." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(NEW) and not user.check_password(PASSWORD)


def test_a_wrong_current_password_is_refused_at_its_field(client, login):
    user = UserFactory()
    login(user)

    response = client.post(
        "/account/password", data={"current": "gjettet-feil-1", "password": NEW, "confirm": NEW}
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Det er ikke passordet du har nå." in page and "field-error" in page
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_a_weak_new_password_is_refused(client, login):
    login(UserFactory())

    response = client.post(
        "/account/password", data={"current": PASSWORD, "password": "kort", "confirm": "kort"}
    )

    assert "Bruk minst 10 tegn." in response.get_data(as_text=True)
