"""Users, invitations and password hashing (argon2id)."""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import TimestampMixin, utcnow
from app.extensions import db

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters

INVITATION_KINDS = ("contact", "role_model", "teacher", "admin")


def new_token() -> str:
    """Return an unguessable URL-safe token."""
    return secrets.token_urlsafe(32)


class User(UserMixin, TimestampMixin, db.Model):
    """A person who logs in; roles come from the memberships they hold."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    username: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    language: Mapped[str] = mapped_column(sa.String(5), default="nb", server_default="nb")
    is_active_account: Mapped[bool] = mapped_column(default=True, server_default=sa.text("true"))
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.text("false"))
    admin_region: Mapped[str | None] = mapped_column(sa.String(80))
    feed_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    last_login_at: Mapped[datetime | None]
    # Set when someone else chose the password (a teacher resetting a student's).
    must_change_password: Mapped[bool] = mapped_column(
        default=False, server_default=sa.text("false")
    )

    contact_persons = relationship(
        "ContactPerson", back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    role_models = relationship(
        "RoleModel", back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    teachers = relationship(
        "Teacher", back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    student = relationship(
        "Student",
        back_populates="user",
        uselist=False,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def is_active(self) -> bool:
        """Flask-Login asks this; a deactivated account cannot log in."""
        return self.is_active_account

    def set_password(self, password: str) -> None:
        """Store an argon2id hash of the password."""
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        """Verify a password, rehashing when the parameters changed."""
        if not self.password_hash:
            return False
        try:
            _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if _hasher.check_needs_rehash(self.password_hash):
            self.set_password(password)
        return True

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email or self.username}>"


class Invitation(TimestampMixin, db.Model):
    """A single-use, expiring invitation to join as contact, role model, teacher or admin."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    email: Mapped[str] = mapped_column(sa.String(254))
    name: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    nonce: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    company_id: Mapped[int | None] = mapped_column(sa.ForeignKey("company.id", ondelete="CASCADE"))
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("school.id", ondelete="CASCADE"))
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    __table_args__ = (sa.CheckConstraint(f"kind IN {INVITATION_KINDS}", name="kind"),)

    company = relationship("Company")
    school = relationship("School")
    invited_by = relationship("User", foreign_keys=[invited_by_id])

    @property
    def is_expired(self) -> bool:
        """True once the expiry time has passed."""
        return utcnow() >= self.expires_at

    @property
    def is_used(self) -> bool:
        """True once somebody accepted it."""
        return self.used_at is not None
