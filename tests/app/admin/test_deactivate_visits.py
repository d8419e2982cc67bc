"""Deactivating a role model who has left: their coming visits are shown and can be cancelled."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.bookings import services as bookings
from app.extensions import db
from app.outbox.models import OutboxMessage
from tests.app.bookings.conftest import World, make_world
from tests.factories import AdminFactory


@pytest.fixture
def admin():
    return AdminFactory(name="Astrid Admin")


@pytest.fixture
def world() -> World:
    return make_world()


@pytest.fixture
def visits(world: World):
    """A confirmed visit and a request still open, both with the role model."""
    confirmed = bookings.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    bookings.accept(world.role_model.user, confirmed)
    asked = bookings.request_role_model_visit(
        world.teacher_user, world.role_model, world.ask(days=28)
    )
    return confirmed, asked


def _messages_after(last_id: int | None) -> list[OutboxMessage]:
    query = sa.select(OutboxMessage).where(OutboxMessage.id > (last_id or 0))
    return list(db.session.scalars(query))


def test_the_page_lists_coming_visits_and_cancelling_tells_the_teacher(
    login,
    admin,
    world,
    visits,
):
    confirmed, asked = visits
    person = world.role_model.user
    client = login(admin)
    page = client.get(f"/admin/users/{person.id}/deactivate").get_data(as_text=True)
    assert "Kommende besøk (2)" in page and world.school_class.name in page
    assert 'name="cancel_visits"' in page and "checked" in page
    last = db.session.scalar(sa.select(sa.func.max(OutboxMessage.id)))

    response = client.post(
        f"/admin/users/{person.id}/deactivate",
        data={"reason": "Har sluttet i bedriften.", "cancel_visits": "y"},
        follow_redirects=True,
    )

    text = response.get_data(as_text=True)
    assert "Besøk avlyst og lærere varslet: 2." in text
    db.session.expire_all()
    assert (confirmed.status, asked.status) == ("cancelled", "cancelled")
    assert confirmed.reason == "Har sluttet i bedriften."
    sent = _messages_after(last)
    teacher_mail = [m for m in sent if m.recipient == world.teacher_user.email]
    assert {m.calendar_method for m in teacher_mail} == {"CANCEL", None}  # invite + notice
    assert all("Har sluttet i bedriften." in m.body_text for m in teacher_mail)


def test_unticked_the_visits_stay_for_a_colleague_to_take_over(
    login,
    admin,
    world,
    visits,
):
    confirmed, asked = visits
    person = world.role_model.user
    response = login(admin).post(
        f"/admin/users/{person.id}/deactivate",
        data={"reason": "Har sluttet; Per tar over besøkene."},
        follow_redirects=True,
    )
    assert "Besøk avlyst" not in response.get_data(as_text=True)
    db.session.expire_all()
    assert not person.is_active
    assert (confirmed.status, asked.status) == ("confirmed", "requested")


def test_a_person_without_visits_sees_no_visit_choice(login, admin, world):
    page = login(admin).get(f"/admin/users/{world.teacher_user.id}/deactivate")
    text = page.get_data(as_text=True)
    assert "Kommende besøk" not in text and 'name="cancel_visits"' not in text
