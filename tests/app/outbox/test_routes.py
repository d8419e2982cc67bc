"""The outbox pages as the administrator uses them: find failed mail and send it again."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.outbox.services import queue_email
from tests.factories.accounts import AdminFactory


@pytest.fixture
def failed():
    """A message the mail server refused for good."""
    message = queue_email("kari@skole.no", "Arbeidsuke hos Nidelv Elektro", "Hei!")
    message.status, message.attempts, message.last_error = "failed", 8, "550 no such user"
    queue_email("ola@bedrift.no", "Bedriftsbesøk", "Hei!")
    db.session.commit()
    return message


def test_failed_mail_can_be_found_and_sent_again(login, failed):
    client = login(AdminFactory())

    listing = client.get("/admin/outbox/?status=failed").get_data(as_text=True)
    assert "Arbeidsuke hos Nidelv Elektro" in listing and "Bedriftsbesøk" not in listing
    assert "Emne" in listing and "Fag" not in listing  # the e-mail's subject, not a school's
    page = client.get(f"/admin/outbox/{failed.id}").get_data(as_text=True)
    assert "feilet" in page and "550 no such user" in page
    assert "Send på nytt" in page

    response = client.post(f"/admin/outbox/{failed.id}/retry", follow_redirects=True)
    assert "E-posten blir sendt på nytt." in response.get_data(as_text=True)
    db.session.refresh(failed)
    assert (failed.status, failed.attempts) == ("pending", 0)
    assert "Send på nytt" not in client.get(f"/admin/outbox/{failed.id}").get_data(as_text=True)


def test_only_failed_mail_is_sent_again(login, failed):
    client = login(AdminFactory())
    failed.status = "sent"
    db.session.commit()

    response = client.post(f"/admin/outbox/{failed.id}/retry", follow_redirects=True)

    assert "Bare en e-post som ikke kom fram, kan sendes på nytt." in response.get_data(
        as_text=True
    )
    db.session.refresh(failed)
    assert failed.status == "sent"
