"""axe-core finds no serious violations on the season and matching pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.matching.publish import publish_run
from app.matching.runs import execute_run, start_run
from tests.browser.test_accessibility import serious_violations
from tests.browser.test_matching_flow import WEEK_10
from tests.factories import (
    AdminFactory,
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    SchoolClassFactory,
    SeasonFactory,
    SiteFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.factories.accounts import PASSWORD
from tests.factories.seasons import ClassRequestFactory, PreferenceFactory


def _class_with_offer():
    """A teacher's class with a work week and one student, and a work-week offer near."""
    teacher = TeacherFactory()
    school_class = SchoolClassFactory(
        school=teacher.school, teacher=teacher, work_week_start=WEEK_10
    )
    student = StudentFactory(school_class=school_class)
    site = SiteFactory(latitude=63.42, longitude=10.40)
    offer = OfferFactory(company=site.company, site=site, kind="work_week", title="Verkstedet")
    OfferSlotFactory(offer=offer, date=WEEK_10, capacity=2)
    return teacher, school_class, student


def _log_in(page: Page, live_server: str, user) -> None:
    page.context.clear_cookies()
    page.goto(live_server + "/login")
    page.locator("#login").fill(user.email or user.username)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(live_server + "/")


@pytest.fixture
def pages():
    """Two seasons (one open, one matched) with a class, a student, an offer and a run."""
    admin = AdminFactory()
    open_season = SeasonFactory(status="requests_open")
    teacher, school_class, student = _class_with_offer()
    PreferenceFactory(season=open_season, student=student, rank=1, field="ict")
    ClassRequestFactory(season=open_season, school_class=school_class)
    matched = SeasonFactory(name="Høsten 2027", status="closed")
    run = execute_run(start_run(admin, matched).id)
    placement = run.placements[0]
    return {
        admin: [
            "/seasons/",
            "/seasons/new",
            f"/seasons/{matched.id}",
            f"/seasons/{open_season.id}/status/forward",
            f"/matching/seasons/{matched.id}/settings",
            f"/matching/runs/{run.id}/review",
            f"/matching/placements/{placement.id}/move",
            f"/matching/runs/{run.id}/publish",
        ],
        teacher.user: ["/seasons/requests", f"/seasons/{open_season.id}/requests/new"],
        student.user: ["/seasons/wishes", "/"],
    }


def test_season_and_matching_pages_are_accessible(page: Page, live_server, pages):
    found, expected = {}, {}
    for user, paths in pages.items():
        _log_in(page, live_server, user)
        for path in paths:
            page.goto(live_server + path)
            found[path] = serious_violations(page)
            expected[path] = []
    assert found == expected


def _published():
    """An administrator and a season whose run placed one student and is published."""
    admin = AdminFactory()
    _teacher, _class, student = _class_with_offer()
    season = SeasonFactory(status="closed")
    PreferenceFactory(season=season, student=student, rank=1, field="ict")
    return admin, season, publish_run(admin, execute_run(start_run(admin, season).id)), student


@pytest.fixture
def published_pages():
    """A published run: the pages that change it afterwards (cancel, move, place by hand)."""
    admin, season, run, student = _published()
    placement = run.placements[0]
    return admin, [
        f"/matching/runs/{run.id}/review",
        f"/matching/placements/{placement.id}/cancel",
        f"/matching/placements/{placement.id}/move",
        f"/matching/runs/{run.id}/students/{student.id}/place",
        f"/matching/seasons/{season.id}/report",
    ]


def test_the_pages_after_publication_are_accessible(page: Page, live_server, published_pages):
    admin, paths = published_pages
    _log_in(page, live_server, admin)
    found = {}
    for path in paths:
        page.goto(live_server + path)
        found[path] = serious_violations(page)
    assert found == dict.fromkeys(paths, [])


def test_a_teacher_reads_the_requests_on_a_phone_without_scrolling_sideways(
    page: Page, live_server
):
    teacher, school_class, _student = _class_with_offer()
    ClassRequestFactory(season=SeasonFactory(status="requests_open"), school_class=school_class)
    teacher = teacher.user
    page.set_viewport_size({"width": 360, "height": 780})
    _log_in(page, live_server, teacher)
    page.goto(live_server + "/seasons/requests")
    table = page.locator(".table-wrap", has=page.locator("table.stack"))
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth")  # each row is a block
    when = page.locator("table.stack td[data-label]").nth(2)  # the class, what, when
    label = when.get_attribute("data-label")
    assert label in ("Når", "When")
    assert when.evaluate("e => getComputedStyle(e, '::before').content") == f'"{label}"'
    assert page.locator("table.stack thead").count() == 1  # kept for screen readers
    page.set_viewport_size({"width": 1024, "height": 780})
    assert when.evaluate("e => getComputedStyle(e).display") == "table-cell"


def test_a_student_gives_feedback_on_a_phone_after_the_work_week(page: Page, live_server):
    _admin, _season, run, student = _published()
    placement = run.placements[0]
    slot = placement.slot
    slot.date, slot.end_date = date.today() - timedelta(days=10), date.today() - timedelta(days=6)
    placement.on_date = slot.date
    db.session.commit()
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, student.user)
    page.get_by_role("link", name="Hvordan gikk det? Gi tilbakemelding").click()
    assert serious_violations(page) == []
    page.get_by_label("Kommentar").fill("Jeg fikk bygge en robot.")
    page.get_by_label("Karakter").select_option("5")
    page.get_by_role("button", name="Send tilbakemelding").click()
    expect(page.get_by_text("Takk for tilbakemeldingen!")).to_be_visible()
    expect(page.locator(".placement-card")).to_contain_text("Din tilbakemelding: 5 av 5")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_host_answers_from_the_overview_on_a_phone_and_a_missing_score_is_caught(
    page: Page, live_server
):
    _admin, _season, run, _student = _published()
    placement = run.placements[0]
    slot = placement.slot
    slot.date, slot.end_date = date.today() - timedelta(days=10), date.today() - timedelta(days=6)
    placement.on_date = slot.date
    host = ContactPersonFactory(company=slot.offer.company).user
    db.session.commit()
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, host)
    waiting = page.locator(".waiting-feedback li")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("Arbeidsuke: " + slot.offer.company.name)
    assert serious_violations(page) == []

    waiting.get_by_role("link", name="Gi tilbakemelding").click()
    page.get_by_label("Kommentar").fill("Flink og nysgjerrig elev.")
    page.get_by_role("button", name="Send tilbakemelding").click()  # no score chosen

    expect(page.locator("#score-error")).to_have_text("Velg en karakter fra 1 til 5.")
    expect(page.get_by_label("Kommentar")).to_have_value("Flink og nysgjerrig elev.")
    page.get_by_label("Karakter").select_option("4")
    page.get_by_role("button", name="Send tilbakemelding").click()
    expect(page.get_by_text("Takk for tilbakemeldingen!")).to_be_visible()
    expect(page.locator(".waiting-feedback")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
