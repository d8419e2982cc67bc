"""News about a booking reaches whoever speaks for the class or the company now, never a
deactivated account."""

from __future__ import annotations

import sqlalchemy as sa

from app.admin import services as admin
from app.bookings import changes, services
from app.extensions import db
from app.outbox.models import OutboxMessage
from tests.factories import AdminFactory, ContactPersonFactory, TeacherFactory


def _recipients_after(last: int | None) -> dict[str, str | None]:
    rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id > (last or 0)))
    return {m.recipient: m.calendar_method for m in rows}


def _last() -> int | None:
    return db.session.scalar(sa.select(sa.func.max(OutboxMessage.id)))


def test_a_left_teachers_news_goes_to_the_schools_other_teachers(world):
    colleague = TeacherFactory(school=world.teacher.school)
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    admin.deactivate_user(AdminFactory(), world.teacher_user, "Har sluttet ved skolen.")
    last = _last()

    services.accept(world.role_model.user, booking)

    sent = _recipients_after(last)
    assert world.teacher_user.email not in sent
    assert sent[colleague.user.email] == "REQUEST"  # the invite for the class's calendar
    assert sent[world.role_model.user.email] == "REQUEST"


def test_a_left_role_models_news_goes_to_their_companys_contact_persons(world):
    contact = ContactPersonFactory(company=world.role_model.company)
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    admin.deactivate_user(AdminFactory(), world.role_model.user, "Har sluttet; Per tar over.")
    last = _last()

    changes.cancel(world.teacher_user, booking, "Klassen er på tur den dagen.")

    sent = _recipients_after(last)
    assert world.role_model.user.email not in sent
    assert sent == {world.teacher_user.email: "CANCEL", contact.user.email: "CANCEL"}
