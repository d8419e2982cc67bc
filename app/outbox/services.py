"""Queue e-mail in the outbox (same transaction as its cause) and deliver it with retries.

How delivery runs: every message is a row first. A worker (`flask outbox-deliver --loop`)
sends what is due; with a MAIL_SERVER configured, the request that queued mail also starts
a delivery job (app/core/jobs.py: in-process after its response, or on the RQ queue).
With no MAIL_SERVER the outbox is what the administrator reads.
Each message is claimed with one conditional UPDATE, so two senders never send it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, g, has_request_context
from flask_babel import gettext as _

from app.core import jobs
from app.core.model_base import utcnow
from app.extensions import db
from app.outbox.models import OutboxMessage

log = logging.getLogger(__name__)
DELIVER = "outbox.deliver"

# How long a claimed message is hidden from other senders while one sends it.
CLAIM_LEASE = timedelta(minutes=5)
# Set while `holding(key)` stores new messages as held for that key.
_held_for: ContextVar[str | None] = ContextVar("outbox_held_for", default=None)


def queue_email(
    recipient: str,
    subject: str,
    body_text: str,
    *,
    body_html: str | None = None,
    calendar_ics: bytes | str | None = None,
    calendar_method: str | None = None,
    recipient_user_id: int | None = None,
) -> OutboxMessage:
    """Add one message for one recipient to the session (or to `holding()`); the caller commits."""
    if isinstance(calendar_ics, bytes):
        calendar_ics = calendar_ics.decode("utf-8")
    message = OutboxMessage(
        recipient=recipient,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        calendar_ics=calendar_ics,
        calendar_method=calendar_method,
        recipient_user_id=recipient_user_id,
    )
    held_for = _held_for.get()
    if held_for is not None:
        message.status, message.held_for = "held", held_for
    db.session.add(message)
    if has_request_context():
        g.outbox_has_new_mail = True
    return message


@contextmanager
def holding(key: str) -> Iterator[None]:
    """Store what `queue_email` builds inside the block as held for `key`: written to the
    table (so the caller may commit, and memory stays flat however many there are) but never
    sent until `release_held(key)`; `drop_held(key)` deletes them instead.

    For work that renders many messages before the one short transaction that makes them
    real (publishing a season)."""
    token = _held_for.set(key)
    try:
        yield
    finally:
        _held_for.reset(token)


def release_held(key: str) -> int:
    """Make the messages held for `key` due now; returns how many. The caller commits."""
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.held_for == key, OutboxMessage.status == "held")
        .values(status="pending", held_for=None, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def drop_held(key: str) -> int:
    """Delete the messages still held for `key`; returns how many. The caller commits."""
    result = db.session.execute(
        sa.delete(OutboxMessage)
        .where(OutboxMessage.held_for == key, OutboxMessage.status == "held")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def retry(actor, message: OutboxMessage) -> OutboxMessage:
    """Send a failed message again from the next round, with a fresh count of attempts."""
    from app.core import audit
    from app.core.errors import DomainError

    if message.status != "failed":
        raise DomainError(None, _("Only a message that failed can be sent again."))
    message.status, message.attempts, message.next_attempt_at = "pending", 0, utcnow()
    audit.record(actor, "outbox.retry", message)
    db.session.commit()
    return message


def backoff(attempts: int) -> timedelta:
    """Wait 1, 2, 4, ... minutes between attempts, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def due_ids(now: datetime, limit: int = 100) -> list[int]:
    """Ids of pending messages whose next attempt is due, oldest first."""
    query = (
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def due_messages(now: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Pending messages whose next attempt is due, oldest first."""
    ids = due_ids(now, limit)
    return [db.session.get(OutboxMessage, i) for i in ids]


def claim(message_id: int, now: datetime) -> bool:
    """Take one due message for this sender in one conditional UPDATE; commits."""
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == "pending",
            OutboxMessage.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + CLAIM_LEASE)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def deliver_due(now: datetime | None = None) -> tuple[int, int]:
    """Send due messages over SMTP; return (sent, not sent). No server configured: keep them.

    When the server cannot be reached the round stops at that message: the others would only
    fail the same way, so they keep their attempts and their due time for the next round."""
    if not current_app.config.get("MAIL_SERVER"):
        return (0, 0)
    from app.outbox.sending import send_one

    now = now or utcnow()
    sent = failed = 0
    for message_id in due_ids(now):
        if not claim(message_id, now):
            continue  # another sender has it
        message = db.session.get(OutboxMessage, message_id)
        db.session.refresh(message)
        error = send_one(message, now)
        db.session.commit()
        if error is None:
            sent += 1
            continue
        failed += 1
        if getattr(error, "is_unreachable", False):
            log.warning("mail server unreachable; the other due messages wait for the next round")
            break
    return sent, failed


def is_delivery_after_request_on() -> bool:
    """Deliver right after a request that queued mail when a server is set and jobs run
    (in-process or on the queue); otherwise `flask outbox-deliver --loop` sends it."""
    cfg = current_app.config
    return bool(cfg.get("MAIL_SERVER")) and jobs.backend() != "none"


@jobs.job(DELIVER)
def deliver_job() -> None:
    """The job: send what is due (messages are claimed one by one, so two runs are safe)."""
    deliver_due()


def deliver_after_response(response):
    """After-request hook: once the response is sent, deliver what this request queued."""
    if g.get("outbox_has_new_mail") and is_delivery_after_request_on():
        jobs.enqueue(DELIVER)
    return response
