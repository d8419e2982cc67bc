"""A small Trøndelag region for the matching tests: 3 schools, 30 students, 10 offers."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.matching.publish import publish_run
from app.matching.runs import execute_run, start_run
from app.seasons.models import MatchRun
from tests.factories import (
    AdminFactory,
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    SchoolClassFactory,
    SchoolFactory,
    SeasonFactory,
    SiteFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.factories.seasons import PreferenceFactory

WEEK_10 = date(2027, 3, 8)  # a Monday; ISO week 10 of 2027
TOWNS = [(63.4305, 10.3951), (63.3500, 10.3700), (63.4700, 10.9200)]


@pytest.fixture
def admin():
    """An administrator."""
    return AdminFactory()


@pytest.fixture
def season():
    """A closed season, ready to run."""
    return SeasonFactory(status="closed")


@pytest.fixture
def region(season):
    """Three schools with one 9th-grade class of ten students each, and ten work-week offers."""
    schools = [
        SchoolFactory(latitude=lat, longitude=lon, is_rural=i == 2)
        for i, (lat, lon) in enumerate(TOWNS)
    ]
    teachers = [TeacherFactory(school=s) for s in schools]
    classes = [
        SchoolClassFactory(school=t.school, teacher=t, size=10, work_week_start=WEEK_10)
        for t in teachers
    ]
    students = [StudentFactory(school_class=c) for c in classes for _ in range(10)]
    offers = []
    for i in range(10):
        lat, lon = TOWNS[i % 3]
        site = SiteFactory(latitude=lat + 0.01, longitude=lon)
        offer = OfferFactory(
            company=site.company,
            site=site,
            kind="work_week",
            title=f"Arbeidsuke {i}",
            fields=["ict"] if i % 2 else ["health_tech"],
            what_to_bring="Vernesko",
            supervisor_name="Kari Nordmann",
        )
        OfferSlotFactory(offer=offer, date=WEEK_10, end_date=date(2027, 3, 12), capacity=3)
        offers.append(offer)
    for n, student in enumerate(students):
        PreferenceFactory(season=season, student=student, rank=1, offer=offers[n % 10], field=None)
        PreferenceFactory(season=season, student=student, rank=2, field="ict")
    return {
        "schools": schools,
        "classes": classes,
        "students": students,
        "offers": offers,
        "teachers": teachers,
    }


@pytest.fixture
def published(admin, season, region) -> MatchRun:
    """The region's run, published: places taken, invites in the outbox (every company has a
    contact person to invite)."""
    for offer in region["offers"]:
        ContactPersonFactory(company=offer.company)
    run = publish_run(admin, execute_run(start_run(admin, season).id))
    db.session.expire_all()
    assert run.status == "published"
    return run
