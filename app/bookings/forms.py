"""Forms for searching, asking for a visit and answering or changing a booking."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.core.domain import ACTIVITY_KINDS, GRADES, LANGUAGES, MODES, STEM_FIELDS

ANY = [("", _l("Any"))]
DATE_ERROR = _l("Write a date like 2027-03-15.")
TIME_ERROR = _l("Write a time like 09:30.")


class DayField(DateField):
    """A date field whose format error says how to write a date."""

    def process_formdata(self, valuelist):
        """Parse, replacing the library's message with ours."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(DATE_ERROR)) from None


class ClockField(TimeField):
    """A time field whose format error says how to write a time."""

    def process_formdata(self, valuelist):
        """Parse, replacing the library's message with ours."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(TIME_ERROR)) from None


class SearchForm(FlaskForm):
    """Filters of the search page (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    target = SelectField(
        _l("Look for"),
        choices=[("role_models", _l("Role models")), ("offers", _l("Offers from companies"))],
        default="role_models",
    )
    school_id = SelectField(_l("From school"), coerce=int, validate_choice=False)
    field = SelectField(_l("Field"), choices=ANY + list(STEM_FIELDS.items()), default="")
    grade = SelectField(_l("Grade"), choices=ANY + [(str(g), str(g)) for g in GRADES], default="")
    kind = SelectField(_l("Kind"), choices=ANY + list(ACTIVITY_KINDS.items()), default="")
    mode = SelectField(_l("Mode"), choices=ANY + list(MODES.items()), default="")
    language = SelectField(_l("Language"), choices=ANY + list(LANGUAGES.items()), default="")
    on_date = DayField(_l("Available on"), validators=[Optional()], format="%Y-%m-%d")
    max_km = IntegerField(
        _l("Within (km)"), default=50, validators=[Optional(), NumberRange(1, 2000)]
    )


class VisitRequestForm(FlaskForm):
    """A teacher asks a role model for a visit."""

    class_id = SelectField(_l("Class"), coerce=int, validate_choice=False)
    day = DayField(_l("Date"), validators=[InputRequired(DATE_ERROR)])
    at = ClockField(_l("Start time"), validators=[InputRequired(TIME_ERROR)])
    alternative_day = DayField(_l("Alternative date (optional)"), validators=[Optional()])
    alternative_at = ClockField(_l("Alternative start time (optional)"), validators=[Optional()])
    duration_minutes = IntegerField(
        _l("Length (minutes)"), default=60, validators=[InputRequired(), NumberRange(15, 480)]
    )
    mode = SelectField(_l("Mode"), choices=list(MODES.items()))
    message = TextAreaField(_l("Message to the role model"), validators=[Length(max=2000)])


class SlotRequestForm(FlaskForm):
    """A teacher asks for a place on one date of an offer."""

    class_id = SelectField(_l("Class"), coerce=int, validate_choice=False)
    at = ClockField(_l("Start time"), validators=[InputRequired(TIME_ERROR)])
    message = TextAreaField(_l("Message to the company"), validators=[Length(max=2000)])


class AcceptForm(FlaskForm):
    """The provider accepts, on the first or the alternative time."""

    use_alternative = BooleanField(_l("Accept the alternative time instead"))


class ReasonForm(FlaskForm):
    """A reason for declining or cancelling."""

    reason = TextAreaField(_l("Reason"), validators=[Length(max=1000)])


class NewTimeForm(FlaskForm):
    """Another date and time, with a reason (propose or reschedule)."""

    day = DayField(_l("New date"), validators=[InputRequired(DATE_ERROR)])
    at = ClockField(_l("New start time"), validators=[InputRequired(TIME_ERROR)])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=1000)])


def _score_or_none(value) -> int | None:
    return int(value) if value not in ("", None) else None


class FeedbackForm(FlaskForm):
    """A score and a comment after the activity."""

    # No score is chosen until the user picks one: a preselected "5" turned a tap on
    # "Send" into a top score.
    score = SelectField(
        _l("Score"),
        coerce=_score_or_none,
        validators=[InputRequired(message=_l("Choose a score from 1 to 5."))],
        choices=[
            ("", _l("Choose a score")),
            (5, _l("5 – very good")),
            (4, "4"),
            (3, "3"),
            (2, "2"),
            (1, _l("1 – poor")),
        ],
    )
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)])


class ConfirmForm(FlaskForm):
    """An empty form for a POST button with a CSRF token."""
