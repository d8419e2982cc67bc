"""A season open for wishes, a class with a work week, offers near and far."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import (
    AdminFactory,
    OfferFactory,
    OfferSlotFactory,
    SchoolClassFactory,
    SchoolFactory,
    SeasonFactory,
    SiteFactory,
    StudentFactory,
    TeacherFactory,
)

WEEK_10 = date(2027, 3, 8)


@pytest.fixture
def admin():
    """An administrator."""
    return AdminFactory()


@pytest.fixture
def season():
    """A season open for requests and wishes."""
    return SeasonFactory(status="requests_open")


def work_week_offer(title: str, lat: float, lon: float, monday: date = WEEK_10, capacity=2):
    """A work-week offer with one slot."""
    site = SiteFactory(latitude=lat, longitude=lon)
    offer = OfferFactory(company=site.company, site=site, kind="work_week", title=title)
    OfferSlotFactory(offer=offer, date=monday, capacity=capacity)
    return offer


@pytest.fixture
def world(season):
    """A Trondheim class with a teacher and two students, and offers near, far and off-week."""
    school = SchoolFactory()
    teacher = TeacherFactory(school=school)
    school_class = SchoolClassFactory(school=school, teacher=teacher, work_week_start=WEEK_10)
    students = [StudentFactory(school_class=school_class) for _ in range(2)]
    near = [work_week_offer(f"Nær {i}", 63.41 + i / 100, 10.36) for i in range(6)]
    far = work_week_offer("Tromsø", 69.65, 18.96)
    other_week = work_week_offer("Feil uke", 63.41, 10.36, monday=date(2027, 4, 12))
    return {
        "school": school,
        "teacher": teacher,
        "class": school_class,
        "students": students,
        "near": near,
        "far": far,
        "other_week": other_week,
    }
