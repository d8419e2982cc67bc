"""Schools, teachers, classes and students (students are minors: least data possible)."""

from __future__ import annotations

import secrets
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.domain import TIME_ZONES
from app.core.model_base import TimestampMixin
from app.extensions import db

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_join_code() -> str:
    """Return an 8-character class code without look-alike characters."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


class School(TimestampMixin, db.Model):
    """A lower secondary school with its place on the map."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    municipality: Mapped[str] = mapped_column(sa.String(120))
    region: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    country: Mapped[str] = mapped_column(sa.String(2), default="NO")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    is_rural: Mapped[bool] = mapped_column(default=False, server_default=sa.text("false"))
    org_number: Mapped[str | None] = mapped_column(sa.String(20))

    __table_args__ = (
        sa.UniqueConstraint("name", "municipality"),
        sa.CheckConstraint("country IN ('NO', 'DK')", name="country"),
    )

    teachers = relationship("Teacher", back_populates="school")
    classes = relationship("SchoolClass", back_populates="school")

    @property
    def time_zone(self) -> str:
        """The IANA time zone in which this school's times are shown."""
        return TIME_ZONES.get(self.country, "Europe/Oslo")


class Teacher(TimestampMixin, db.Model):
    """A user who teaches at a school; approved by invitation or by an administrator."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    school_id: Mapped[int] = mapped_column(sa.ForeignKey("school.id", ondelete="CASCADE"))
    is_approved: Mapped[bool] = mapped_column(default=True, server_default=sa.text("true"))
    subjects: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")

    __table_args__ = (sa.UniqueConstraint("user_id", "school_id"),)

    user = relationship("User", back_populates="teachers")
    school = relationship("School", back_populates="teachers")


class SchoolClass(TimestampMixin, db.Model):
    """A class in one school year, with its grade, size, the school's work week and the days
    its students may be away for one day of job shadowing."""

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(sa.ForeignKey("school.id", ondelete="CASCADE"))
    teacher_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teacher.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(sa.String(40))
    grade: Mapped[int]
    size: Mapped[int]
    subject: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    school_year: Mapped[str] = mapped_column(sa.String(9))
    work_week_start: Mapped[date | None]
    shadowing_from: Mapped[date | None]
    shadowing_to: Mapped[date | None]
    join_code: Mapped[str] = mapped_column(sa.String(12), unique=True, default=new_join_code)

    __table_args__ = (
        sa.UniqueConstraint("school_id", "name", "school_year"),
        sa.CheckConstraint("grade BETWEEN 1 AND 13", name="grade"),
        sa.CheckConstraint("size BETWEEN 1 AND 40", name="size"),
        sa.CheckConstraint(
            "(shadowing_from IS NULL) = (shadowing_to IS NULL) AND shadowing_to >= shadowing_from",
            name="shadowing_window",
        ),
    )

    school = relationship("School", back_populates="classes")
    teacher = relationship("Teacher")
    students = relationship("Student", back_populates="school_class")


class Student(TimestampMixin, db.Model):
    """A student in a class: a display name only, no e-mail address."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    class_id: Mapped[int] = mapped_column(sa.ForeignKey("school_class.id", ondelete="CASCADE"))
    display_name: Mapped[str] = mapped_column(sa.String(60))
    has_own_network_placement: Mapped[bool] = mapped_column(
        default=False, server_default=sa.text("false")
    )
    has_diversity_consent: Mapped[bool] = mapped_column(
        default=False, server_default=sa.text("false")
    )
    gender: Mapped[str | None] = mapped_column(sa.String(20))

    user = relationship("User", back_populates="student")
    school_class = relationship("SchoolClass", back_populates="students")

    @property
    def label(self) -> str:
        """The display name and the user name, for teachers' and administrators' lists: two
        students called "Mathias" in one class are told apart by the name they log in with."""
        username = self.user.username if self.user is not None else None
        return f"{self.display_name} ({username})" if username else self.display_name
