"""Booking use cases: ask, answer, move, cancel, rate, remind; capacity and outbox."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from app.bookings import changes, services
from app.bookings.models import Booking, BookingEvent, Feedback
from app.companies.models import OfferSlot, RoleModelYear
from app.core.errors import DomainError
from app.extensions import db
from app.outbox.models import OutboxMessage
from tests.app.bookings.conftest import weekday_ahead
from tests.factories import BookingFactory, SchoolClassFactory, TeacherFactory


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def outbox() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def test_request_notifies_the_role_model_only(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    assert booking.status == "requested"
    assert [e.to_status for e in booking.events] == ["requested"]
    (message,) = outbox()
    assert message.recipient == world.role_model.user.email
    assert message.calendar_ics is None


def test_accept_takes_a_visit_and_sends_one_invite_per_person(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    year = db.session.scalar(sa.select(RoleModelYear))
    assert (year.capacity, year.taken) == (2, 1)
    assert booking.status == "confirmed"
    assert booking.calendar_uid == f"booking-{booking.id}@skolebro.no"
    invites = [m for m in outbox() if m.calendar_method == "REQUEST"]
    assert sorted(m.recipient for m in invites) == sorted(
        [world.teacher_user.email, world.role_model.user.email]
    )
    for message in invites:
        others = {world.teacher_user.email, world.role_model.user.email} - {message.recipient}
        assert others.pop() not in message.calendar_ics  # nobody sees another address


def test_accept_on_the_alternative_time(world):
    ask = world.ask(alternative_day=weekday_ahead(28), alternative_at=time(12, 0))
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, ask)
    services.accept(world.role_model.user, booking, use_alternative=True)
    assert booking.starts_at == booking.alternative_starts_at
    assert booking.ends_at - booking.starts_at == timedelta(minutes=60)


def test_a_date_in_the_past_is_refused_and_nothing_is_stored(world):
    with pytest.raises(DomainError) as error:
        services.request_role_model_visit(world.teacher_user, world.role_model, world.ask(days=-3))
    assert error.value.field == "day"
    assert count(Booking) == 0 and count(OutboxMessage) == 0


def test_a_class_of_another_school_is_refused(world):
    other = SchoolClassFactory()
    with pytest.raises(DomainError) as error:
        services.request_role_model_visit(
            world.teacher_user, world.role_model, world.ask(class_id=other.id)
        )
    assert error.value.field == "class_id"
    assert count(Booking) == 0


def test_a_full_offer_date_is_refused(world):
    world.slot.taken = world.slot.capacity
    db.session.commit()
    with pytest.raises(DomainError, match="fullbooket"):
        services.request_offer_date(world.teacher_user, world.slot, world.ask())
    assert count(Booking) == 0 and count(OutboxMessage) == 0


def test_a_role_model_without_visits_left_cannot_be_asked(world):
    world.role_model.visits_per_year = 0
    db.session.commit()
    with pytest.raises(DomainError, match="ingen ledige besøk"):
        services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())


def test_a_blocked_day_is_refused(world):
    day = weekday_ahead(21)
    world.role_model.blocked_dates = [day.isoformat()]
    db.session.commit()
    with pytest.raises(DomainError, match="kan ikke"):
        services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())


def test_offer_booking_takes_and_cancel_releases_a_place(world):
    booking = services.request_offer_date(world.teacher_user, world.slot, world.ask())
    services.accept(world.contact.user, booking)
    assert db.session.get(OfferSlot, world.slot.id).taken == 1
    invites = [m.recipient for m in outbox() if m.calendar_method == "REQUEST"]
    assert sorted(invites) == sorted([world.teacher_user.email, world.contact.user.email])
    changes.cancel(world.teacher_user, booking, "Klassen er syk")
    db.session.expire_all()
    assert db.session.get(OfferSlot, world.slot.id).taken == 0
    cancels = [m for m in outbox() if m.calendar_method == "CANCEL"]
    assert len(cancels) == 2 and all("SEQUENCE:1" in m.calendar_ics for m in cancels)


def test_accepting_when_the_last_place_is_gone_changes_nothing(world):
    first = services.request_offer_date(world.teacher_user, world.slot, world.ask())
    second = services.request_offer_date(world.teacher_user, world.slot, world.ask())
    world.slot.taken = world.slot.capacity
    db.session.commit()
    with pytest.raises(DomainError, match="fullbooket"):
        services.accept(world.contact.user, first)
    db.session.expire_all()
    assert db.session.get(Booking, first.id).status == "requested"
    assert db.session.get(Booking, second.id).status == "requested"


def test_decline_needs_a_reason(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    with pytest.raises(DomainError) as error:
        services.decline(world.role_model.user, booking, "  ")
    assert error.value.field == "reason"
    services.decline(world.role_model.user, db.session.get(Booking, booking.id), "Reiser da")
    assert db.session.get(Booking, booking.id).status == "declined"
    assert outbox()[-1].recipient == world.teacher_user.email


def test_propose_then_teacher_accepts(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.propose(world.role_model.user, booking, weekday_ahead(30), time(13, 0), "Passer bedre")
    assert booking.status == "proposed"
    services.accept_proposal(world.teacher_user, booking)
    assert booking.status == "confirmed"
    assert [e.to_status for e in booking.events] == ["requested", "proposed", "confirmed"]


def test_reschedule_keeps_uid_and_raises_sequence(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    uid = booking.calendar_uid
    with pytest.raises(DomainError) as error:
        changes.reschedule(world.teacher_user, booking, weekday_ahead(35), time(10, 0), "")
    assert error.value.field == "reason"
    booking = db.session.get(Booking, booking.id)
    changes.reschedule(world.teacher_user, booking, weekday_ahead(35), time(10, 0), "Prøvedag")
    assert booking.calendar_uid == uid and booking.calendar_sequence == 1
    latest = [m for m in outbox() if m.calendar_method == "REQUEST"][-2:]
    assert all("SEQUENCE:1" in m.calendar_ics and uid in m.calendar_ics for m in latest)


def test_cancel_gives_the_visit_back(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    changes.cancel(world.role_model.user, booking, "Syk")
    db.session.expire_all()
    assert db.session.scalar(sa.select(RoleModelYear.taken)) == 0
    assert db.session.get(Booking, booking.id).status == "cancelled"


def test_two_answers_to_the_same_request_confirm_it_once(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    with pytest.raises(DomainError, match="endret i mellomtiden"):
        services.accept(world.role_model.user, db.session.get(Booking, booking.id))
    assert db.session.scalar(sa.select(RoleModelYear.taken)) == 1


def test_feedback_after_the_activity_only_once(world):
    now = datetime.now(UTC)
    booking = BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2, hours=-1),
    )
    with pytest.raises(DomainError) as error:
        changes.give_feedback(world.teacher_user, booking, 7, "")
    assert error.value.field == "score"
    changes.give_feedback(world.teacher_user, booking, 5, "Supert!")
    changes.give_feedback(world.role_model.user, booking, 4, "Engasjert klasse")
    with pytest.raises(DomainError, match="allerede gitt"):
        changes.give_feedback(world.teacher_user, booking, 3, "")
    assert count(Feedback) == 2


def test_feedback_before_the_activity_is_refused(world):
    booking = BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
    )
    with pytest.raises(DomainError, match="etter aktiviteten"):
        changes.give_feedback(world.teacher_user, booking, 5, "")


def test_reminders_go_out_once_seven_days_and_one_day_before(world):
    now = datetime.now(UTC)
    week = BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
        starts_at=now + timedelta(days=6),
        ends_at=now + timedelta(days=6, hours=1),
    )
    day = BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
        starts_at=now + timedelta(hours=20),
        ends_at=now + timedelta(hours=21),
    )
    BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
    )  # three weeks ahead
    assert changes.send_reminders(now) == 2
    assert changes.send_reminders(now) == 0
    subjects = sorted(m.subject.split(":")[0] for m in outbox())
    assert subjects == ["I morgen"] * 2 + ["Om en uke"] * 2
    assert db.session.get(Booking, week.id).reminded_7d_at is not None
    assert db.session.get(Booking, day.id).reminded_1d_at is not None


def test_history_records_who_did_what(world):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    actors = db.session.scalars(sa.select(BookingEvent.actor_id).order_by(BookingEvent.id)).all()
    assert actors == [world.teacher_user.id, world.role_model.user.id]


def test_teacher_of_another_school_cannot_use_this_class(world):
    stranger = TeacherFactory()
    with pytest.raises(DomainError):
        services.request_role_model_visit(stranger.user, world.role_model, world.ask())


def test_send_reminders_command(world, runner):
    now = datetime.now(UTC)
    BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=1),
    )
    result = runner.invoke(args=["send-reminders"])
    assert "queued 1 reminders" in result.output
    assert len(outbox()) == 2


def test_a_role_model_is_in_one_place_at_a_time(world):
    other_class = SchoolClassFactory(school=world.teacher.school, name="9B")
    first = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    second = services.request_role_model_visit(
        world.teacher_user, world.role_model, world.ask(class_id=other_class.id, at=time(9, 30))
    )
    services.accept(world.role_model.user, first)
    with pytest.raises(DomainError, match="allerede et besøk"):
        services.accept(world.role_model.user, second)
    assert db.session.get(Booking, second.id).status == "requested"
