"""Forms of the matching domain: weights and run settings, moving a placement, search."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    FloatField,
    IntegerField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.matching.params import GRADES, WEIGHT_LABELS, weight_names


def _weight_field(name: str) -> FloatField:
    return FloatField(
        WEIGHT_LABELS[name],
        validators=[
            InputRequired(_l("Write a number.")),
            NumberRange(0, 1_000_000, message=_l("Write a number from 0 to 1,000,000.")),
        ],
    )


def _travel_field(grade: int) -> FloatField:
    return FloatField(
        _l("Longest trip for grade %(grade)s (km)", grade=grade),
        validators=[
            InputRequired(_l("Write a number.")),
            NumberRange(0, 500, message=_l("Write a number from 0 to 500.")),
        ],
    )


class SettingsForm(FlaskForm):
    """Weights of the soft goals and the run settings (fields added below)."""

    max_school_share = DecimalField(
        _l("Largest share of one company's places for one school"),
        places=2,
        validators=[
            InputRequired(_l("Write a number.")),
            NumberRange(0.05, 1, message=_l("Write a share from 0.05 to 1 (1 means all of them).")),
        ],
    )
    time_limit_s = IntegerField(
        _l("Longest time for a run (seconds)"),
        description=_l(
            "The matching stops there with the best result found so far. A region needs about "
            "a minute; a whole country about two (the default for a season of more than "
            "20,000 students)."
        ),
        validators=[
            InputRequired(_l("Write a number.")),
            NumberRange(10, 1800, message=_l("Write a number of seconds from 10 to 1,800.")),
        ],
    )
    allows_last_resort = BooleanField(
        _l("Place students in an offer within reach they did not wish for, rather than none")
    )


for _name in weight_names():
    setattr(SettingsForm, f"w_{_name}", _weight_field(_name))
for _grade in GRADES:
    setattr(SettingsForm, f"travel_{_grade}", _travel_field(_grade))


class ConfirmForm(FlaskForm):
    """A POST button with a CSRF token for a confirmed action."""


class MoveForm(FlaskForm):
    """Move a placement to another offer slot."""

    slot_id = SelectField(_l("New place"), coerce=int, validate_choice=False)


def _reason_field(description) -> TextAreaField:
    """A required reason for a change after publication, sent to everyone concerned."""
    return TextAreaField(
        _l("Reason"),
        validators=[
            DataRequired(message=_l("Write why, for the people concerned.")),
            Length(max=500, message=_l("Keep it under 500 characters.")),
        ],
        description=description,
    )


class CancelPlacementForm(FlaskForm):
    """Cancel a published placement; the reason goes to everyone concerned."""

    reason = _reason_field(
        _l("Sent with the cancellation to the host or role model and to the class's teacher.")
    )


class MovePublishedForm(MoveForm):
    """Move a published placement; the reason goes with the change to everyone concerned."""

    reason = _reason_field(
        _l("Sent with the change to the host and to the class's teacher, and shown to the student.")
    )
