"""Times are stored in UTC and shown in the school's or company's time zone."""

from datetime import UTC, datetime

from flask_babel import format_datetime
from flask_login import login_user

from app.core.timezones import timezone_for
from tests.factories import (
    ContactPersonFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
)


def test_time_zone_follows_the_country():
    danish = TeacherFactory(school=SchoolFactory(country="DK", municipality="Aarhus"))
    assert timezone_for(danish.user) == "Europe/Copenhagen"
    assert timezone_for(TeacherFactory().user) == "Europe/Oslo"
    assert timezone_for(StudentFactory().user) == "Europe/Oslo"
    assert timezone_for(ContactPersonFactory().user) == "Europe/Oslo"
    assert timezone_for(UserFactory()) == "Europe/Oslo"


def test_times_are_shown_in_local_time_winter_and_summer(app):
    teacher = TeacherFactory(school=SchoolFactory(country="DK", municipality="Aarhus"))
    with app.test_request_context():
        login_user(teacher.user)
        winter = format_datetime(datetime(2027, 1, 14, 8, 0, tzinfo=UTC), "HH:mm")
        summer = format_datetime(datetime(2027, 6, 10, 7, 0, tzinfo=UTC), "HH:mm")
    assert (winter, summer) == ("09:00", "09:00")
