"""The outbox: every e-mail is a row first, delivered later with retries."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import TimestampMixin, utcnow
from app.extensions import db

# "held": stored but not to be sent until the work that wrote it releases it (publishing).
OUTBOX_STATUSES = ("held", "pending", "sent", "failed")


class OutboxMessage(TimestampMixin, db.Model):
    """One e-mail to one recipient, stored in the same transaction as its cause."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    recipient_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    subject: Mapped[str] = mapped_column(sa.String(255))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    calendar_ics: Mapped[str | None] = mapped_column(sa.Text)
    calendar_method: Mapped[str | None] = mapped_column(sa.String(10))
    # The finished RFC 5322 bytes, built once so Date and Message-ID stay the same on retries.
    raw_mime: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    status: Mapped[str] = mapped_column(sa.String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    held_for: Mapped[str | None] = mapped_column(sa.String(40), index=True)  # e.g. "run:12"

    __table_args__ = (
        sa.CheckConstraint(f"status IN {OUTBOX_STATUSES}", name="status"),
        sa.Index("ix_outbox_message_due", "status", "next_attempt_at"),
    )
