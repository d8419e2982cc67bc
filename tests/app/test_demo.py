"""The demo region: realistic, deterministic, dated from the day it is seeded, and seeded once."""

from datetime import date, timedelta

import sqlalchemy as sa

from app.demo.dates import BOOKING_WORKING_DAYS, DemoCalendar
from app.demo.seed import seed
from app.models import (
    AnnualPlan,
    Booking,
    ClassRequest,
    Company,
    Membership,
    Offer,
    OfferSlot,
    School,
    SchoolClass,
    Season,
    Student,
    User,
)
from app.seasons.services import DATE_ORDER, check_dates


def counts(db) -> dict[str, int]:
    return {
        m.__name__: db.session.scalar(sa.select(sa.func.count(m.id)))
        for m in (User, School, Company, Offer, Student, Booking)
    }


def _coming(db) -> Season:
    return db.session.scalars(sa.select(Season).where(Season.status == "requests_open")).one()


def test_seed_demo_twice_changes_nothing(runner, db):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "admin@skolebro.no" in first.output
    before = counts(db)
    assert before["School"] >= 40 and before["Company"] >= 100
    assert db.session.scalar(sa.select(sa.func.count(School.id)).where(School.is_rural)) >= 10
    kinds = set(db.session.scalars(sa.select(Offer.kind).distinct()))
    assert kinds == {"role_model_visit", "company_visit", "job_shadowing", "work_week"}
    statuses = set(db.session.scalars(sa.select(Booking.status).distinct()))
    assert {"confirmed", "requested"} <= statuses
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert counts(db) == before


def test_every_demo_login_reaches_its_dashboard(runner, client):
    runner.invoke(args=["seed-demo"])
    for login in (
        "admin@skolebro.no",
        "kontakt@nidaros-programvare.no",
        "ingrid.aune@nidaros-programvare.no",
        "laerer@huseby.skole.no",
        "nora.demo",
    ):
        response = client.post("/login", data={"login": login, "password": "Skolebro-demo-2026"})
        assert response.status_code == 302, login
        assert client.get("/").status_code == 200, login
        client.post("/logout")


A_WEDNESDAY = date(2029, 3, 14)
NEXT_MONDAY = date(2029, 3, 19)


def season_values(season: Season) -> dict:
    names = (*DATE_ORDER, "archive_on")
    return {name: getattr(season, name) for name in names}


def test_demo_dates_count_from_the_seeding_day(db):
    seed(today=A_WEDNESDAY)
    bookings = db.session.scalars(sa.select(Booking)).all()
    days = sorted(b.starts_at.date() for b in bookings)
    assert days[0] == NEXT_MONDAY and days[-1] < NEXT_MONDAY + timedelta(weeks=8)
    assert all(day.weekday() < 5 for day in days) and len(set(days)) == len(days)

    season = _coming(db)
    check_dates(season_values(season))  # in order, and few enough weeks for the engine
    assert season.status == "requests_open"
    assert season.requests_open_on <= A_WEDNESDAY < season.requests_close_on
    assert season.starts_on.weekday() == 0 and season.starts_on > NEXT_MONDAY
    past = db.session.scalars(sa.select(Season).where(Season.status == "done")).one()
    slots = db.session.scalars(sa.select(OfferSlot)).all()
    assert all(
        season.starts_on <= s.date <= season.ends_on or past.starts_on <= s.date <= past.ends_on
        for s in slots
    )
    assert all(s.date.weekday() == 0 for s in slots if s.end_date is not None)
    weeks = db.session.scalars(sa.select(SchoolClass.work_week_start)).all()
    assert all(season.starts_on <= w <= season.ends_on and w.weekday() == 0 for w in weeks if w)
    for request in db.session.scalars(sa.select(ClassRequest)):
        within = season if request.season_id == season.id else past
        assert within.starts_on <= request.window_start <= request.window_end <= within.ends_on
    assert set(db.session.scalars(sa.select(Membership.year))) == {2029, 2030}
    assert set(db.session.scalars(sa.select(SchoolClass.school_year))) == {"2028-2029"}
    filed = db.session.scalars(sa.select(AnnualPlan.submitted_at).where(AnnualPlan.year == 2030))
    assert all(at.date() < A_WEDNESDAY for at in filed)


def test_the_demo_calendar_holds_whatever_the_seeding_day():
    for offset in range(2 * 366):
        today = date(2028, 1, 1) + timedelta(days=offset)
        cal = DemoCalendar(today)
        dates = cal.season_dates()
        check_dates(dates)
        assert dates["requests_open_on"] <= today < dates["requests_close_on"]
        assert cal.first_monday.weekday() == 0 and 0 < (cal.first_monday - today).days <= 7
        days = [cal.working_day(n) for n in range(BOOKING_WORKING_DAYS)]
        assert all(d.weekday() < 5 for d in days) and len(set(days)) == len(days)
        assert {days[-1].year, cal.season_end.year} <= set(cal.years)


def test_seeding_again_later_changes_nothing(runner, db):
    seed(today=A_WEDNESDAY)
    before = counts(db), season_values(_coming(db))
    starts = sorted(db.session.scalars(sa.select(Booking.starts_at)))
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "already has users" in result.output
    seed(today=A_WEDNESDAY + timedelta(weeks=30))
    db.session.expire_all()
    assert (counts(db), season_values(_coming(db))) == before
    assert sorted(db.session.scalars(sa.select(Booking.starts_at))) == starts


def test_dashboards_show_coming_activities_after_seeding_today(runner, client):
    runner.invoke(args=["seed-demo", "--if-empty"])
    for login in ("kontakt@nidaros-programvare.no", "laerer@huseby.skole.no"):
        client.post("/login", data={"login": login, "password": "Skolebro-demo-2026"})
        html = client.get("/").get_data(as_text=True)
        assert "Ingen aktiviteter booket ennå." not in html, login
        client.post("/logout")


def test_demo_companies_describe_their_fields_in_words(db):
    seed()
    descriptions = list(db.session.scalars(sa.select(Company.description)))
    assert any("IT og programvare" in text for text in descriptions)
    codes = ("ict", "health_tech", "mathematics", "biotech")
    assert not [t for t in descriptions if any(f" {c}" in t for c in codes)]


def test_last_autumn_is_done_with_feedback_and_the_demo_logins_have_theirs_to_give(db, login):
    from app.matching import feedback
    from app.models import Placement

    seed()  # today: its activities are over by the clock
    past = db.session.scalars(sa.select(Season).where(Season.status == "done")).one()
    check_dates(season_values(past))
    assert past.ends_on < date.today()
    run, rows = feedback.report(past)
    assert {r.kind for r in rows} == {"company_visit", "job_shadowing"}
    assert all(r.answers and r.placed and not r.by_hand for r in rows)
    placements = db.session.scalars(sa.select(Placement).where(Placement.run_id == run.id))
    assert all(feedback.is_over(p) for p in placements)

    for email in ("kontakt@nidaros-programvare.no", "laerer@huseby.skole.no"):
        user = db.session.scalars(sa.select(User).where(User.email == email)).one()
        assert feedback.waiting_for(user), email
    nora = db.session.scalars(sa.select(User).where(User.username == "nora.demo")).one()
    page = login(nora, "Skolebro-demo-2026").get("/").get_data(as_text=True)
    assert "Hvordan gikk det? Gi tilbakemelding" in page
