"""Queue e-mail in the outbox (same transaction as its cause) and deliver it with retries."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.core.model_base import utcnow
from app.extensions import db
from app.outbox.models import OutboxMessage

log = logging.getLogger(__name__)


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
    """Add one message for one recipient to the session; the caller commits."""
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
    db.session.add(message)
    return message


def backoff(attempts: int) -> timedelta:
    """Wait 1, 2, 4, ... minutes between attempts, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def due_messages(now: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Pending messages whose next attempt is due, oldest first."""
    query = (
        sa.select(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def deliver_due(now: datetime | None = None) -> tuple[int, int]:
    """Send due messages over SMTP; return (sent, failed). No server configured: keep them."""
    if not current_app.config.get("MAIL_SERVER"):
        return (0, 0)
    from app.outbox.sending import send_one

    now = now or utcnow()
    sent = failed = 0
    for message in due_messages(now):
        if send_one(message, now):
            sent += 1
        else:
            failed += 1
        db.session.commit()
    return sent, failed
