"""Administrator forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional


class InviteForm(FlaskForm):
    """Invite a teacher to a school, or another administrator."""

    kind = SelectField(
        _l("Invite as"), choices=[("teacher", _l("Teacher")), ("admin", _l("Administrator"))]
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(), Email(message=_l("Write a valid e-mail address."))],
    )
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    school_id = SelectField(_l("School"), coerce=int, validators=[Optional()])


class DeactivateForm(FlaskForm):
    """Why an account is deactivated: kept in the audit log for the next administrator."""

    reason = TextAreaField(
        _l("Reason"),
        validators=[
            DataRequired(message=_l("Write why the account is deactivated.")),
            Length(max=500),
        ],
        description=_l("For example: has left the school. Kept in the audit log."),
    )
    cancel_visits = BooleanField(
        _l("Cancel their coming visits and tell the teachers, with this reason"), default=True
    )


class ButtonForm(FlaskForm):
    """An empty form for a POST button with a CSRF token."""
