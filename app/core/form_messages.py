"""WTForms' own messages ("This field is required.") in every UI language.

WTForms ships a bokmål catalog but no Danish one, so Danish pages showed those messages in
English. Forms look a message up in our catalogs first, then in WTForms' own.
"""

from __future__ import annotations

from flask import has_request_context
from flask_babel import get_translations
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations


class FormMessages:
    """gettext/ngettext for WTForms: our catalogs (app/translations) first, then WTForms'."""

    def gettext(self, string: str) -> str:
        ours = get_translations().ugettext(string) if has_request_context() else string
        return ours if ours != string else wtforms_translations.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        ours = get_translations().ungettext(singular, plural, n) if has_request_context() else None
        if ours is not None and ours not in (singular, plural):
            return ours
        return wtforms_translations.ngettext(singular, plural, n)


FORM_MESSAGES = FormMessages()


def use_our_catalogs() -> None:
    """Make every FlaskForm translate WTForms' messages through FormMessages."""
    FlaskForm.Meta.get_translations = lambda _meta, _form: FORM_MESSAGES
