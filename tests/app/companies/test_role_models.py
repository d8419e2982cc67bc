"""Role models: invitation, their own profile, visit capacity per year, approval."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from app.accounts.services import InvitationProblem, accept_invitation, invitation_link
from app.companies import role_models
from app.companies.models import RoleModel, RoleModelYear
from app.core.errors import DomainError
from app.extensions import db
from app.outbox.models import OutboxMessage
from tests.factories import RoleModelFactory

TODAY = date(2026, 11, 23)


def profile(**changes) -> role_models.ProfileData:
    values = dict(
        job_title="Havbruksingeniør",
        education_path="Fagbrev, så NTNU",
        fields=["aquaculture"],
        languages=["nb"],
        modes=["physical"],
        visits_per_year=3,
        travel_km=80,
    )
    return role_models.ProfileData(**{**values, **changes})


def test_an_invited_employee_becomes_a_pending_role_model(contact, app):
    with app.test_request_context():
        invitation = role_models.invite(contact.user, contact.company, "Ida@Havteknikk.no", "Ida")
        link_start = invitation_link(invitation).rsplit(".", 2)[0]  # the signed time may differ
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.recipient == "ida@havteknikk.no" and link_start in message.body_text
    token = re.search(r"/invitation/(\S+)", message.body_text).group(1)  # the link Ida gets
    assert role_models.open_invitations(contact.company) == [invitation]
    user = accept_invitation(token, "Ida Berg", "Passord-123")
    rm = db.session.scalar(sa.select(RoleModel).where(RoleModel.user_id == user.id))
    assert (rm.company_id, rm.status) == (contact.company.id, "pending")
    assert role_models.open_invitations(contact.company) == []


def test_an_existing_role_model_is_not_invited_twice(contact, app):
    rm = RoleModelFactory(company=contact.company)
    with app.test_request_context(), pytest.raises(DomainError) as error:
        role_models.invite(contact.user, contact.company, rm.user.email.upper(), "")
    assert error.value.field == "email"


def test_saving_the_profile_sets_this_and_next_years_visits(contact):
    rm = RoleModelFactory(company=contact.company, status="pending")
    role_models.save_profile(rm.user, rm, profile(), today=TODAY)
    assert sorted((y.year, y.capacity, y.taken) for y in rm.years) == [(2026, 3, 0), (2027, 3, 0)]


def test_visits_per_year_never_drop_below_visits_taken(contact):
    rm = RoleModelFactory(company=contact.company)
    rm.years.append(RoleModelYear(year=2026, capacity=3, taken=2))
    db.session.commit()
    role_models.save_profile(rm.user, rm, profile(visits_per_year=1), today=TODAY)
    years = {y.year: (y.capacity, y.taken) for y in rm.years}
    assert years == {2026: (2, 2), 2027: (1, 0)}


def test_gender_and_background_are_kept_only_with_consent(contact):
    rm = RoleModelFactory(company=contact.company)
    role_models.save_profile(rm.user, rm, profile(gender="woman", background="Vokste opp i Vardø"))
    assert (rm.gender, rm.background) == (None, None)
    role_models.save_profile(
        rm.user,
        rm,
        profile(has_diversity_consent=True, gender="woman", background="Vokste opp i Vardø"),
    )
    assert (rm.gender, rm.background) == ("woman", "Vokste opp i Vardø")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"job_title": ""}, "job_title"),
        ({"fields": []}, "fields"),
        ({"modes": []}, "modes"),
        ({"visits_per_year": -1}, "visits_per_year"),
        ({"visits_per_year": 51}, "visits_per_year"),
        ({"travel_km": -5}, "travel_km"),
        ({"weekdays": []}, "weekdays"),
        ({"languages": ["xx"]}, "languages"),
        (
            {"available_from": date(2027, 3, 1), "available_until": date(2027, 2, 1)},
            "available_until",
        ),
    ],
)
def test_a_bad_profile_is_refused_at_its_field(contact, changes, field):
    rm = RoleModelFactory(company=contact.company, job_title="Før")
    with pytest.raises(DomainError) as error:
        role_models.save_profile(rm.user, rm, profile(**changes))
    assert error.value.field == field
    db.session.refresh(rm)
    assert rm.job_title == "Før"


def test_the_contact_person_approves_pauses_and_removes(contact):
    rm = RoleModelFactory(company=contact.company, status="pending")
    role_models.set_status(contact.user, rm, "approve")
    assert rm.status == "approved" and rm.approved_at is not None
    role_models.set_status(contact.user, rm, "pause")
    assert rm.status == "paused"
    role_models.set_status(contact.user, rm, "remove")
    assert db.session.get(RoleModel, rm.id) is None


def test_a_role_model_deletes_their_own_profile_and_keeps_the_account(contact):
    rm = RoleModelFactory(company=contact.company)
    user = rm.user
    role_models.delete_profile(user, rm)
    assert db.session.get(RoleModel, rm.id) is None and user.id is not None


def test_role_models_are_searchable_waiting_ones_first(contact):
    RoleModelFactory(company=contact.company, status="approved", user__name="Åse Aas")
    RoleModelFactory(
        company=contact.company, status="pending", user__name="Bjørn Bø", job_title="Kjemiker"
    )
    RoleModelFactory(status="pending", user__name="Bjørn Annen")
    names = [
        rm.user.name for rm in db.session.scalars(role_models.role_models_query(contact.company))
    ]
    assert names == ["Bjørn Bø", "Åse Aas"]
    found = db.session.scalars(role_models.role_models_query(contact.company, "kjemi")).all()
    assert [rm.user.name for rm in found] == ["Bjørn Bø"]


def test_inviting_the_same_employee_again_replaces_the_open_invitation(client, login, contact):
    login(contact.user)
    for email in ("ida@havteknikk.no", "Ida@Havteknikk.no"):
        response = client.post(
            f"/companies/{contact.company_id}/role-models/invite",
            data={"email": email, "name": "Ida"},
        )
        assert response.status_code == 302
    page = client.get(f"/companies/{contact.company_id}/role-models").get_data(as_text=True)
    assert page.count("gyldig til") == 1
    assert len(role_models.open_invitations(contact.company)) == 1


def test_an_invitation_to_a_wrong_address_is_withdrawn(client, login, contact, app):
    with app.test_request_context():
        invitation = role_models.invite(contact.user, contact.company, "ida@havtknikk.no", "Ida")
        token = invitation_link(invitation).rsplit("/", 1)[1]
    other = RoleModelFactory().company
    login(contact.user)
    url = f"/companies/{other.id}/invitations/{invitation.id}/withdraw"
    assert client.post(url).status_code == 403
    url = f"/companies/{contact.company_id}/invitations/{invitation.id}/withdraw"
    page = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "Invitasjonen til ida@havtknikk.no er trukket tilbake." in page
    assert "gyldig til" not in page
    with pytest.raises(InvitationProblem):
        accept_invitation(token, "Ida Berg", "Passord-123")
