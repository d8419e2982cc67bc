"""Forms for logging in, accepting invitations, resetting passwords and joining a class."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length


class LoginForm(FlaskForm):
    """E-mail address (or a student's user name) and password."""

    login = StringField(_l("E-mail address or user name"), validators=[DataRequired()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me logged in on this device"))


class SetPasswordForm(FlaskForm):
    """Name and a new password, typed twice."""

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    password = PasswordField(_l("New password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ResetRequestForm(FlaskForm):
    """The e-mail address to send a reset link to."""

    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(), Email(message=_l("Write a valid e-mail address."))],
    )


class ResetPasswordForm(FlaskForm):
    """A new password, typed twice."""

    password = PasswordField(_l("New password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ChangePasswordForm(FlaskForm):
    """The current password, then a new one typed twice."""

    current = PasswordField(_l("Your current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class JoinClassForm(FlaskForm):
    """A student joins a class with the teacher's code; no e-mail address."""

    code = StringField(_l("Class code"), validators=[DataRequired(), Length(max=20)])
    display_name = StringField(_l("Your first name"), validators=[DataRequired(), Length(max=40)])
    password = PasswordField(_l("Choose a password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class DeleteAccountForm(FlaskForm):
    """Confirm deletion with the password and an explicit tick."""

    password = PasswordField(_l("Your password"), validators=[DataRequired()])
    confirm = BooleanField(
        _l("I understand that my account and my data are deleted for good"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
