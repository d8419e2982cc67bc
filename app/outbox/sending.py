"""Deliver one outbox message over SMTP, recording success or scheduling a retry."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app

from app.outbox.models import OutboxMessage

log = logging.getLogger(__name__)


def mime_bytes(message: OutboxMessage) -> bytes:
    """Build the message's bytes once and keep them, so retries resend the same message."""
    from app.outbox.mime import build_mime

    if message.raw_mime is None:
        ics = message.calendar_ics.encode("utf-8") if message.calendar_ics else None
        message.raw_mime = build_mime(
            current_app.config["MAIL_DEFAULT_SENDER"],
            message.recipient,
            message.subject,
            message.body_text,
            message.body_html,
            ics,
            message.calendar_method if ics is not None else None,
        )
    return message.raw_mime


def send_one(message: OutboxMessage, now: datetime) -> Exception | None:
    """Try to send; a permanent refusal fails at once, others back off.

    Returns None when sent, else the error (already recorded on the message), so the caller
    can tell an unreachable server (`DeliveryError.is_unreachable`) from a refused message."""
    from app.outbox.services import backoff
    from app.outbox.smtp import DeliveryError

    message.attempts += 1
    try:
        _deliver(mime_bytes(message), message.recipient)
    except (DeliveryError, ValueError) as error:
        log.warning("outbox message %s not sent: %s", message.id, error)
        message.last_error = str(error)[:500]
        message.next_attempt_at = now + backoff(message.attempts)
        is_permanent = isinstance(error, ValueError) or error.is_permanent
        # A server that is down or misconfigured delays a message; it never fails it.
        is_server_wide = isinstance(error, DeliveryError) and error.is_unreachable
        is_worn_out = message.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]
        if is_permanent or (is_worn_out and not is_server_wide):
            message.status = "failed"
        return error
    message.status = "sent"
    message.sent_at = now
    message.last_error = None
    return None


def _deliver(raw: bytes, recipient: str) -> None:
    """Hand the bytes to the configured SMTP server."""
    from email.utils import parseaddr

    from app.outbox.smtp import deliver

    cfg = current_app.config
    deliver(
        raw,
        parseaddr(cfg["MAIL_DEFAULT_SENDER"])[1],
        [parseaddr(recipient)[1] or recipient],
        host=cfg["MAIL_SERVER"],
        port=cfg["MAIL_PORT"],
        timeout=cfg["MAIL_TIMEOUT_SECONDS"],
        use_tls=cfg.get("MAIL_USE_SSL", False),
        starttls=cfg["MAIL_USE_TLS"],
        username=cfg["MAIL_USERNAME"],
        password=cfg["MAIL_PASSWORD"],
    )
