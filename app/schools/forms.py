"""Forms of the schools domain: import, teacher sign-up, classes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from app.bookings.forms import DayField  # says how to write a date, in the user's language
from app.core.domain import GRADES


class ImportForm(FlaskForm):
    """A CSV file of schools."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])


class TeacherSignupForm(FlaskForm):
    """A teacher registers and waits for approval."""

    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        _l("E-mail address at work"),
        validators=[DataRequired(), Email(message=_l("Write a valid e-mail address."))],
    )
    school_id = SelectField(_l("Your school"), coerce=int, validate_choice=False)
    password = PasswordField(_l("Choose a password"), validators=[DataRequired()])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class ClassForm(FlaskForm):
    """A class: name, grade, size, subject, school year and the work week."""

    school_id = SelectField(_l("School"), coerce=int, validate_choice=False)
    name = StringField(
        _l("Class name"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("For example 9B."),
    )
    grade = IntegerField(
        _l("Grade"),
        default=9,
        validators=[
            InputRequired(_l("Write the grade.")),
            # Offers and the matching serve these grades only; a class outside them gets nothing.
            NumberRange(min(GRADES), max(GRADES), message=_l("Skolebro is for grades 8 to 10.")),
        ],
    )
    size = IntegerField(
        _l("Number of students"),
        validators=[
            InputRequired(_l("Write how many students the class has.")),
            NumberRange(1, 40, message=_l("A class has from 1 to 40 students.")),
        ],
    )
    subject = StringField(_l("Subject"), validators=[Length(max=80)])
    school_year = StringField(_l("School year"), validators=[Optional(), Length(max=9)])
    work_week_start = DayField(_l("Work week starts (a Monday)"), validators=[Optional()])
    shadowing_from = DayField(_l("First day"), validators=[Optional()])
    shadowing_to = DayField(_l("Last day"), validators=[Optional()])


class ButtonForm(FlaskForm):
    """An empty form for a POST button with a CSRF token."""
