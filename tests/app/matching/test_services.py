"""The matching services: problem builder, runs, review, publish and archive."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.matching.params import params_for
from app.matching.problem_builder import build_problem
from app.matching.runs import execute_run, start_run
from app.seasons.models import MatchRun
from scheduler import Solution, validate
from tests.factories import SchoolClassFactory, SchoolFactory, StudentFactory


def run_season(admin, season) -> MatchRun:
    """Queue and execute a run, as the worker does."""
    run = start_run(admin, season)
    return execute_run(run.id)


def test_builder_maps_ids_weeks_and_capacity(season, region):
    built = build_problem(season)
    problem = built.problem
    assert len(problem.schools) == 3 and len(problem.students) == 30
    assert {c.work_week for c in problem.classes} == {10}
    offer = problem.offers[0]
    assert offer.id.startswith("offer:") and offer.slots[0].week == 10
    assert offer.slots[0].capacity == 3
    first = problem.students[0]
    assert first.id.startswith("student:") and first.wishes[0].offer_id.startswith("offer:")
    assert first.wishes[1].field == "ict"


def test_builder_filters_region_and_full_slots(season, region):
    elsewhere = SchoolFactory(region="Vestland", name="Bergen skole")
    StudentFactory(school_class=SchoolClassFactory(school=elsewhere))
    slot = region["offers"][0].slots[0]
    slot.taken = 3
    db.session.commit()
    problem = build_problem(season).problem
    assert len(problem.schools) == 3
    assert f"offer:{region['offers'][0].id}" not in {o.id for o in problem.offers}


def test_run_end_to_end_stores_a_valid_result(admin, season, region):
    run = run_season(admin, season)
    assert run.status == "finished", run.error
    assert run.progress == 1.0
    assert season.status == "matched"
    assert len(run.placements) == run.figures["placed"] >= 20
    assert run.figures["students"] == 30
    unplaced = [u for u in run.unmatched if u.student_id is not None]
    assert len(unplaced) == 30 - len(run.placements) and all(u.reason for u in unplaced)
    assert {t["name"] for t in run.figures["terms"]} >= {"preference", "travel"}
    built = build_problem(season)
    from app.matching.rows import engine_placement

    solution = Solution(
        "feasible", tuple(engine_placement(p) for p in run.placements), (), 0, 0, 0, 0
    )
    assert validate(built.problem, solution, params_for(season)) == []


def test_builder_turns_pins_and_bookings_into_engine_input(admin, season, region):
    from datetime import UTC, datetime

    from app.matching.review import set_pinned
    from tests.factories import BookingFactory

    offer = region["offers"][1]
    BookingFactory(
        school_class=region["classes"][0],
        role_model=None,
        offer=offer,
        slot=offer.slots[0],
        status="confirmed",
        starts_at=datetime(2027, 3, 8, 8, tzinfo=UTC),
        ends_at=datetime(2027, 3, 8, 14, tzinfo=UTC),
    )
    run = run_season(admin, season)
    pinned = set_pinned(admin, run.placements[0], True)
    problem = build_problem(season).problem
    assert len(problem.pins) == 1 and len(problem.previous) == len(run.placements)
    assert problem.pins[0].subject_id == f"student:{pinned.student_id}"
    booking = problem.bookings[0]
    assert booking.offer_id == f"offer:{offer.id}" and booking.week == 10


def test_rerun_keeps_pins_and_the_previous_run(admin, season, region):
    from app.matching.review import set_pinned

    first = run_season(admin, season)
    pinned = set_pinned(admin, first.placements[3], True)
    second = run_season(admin, season)
    assert second.id != first.id and second.status == "finished"
    kept = [p for p in second.placements if p.student_id == pinned.student_id]
    assert kept[0].slot_id == pinned.slot_id and kept[0].is_pinned


def test_failed_run_keeps_the_previous_run(admin, season, region, monkeypatch):
    first = run_season(admin, season)
    monkeypatch.setattr(
        "app.matching.runs.build_problem", lambda s: (_ for _ in ()).throw(RuntimeError("boom"))
    )
    failed = run_season(admin, season)
    assert failed.status == "failed" and "boom" in failed.error
    assert season.status == "matched" and len(first.placements) > 0


def test_publish_takes_capacity_invites_companies_and_sums_up_per_class(admin, season, region):
    import icalendar

    from app.companies.models import OfferSlot
    from app.matching.publish import publish_run
    from app.outbox.models import OutboxMessage
    from tests.factories import ContactPersonFactory

    for offer in region["offers"]:
        ContactPersonFactory(company=offer.company)
    run = run_season(admin, season)
    taken_before = sum(s.taken for s in db.session.query(OfferSlot))
    count = publish_run(admin, run).figures["invites"]
    db.session.expire_all()
    assert sum(s.taken for s in db.session.query(OfferSlot)) == taken_before + len(run.placements)
    messages = db.session.query(OutboxMessage).all()
    assert len(messages) == count
    invites = [m for m in messages if m.calendar_method == "REQUEST"]
    summaries = [m for m in messages if m.calendar_method is None]
    assert len(invites) == len(run.placements)  # the company's contact, one per student
    assert len(summaries) == 3  # one summary per class to its teacher, not one per student
    teacher_mail = {m.recipient for m in summaries}
    assert not teacher_mail & {m.recipient for m in invites}
    names = {
        p.student.display_name
        for p in run.placements
        if p.student.class_id == run.placements[0].student.class_id
    }
    summary = next(m for m in summaries if all(n in m.body_text for n in names))
    assert "Plasseringer for klasse" in summary.subject
    uids = {p.calendar_uid for p in run.placements}
    assert all(u.startswith("placement-") and u.endswith("@skolebro.no") for u in uids)
    event = icalendar.Calendar.from_ical(invites[0].calendar_ics).walk("VEVENT")[0]
    assert str(event["uid"]) in uids
    assert all(len(m.recipient.split(",")) == 1 for m in messages)
    assert season.status == "published" and run.status == "published"


def test_publish_refuses_twice_and_when_a_place_is_gone(admin, season, region):
    import pytest

    from app.core.errors import DomainError
    from app.matching.publish import publish_run

    run = run_season(admin, season)
    slot = run.placements[0].slot
    slot.taken = slot.capacity
    db.session.commit()
    stopped = publish_run(admin, run)
    assert (stopped.status, stopped.error) == ("finished", f"place_gone:{run.placements[0].id}")
    db.session.expire_all()
    assert season.status == "matched"
    slot.taken = 0
    db.session.commit()
    assert publish_run(admin, run).status == "published"
    with pytest.raises(DomainError, match="allerede publisert"):
        publish_run(admin, run)


def test_move_is_checked_by_the_engine_rules(admin, season, region):
    import pytest

    from app.core.errors import DomainError
    from app.matching.review import move_options, move_placement
    from tests.app.matching.conftest import WEEK_10
    from tests.factories import OfferFactory, OfferSlotFactory, SiteFactory

    site = SiteFactory(latitude=63.43, longitude=10.40)
    roomy = OfferFactory(company=site.company, site=site, kind="work_week", title="Romslig")
    roomy_slot = OfferSlotFactory(offer=roomy, date=WEEK_10, capacity=20)
    far = SiteFactory(latitude=69.65, longitude=18.96)  # Tromsø
    far_offer = OfferFactory(company=far.company, site=far, kind="work_week", title="Langt unna")
    far_slot = OfferSlotFactory(offer=far_offer, date=WEEK_10, capacity=5)
    run = run_season(admin, season)
    school = region["schools"][0]
    placement = next(p for p in run.placements if p.student.school_class.school_id == school.id)
    assert far_slot.id in {slot_id for slot_id, _label in move_options(placement)}
    with pytest.raises(DomainError, match="for langt fra skolen"):
        move_placement(admin, placement, far_slot.id)
    moved = move_placement(admin, placement, roomy_slot.id)
    assert moved.slot_id == roomy_slot.id and moved.is_pinned and moved.travel_km < 10
    with pytest.raises(DomainError):
        move_placement(admin, placement, 99999)


def test_archive_removes_student_data(admin, season, region):
    from app.matching.archive import archive_season
    from app.matching.publish import publish_run
    from app.seasons.models import Placement, Preference, Unmatched

    student = region["students"][0]
    student.gender, student.has_diversity_consent = "female", True
    db.session.commit()
    run = run_season(admin, season)
    publish_run(admin, run)
    counts = archive_season(admin, season)
    assert counts["wishes"] == 60
    assert db.session.query(Preference).count() == 0
    assert db.session.query(Placement).filter(Placement.student_id.is_not(None)).count() == 0
    assert db.session.query(Unmatched).filter(Unmatched.student_id.is_not(None)).count() == 0
    db.session.refresh(student)
    assert student.gender is None and not student.has_diversity_consent
    assert season.status == "archived"
    from app.admin.models import AuditLog

    assert db.session.query(AuditLog).filter_by(action="season.archived").count() == 1


def test_published_placement_is_in_the_students_calendar_feed(admin, season, region):
    import icalendar

    from app.calendar.services import feed_for_token, regenerate_feed_token
    from app.matching.publish import publish_run

    run = run_season(admin, season)
    publish_run(admin, run)
    placement = run.placements[0]
    token = regenerate_feed_token(placement.student.user)
    feed = icalendar.Calendar.from_ical(feed_for_token(token))
    uids = [str(e["uid"]) for e in feed.walk("VEVENT")]
    assert uids == [placement.calendar_uid]
    assert "method" not in feed


def test_cli_runs_the_season(runner, admin, season, region):
    result = runner.invoke(args=["match-run", str(season.id)])
    assert "finished" in result.output, result.output
    assert season.runs[-1].progress == 1.0


def test_one_run_at_a_time_but_a_dead_run_does_not_block(admin, season, region):
    from datetime import timedelta

    import pytest

    from app.core.errors import DomainError
    from app.core.model_base import utcnow

    stuck = start_run(admin, season)
    with pytest.raises(DomainError, match="allerede i gang"):
        start_run(admin, season)
    db.session.execute(
        sa.update(MatchRun)
        .where(MatchRun.id == stuck.id)
        .values(status="running", updated_at=utcnow() - timedelta(hours=2))
    )
    db.session.commit()
    assert start_run(admin, season).id != stuck.id


def test_reasons_name_companies_not_engine_ids(season, region):
    from app.matching.store import readable

    built = build_problem(season)
    offer = region["offers"][0]
    text = readable(f"at most 50 % of company company:{offer.company_id}'s places", built)
    assert offer.company.name in text and "company:" not in text
