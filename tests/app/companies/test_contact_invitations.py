"""A company's contact persons see their open contact-person invitations and withdraw one."""

from __future__ import annotations

import re

from app.outbox.models import OutboxMessage
from tests.factories import ContactPersonFactory


def _link_in_mail(db, email: str) -> str:
    """The invitation path from the e-mail the invited person gets."""
    message = db.session.query(OutboxMessage).filter_by(recipient=email).one()
    return re.search(r"https?://\S+(/invitation/\S+)", message.body_text).group(1)


def _log_out(client) -> None:
    """Log out."""
    client.post("/logout")


def test_a_contact_invitation_is_listed_and_withdrawn_and_its_link_refused(login, db):
    contact = ContactPersonFactory(company__name="Havteknikk AS")
    client = login(contact.user)
    client.post(
        f"/companies/{contact.company_id}/contacts/invite",
        data={"email": "ola@havteknikk.no", "name": "Ola"},
    )
    link = _link_in_mail(db, "ola@havteknikk.no")

    page = client.get(f"/companies/{contact.company_id}/contacts").get_data(as_text=True)
    assert "Invitasjoner som ikke er tatt imot ennå" in page and "ola@havteknikk.no" in page
    withdraw = re.search(r'action="(/companies/\d+/invitations/\d+/withdraw)"', page).group(1)

    _log_out(client)
    other = ContactPersonFactory()
    assert login(other.user).post(withdraw).status_code == 403
    _log_out(client)
    client = login(contact.user)
    response = client.post(withdraw, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "/contacts" in response.request.path
    assert "Invitasjonen til ola@havteknikk.no er trukket tilbake." in page
    assert "gyldig til" not in page

    _log_out(client)
    response = client.get(link)
    assert response.status_code == 410
    assert "Denne lenken har gått ut" in response.get_data(as_text=True)
