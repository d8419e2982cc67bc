"""Forms for offers, their dates and a role model's own profile."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.companies.forms import MultiCheckboxField, field_choices
from app.core.domain import GRADES, LANGUAGES, MODES

WEEKDAYS = [
    (0, _l("Monday")),
    (1, _l("Tuesday")),
    (2, _l("Wednesday")),
    (3, _l("Thursday")),
    (4, _l("Friday")),
]
GENDER_CHOICES = [
    ("", _l("Do not say")),
    ("woman", _l("Woman")),
    ("man", _l("Man")),
    ("non_binary", _l("Non-binary")),
    ("other", _l("Other")),
]


class OfferForm(FlaskForm):
    """An offer; the template shows the fields its kind needs."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    site_id = SelectField(_l("Site"), coerce=int, validate_choice=False)
    mode = SelectField(_l("Digital or physical"), choices=list(MODES.items()), default="physical")
    description = TextAreaField(_l("What the students do"), validators=[Length(max=4000)])
    fields = MultiCheckboxField(_l("Fields"), choices=field_choices)
    grades = MultiCheckboxField(
        _l("Grades"), coerce=int, choices=[(g, str(g)) for g in GRADES], default=list(GRADES)
    )
    duration_minutes = IntegerField(_l("Length in minutes"), validators=[Optional()])
    group_size = IntegerField(_l("Group size (students)"), validators=[Optional()])
    role_model_id = SelectField(_l("Role model"), coerce=int, validate_choice=False)
    supervisor_name = StringField(
        _l("Supervisor at the company"), validators=[Optional(), Length(max=120)]
    )
    school_contact_info = TextAreaField(
        _l("What the school contact must know"), validators=[Length(max=4000)]
    )
    what_to_bring = TextAreaField(_l("What to bring"), validators=[Length(max=2000)])
    safety_notes = TextAreaField(_l("Safety notes"), validators=[Length(max=2000)])


class SlotForm(FlaskForm):
    """Add a date (or a week), optionally repeated weekly until the last date."""

    first_date = DateField(_l("Date (for a work week: the Monday)"), validators=[Optional()])
    last_date = DateField(_l("Repeat weekly until (optional)"), validators=[Optional()])
    capacity = IntegerField(_l("Places"), validators=[Optional()])
    start_time = StringField(
        _l("Starts at"), default="09:00", validators=[Optional(), Length(max=5)]
    )


class CapacityForm(FlaskForm):
    """Change one date's capacity."""

    capacity = IntegerField(_l("Places"), validators=[Optional()])


class ProfileForm(FlaskForm):
    """A role model's own profile."""

    job_title = StringField(_l("Job title"), validators=[DataRequired(), Length(max=120)])
    education_path = TextAreaField(_l("Your education path"), validators=[Length(max=2000)])
    about = TextAreaField(_l("About you and your work"), validators=[Length(max=4000)])
    fields = MultiCheckboxField(_l("Fields"), choices=field_choices)
    languages = MultiCheckboxField(
        _l("Languages you can visit in"), choices=list(LANGUAGES.items())
    )
    modes = MultiCheckboxField(_l("Visits"), choices=list(MODES.items()))
    site_id = SelectField(_l("Home site"), coerce=int, validate_choice=False)
    travel_km = IntegerField(_l("How far you will travel (km)"), validators=[Optional()])
    visits_per_year = IntegerField(_l("Visits per year"), default=2, validators=[Optional()])
    weekdays = MultiCheckboxField(_l("Weekdays you can visit"), coerce=int, choices=WEEKDAYS)
    available_from = DateField(_l("Available from"), validators=[Optional()])
    available_until = DateField(_l("Available until"), validators=[Optional()])
    blocked_dates = TextAreaField(
        _l("Dates you cannot (one per line, YYYY-MM-DD)"), validators=[Optional()]
    )
    has_diversity_consent = BooleanField(
        _l(
            "I agree that Skolebro stores my gender and background, only to give schools a "
            "varied mix of role models."
        )
    )
    gender = SelectField(_l("Gender (optional)"), choices=GENDER_CHOICES, validate_choice=False)
    background = StringField(_l("Background (optional)"), validators=[Optional(), Length(max=120)])
