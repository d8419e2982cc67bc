"""Deliver one outbox message over SMTP, recording success or scheduling a retry."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app

from app.outbox.models import OutboxMessage

log = logging.getLogger(__name__)


def send_one(message: OutboxMessage, now: datetime) -> bool:
    """Try to send; on failure count the attempt and back off. Returns True when sent."""
    from app.outbox.mime import build_mime
    from app.outbox.services import backoff
    from app.outbox.smtp import deliver

    cfg = current_app.config
    sender = cfg["MAIL_DEFAULT_SENDER"]
    raw = build_mime(
        sender, message.recipient, message.subject, message.body_text, message.body_html,
        message.calendar_ics.encode("utf-8") if message.calendar_ics else None,
        message.calendar_method,
    )
    message.attempts += 1
    try:
        deliver(
            raw, sender, [message.recipient], host=cfg["MAIL_SERVER"], port=cfg["MAIL_PORT"],
            timeout=cfg["MAIL_TIMEOUT_SECONDS"], starttls=cfg["MAIL_USE_TLS"],
            username=cfg["MAIL_USERNAME"], password=cfg["MAIL_PASSWORD"],
        )
    except Exception as error:  # noqa: BLE001  (any SMTP or socket failure means: retry later)
        log.warning("outbox message %s not sent: %s", message.id, error)
        message.last_error = str(error)[:500]
        message.next_attempt_at = now + backoff(message.attempts)
        if message.attempts >= cfg["OUTBOX_MAX_ATTEMPTS"]:
            message.status = "failed"
        return False
    message.status = "sent"
    message.sent_at = now
    message.last_error = None
    return True
