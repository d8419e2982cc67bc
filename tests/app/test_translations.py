"""Every user-visible string has a bokmål and a Danish translation."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo

APP = Path(__file__).resolve().parents[2] / "app"
METHODS = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}


def source_messages() -> set[str]:
    """Every msgid the app's Python files and templates ask for."""
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(APP), METHODS, keywords=KEYWORDS, options_map={"**.html": {}, "**.txt": {}}
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return {m for m in found if m}


def translated(language: str) -> set[str]:
    """Every msgid with a non-empty translation in any catalog of the app."""
    done = set()
    for mo in APP.glob(f"**/translations/{language}/LC_MESSAGES/messages.mo"):
        with mo.open("rb") as f:
            for m in read_mo(f):
                if m.id and m.string:
                    done.add(m.id[0] if isinstance(m.id, (tuple, list)) else m.id)
    return done


@pytest.mark.parametrize("language", ["nb", "da"])
def test_every_string_is_translated(language):
    missing = sorted(source_messages() - translated(language))
    assert missing == [], f"{len(missing)} strings lack a {language} translation: {missing[:20]}"


def test_a_class_subject_reads_fag_not_the_e_mail_word(app):
    """All catalogs merge into one: an English msgid has one translation app-wide, so the
    e-mail's subject has its own msgid ("E-mail subject") and "Subject" means school subject."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale("nb"):
        assert gettext("Subject") == "Fag"
        assert gettext("E-mail subject") == "Emne"
