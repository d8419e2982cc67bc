"""After publication an administrator places a student by hand, checked like the matching."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from app.companies.models import OfferSlot
from app.core.errors import DomainError
from app.extensions import db
from app.matching import changes, late
from app.outbox.models import OutboxMessage
from app.seasons.models import MatchRun, Placement
from tests.app.matching.conftest import WEEK_10
from tests.app.matching.test_publish import matched_run
from tests.factories import ContactPersonFactory, OfferFactory, OfferSlotFactory, SiteFactory
from tests.factories.accounts import PASSWORD


@pytest.fixture
def cancelled(admin, published) -> Placement:
    """A work week the host withdrew: its student has none now, its seat is free."""
    placement = next(p for p in published.placements if p.student is not None)
    return changes.cancel_placement(admin, placement, "Verkstedet er stengt.")


def _url(run: MatchRun, placement: Placement) -> str:
    return f"/matching/runs/{run.id}/students/{placement.student_id}/place?kind=work_week"


def _last_message_id() -> int:
    return db.session.scalar(sa.select(sa.func.max(OutboxMessage.id))) or 0


def test_place_again_after_a_cancellation_invites_the_host_and_tells_the_teacher(
    login, admin, published, cancelled, app
):
    student, slot = cancelled.student, cancelled.slot
    client = login(admin)
    review = client.get(f"/matching/runs/{published.id}/review").get_data(as_text=True)
    assert _url(published, cancelled).replace("&", "&amp;") in review  # "Place again"
    page = client.get(_url(published, cancelled)).get_data(as_text=True)
    assert f"Plasser {student.label}" in page and slot.offer.title in page
    taken, last = slot.taken, _last_message_id()

    response = client.post(_url(published, cancelled), data={"slot_id": slot.id})

    assert response.status_code == 302
    db.session.expire_all()
    placed = db.session.scalars(
        sa.select(Placement).where(
            Placement.student_id == student.id, Placement.cancelled_at.is_(None)
        )
    ).one()
    assert (placed.run_id, placed.slot_id, placed.kind) == (published.id, slot.id, "work_week")
    assert placed.calendar_uid and placed.calendar_uid != cancelled.calendar_uid
    assert slot.taken == taken + 1
    sent = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id > last)).all()
    hosts = {cp.user.email for cp in slot.offer.company.contact_persons}
    assert {m.recipient for m in sent if m.calendar_method == "REQUEST"} == hosts
    teacher = student.school_class.teacher.user
    (notice,) = [m for m in sent if m.recipient == teacher.email]
    assert notice.calendar_method is None and student.display_name in notice.body_text
    followed = client.get(response.location).get_data(as_text=True)
    assert "er plassert" in followed
    review = client.get(response.location).get_data(as_text=True)  # searched for the student
    assert "Siden publisering: 1 avlyst, 0 flyttet, 1 plassert for hånd." in review
    assert "Plassert for hånd etter publisering" in review
    pupil = app.test_client()
    pupil.post("/login", data={"login": student.user.username, "password": PASSWORD})
    assert slot.offer.company.name in pupil.get("/").get_data(as_text=True)


def test_a_place_too_far_away_is_refused_at_the_field(login, admin, published, cancelled):
    site = SiteFactory(latitude=59.91, longitude=10.75)  # Oslo, 400 km from Trondheim
    far = OfferFactory(company=site.company, site=site, kind="work_week", title="Oslo-uka")
    ContactPersonFactory(company=site.company)
    slot = OfferSlotFactory(offer=far, date=WEEK_10, end_date=date(2027, 3, 12), capacity=3)
    client = login(admin)
    assert "Oslo-uka" in client.get(_url(published, cancelled)).get_data(as_text=True)

    response = client.post(_url(published, cancelled), data={"slot_id": slot.id})

    assert response.status_code == 200
    assert "Den plassen er for langt fra skolen." in response.get_data(as_text=True)
    db.session.expire_all()
    assert slot.taken == 0
    assert not late.has_placement(published, cancelled.student, "work_week")


def test_a_student_with_a_placement_is_not_placed_twice(admin, published):
    placement = next(p for p in published.placements if p.student is not None)
    with pytest.raises(DomainError, match="har allerede en plassering|already has"):
        late.place_student(admin, published, placement.student, "work_week", placement.slot_id)


def test_a_full_place_is_refused(admin, published, cancelled):
    other = next(
        p for p in published.placements if p.slot_id != cancelled.slot_id and p.slot is not None
    )
    slot = db.session.get(OfferSlot, other.slot_id)
    slot.taken = slot.capacity
    db.session.commit()
    with pytest.raises(DomainError):
        late.place_student(admin, published, cancelled.student, "work_week", slot.id)
    assert not late.has_placement(published, cancelled.student, "work_week")


def test_before_publication_there_is_nothing_to_place_by_hand(login, admin, season, region):
    run = matched_run(admin, season, region)
    student = region["students"][0]
    url = f"/matching/runs/{run.id}/students/{student.id}/place"
    page = login(admin).get(url).get_data(as_text=True)
    assert "Å plassere for hånd gjelder et publisert resultat." in page
    with pytest.raises(DomainError):
        late.place_student(admin, run, student, "work_week", 1)


def test_the_schools_share_of_a_company_holds_as_in_the_matching(admin, published):
    """Three places a week per company: one school may take one (half of three, rounded down)."""
    by_slot: dict[int, list[Placement]] = {}
    for p in published.placements:
        by_slot.setdefault(p.slot_id, []).append(p)
    slot_id, here = next((s, ps) for s, ps in by_slot.items() if len(ps) >= 2)
    school = here[0].student.school_class.school_id
    other_school = next(p for p in here if p.student.school_class.school_id != school)
    mate = next(
        p
        for p in published.placements
        if p.slot_id != slot_id and p.student.school_class.school_id == school
    )
    changes.cancel_placement(admin, other_school, "Syk.")  # a seat comes free on the slot
    changes.cancel_placement(admin, mate, "Byttet plass.")  # a student of the same school
    with pytest.raises(DomainError, match="allerede sin andel|already has its share"):
        late.place_student(admin, published, mate.student, "work_week", slot_id)
    late.place_student(admin, published, other_school.student, "work_week", slot_id)  # fine
