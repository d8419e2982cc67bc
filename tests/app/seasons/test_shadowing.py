"""Job shadowing in the season: the class's days, students' wishes, the batch places them."""

from __future__ import annotations

from datetime import date

import icalendar
import pytest
import sqlalchemy as sa

from app.core.errors import DomainError
from app.extensions import db
from app.matching.params import params_for
from app.matching.problem_builder import build_problem
from app.matching.publish import publish_run
from app.matching.runs import execute_run, start_run
from app.outbox.models import OutboxMessage
from app.schools.models import SchoolClass
from app.seasons import wishes
from scheduler import solve, validate
from tests.factories import (
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    SiteFactory,
    TeacherFactory,
)

DAYS = (date(2027, 3, 1), date(2027, 3, 5))


def shadowing_offer(title: str, lat: float, lon: float, days, capacity: int = 1):
    """A job-shadowing offer with a slot on each of the days."""
    site = SiteFactory(latitude=lat, longitude=lon)
    offer = OfferFactory(
        company=site.company, site=site, kind="job_shadowing", title=title, fields=["ict"]
    )
    for day in days:
        OfferSlotFactory(offer=offer, date=day, capacity=capacity, start_time="08:00")
    return offer


@pytest.fixture
def shadowing(world):
    """The class has job-shadowing days 1-5 March; offers on those days, outside, and far."""
    world["class"].shadowing_from, world["class"].shadowing_to = DAYS
    inside = shadowing_offer("Hospitering data", 63.42, 10.37, [date(2027, 3, 2), date(2027, 3, 3)])
    outside = shadowing_offer("Hospitering april", 63.42, 10.37, [date(2027, 4, 6)])
    far = shadowing_offer("Hospitering Tromsø", 69.65, 18.96, [date(2027, 3, 2)])
    db.session.commit()
    return {**world, "inside": inside, "outside": outside, "far": far}


def test_choices_are_on_the_class_days_with_their_free_dates(shadowing, season):
    student = shadowing["students"][0]
    choices = wishes.choices_for(student, season, kind="job_shadowing")
    assert [c.offer.title for c in choices] == ["Hospitering data"]
    assert choices[0].dates == (date(2027, 3, 2), date(2027, 3, 3)) and choices[0].free == 2


def test_wishes_of_the_two_kinds_are_separate_lists(shadowing, season):
    student = shadowing["students"][0]
    for offer in shadowing["near"][:5]:
        wishes.add_wish(student.user, student, season, f"offer:{offer.id}")
    wish = wishes.add_wish(
        student.user, student, season, f"offer:{shadowing['inside'].id}", "job_shadowing"
    )
    assert wish.rank == 1 and wish.kind == "job_shadowing"
    wishes.add_wish(student.user, student, season, "field:ict", "job_shadowing")
    wishes.move_wish_up(student.user, student, season, 2, "job_shadowing")
    listed = wishes.wishes_of(student, season, "job_shadowing")
    assert [w.field for w in listed] == ["ict", None]
    assert len(wishes.wishes_of(student, season)) == 5
    for offer in (shadowing["outside"], shadowing["far"]):
        with pytest.raises(DomainError, match="ingen ledig dag"):
            wishes.add_wish(student.user, student, season, f"offer:{offer.id}", "job_shadowing")


def test_a_class_without_days_cannot_wish_for_job_shadowing(world, season):
    student = world["students"][0]
    assert wishes.choices_for(student, season, kind="job_shadowing") == []
    with pytest.raises(DomainError, match="ingen dager for hospitering"):
        wishes.add_wish(student.user, student, season, "field:ict", "job_shadowing")


def test_the_wishes_page_shows_job_shadowing_only_when_the_class_has_days(
    login, world, shadowing, season
):
    student = shadowing["students"][0]
    client = login(student.user)
    page = client.get("/seasons/wishes").get_data(as_text=True)
    assert "Hospitering data" in page and "Ledige dager:" in page
    added = client.post(
        "/seasons/wishes/job_shadowing/add",
        data={"shadow-choice": f"offer:{shadowing['inside'].id}"},
    )
    assert added.status_code == 302
    bad = client.post("/seasons/wishes/job_shadowing/add", data={"shadow-choice": "offer:999999"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "ingen ledig dag" in text
    assert 'id="shadow-choice"' in text and 'id="choice"' in text  # two forms, two ids
    assert wishes.wishes_of(student, season, "job_shadowing")[0].offer == shadowing["inside"]
    shadowing["class"].shadowing_from = shadowing["class"].shadowing_to = None
    db.session.commit()
    assert "Hospitering data" not in client.get("/seasons/wishes").get_data(as_text=True)


def test_teacher_sets_the_days_and_a_half_window_is_named_at_its_field(login):
    teacher = TeacherFactory()
    client = login(teacher.user)
    form = {
        "school_id": teacher.school_id,
        "name": "10A",
        "grade": 10,
        "size": 25,
        "school_year": "2026-2027",
        "shadowing_from": "2027-03-01",
    }
    page = client.post("/schools/classes/new", data=form).get_data(as_text=True)
    start = page.index('id="shadowing_to"')
    assert (
        "Skriv både første og siste dag, eller ingen." in page[start : page.index("</div>", start)]
    )
    assert 'value="2027-03-01"' in page
    late = client.post("/schools/classes/new", data={**form, "shadowing_to": "2027-02-01"})
    assert "Siste dag kan ikke være før første dag." in late.get_data(as_text=True)
    other_year = client.post(
        "/schools/classes/new", data={**form, "shadowing_to": "2027-09-01"}
    ).get_data(as_text=True)
    assert "Dagene må være i skoleåret 2026-2027" in other_year
    saved = client.post("/schools/classes/new", data={**form, "shadowing_to": "2027-03-05"})
    assert saved.status_code == 302
    school_class = db.session.scalar(sa.select(SchoolClass))
    assert (school_class.shadowing_from, school_class.shadowing_to) == DAYS
    assert "Hospiteringsdager" in client.get(saved.headers["Location"]).get_data(as_text=True)


def test_the_batch_places_job_shadowing_wishes_and_publishing_invites_the_host(
    admin, shadowing, season
):
    wisher, other = shadowing["students"]
    wishes.add_wish(wisher.user, wisher, season, "field:ict", "job_shadowing")
    ContactPersonFactory(company=shadowing["inside"].company)
    season.status = "closed"
    db.session.commit()

    built = build_problem(season)
    by_id = {s.id: s for s in built.problem.students}
    assert by_id[f"student:{wisher.id}"].shadowing_window == DAYS
    assert by_id[f"student:{other.id}"].shadowing_window is None  # no wish, no job shadowing

    run = execute_run(start_run(admin, season).id)
    shadowed = [p for p in run.placements if p.kind == "job_shadowing"]
    assert [p.student_id for p in shadowed] == [wisher.id]
    assert DAYS[0] <= shadowed[0].slot.date <= DAYS[1]
    assert shadowed[0].slot.offer == shadowing["inside"]
    assert shadowed[0].preference_rank == 1
    assert (run.figures["shadowing_placed"], run.figures["shadowing_students"]) == (1, 1)

    publish_run(admin, run)
    invite = next(
        m
        for m in db.session.scalars(sa.select(OutboxMessage))
        if m.calendar_method == "REQUEST" and "Hospitering" in (m.subject or "")
    )
    event = icalendar.Calendar.from_ical(invite.calendar_ics).walk("VEVENT")[0]
    assert event["dtstart"].dt.date() == shadowed[0].slot.date
    assert wisher.display_name in str(event["summary"])


def test_one_school_gets_its_share_of_a_company_and_the_other_wisher_is_told_why(
    admin, shadowing, season
):
    inside = shadowing["inside"]
    for student in shadowing["students"]:
        wishes.add_wish(student.user, student, season, f"offer:{inside.id}", "job_shadowing")
    season.status = "closed"
    db.session.commit()
    built = build_problem(season)
    solution = solve(built.problem, params_for(season))
    assert validate(built.problem, solution, params_for(season)) == []
    placed = [p for p in solution.assignments if p.kind == "job_shadowing"]
    assert len(placed) == 1  # two places that week, at most half of them to one school
    (reason,) = [r for r in solution.reasons if r.subject_id.startswith("student:")]
    assert reason.kind == "job_shadowing" and reason.code == "school_share"


def test_after_publication_a_cancelled_job_shadowing_day_is_placed_again_on_another_day(
    login, admin, shadowing, season
):
    from app.matching import changes
    from app.seasons.models import Placement

    wisher = shadowing["students"][0]
    wishes.add_wish(wisher.user, wisher, season, "field:ict", "job_shadowing")
    ContactPersonFactory(company=shadowing["inside"].company)
    season.status = "closed"
    db.session.commit()
    run = publish_run(admin, execute_run(start_run(admin, season).id))
    first = next(p for p in run.placements if p.kind == "job_shadowing")
    changes.cancel_placement(admin, first, "Den ansatte er syk.")
    other = next(s for s in shadowing["inside"].slots if s.id != first.slot_id)

    client = login(admin)
    url = f"/matching/runs/{run.id}/students/{wisher.id}/place?kind=job_shadowing"
    review = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    assert url.replace("&", "&amp;") in review  # "Place again" on the cancelled day
    page = client.get(url).get_data(as_text=True)
    assert "Hospitering data" in page and "Hospitering april" not in page  # the class's days
    response = client.post(url, data={"slot_id": other.id})

    assert response.status_code == 302
    again = db.session.scalars(
        sa.select(Placement).where(
            Placement.student_id == wisher.id, Placement.cancelled_at.is_(None)
        )
    ).all()
    assert [(p.kind, p.slot_id) for p in again if p.kind == "job_shadowing"] == [
        ("job_shadowing", other.id)
    ]


def test_the_review_counts_job_shadowing_days_placed(login, admin, shadowing, season):
    wisher = shadowing["students"][0]
    wishes.add_wish(wisher.user, wisher, season, "field:ict", "job_shadowing")
    season.status = "closed"
    db.session.commit()
    run = execute_run(start_run(admin, season).id)
    page = login(admin).get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    start = page.index("Hospiteringsdager plassert")
    assert "1 / 1" in page[start : page.index("</tr>", start)]
    assert "Hospitering data" in page


def test_a_student_with_their_own_work_week_still_gets_job_shadowing(
    login, admin, shadowing, season
):
    own, other = shadowing["students"]
    own.has_own_network_placement = True
    wishes.add_wish(own.user, own, season, "field:ict", "job_shadowing")
    wishes.add_wish(own.user, own, season, f"offer:{shadowing['near'][0].id}")
    page = login(own.user).get("/seasons/wishes").get_data(as_text=True)
    assert "gjennom ditt eget nettverk, så matchingen gir deg ingen arbeidsuke" in page
    season.status = "closed"
    db.session.commit()

    built = build_problem(season)
    engine_own = built.students[f"student:{own.id}"]
    assert engine_own.has_own_work_week and not engine_own.has_no_network
    run = execute_run(start_run(admin, season).id)
    assert sorted((p.student_id, p.kind) for p in run.placements) == [
        (own.id, "job_shadowing"),
        (other.id, "work_week"),
    ]
    assert (run.figures["students"], run.figures["placed"]) == (1, 1)  # the week is theirs
    assert run.figures["shadowing_placed"] == 1


def test_a_student_with_their_own_work_week_and_no_job_shadowing_wish_stays_out(shadowing, season):
    own = shadowing["students"][0]
    own.has_own_network_placement = True
    db.session.commit()
    assert f"student:{own.id}" not in build_problem(season).students


def test_a_pinned_work_week_is_dropped_once_the_student_found_their_own(admin, shadowing, season):
    from app.matching.review import set_pinned

    own = shadowing["students"][0]
    wishes.add_wish(own.user, own, season, "field:ict", "job_shadowing")
    season.status = "closed"
    db.session.commit()
    first = execute_run(start_run(admin, season).id)
    week = next(p for p in first.placements if p.student_id == own.id and p.kind == "work_week")
    set_pinned(admin, week, True)
    own.has_own_network_placement = True
    db.session.commit()

    problem = build_problem(season).problem
    carried = [p for p in (*problem.pins, *problem.previous) if p.subject_id == f"student:{own.id}"]
    assert "work_week" not in {p.kind for p in carried}  # neither pinned nor as previous
    second = execute_run(start_run(admin, season).id)
    assert second.status == "finished"
    assert sorted(p.kind for p in second.placements if p.student_id == own.id) == ["job_shadowing"]
