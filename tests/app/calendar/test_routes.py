"""The private calendar feed: the right events, no METHOD, unguessable and revocable."""

from __future__ import annotations

import icalendar

from app.bookings import changes, services
from app.extensions import db
from tests.app.calendar.test_ics import icalendar_instants, vobject_instants
from tests.factories import StudentFactory


def confirmed(world, days=21):
    booking = services.request_role_model_visit(
        world.teacher_user, world.role_model, world.ask(days=days)
    )
    return services.accept(world.role_model.user, booking)


def feed_url(client) -> str:
    """Make the logged-in user's feed link through the page and return its path."""
    client.post("/calendar/feed/new")
    page = client.get("/calendar/").get_data(as_text=True)
    start = page.index("/calendar/feed/")
    return page[start : page.index(".ics", start) + 4]


def test_feed_has_the_confirmed_visit_and_no_method(world, login):
    booking = confirmed(world)
    client = login(world.role_model.user)
    response = client.get(feed_url(client))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.data)
    assert "METHOD" not in calendar
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == booking.calendar_uid
    start, end = icalendar_instants(response.data)[booking.calendar_uid]
    assert (start, end) == (booking.starts_at, booking.ends_at)
    assert vobject_instants(response.data)[booking.calendar_uid] == (start, end)
    assert world.teacher_user.email not in response.get_data(as_text=True)


def test_wrong_token_is_404(world, client):
    confirmed(world)
    assert client.get("/calendar/feed/not-a-real-token-at-all-0123456789.ics").status_code == 404
    assert client.get("/calendar/feed/x.ics").status_code == 404


def test_a_new_link_revokes_the_old_one_and_off_turns_it_off(world, login):
    confirmed(world)
    client = login(world.teacher_user)
    first = feed_url(client)
    second = feed_url(client)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.post("/calendar/feed/off")
    assert client.get(second).status_code == 404
    assert db.session.get(type(world.teacher_user), world.teacher_user.id).feed_token is None


def test_cancelled_visits_leave_the_feed(world, login):
    booking = confirmed(world)
    client = login(world.role_model.user)
    url = feed_url(client)
    changes.cancel(world.teacher_user, booking, "Syk klasse")
    calendar = icalendar.Calendar.from_ical(client.get(url).data)
    assert calendar.walk("VEVENT") == []


def test_students_see_their_class_visits(world, login):
    booking = confirmed(world)
    student = StudentFactory(school_class=world.school_class)
    client = login(student.user)
    body = client.get(feed_url(client)).data
    assert booking.calendar_uid.encode() in body
    page = client.get("/").get_data(as_text=True)
    assert "Besøk i klassen din" in page


def test_the_calendar_page_needs_login(client):
    assert client.get("/calendar/").status_code == 302


def test_calendar_page_offers_the_link_to_open_in_a_calendar_app(world, login):
    client = login(world.teacher_user)
    path = feed_url(client)
    page = client.get("/calendar/").get_data(as_text=True)
    assert "Åpne i kalenderappen min" in page
    start = page.index('href="webcal://') + len('href="webcal://')
    assert page[start : page.index('"', start)].endswith(path)


def test_first_link_is_ready_and_only_a_renewed_one_replaces_an_old(world, login):
    client = login(world.teacher_user)
    first = client.post("/calendar/feed/new", follow_redirects=True).get_data(as_text=True)
    assert "Kalenderlenken din er klar." in first and "Den gamle virker" not in first
    again = client.post("/calendar/feed/new", follow_redirects=True).get_data(as_text=True)
    assert "Den gamle virker ikke lenger." in again
