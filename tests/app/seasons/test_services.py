"""Season services: phase dates, status moves, wishes and class requests."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import DomainError
from app.seasons import requests as class_requests
from app.seasons import services, wishes

DATES = {
    "offers_open_on": date(2026, 11, 1),
    "requests_open_on": date(2026, 12, 1),
    "requests_close_on": date(2027, 1, 15),
    "publish_on": date(2027, 2, 1),
    "starts_on": date(2027, 2, 15),
    "ends_on": date(2027, 6, 15),
    "archive_on": None,
}


def test_dates_out_of_order_are_refused_at_the_late_field(admin):
    values = {**DATES, "name": "Høst", "region": "", "publish_on": date(2027, 1, 1)}
    with pytest.raises(DomainError) as error:
        services.save_season(admin, None, values)
    assert error.value.field == "publish_on"


def test_new_season_is_a_draft_and_moves_one_step(admin):
    season = services.save_season(admin, None, {**DATES, "name": "Vår", "region": "Trøndelag"})
    assert season.status == "draft"
    services.move_status(admin, season, "forward")
    assert season.status == "offers_open"
    with pytest.raises(DomainError):
        services.move_status(admin, services.move_status(admin, season, "back"), "back")


def test_choices_are_in_the_class_week_and_within_reach(world, season):
    student = world["students"][0]
    titles = {c.offer.title for c in wishes.choices_for(student, season)}
    assert titles == {f"Nær {i}" for i in range(6)}
    assert all(c.km < 35 for c in wishes.choices_for(student, season))


def test_a_sixth_wish_a_repeat_and_an_offer_outside_the_week_are_refused(world, season):
    student = world["students"][0]
    for offer in world["near"][:5]:
        wishes.add_wish(student.user, student, season, f"offer:{offer.id}")
    with pytest.raises(DomainError, match="fem ønsker"):
        wishes.add_wish(student.user, student, season, "field:ict")
    wishes.remove_wish(student.user, student, season, 2)
    assert [w.rank for w in wishes.wishes_of(student, season)] == [1, 2, 3, 4]
    with pytest.raises(DomainError, match="allerede"):
        wishes.add_wish(student.user, student, season, f"offer:{world['near'][0].id}")
    with pytest.raises(DomainError, match="ingen ledig plass"):
        wishes.add_wish(student.user, student, season, f"offer:{world['other_week'].id}")
    with pytest.raises(DomainError, match="ingen ledig plass"):
        wishes.add_wish(student.user, student, season, f"offer:{world['far'].id}")


def test_move_up_swaps_two_wishes(world, season):
    student = world["students"][0]
    wishes.add_wish(student.user, student, season, "field:ict")
    wishes.add_wish(student.user, student, season, "field:energy")
    wishes.move_wish_up(student.user, student, season, 2)
    assert [w.field for w in wishes.wishes_of(student, season)] == ["energy", "ict"]


def test_wishes_only_while_the_season_is_open(world, season):
    season.status = "closed"
    student = world["students"][0]
    with pytest.raises(DomainError, match="mens sesongen er åpen"):
        wishes.add_wish(student.user, student, season, "field:ict")


def test_gender_only_with_consent(world):
    student = world["students"][0]
    with pytest.raises(DomainError) as error:
        wishes.save_about_me(
            student.user,
            student,
            {"has_consent": False, "gender": "female", "has_own_network_placement": False},
        )
    assert error.value.field == "has_consent"
    wishes.save_about_me(
        student.user,
        student,
        {"has_consent": True, "gender": "female", "has_own_network_placement": True},
    )
    assert student.gender == "female" and student.has_own_network_placement


def test_students_without_wishes(world, season):
    first, second = world["students"]
    wishes.add_wish(first.user, first, season, "field:ict")
    assert wishes.students_without_wishes(season, world["class"]) == [second]


def test_request_window_must_be_inside_the_season(world, season):
    values = {
        "kind": "company_visit",
        "window_start": date(2027, 1, 1),
        "window_end": date(2027, 3, 1),
        "mode": "any",
        "fields": [],
        "max_travel_km": 40,
    }
    with pytest.raises(DomainError) as error:
        class_requests.save_request(world["teacher"].user, season, world["class"], values, None)
    assert error.value.field == "window_start"
    values["window_start"] = date(2027, 3, 1)
    saved = class_requests.save_request(world["teacher"].user, season, world["class"], values, None)
    assert saved.id and saved.mode == "any"


def test_a_season_being_published_cannot_be_moved_back(admin):
    from app.extensions import db
    from app.seasons.models import MatchRun

    season = services.save_season(admin, None, {**DATES, "name": "Vår", "region": ""})
    season.status = "matched"
    db.session.add(MatchRun(season=season, status="publishing", parameters={}, figures={}))
    db.session.commit()
    with pytest.raises(DomainError, match="publiseres nå"):
        services.move_status(admin, season, "back")
    assert season.status == "matched"
