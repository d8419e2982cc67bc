"""Times of day read one way per language, wherever a page or an e-mail shows them."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from flask_babel import force_locale

from app.calendar.services import local_text
from app.core.formatting import clock


@pytest.mark.parametrize(("language", "expected"), [("nb", "09:15"), ("da", "09.15")])
def test_a_time_reads_the_same_from_text_a_time_and_a_moment(app, language, expected):
    winter_morning = datetime(2027, 1, 14, 8, 15, tzinfo=UTC)  # 09:15 in Oslo
    with app.test_request_context(), force_locale(language):
        assert clock("09:15") == clock(time(9, 15)) == expected
        assert clock(winter_morning, "Europe/Oslo") == expected
        assert local_text(winter_morning, "Europe/Oslo", language).endswith(expected)


def test_nothing_to_show_is_empty(app):
    with app.test_request_context():
        assert clock(None) == clock("") == ""
