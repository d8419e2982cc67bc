"""Last autumn's season in the demo: done, its activities over, some feedback given.

So the season's report, the host's scores and giving feedback can be tried from `make run`:
the demo's contact person, teacher and student each have an activity of theirs to answer,
and other hosts, teachers and students have answered already.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.demo.dates import DemoCalendar
from app.extensions import db
from app.matching import feedback
from app.matching.invites import placement_uid
from app.models import ClassRequest, Offer, OfferSlot, Season, Student
from app.schools.models import SchoolClass
from app.seasons.models import MatchRun, Placement, PlacementFeedback

# The season ended this many weeks before the seeding day and lasted ten weeks.
ENDED_WEEKS_AGO = 4
SEASON_WEEKS = 10

COMMENTS = {
    "host": ["Nysgjerrige og høflige elever.", "Fint besøk, vi tar gjerne imot flere.", ""],
    "teacher": ["Elevene snakket om det i flere dager.", "Godt forberedt vert.", ""],
    "student": ["Fikk prøve selv, det var gøy!", "Litt lang dag, men lærte mye.", ""],
}


def add_past_season(rng: random.Random, companies, cal: DemoCalendar) -> Season:
    """Last autumn: company visits for 8th grades and job shadowing for 9th graders."""
    ends_on = cal.first_monday - timedelta(weeks=ENDED_WEEKS_AGO, days=3)  # a Friday
    starts_on = ends_on - timedelta(weeks=SEASON_WEEKS - 1, days=4)
    season = Season(
        name=f"Høsten {starts_on.year}",
        region="Trøndelag",
        status="done",
        allows_last_resort=True,
        offers_open_on=starts_on - timedelta(weeks=14),
        requests_open_on=starts_on - timedelta(weeks=10),
        requests_close_on=starts_on - timedelta(weeks=4),
        publish_on=starts_on - timedelta(weeks=2),
        starts_on=starts_on,
        ends_on=ends_on,
        archive_on=ends_on + timedelta(weeks=12),
    )
    published = cal.days_ago((cal.today - season.publish_on).days)
    run = MatchRun(
        season=season,
        status="published",
        progress=1.0,
        started_at=published,
        finished_at=published,
        published_at=published,
    )
    db.session.add_all([season, run])
    db.session.flush()
    hosts = [c for c in companies if c.offers][:12]
    eighth = db.session.scalars(
        db.select(SchoolClass).where(SchoolClass.grade == 8).order_by(SchoolClass.id).limit(8)
    ).all()
    for i, cls in enumerate(eighth):
        day = starts_on + timedelta(weeks=1 + i, days=i % 4)
        _visit(season, run, cls, _offer(hosts[i % len(hosts)], "company_visit"), day)
    students = db.session.scalars(db.select(Student).order_by(Student.id).limit(24)).all()
    for i, student in enumerate(students):
        host = hosts[0] if i < 3 else hosts[i % len(hosts)]
        day = starts_on + timedelta(weeks=2 + i % 6, days=i % 5)
        _place(run, _offer(host, "job_shadowing"), day, student=student)
    db.session.flush()
    for placement in run.placements:  # as publishing gave them: the feeds carry them
        placement.calendar_uid = placement_uid(placement)
    _answers(rng, run)
    return season


def _offer(company, kind: str) -> Offer:
    return next(o for o in company.offers if o.kind == kind)


def _slot(offer: Offer, day: date) -> OfferSlot:
    slot = next((s for s in offer.slots if s.date == day), None)
    if slot is None:
        slot = OfferSlot(offer=offer, date=day, capacity=3 if offer.group_size == 1 else 1)
        slot.start_time = "09:00"
        db.session.add(slot)
    return slot


def _place(run: MatchRun, offer: Offer, day: date, student=None, request=None) -> None:
    slot = _slot(offer, day)
    slot.taken = (slot.taken or 0) + 1
    db.session.add(
        Placement(
            run=run,
            student=student,
            request=request,
            slot=slot,
            on_date=day,
            kind=offer.kind,
            preference_rank=1,
            reason="",
            created_at=run.published_at,  # placed by the run, not by hand afterwards
        )
    )


def _visit(season: Season, run: MatchRun, cls, offer: Offer, day: date) -> None:
    request = ClassRequest(
        season=season,
        school_class=cls,
        kind="company_visit",
        window_start=max(season.starts_on, day - timedelta(weeks=1)),
        window_end=min(season.ends_on, day + timedelta(weeks=2)),
        fields=offer.fields[:2],
        note="Vi vil se hvordan realfag brukes i arbeidslivet.",
    )
    db.session.add(request)
    _place(run, offer, day, request=request)


def _answers(rng: random.Random, run: MatchRun) -> None:
    """Most sides answered; the demo's own logins (first school, first company) have not."""
    for placement in run.placements:
        users = {"host": placement.slot.offer.company.contact_persons[0].user}
        if placement.student is not None:
            users["student"] = placement.student.user
        else:
            users["teacher"] = placement.request.school_class.teacher.user
        for role, user in users.items():
            if _is_demo_login(user) or rng.random() < 0.25:
                continue
            db.session.add(
                PlacementFeedback(
                    author_id=user.id,
                    role=role,
                    score=rng.choice([3, 4, 4, 5, 5]),
                    comment=rng.choice(COMMENTS[role]),
                    **feedback.about(placement),
                )
            )


def _is_demo_login(user) -> bool:
    return (user.email or user.username or "") in {
        "kontakt@nidaros-programvare.no",
        "laerer@huseby.skole.no",
        "nora.demo",
    }
