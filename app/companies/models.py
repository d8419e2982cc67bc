"""Companies as STEM partners: sites, contact persons, role models, offers, plans."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import TimestampMixin
from app.extensions import db

ROLE_MODEL_STATUSES = ("invited", "pending", "approved", "paused")
OFFER_KINDS = ("role_model_visit", "company_visit", "job_shadowing", "work_week")


class Company(TimestampMixin, db.Model):
    """A company registered as a STEM partner, unique by organisation number and country."""

    id: Mapped[int] = mapped_column(primary_key=True)
    org_number: Mapped[str] = mapped_column(sa.String(20))
    country: Mapped[str] = mapped_column(sa.String(2))
    name: Mapped[str] = mapped_column(sa.String(200))
    employees: Mapped[int] = mapped_column(default=0)
    fields: Mapped[list] = mapped_column(sa.JSON, default=list)
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    logo_path: Mapped[str | None] = mapped_column(sa.String(255))
    website: Mapped[str | None] = mapped_column(sa.String(255))

    __table_args__ = (
        sa.UniqueConstraint("org_number", "country"),
        sa.CheckConstraint("country IN ('NO', 'DK')", name="country"),
        sa.CheckConstraint("employees >= 0", name="employees"),
    )

    sites = relationship("Site", back_populates="company", cascade="all, delete-orphan")
    contact_persons = relationship("ContactPerson", back_populates="company")
    role_models = relationship("RoleModel", back_populates="company")
    offers = relationship("Offer", back_populates="company")


class Site(TimestampMixin, db.Model):
    """A place where the company works; offers and role models belong to one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    address: Mapped[str] = mapped_column(sa.String(255))
    postal_code: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")
    municipality: Mapped[str] = mapped_column(sa.String(120))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]

    company = relationship("Company", back_populates="sites")


class ContactPerson(TimestampMixin, db.Model):
    """A user who manages one company."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id", ondelete="CASCADE"))
    phone: Mapped[str] = mapped_column(sa.String(30), default="", server_default="")

    __table_args__ = (sa.UniqueConstraint("user_id", "company_id"),)

    user = relationship("User", back_populates="contact_persons")
    company = relationship("Company", back_populates="contact_persons")


class RoleModel(TimestampMixin, db.Model):
    """An employee who visits schools; the profile is theirs, approval is the company's."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id", ondelete="CASCADE"))
    site_id: Mapped[int | None] = mapped_column(sa.ForeignKey("site.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(10), default="pending")
    job_title: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    education_path: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    about: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    fields: Mapped[list] = mapped_column(sa.JSON, default=list)
    languages: Mapped[list] = mapped_column(sa.JSON, default=list)
    modes: Mapped[list] = mapped_column(sa.JSON, default=list)
    travel_km: Mapped[int] = mapped_column(default=50)
    visits_per_year: Mapped[int] = mapped_column(default=2, server_default="2")
    weekdays: Mapped[list] = mapped_column(sa.JSON, default=lambda: [0, 1, 2, 3, 4])
    available_from: Mapped[date | None]
    available_until: Mapped[date | None]
    blocked_dates: Mapped[list] = mapped_column(sa.JSON, default=list)
    has_diversity_consent: Mapped[bool] = mapped_column(
        default=False, server_default=sa.text("false")
    )
    gender: Mapped[str | None] = mapped_column(sa.String(20))
    background: Mapped[str | None] = mapped_column(sa.String(120))
    approved_at: Mapped[datetime | None]

    __table_args__ = (
        sa.UniqueConstraint("user_id", "company_id"),
        sa.CheckConstraint(f"status IN {ROLE_MODEL_STATUSES}", name="status"),
        sa.CheckConstraint("visits_per_year >= 0", name="visits_per_year"),
        sa.CheckConstraint("travel_km >= 0", name="travel_km"),
    )

    user = relationship("User", back_populates="role_models")
    company = relationship("Company", back_populates="role_models")
    site = relationship("Site")
    years = relationship("RoleModelYear", back_populates="role_model", cascade="all, delete-orphan")


class RoleModelYear(db.Model):
    """A role model's visit capacity in one calendar year, taken atomically."""

    id: Mapped[int] = mapped_column(primary_key=True)
    role_model_id: Mapped[int] = mapped_column(sa.ForeignKey("role_model.id", ondelete="CASCADE"))
    year: Mapped[int]
    capacity: Mapped[int] = mapped_column(default=2)
    taken: Mapped[int] = mapped_column(default=0, server_default="0")

    __table_args__ = (
        sa.UniqueConstraint("role_model_id", "year"),
        sa.CheckConstraint("taken >= 0 AND taken <= capacity", name="taken_within_capacity"),
    )

    role_model = relationship("RoleModel", back_populates="years")


class Offer(TimestampMixin, db.Model):
    """Something a company offers: a role-model visit, company visit, shadowing or work week."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id", ondelete="CASCADE"))
    site_id: Mapped[int | None] = mapped_column(sa.ForeignKey("site.id", ondelete="SET NULL"))
    role_model_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("role_model.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    mode: Mapped[str] = mapped_column(sa.String(10), default="physical")
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    fields: Mapped[list] = mapped_column(sa.JSON, default=list)
    grades: Mapped[list] = mapped_column(sa.JSON, default=lambda: [8, 9, 10])
    duration_minutes: Mapped[int] = mapped_column(default=60)
    group_size: Mapped[int | None]
    supervisor_name: Mapped[str | None] = mapped_column(sa.String(120))
    school_contact_info: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    what_to_bring: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    safety_notes: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.text("true"))

    __table_args__ = (
        sa.CheckConstraint(f"kind IN {OFFER_KINDS}", name="kind"),
        sa.CheckConstraint("mode IN ('digital', 'physical')", name="mode"),
        sa.CheckConstraint("duration_minutes > 0", name="duration"),
    )

    company = relationship("Company", back_populates="offers")
    site = relationship("Site")
    role_model = relationship("RoleModel")
    slots = relationship(
        "OfferSlot", back_populates="offer", cascade="all, delete-orphan", order_by="OfferSlot.date"
    )


class OfferSlot(db.Model):
    """One date (visit, shadowing) or one week (work week) of an offer, with its capacity."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(sa.ForeignKey("offer.id", ondelete="CASCADE"))
    date: Mapped[date]
    end_date: Mapped[date | None]
    start_time: Mapped[str] = mapped_column(sa.String(5), default="09:00", server_default="09:00")
    capacity: Mapped[int]
    taken: Mapped[int] = mapped_column(default=0, server_default="0")

    __table_args__ = (
        sa.UniqueConstraint("offer_id", "date"),
        sa.CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        sa.CheckConstraint("taken >= 0 AND taken <= capacity", name="taken_within_capacity"),
    )

    offer = relationship("Offer", back_populates="slots")

    @property
    def left(self) -> int:
        """Places still free."""
        return self.capacity - self.taken


class Membership(TimestampMixin, db.Model):
    """A company's partner membership for one year; tier and fee follow employee count."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id", ondelete="CASCADE"))
    year: Mapped[int]
    tier: Mapped[str] = mapped_column(sa.String(10))
    fee_nok: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(12), default="active")
    terminated_at: Mapped[datetime | None]

    __table_args__ = (
        sa.UniqueConstraint("company_id", "year"),
        sa.CheckConstraint("status IN ('active', 'terminated')", name="status"),
    )

    company = relationship("Company")


class AnnualPlan(TimestampMixin, db.Model):
    """How many activities of each kind the company commits to in one calendar year."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("company.id", ondelete="CASCADE"))
    year: Mapped[int]
    role_model_visits: Mapped[int] = mapped_column(default=0)
    company_visits: Mapped[int] = mapped_column(default=0)
    job_shadowing_days: Mapped[int] = mapped_column(default=0)
    work_week_places: Mapped[int] = mapped_column(default=0)
    submitted_at: Mapped[datetime | None]
    is_reopened: Mapped[bool] = mapped_column(default=False, server_default=sa.text("false"))

    __table_args__ = (
        sa.UniqueConstraint("company_id", "year"),
        sa.CheckConstraint(
            "role_model_visits >= 0 AND company_visits >= 0 AND job_shadowing_days >= 0 "
            "AND work_week_places >= 0",
            name="not_negative",
        ),
    )

    company = relationship("Company")
