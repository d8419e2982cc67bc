"""Booking invites through the outbox to a real SMTP server, read back by two parsers."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import date, time, timedelta
from email.policy import default
from zoneinfo import ZoneInfo

import icalendar
import pytest
import sqlalchemy as sa

from app.bookings import changes, services
from app.core.model_base import utcnow
from app.extensions import db
from app.outbox.models import OutboxMessage
from app.outbox.services import deliver_due
from tests.app.bookings.conftest import world  # noqa: F401  (shared fixture)
from tests.app.calendar.test_ics import icalendar_instants, vobject_instants
from tests.app.outbox.smtp_server import ReceivedMessage, SmtpServer
from tests.factories import SchoolClassFactory


def weekday_on_or_after(day: date) -> date:
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


NEXT_YEAR = date.today().year + 1
WINTER = weekday_on_or_after(date(NEXT_YEAR, 1, 14))
SUMMER = weekday_on_or_after(date(NEXT_YEAR, 6, 10))


@pytest.fixture
def smtp(app, allow_smtp, monkeypatch) -> Iterator[SmtpServer]:
    """A real SMTP server on 127.0.0.1 that the app is configured to use."""
    server = SmtpServer()
    allow_smtp(server.port)
    monkeypatch.setitem(app.config, "MAIL_SERVER", server.host)
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    server.start()
    yield server
    server.stop()


def parse(received: ReceivedMessage) -> tuple[email.message.EmailMessage, bytes | None]:
    """The message and its calendar part (or None), checking the MIME layout."""
    message = email.message_from_bytes(received.raw, policy=default)
    if message.get_content_type() != "multipart/mixed":
        return message, None
    (alternative,) = message.iter_parts()
    parts = list(alternative.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/calendar"]
    return message, parts[1].get_payload(decode=True)


def invites(server: SmtpServer) -> list[tuple[str, email.message.EmailMessage, bytes]]:
    """(recipient, message, ics) for every received calendar message."""
    found = []
    for received in server.received():
        message, ics = parse(received)
        if ics is not None:
            (recipient,) = received.rcpt_tos
            found.append((recipient, message, ics))
    return found


@pytest.mark.parametrize(("country", "day"), [("NO", WINTER), ("DK", SUMMER)])
def test_booking_reschedule_and_cancel_arrive_correct(world, smtp, country, day):  # noqa: F811
    world.teacher.school.country = country
    db.session.commit()
    zone = ZoneInfo(world.teacher.school.time_zone)
    booking = services.request_role_model_visit(
        world.teacher_user, world.role_model, world.ask(day=day, at=time(9, 0))
    )
    services.accept(world.role_model.user, booking)
    assert deliver_due() == (3, 0)
    changes.reschedule(world.teacher_user, booking, day + timedelta(days=7), time(9, 0), "Prøve")
    changes.cancel(world.role_model.user, booking, "Syk")
    assert deliver_due() == (4, 0)
    received = invites(smtp)
    assert len(received) == 6
    people = sorted([world.teacher_user.email, world.role_model.user.email])
    steps = [("REQUEST", 0, 0), ("REQUEST", 1, 7), ("CANCEL", 2, 7)]
    for index, (recipient, message, ics) in enumerate(received):
        method, sequence, shift = steps[index // 2]
        assert [a.addr_spec for a in message["To"].addresses] == [recipient]
        calendar = icalendar.Calendar.from_ical(ics)
        (event,) = calendar.walk("VEVENT")
        assert (str(calendar["METHOD"]), int(event["SEQUENCE"])) == (method, sequence)
        assert str(event["UID"]) == f"booking-{booking.id}@skolebro.no"
        assert str(event["ATTENDEE"]) == f"mailto:{recipient}"
        assert ics.replace(b"\r\n ", b"").count(b"mailto:") == 2  # organizer and this person
        local = event.decoded("DTSTART")
        assert (local.date(), local.hour, local.minute) == (day + timedelta(days=shift), 9, 0)
        expected_start = local.replace(tzinfo=zone)
        start, _end = icalendar_instants(ics)[str(event["UID"])]
        assert start == expected_start
        assert vobject_instants(ics)[str(event["UID"])][0] == expected_start
        assert b"\r\n" in ics  # CRLF survives the MIME round trip
    assert sorted(r for r, _, _ in received[:2]) == people


def test_server_down_then_up_every_message_arrives_once(world, app, allow_smtp, monkeypatch):  # noqa: F811
    server = SmtpServer()
    allow_smtp(server.port)
    monkeypatch.setitem(app.config, "MAIL_SERVER", server.host)
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    world.role_model.visits_per_year = 5
    db.session.commit()
    for n in range(3):
        school_class = SchoolClassFactory(school=world.teacher.school, name=f"10{n}")
        booking = services.request_role_model_visit(
            world.teacher_user,
            world.role_model,
            world.ask(days=21 + 7 * n, class_id=school_class.id),
        )
        services.accept(world.role_model.user, booking)
    now = utcnow()
    assert deliver_due(now) == (0, 1)  # nobody listening: the first one tells, the rest wait
    tried = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.attempts == 1))
    stored = tried.raw_mime
    server.start()
    try:
        assert deliver_due(now) == (8, 0)  # the untried are still due; the tried one backs off
        assert deliver_due(now + timedelta(minutes=2)) == (1, 0)
        assert deliver_due(now + timedelta(days=1)) == (0, 0)
        received = server.received()
    finally:
        server.stop()
    assert len(received) == 9
    ids = [email.message_from_bytes(r.raw)["Message-ID"] for r in received]
    assert len(set(ids)) == 9
    # the bytes built on the first attempt are the bytes that arrived (same Message-ID)
    assert received[-1].raw == stored
    statuses = db.session.scalars(sa.select(OutboxMessage.status)).all()
    assert statuses == ["sent"] * 9


def test_a_permanent_refusal_fails_at_once_without_retry(world, smtp):  # noqa: F811
    smtp.refused_recipients.add(world.teacher_user.email)
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    assert deliver_due() == (2, 1)
    failed = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.status == "failed"))
    assert failed.recipient == world.teacher_user.email and failed.attempts == 1
    assert deliver_due(utcnow() + timedelta(days=1)) == (0, 0)


def test_transient_failures_give_up_after_the_last_attempt(world, app, allow_smtp, monkeypatch):  # noqa: F811
    server = SmtpServer()
    allow_smtp(server.port)
    monkeypatch.setitem(app.config, "MAIL_SERVER", server.host)
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    monkeypatch.setitem(app.config, "OUTBOX_MAX_ATTEMPTS", 3)
    services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    message = db.session.scalar(sa.select(OutboxMessage))
    server.deferred_recipients.add(message.recipient.lower())  # 450 every time
    server.start()
    moment = utcnow()
    for _ in range(3):
        deliver_due(moment)
        moment += timedelta(days=1)
    server.stop()
    db.session.expire_all()
    assert (message.status, message.attempts) == ("failed", 3)


def test_inline_delivery_after_the_response(world, smtp, login, monkeypatch, app):  # noqa: F811
    monkeypatch.setitem(app.config, "JOBS_INLINE", True)
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    client = login(world.role_model.user)
    response = client.post(f"/bookings/{booking.id}/accept")
    assert response.status_code == 302
    response.close()  # the server closes the response once it is sent
    assert len(invites(smtp)) == 2


def test_without_a_mail_server_the_outbox_keeps_everything(world):  # noqa: F811
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    assert deliver_due() == (0, 0)
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 3
