"""Accounts: log in, invitations, password reset and students joining a class."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.accounts.models import Invitation, User
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.extensions import db
from app.outbox.services import queue_email


class InvitationProblem(Exception):
    """An invitation link that cannot be used: tampered, expired, already used, or for an
    account an administrator deactivated (`message` then says whom to ask)."""

    def __init__(self, kind: str, invitation: Invitation | None = None, message: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.invitation = invitation
        self.message = message


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def find_user_by_login(login: str) -> User | None:
    """Find a user by e-mail address or (for students) user name, case-insensitively."""
    login = login.strip().lower()
    column = User.email if "@" in login else User.username
    return db.session.scalar(sa.select(User).where(sa.func.lower(column) == login))


def authenticate(login: str, password: str) -> User:
    """Return the user for valid credentials, or raise a DomainError on the password field."""
    user = find_user_by_login(login)
    if user is None or not user.check_password(password):
        raise DomainError("password", _("Wrong e-mail address, user name or password."))
    if not user.is_active:  # said only to whoever knows the password
        raise DomainError(None, deactivated_message(user))
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def deactivated_message(user: User) -> str:
    """Why the login fails for a deactivated account, and whom to ask."""
    if user.student is not None:
        return _("Your account is deactivated. Ask your teacher if you need it again.")
    admin = _deactivated_by(user)
    if admin is None or not admin.email:
        return _("Your account is deactivated. Ask a Skolebro administrator if you need it again.")
    return _(
        "Your account is deactivated. Ask %(name)s (%(email)s), the Skolebro administrator "
        "who deactivated it, if you need it again.",
        name=admin.name,
        email=admin.email,
    )


def _deactivated_by(user: User) -> User | None:
    """The administrator who last deactivated the account, from the audit log."""
    from app.admin.models import AuditLog

    entry = db.session.scalar(
        sa.select(AuditLog)
        .where(AuditLog.action == "user.deactivate", AuditLog.object_type == "User")
        .where(AuditLog.object_id == user.id)
        .order_by(AuditLog.id.desc())
        .limit(1)
    )
    return entry.actor if entry is not None else None


def create_invitation(
    actor: User | None,
    kind: str,
    email: str,
    name: str = "",
    *,
    company_id: int | None = None,
    school_id: int | None = None,
    language: str = "nb",
) -> tuple[Invitation, str]:
    """Create an invitation, queue its e-mail, commit, and return it with its link."""
    days = current_app.config["INVITATION_MAX_AGE_DAYS"]
    invitation = Invitation(
        kind=kind,
        email=email.strip().lower(),
        name=name,
        company_id=company_id,
        school_id=school_id,
        invited_by_id=getattr(actor, "id", None),
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    link = invitation_link(invitation)
    with force_locale(language):
        queue_email(
            invitation.email,
            _("You are invited to Skolebro"),
            render_template("accounts/email/invitation.txt", invitation=invitation, link=link),
        )
    audit.record(actor, "invitation.create", invitation, kind=kind, email=invitation.email)
    db.session.commit()
    return invitation, link


def invitation_link(invitation: Invitation) -> str:
    """An absolute, signed link to accept the invitation."""
    token = _serializer("invitation").dumps({"i": invitation.id, "n": invitation.nonce})
    return current_app.config["PUBLIC_BASE_URL"] + url_for(
        "accounts.accept_invitation", token=token
    )


def load_invitation(token: str) -> Invitation:
    """Check a token's signature, expiry and single use; raise InvitationProblem if unusable."""
    max_age = current_app.config["INVITATION_MAX_AGE_DAYS"] * 86400
    try:
        data = _serializer("invitation").loads(token, max_age=max_age)
    except SignatureExpired:
        raise InvitationProblem("expired") from None
    except BadSignature:
        raise InvitationProblem("invalid") from None
    invitation = db.session.get(Invitation, data.get("i"))
    if invitation is None or not secrets.compare_digest(invitation.nonce, str(data.get("n"))):
        raise InvitationProblem("invalid")
    if invitation.is_used:
        raise InvitationProblem("used", invitation)
    if invitation.is_expired:
        raise InvitationProblem("expired", invitation)
    user = find_user_by_login(invitation.email)
    if user is not None and not user.is_active:
        # Accepting would set a password and a role on an account that still cannot log in;
        # only an administrator's reactivation opens it again.
        raise InvitationProblem("deactivated", invitation, deactivated_message(user))
    return invitation


def accept_invitation(token: str, name: str, password: str, language: str = "nb") -> User:
    """Create or reuse the invited user, give the role, mark the invitation used, commit."""
    invitation = load_invitation(token)
    check_password_strength(password)
    user = find_user_by_login(invitation.email)
    if user is None:
        user = User(email=invitation.email, name=name.strip(), language=language)
        db.session.add(user)
    user.set_password(password)
    user.must_change_password = False  # the user chose this one
    db.session.flush()
    _grant_role(user, invitation)
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    audit.record(user, "invitation.accept", invitation, kind=invitation.kind)
    db.session.commit()
    return user


def _grant_role(user: User, invitation: Invitation) -> None:
    """Give the invited user the membership the invitation stands for."""
    from app.companies.models import ContactPerson, RoleModel
    from app.schools.models import Teacher

    if invitation.kind == "contact":
        db.session.add(ContactPerson(user_id=user.id, company_id=invitation.company_id))
    elif invitation.kind == "role_model":
        db.session.add(
            RoleModel(
                user_id=user.id,
                company_id=invitation.company_id,
                status="pending",
                modes=["digital", "physical"],
            )
        )
    elif invitation.kind == "teacher":
        # Already a (pending) teacher there, or invited twice: approve that row, add no other.
        teacher = db.session.scalar(
            sa.select(Teacher).filter_by(user_id=user.id, school_id=invitation.school_id)
        )
        if teacher is None:
            teacher = Teacher(user_id=user.id, school_id=invitation.school_id)
            db.session.add(teacher)
        teacher.is_approved = True
    elif invitation.kind == "admin":
        user.is_admin = True


def check_password_strength(password: str, field: str = "password") -> None:
    """Refuse passwords that are short or all one kind of character."""
    if len(password) < 10:
        raise DomainError(field, _("Use at least 10 characters."))
    if password.isdigit() or password.isalpha() and password.lower() == password:
        raise DomainError(field, _("Mix letters with digits or capitals."))


def request_password_reset(email: str, language: str = "nb") -> None:
    """Queue a reset link if the address belongs to a user; say nothing either way."""
    user = find_user_by_login(email) if "@" in email else None
    if user is None or not user.is_active:
        return
    token = _serializer("reset").dumps({"u": user.id, "h": _hash_fingerprint(user)})
    link = current_app.config["PUBLIC_BASE_URL"] + url_for("accounts.reset_password", token=token)
    with force_locale(user.language or language):
        queue_email(
            user.email,
            _("Reset your Skolebro password"),
            render_template("accounts/email/reset.txt", user=user, link=link),
            recipient_user_id=user.id,
        )
    db.session.commit()


def _hash_fingerprint(user: User) -> str:
    """Part of the current password hash, so a used reset link stops working."""
    return (user.password_hash or "")[-16:]


def reset_password(token: str, password: str) -> User:
    """Set a new password from a valid reset link; the link then stops working."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"]
    try:
        data = _serializer("reset").loads(token, max_age=max_age)
    except BadSignature:
        raise InvitationProblem("invalid") from None
    user = db.session.get(User, data.get("u"))
    if user is None or _hash_fingerprint(user) != data.get("h"):
        raise InvitationProblem("used")
    check_password_strength(password)
    user.set_password(password)
    user.must_change_password = False  # the user chose this one
    audit.record(user, "password.reset", user)
    db.session.commit()
    return user


def choose_own_password(user: User, password: str) -> None:
    """Replace a password someone else chose with the user's own; the flag then clears."""
    check_password_strength(password)
    if user.check_password(password):
        raise DomainError("password", _("Choose a different password from the one you got."))
    user.set_password(password)
    user.must_change_password = False
    audit.record(user, "password.choose_own", user)
    db.session.commit()


def change_password(user: User, current: str, password: str) -> None:
    """A logged-in user replaces their password, proving they know the current one."""
    if not user.check_password(current):
        raise DomainError("current", _("That is not your current password."))
    check_password_strength(password)
    user.set_password(password)
    user.must_change_password = False
    audit.record(user, "password.change", user)
    db.session.commit()


def join_class(code: str, display_name: str, password: str, language: str = "nb") -> User:
    """Create a student account in the class with this code; returns the new user."""
    from app.schools.models import SchoolClass, Student

    code = re.sub(r"[\s-]", "", code).upper()
    school_class = db.session.scalar(sa.select(SchoolClass).where(SchoolClass.join_code == code))
    if school_class is None:
        raise DomainError("code", _("No class has this code. Check it with your teacher."))
    display_name = display_name.strip()
    if not 2 <= len(display_name) <= 40:
        raise DomainError("display_name", _("Write a name of 2 to 40 characters."))
    check_password_strength(password)
    user = User(name=display_name, username=_new_username(display_name), language=language)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    db.session.add(Student(user_id=user.id, class_id=school_class.id, display_name=display_name))
    db.session.commit()
    return user


def _new_username(display_name: str) -> str:
    """A readable, unique user name for a student, e.g. 'nora.k7m2'."""
    base = re.sub(r"[^a-z]", "", display_name.lower().split()[0].translate(_ASCII))[:12] or "elev"
    while True:
        candidate = f"{base}.{secrets.token_hex(2)}"
        if db.session.scalar(sa.select(User.id).where(User.username == candidate)) is None:
            return candidate


_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "é": "e"})


def set_language(user: User | None, language: str) -> None:
    """Remember a logged-in user's language choice."""
    if user is not None and getattr(user, "is_authenticated", False):
        user.language = language
        db.session.commit()
