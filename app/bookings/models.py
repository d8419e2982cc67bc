"""Direct bookings between a class and a role model or an offer slot, with history."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import TimestampMixin, utcnow
from app.extensions import db

BOOKING_STATUSES = ("requested", "proposed", "confirmed", "declined", "cancelled", "held")


class Booking(TimestampMixin, db.Model):
    """A class's request for a role-model visit or an offer date, outside the batch."""

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(sa.ForeignKey("school_class.id", ondelete="CASCADE"))
    teacher_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teacher.id", ondelete="SET NULL"))
    role_model_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("role_model.id", ondelete="SET NULL")
    )
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offer.id", ondelete="SET NULL"))
    slot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offer_slot.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(10), default="requested")
    mode: Mapped[str] = mapped_column(sa.String(10), default="physical")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    alternative_starts_at: Mapped[datetime | None]
    message: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    calendar_uid: Mapped[str | None] = mapped_column(sa.String(120), unique=True)
    calendar_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    reminded_7d_at: Mapped[datetime | None]
    reminded_1d_at: Mapped[datetime | None]

    __table_args__ = (
        sa.CheckConstraint(f"status IN {BOOKING_STATUSES}", name="status"),
        sa.CheckConstraint("starts_at < ends_at", name="times_in_order"),
        sa.CheckConstraint(
            "role_model_id IS NOT NULL OR offer_id IS NOT NULL", name="role_model_or_offer"
        ),
    )

    school_class = relationship("SchoolClass")
    teacher = relationship("Teacher")
    role_model = relationship("RoleModel")
    offer = relationship("Offer")
    slot = relationship("OfferSlot")
    events = relationship(
        "BookingEvent",
        back_populates="booking",
        cascade="all, delete-orphan",
        order_by="BookingEvent.id",
    )
    feedback = relationship("Feedback", back_populates="booking", cascade="all, delete-orphan")


class BookingEvent(db.Model):
    """One step in a booking's history: who changed what, and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("booking.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    from_status: Mapped[str | None] = mapped_column(sa.String(10))
    to_status: Mapped[str] = mapped_column(sa.String(10))
    note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    booking = relationship("Booking", back_populates="events")
    actor = relationship("User")


class Feedback(db.Model):
    """A score and comment from one side of an activity after it happened."""

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("booking.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("booking_id", "author_id"),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name="score"),
    )

    booking = relationship("Booking", back_populates="feedback")
