"""Forms of the seasons domain: seasons, students' wishes, class requests."""

from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.bookings.forms import (  # say how to write a date or a time, in the user's language
    TIME_ERROR,
    ClockField,
    DayField,
)
from app.core.domain import STEM_FIELDS
from app.seasons.labels import GENDERS, REQUEST_KINDS, REQUEST_MODES

REQUIRED_DAY = InputRequired(_l("Write a date."))


class SeasonForm(FlaskForm):
    """A season's name, region and phase dates."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    region = StringField(
        _l("Region"),
        validators=[Length(max=120)],
        description=_l("Schools of this region take part. Empty: every school."),
    )
    offers_open_on = DayField(_l("Open for offers on"), validators=[REQUIRED_DAY])
    requests_open_on = DayField(_l("Open for requests and wishes on"), validators=[REQUIRED_DAY])
    requests_close_on = DayField(_l("Requests and wishes close on"), validators=[REQUIRED_DAY])
    publish_on = DayField(_l("Result published on"), validators=[REQUIRED_DAY])
    starts_on = DayField(_l("Activities start on"), validators=[REQUIRED_DAY])
    ends_on = DayField(_l("Activities end on"), validators=[REQUIRED_DAY])
    archive_on = DayField(_l("Students' data removed on"), validators=[Optional()])


class ConfirmForm(FlaskForm):
    """A POST button with a CSRF token for a confirmed action."""


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes for one list value."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AddWishForm(FlaskForm):
    """One more wish: a named offer or a field."""

    choice = SelectField(_l("Add a wish"), validate_choice=False)


class AboutMeForm(FlaskForm):
    """Own-network placement and the optional, consented gender."""

    has_own_network_placement = BooleanField(
        _l("I already have a work-week placement through my own network")
    )
    has_consent = BooleanField(_l("I agree that Skolebro may store my gender"))
    gender = SelectField(
        _l("Gender (optional)"),
        choices=[("", _l("Do not say"))] + list(GENDERS.items()),
        validators=[Optional()],
    )


class RequestForm(FlaskForm):
    """A class request: company visit or role-model visit in a window."""

    class_id = SelectField(_l("Class"), coerce=int, validate_choice=False)
    kind = SelectField(_l("What the class asks for"), choices=list(REQUEST_KINDS.items()))
    window_start = DayField(_l("From"), validators=[REQUIRED_DAY])
    window_end = DayField(_l("To"), validators=[REQUIRED_DAY])
    mode = SelectField(_l("Digital or physical"), choices=list(REQUEST_MODES.items()))
    visit_at = ClockField(
        _l("Role-model visit starts at"),
        default=time(9, 0),
        validators=[InputRequired(TIME_ERROR)],
        description=_l("The time the class is ready for the role model, on the day chosen."),
    )
    visit_minutes = IntegerField(
        _l("Length of the visit (minutes)"),
        default=60,
        validators=[
            InputRequired(_l("Write how long the visit lasts.")),
            NumberRange(15, 480, message=_l("Write a number from 15 to 480.")),
        ],
    )
    fields = MultiCheckboxField(_l("Fields"), choices=list(STEM_FIELDS.items()))
    max_travel_km = IntegerField(
        _l("Longest trip for the class (km)"),
        default=50,
        validators=[
            InputRequired(_l("Write how far the class can travel.")),
            NumberRange(0, 500, message=_l("Write a number from 0 to 500.")),
        ],
    )


class SearchForm(FlaskForm):
    """A plain search box (GET)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"))
    page = HiddenField()
