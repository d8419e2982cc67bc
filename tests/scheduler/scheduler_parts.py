"""Tiny problem parts and a random small problem for the scheduler tests (no mocks)."""

from __future__ import annotations

import datetime as dt

from scheduler import (
    ClassRequest,
    ExistingBooking,
    Offer,
    OfferSlot,
    Placement,
    Problem,
    RoleModel,
    School,
    SchoolClass,
    Season,
    Solution,
    Student,
    Wish,
)

OSLO = (59.91, 10.75)
SEASON = Season(dt.date(2026, 1, 5), dt.date(2026, 6, 19))
WEEK = 10
DAY = dt.date(2026, 3, 4)


def make_school(sid: str = "S1", lat: float = OSLO[0], lon: float = OSLO[1], **kw) -> School:
    return School(sid, lat, lon, **kw)


def make_class(
    cid: str = "C1", school_id: str = "S1", grade: int = 9, week: int | None = WEEK, **kw
):
    return SchoolClass(cid, school_id, grade, work_week=week, **kw)


def make_student(sid: str, class_id: str = "C1", wishes: tuple = (), **kw) -> Student:
    wish_objs = tuple(Wish(offer_id=w) if w.startswith("O") else Wish(field=w) for w in wishes)
    return Student(sid, class_id, wishes=wish_objs, **kw)


def make_work_offer(oid: str, capacity: int = 1, week: int = WEEK, km_north: float = 1.0, **kw):
    lat = OSLO[0] + km_north / 111.0
    company = kw.pop("company_id", "K" + oid)
    fields = kw.pop("fields", ("it",))
    return Offer(
        oid, company, "work_week", lat, OSLO[1], (OfferSlot(capacity, week=week),), fields, **kw
    )


def make_day_offer(
    oid: str, kind: str, capacity: int = 1, day: dt.date = DAY, km_north: float = 1.0, **kw
):
    lat = OSLO[0] + km_north / 111.0
    company = kw.pop("company_id", "K" + oid)
    fields = kw.pop("fields", ("it",))
    return Offer(oid, company, kind, lat, OSLO[1], (OfferSlot(capacity, date=day),), fields, **kw)


def make_role_model(rid: str, visits_left: int = 2, km_north: float = 1.0, **kw) -> RoleModel:
    lat = OSLO[0] + km_north / 111.0
    return RoleModel(rid, kw.pop("company_id", "K" + rid), lat, OSLO[1], visits_left, **kw)


def make_request(
    qid: str, kind: str, start: dt.date = DAY, end: dt.date = DAY, **kw
) -> ClassRequest:
    return ClassRequest(qid, kw.pop("class_id", "C1"), kind, start, end, **kw)


def hand_made(*placements: Placement) -> Solution:
    """A hand-made solution holding just these placements."""
    return Solution("hand-made", tuple(placements), (), 0.0, 0.0, 0.0, 0.0)


def make_problem(**kw) -> Problem:
    kw.setdefault("schools", (make_school(),))
    kw.setdefault("classes", (make_class(),))
    return Problem(season=SEASON, **kw)


def random_problem(draw) -> Problem:
    """A small random problem; draw(lo, hi) gives an int in [lo, hi] (random or Hypothesis)."""
    schools = tuple(
        make_school(f"S{i}", OSLO[0] + draw(0, 40) / 111.0, OSLO[1], is_rural=bool(draw(0, 1)))
        for i in range(draw(1, 2))
    )
    classes = tuple(
        make_class(f"C{i}", f"S{draw(0, len(schools) - 1)}", draw(8, 10), week=WEEK + draw(0, 1))
        for i in range(draw(1, 2))
    )
    offers = tuple(
        make_work_offer(
            f"O{i}",
            capacity=draw(0, 2),
            week=WEEK + draw(0, 1),
            km_north=draw(0, 40),
            company_id=f"K{draw(0, 2)}",
            fields=(("it", "bio")[draw(0, 1)],),
        )
        for i in range(draw(1, 3))
    ) + tuple(
        make_day_offer(f"J{i}", "job_shadowing", capacity=draw(0, 2), km_north=draw(0, 20))
        for i in range(draw(0, 1))
    )
    names = [o.id for o in offers if o.kind == "work_week"] + ["it", "bio"]
    students = tuple(
        make_student(
            f"P{i}",
            f"C{draw(0, len(classes) - 1)}",
            tuple(names[draw(0, len(names) - 1)] for _ in range(draw(0, 2))),
            gender=(None, "female", "male")[draw(0, 2)],
            has_no_network=bool(draw(0, 1)),
            shadowing_window=(DAY, DAY) if draw(0, 1) else None,
            has_own_work_week=draw(0, 3) == 0,
        )
        for i in range(draw(1, 3))
    )
    role_models = tuple(
        make_role_model(f"R{i}", visits_left=draw(0, 2), km_north=draw(0, 80), travel_range_km=50.0)
        for i in range(draw(0, 2))
    )
    modes = ("digital", "physical", "any")
    requests = tuple(
        make_request(
            f"Q{i}",
            "role_model_visit",
            class_id=f"C{draw(0, len(classes) - 1)}",
            mode=modes[draw(0, 2)],
        )
        for i in range(draw(0, 2))
    )
    work = [(o.id, sl.week) for o in offers if o.kind == "work_week" for sl in o.slots]
    pins, previous, bookings = [], [], []
    if draw(0, 2) == 0:
        offer_id, week = work[draw(0, len(work) - 1)]
        pins.append(Placement(students[0].id, "work_week", offer_id=offer_id, week=week))
    if len(students) > 1 and draw(0, 1):
        offer_id, week = work[draw(0, len(work) - 1)]
        previous.append(Placement(students[1].id, "work_week", offer_id=offer_id, week=week))
    if draw(0, 2) == 0:
        offer_id, week = work[draw(0, len(work) - 1)]
        seats = draw(0, 2)
        bookings.append(
            ExistingBooking("B0", offer_id=offer_id, week=week, seats=seats, school_id="S0")
        )
    return make_problem(
        schools=schools,
        classes=classes,
        students=students,
        offers=offers,
        role_models=role_models,
        requests=requests,
        pins=tuple(pins),
        previous=tuple(previous),
        bookings=tuple(bookings),
    )
