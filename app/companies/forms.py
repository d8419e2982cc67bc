"""Forms of the company side: registration, profile, logo, sites, invitations, plan."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.domain import COUNTRIES, STEM_FIELDS


class MultiCheckboxField(SelectMultipleField):
    """A list of check boxes, easier to use on a phone than a multiple select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def field_choices() -> list[tuple[str, str]]:
    """The fixed list of STEM fields."""
    return list(STEM_FIELDS.items())


class CompanyForm(FlaskForm):
    """The company's profile."""

    country = SelectField(_l("Country"), choices=list(COUNTRIES.items()), default="NO")
    org_number = StringField(_l("Organisation number"), validators=[DataRequired(), Length(max=20)])
    name = StringField(_l("Company name"), validators=[DataRequired(), Length(max=200)])
    employees = IntegerField(_l("Number of employees"), validators=[Optional()])
    fields = MultiCheckboxField(_l("Fields"), choices=field_choices)
    description = TextAreaField(_l("What the company does"), validators=[Length(max=4000)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=255)])

    def validate_org_number(self, field) -> None:
        """Check the digits with the form's other fields, so every error shows at once."""
        from app.companies.services import check_org_number
        from app.core.errors import DomainError

        try:
            check_org_number(self.country.data, field.data or "")
        except DomainError as error:
            raise ValidationError(error.message) from None


class RegisterCompanyForm(CompanyForm):
    """Registration by a logged-in user, who becomes the contact person."""

    phone = StringField(_l("Your phone number"), validators=[Optional(), Length(max=30)])


class RegisterWithAccountForm(RegisterCompanyForm):
    """Registration by a visitor: the contact person's account is created at the same time."""

    your_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        _l("Your e-mail address"),
        validators=[
            DataRequired(),
            Email(message=_l("Write a valid e-mail address.")),
            Length(max=254),
        ],
    )
    password = PasswordField(_l("Choose a password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class LogoForm(FlaskForm):
    """A logo file."""

    logo = FileField(_l("Logo (PNG, JPEG or WebP, at most 1 MB)"))


class InviteForm(FlaskForm):
    """Invite a person by e-mail."""

    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(), Email(message=_l("Write a valid e-mail address."))],
    )
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])


class SiteForm(FlaskForm):
    """A site: address and municipality, with an optional corrected position."""

    name = StringField(_l("Name of the site"), validators=[DataRequired(), Length(max=120)])
    address = StringField(_l("Street address"), validators=[DataRequired(), Length(max=255)])
    postal_code = StringField(_l("Postal code"), validators=[Optional(), Length(max=10)])
    municipality = StringField(
        _l("Municipality or town"), validators=[DataRequired(), Length(max=120)]
    )
    latitude = FloatField(_l("Latitude"), validators=[Optional()])
    longitude = FloatField(_l("Longitude"), validators=[Optional()])


class PlanForm(FlaskForm):
    """Next year's numbers per kind; any may be 0."""

    role_model_visits = IntegerField(_l("Role-model school visits"), validators=[Optional()])
    company_visits = IntegerField(_l("Company visits (classes)"), validators=[Optional()])
    job_shadowing_days = IntegerField(_l("Job shadowing (student days)"), validators=[Optional()])
    work_week_places = IntegerField(_l("Work week places (students)"), validators=[Optional()])


class TerminateForm(FlaskForm):
    """Terminating the membership needs an explicit confirmation."""

    confirm = BooleanField(_l("Yes, end our membership"))


class DeadlineForm(FlaskForm):
    """The administrator's annual plan deadline."""

    deadline = StringField(
        _l("Annual plan deadline (MM-DD)"), validators=[DataRequired(), Length(max=5)]
    )
