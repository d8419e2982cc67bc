"""The shared field macro: hints from the form, errors tied to their field for screen readers."""

from __future__ import annotations

from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import InputRequired

MACRO = '{% from "_forms.html" import field %}{{ field(form.name) }}{{ field(form.agree) }}'


class _Form(FlaskForm):
    name = StringField("Name", description="As on the door.", validators=[InputRequired("Say it.")])
    agree = BooleanField("I agree", validators=[InputRequired("Tick it.")])
    size = IntegerField("Size")


def test_a_description_shows_as_the_fields_hint(app):
    with app.test_request_context():
        html = render_template_string(MACRO, form=_Form(meta={"csrf": False}))
    assert '<p class="hint" id="name-hint">As on the door.</p>' in html
    assert 'aria-describedby="name-hint"' in html
    assert "None" not in html  # a checkbox without an error describes nothing


def test_errors_are_tied_to_their_field(app):
    with app.test_request_context(method="POST", data={}):
        form = _Form(meta={"csrf": False})
        assert not form.validate()
        html = render_template_string(MACRO, form=form)
    assert 'aria-describedby="name-error"' in html and 'aria-describedby="agree-error"' in html
    assert html.count('aria-invalid="true"') == 2
    assert '<div id="name-error">' in html and "Say it." in html and "Tick it." in html


def test_the_top_of_a_failed_form_links_to_each_wrong_field(app):
    """On a phone the first wrong field may be screens below the top the page reloads at."""
    summary = '{% from "_forms.html" import form_errors %}{{ form_errors(form) }}'
    with app.test_request_context(method="POST", data={"size": "7"}):
        form = _Form(meta={"csrf": True})  # no token: the CSRF error is not a field to fix
        assert not form.validate()
        html = render_template_string(summary, form=form)
    assert 'role="alert"' in html
    assert '<a href="#name">Name</a>, <a href="#agree">I agree</a>' in html
    assert "csrf" not in html.lower() and "Say it." not in html  # messages stay at the fields
    with app.test_request_context():
        assert render_template_string(summary, form=_Form(meta={"csrf": False})).strip() == ""
