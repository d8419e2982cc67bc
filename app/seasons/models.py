"""Seasons of the matching batch: requests, preferences, runs, placements."""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import TimestampMixin, utcnow
from app.extensions import db

SEASON_STATUSES = (
    "draft",
    "offers_open",
    "requests_open",
    "closed",
    "matched",
    "published",
    "done",
    "archived",
)
RUN_STATUSES = (
    "queued",
    "running",
    "finished",
    "failed",
    "cancelled",
    "publishing",
    "published",
)


class Season(TimestampMixin, db.Model):
    """One matching season with its phase dates and status."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    region: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    status: Mapped[str] = mapped_column(sa.String(15), default="draft")
    offers_open_on: Mapped[date]
    requests_open_on: Mapped[date]
    requests_close_on: Mapped[date]
    publish_on: Mapped[date]
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    archive_on: Mapped[date | None]
    allows_last_resort: Mapped[bool] = mapped_column(default=True, server_default=sa.text("true"))
    weights: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # Run settings an administrator changes: travel limit per grade, max school share.
    run_settings: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default="{}")

    __table_args__ = (
        sa.CheckConstraint(f"status IN {SEASON_STATUSES}", name="status"),
        sa.CheckConstraint("starts_on <= ends_on", name="dates_in_order"),
    )

    requests = relationship("ClassRequest", back_populates="season")
    runs = relationship("MatchRun", back_populates="season", order_by="MatchRun.id")


class ClassRequest(TimestampMixin, db.Model):
    """A teacher's request for the season: a company visit or a role-model visit."""

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(sa.ForeignKey("season.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(sa.ForeignKey("school_class.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    mode: Mapped[str] = mapped_column(sa.String(10), default="physical")
    window_start: Mapped[date]
    window_end: Mapped[date]
    fields: Mapped[list] = mapped_column(sa.JSON, default=list)
    max_travel_km: Mapped[int] = mapped_column(default=50)
    note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # When in the school day a role-model visit fits; the batch picks only the date.
    visit_at: Mapped[time] = mapped_column(default=time(9, 0), server_default="09:00:00")
    visit_minutes: Mapped[int] = mapped_column(default=60, server_default="60")

    __table_args__ = (
        sa.CheckConstraint("window_start <= window_end", name="window_in_order"),
        sa.CheckConstraint("max_travel_km >= 0", name="travel"),
        sa.CheckConstraint("visit_minutes BETWEEN 15 AND 480", name="visit_minutes"),
    )

    season = relationship("Season", back_populates="requests")
    school_class = relationship("SchoolClass")


class Preference(TimestampMixin, db.Model):
    """A student's ranked wish: a named offer or a field."""

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(sa.ForeignKey("season.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(sa.ForeignKey("student.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20), default="work_week")
    rank: Mapped[int]
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offer.id", ondelete="CASCADE"))
    field: Mapped[str | None] = mapped_column(sa.String(30))

    __table_args__ = (
        sa.UniqueConstraint("season_id", "student_id", "kind", "rank"),
        sa.CheckConstraint("rank BETWEEN 1 AND 5", name="rank"),
        sa.CheckConstraint("offer_id IS NOT NULL OR field IS NOT NULL", name="offer_or_field"),
    )

    season = relationship("Season")
    student = relationship("Student")
    offer = relationship("Offer")


class MatchRun(TimestampMixin, db.Model):
    """One run of the matching engine with its parameters, progress and figures."""

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(sa.ForeignKey("season.id", ondelete="CASCADE"))
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(12), default="queued")
    parameters: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    progress: Mapped[float] = mapped_column(default=0.0)
    progress_label: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    figures: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    objective: Mapped[float | None]
    bound: Mapped[float | None]
    gap: Mapped[float | None]
    error: Mapped[str | None] = mapped_column(sa.Text)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    # The report's counts per kind, kept when archiving removes the students' placements.
    archived_counts: Mapped[dict | None] = mapped_column(sa.JSON)

    __table_args__ = (sa.CheckConstraint(f"status IN {RUN_STATUSES}", name="status"),)

    season = relationship("Season", back_populates="runs")
    placements = relationship(
        "Placement", back_populates="run", cascade="all, delete-orphan", order_by="Placement.id"
    )
    unmatched = relationship(
        "Unmatched", back_populates="run", cascade="all, delete-orphan", order_by="Unmatched.id"
    )


class Placement(TimestampMixin, db.Model):
    """An assignment in a run: a student or a class request to an offer slot or role model."""

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("match_run.id", ondelete="CASCADE"))
    student_id: Mapped[int | None] = mapped_column(sa.ForeignKey("student.id", ondelete="CASCADE"))
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("class_request.id", ondelete="CASCADE")
    )
    slot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offer_slot.id", ondelete="CASCADE"))
    role_model_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("role_model.id", ondelete="CASCADE")
    )
    on_date: Mapped[date | None]
    kind: Mapped[str] = mapped_column(sa.String(20))
    mode: Mapped[str] = mapped_column(sa.String(10), default="physical", server_default="physical")
    preference_rank: Mapped[int | None]
    travel_km: Mapped[float | None]
    is_pinned: Mapped[bool] = mapped_column(default=False, server_default=sa.text("false"))
    reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # The engine's reason code and parameters, rendered in the viewer's language.
    reason_code: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    reason_params: Mapped[dict | None] = mapped_column(sa.JSON)
    calendar_uid: Mapped[str | None] = mapped_column(sa.String(120), unique=True)
    calendar_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set when an administrator cancels a published placement (a host withdrew, a role model
    # left): its place is given back, CANCEL invites go out and calendars drop it.
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # Set when an administrator moves a published placement to another place or day: the
    # row keeps its UID, and calendars get the change with a higher SEQUENCE.
    changed_at: Mapped[datetime | None]
    change_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    __table_args__ = (
        sa.CheckConstraint(
            "student_id IS NOT NULL OR request_id IS NOT NULL", name="student_or_request"
        ),
    )

    run = relationship("MatchRun", back_populates="placements")
    student = relationship("Student")
    request = relationship("ClassRequest")
    slot = relationship("OfferSlot")
    role_model = relationship("RoleModel")
    # Feedback outlives its placement (archiving removes students' placements): the row
    # keeps what it was about, and the database sets placement_id to NULL.
    feedback = relationship(
        "PlacementFeedback",
        back_populates="placement",
        passive_deletes=True,
        order_by="PlacementFeedback.id",
    )


FEEDBACK_ROLES = ("host", "teacher", "student")


class PlacementFeedback(db.Model):
    """A score and comment on a published placement after it happened: one per person, from
    the host (a contact person or the role model), a teacher of the class, or the student.

    It copies what it is about (season, kind, company, school, class, day), so the season's
    report and the host's scores stay when archiving removes the students' placements; a
    student's answer then loses its author and comment and keeps its score."""

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("placement.id", ondelete="SET NULL"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    role: Mapped[str] = mapped_column(sa.String(10))
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    season_id: Mapped[int] = mapped_column(
        sa.ForeignKey("season.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    company_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("company.id", ondelete="SET NULL"), index=True
    )
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("school.id", ondelete="SET NULL"))
    class_name: Mapped[str] = mapped_column(sa.String(60), default="", server_default="")
    activity_on: Mapped[date | None]

    __table_args__ = (
        sa.UniqueConstraint("placement_id", "author_id"),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name="score"),
        sa.CheckConstraint("role IN ('host', 'teacher', 'student')", name="role"),
    )

    placement = relationship("Placement", back_populates="feedback")
    company = relationship("Company")
    school = relationship("School")


class Unmatched(db.Model):
    """A student, request or offer left without a match, with a reason a person can act on."""

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("match_run.id", ondelete="CASCADE"))
    student_id: Mapped[int | None] = mapped_column(sa.ForeignKey("student.id", ondelete="CASCADE"))
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("class_request.id", ondelete="CASCADE")
    )
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offer.id", ondelete="CASCADE"))
    reason_code: Mapped[str] = mapped_column(sa.String(40))
    reason_params: Mapped[dict | None] = mapped_column(sa.JSON)
    reason: Mapped[str] = mapped_column(sa.Text)  # English; shown for rows without params

    run = relationship("MatchRun", back_populates="unmatched")
    student = relationship("Student")
    request = relationship("ClassRequest")
    offer = relationship("Offer")
