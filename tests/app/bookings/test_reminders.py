"""Reminders go out from a site in use without a cron job: at most once an hour a response
starts the reminders job (in-process here), and a reminder is never sent twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from app.bookings import reminders
from app.extensions import db
from app.outbox.models import OutboxMessage
from tests.factories import BookingFactory


def _reminders() -> int:
    query = sa.select(sa.func.count(OutboxMessage.id))
    return db.session.scalar(query.where(OutboxMessage.subject.contains("Om en uke")))


def test_a_response_starts_the_reminders_at_most_once_an_hour(world, client, app, monkeypatch):
    monkeypatch.setitem(app.config, "REMINDERS_EVERY_S", 3600)
    monkeypatch.setitem(reminders._last_started, "at", float("-inf"))  # a new process
    now = datetime.now(UTC)
    booking = BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
        starts_at=now + timedelta(days=6),
        ends_at=now + timedelta(days=6, hours=1),
    )

    client.get("/").close()  # the job runs once the response is sent
    db.session.expire_all()
    sent = _reminders()
    assert sent == 2 and booking.reminded_7d_at is not None  # teacher and role model

    later = BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
        starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=1),
    )
    client.get("/").close()  # within the hour: not started again
    db.session.expire_all()
    assert _reminders() == sent and later.reminded_7d_at is None
