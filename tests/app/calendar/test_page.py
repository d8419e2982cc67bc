"""The calendar page lists what the user's feed holds: coming activities first, earlier ones a
link away, nobody else's."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from app.core.paging import page_of
from app.extensions import db
from tests.app.calendar.test_routes import confirmed
from tests.factories import StudentFactory, TeacherFactory


def _page(client, url: str = "/calendar/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_both_sides_and_the_class_see_a_confirmed_visit_with_its_day_and_hours(world, login):
    booking = confirmed(world)
    student = StudentFactory(school_class=world.school_class)
    local = booking.starts_at.astimezone(ZoneInfo(world.school_class.school.time_zone))
    hours = f"{local:%H:%M}–{booking.ends_at.astimezone(local.tzinfo):%H:%M}"

    for user in (world.teacher_user, world.role_model.user, student.user):
        page = _page(login(user))
        listed = page[page.index("Kommende aktiviteter") : page.index("I kalenderappen")]
        assert "Rollemodellbesøk" in listed and f"{local.day}." in listed and hours in listed
        assert f'href="/bookings/{booking.id}"' in listed or user is student.user


def test_another_schools_teacher_sees_nothing_and_is_told_what_comes_here(world, login):
    confirmed(world)
    page = _page(login(TeacherFactory().user))
    assert "Rollemodellbesøk" not in page
    assert "Ingenting er bekreftet ennå" in page


def test_a_past_activity_moves_to_earlier_activities(world, login):
    booking = confirmed(world)
    booking.starts_at -= timedelta(days=60)
    booking.ends_at -= timedelta(days=60)
    db.session.commit()
    client = login(world.teacher_user)

    assert "Rollemodellbesøk" not in _page(client)
    earlier = _page(client, "/calendar/?earlier=1")
    assert "Tidligere aktiviteter" in earlier and "Rollemodellbesøk" in earlier


def test_a_long_list_pages_and_a_page_out_of_range_gives_the_last():
    page = page_of(list(range(45)), 9, 20)
    assert (page.page, page.pages, page.items) == (3, 3, list(range(40, 45)))
    assert page.has_prev and not page.has_next
