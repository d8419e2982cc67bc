"""The outbox sender against a real SMTP server on 127.0.0.1 that is down, then up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.model_base import utcnow
from app.extensions import db
from app.outbox.models import OutboxMessage
from app.outbox.services import deliver_due, queue_email
from tests.app.outbox.smtp_server import SmtpServer

RECIPIENTS = ["kari@skole.no", "ola@bedrift.no", "aase@bedrift.no"]


@pytest.fixture
def server(app, allow_smtp, monkeypatch) -> Iterator[SmtpServer]:
    """An SMTP server the app is configured to use, not started: its port is closed."""
    server = SmtpServer()
    allow_smtp(server.port)
    monkeypatch.setitem(app.config, "MAIL_SERVER", server.host)
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    yield server
    server.stop()


@pytest.fixture
def due() -> list[OutboxMessage]:
    """Three messages, due now."""
    messages = [queue_email(r, "Bedriftsbesøk", "Hei!") for r in RECIPIENTS]
    db.session.commit()
    return messages


def state() -> list[tuple[str, int, object]]:
    """(status, attempts, next attempt) of every message, oldest first."""
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id)
    db.session.expire_all()
    return [(m.status, m.attempts, m.next_attempt_at) for m in db.session.scalars(query)]


def test_unreachable_server_stops_the_round_at_the_first_message(server, due):
    before = state()
    now = utcnow()
    assert deliver_due(now) == (0, 1)
    first, *others = state()
    assert first[:2] == ("pending", 1) and first[2] > now  # backed off as any failure
    assert others == before[1:]  # untried: same attempts, same due time
    assert "unreachable" in due[0].last_error and due[1].last_error is None
    server.start()
    assert deliver_due(now + timedelta(minutes=2)) == (3, 0)
    assert sorted(m.rcpt_tos[0] for m in server.received()) == sorted(RECIPIENTS)
    assert [s[0] for s in state()] == ["sent"] * 3


def test_a_refused_recipient_does_not_stop_the_round(server, due):
    server.refused_recipients.add(RECIPIENTS[0])
    server.start()
    assert deliver_due() == (2, 1)
    assert [s[:2] for s in state()] == [("failed", 1), ("sent", 1), ("sent", 1)]


def test_a_long_outage_delays_messages_but_never_fails_them(app, server, due, monkeypatch):
    monkeypatch.setitem(app.config, "OUTBOX_MAX_ATTEMPTS", 2)
    now = utcnow()
    for hour in range(5):
        deliver_due(now + timedelta(hours=7 * hour))
    assert [s[:2] for s in state()] == [("pending", 5), ("pending", 0), ("pending", 0)]
    server.start()
    assert deliver_due(now + timedelta(days=2)) == (3, 0)


def test_wrong_login_settings_hold_the_round_instead_of_failing_messages(
    app, server, due, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "skolebro")  # the server offers no AUTH
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "secret")
    server.start()
    assert deliver_due() == (0, 1)
    assert [s[:2] for s in state()] == [("pending", 1), ("pending", 0), ("pending", 0)]
    assert "check the mail settings" in due[0].last_error
    monkeypatch.setitem(app.config, "MAIL_USERNAME", None)
    assert deliver_due(utcnow() + timedelta(minutes=2)) == (3, 0)


def test_held_messages_wait_until_released(server):
    from app.outbox.services import holding, release_held

    with holding("run:1"):
        queue_email("kari@skole.no", "Bedriftsbesøk", "Hei!")
    db.session.commit()
    server.start()
    assert deliver_due() == (0, 0) and [s[0] for s in state()] == ["held"]
    assert release_held("run:1") == 1
    db.session.commit()
    assert deliver_due() == (1, 0) and [s[0] for s in state()] == ["sent"]
