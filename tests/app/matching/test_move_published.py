"""After publication an administrator moves a placement: one change, the same UID, calendars
updated, the old place free again."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
import sqlalchemy as sa

from app.admin.models import AuditLog
from app.calendar.services import feed_for_token, regenerate_feed_token
from app.companies.models import OfferSlot
from app.core.errors import DomainError
from app.extensions import db
from app.matching import changes, moves
from app.matching.publish import publish_run
from app.matching.runs import execute_run, start_run
from app.outbox.models import OutboxMessage
from app.outbox.services import deliver_due
from app.seasons.models import Placement
from tests.app.matching.conftest import WEEK_10
from tests.app.outbox.test_booking_invites import invites, parse, smtp  # noqa: F401
from tests.factories import ContactPersonFactory, OfferFactory, OfferSlotFactory, SiteFactory
from tests.factories.accounts import PASSWORD
from tests.factories.seasons import ClassRequestFactory


def _last_message_id() -> int:
    return db.session.scalar(sa.select(sa.func.max(OutboxMessage.id))) or 0


def _sent_since(last: int) -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id > last)))


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def roomy(region) -> OfferSlot:
    """A work week near the first school with free places, at a company with a contact."""
    lat, lon = region["schools"][0].latitude, region["schools"][0].longitude
    site = SiteFactory(latitude=lat + 0.02, longitude=lon)
    offer = OfferFactory(company=site.company, site=site, kind="work_week", title="Romslig uke")
    ContactPersonFactory(company=site.company)
    return OfferSlotFactory(offer=offer, date=WEEK_10, end_date=date(2027, 3, 12), capacity=10)


def _first_school_work_week(run, region) -> Placement:
    school = region["schools"][0]
    return next(
        p
        for p in run.placements
        if p.student is not None
        and p.student.school_class.school_id == school.id
        and p.slot.offer.title != "Romslig uke"
    )


def test_moving_a_work_week_cancels_at_the_old_host_and_invites_the_new_one(
    login,
    admin,
    region,
    roomy,
    season,
    smtp,  # noqa: F811
    app,
):
    for offer in region["offers"]:
        ContactPersonFactory(company=offer.company)
    run = publish_run(admin, execute_run(start_run(admin, season).id))
    deliver_due()
    placement = _first_school_work_week(run, region)
    old_slot, uid, student = placement.slot, placement.calendar_uid, placement.student
    old_host = old_slot.offer.company.contact_persons[0].user
    new_host = roomy.offer.company.contact_persons[0].user
    teacher = student.school_class.teacher.user
    old_taken, new_taken, before = old_slot.taken, roomy.taken, len(smtp.received())
    old_feed = regenerate_feed_token(old_host)
    new_feed = regenerate_feed_token(new_host)
    db.session.commit()

    client = login(admin)
    review = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    assert f"/matching/placements/{placement.id}/move" in review
    page = client.get(f"/matching/placements/{placement.id}/move").get_data(as_text=True)
    assert "Romslig uke" in page and "Begrunnelse" in page
    response = client.post(
        f"/matching/placements/{placement.id}/move",
        data={"slot_id": roomy.id, "reason": "Bedriften har fått vannskade."},
        follow_redirects=True,
    )

    text = response.get_data(as_text=True)
    assert "Plasseringen er flyttet, og de det gjelder har fått beskjed." in text
    assert "Flyttet etter publisering: Bedriften har fått vannskade." in text
    assert "Siden publisering: 0 avlyst, 1 flyttet, 0 plassert for hånd." in text
    db.session.expire_all()
    assert (placement.slot_id, placement.calendar_uid) == (roomy.id, uid)
    assert placement.calendar_sequence == 1 and placement.cancelled_at is None
    assert old_slot.taken == old_taken - 1 and roomy.taken == new_taken + 1
    deliver_due()
    by_recipient = {m.rcpt_tos[0]: m for m in smtp.received()[before:]}
    assert set(by_recipient) == {old_host.email, new_host.email, teacher.email}

    message, ics = parse(by_recipient[old_host.email])
    assert message["Subject"].strip().startswith("Avlyst: Arbeidsuke")
    assert "flyttet til en annen vert" in _text(message)
    cancel = icalendar.Calendar.from_ical(ics)
    (vevent,) = cancel.walk("VEVENT")
    assert cancel["METHOD"] == "CANCEL" and (str(vevent["UID"]), vevent["SEQUENCE"]) == (uid, 1)

    message, ics = parse(by_recipient[new_host.email])
    assert message["Subject"].strip().startswith("Endret: Arbeidsuke")
    assert "har blitt flyttet til dere" in _text(message)
    request = icalendar.Calendar.from_ical(ics)
    (vevent,) = request.walk("VEVENT")
    assert request["METHOD"] == "REQUEST" and (str(vevent["UID"]), vevent["SEQUENCE"]) == (uid, 1)
    assert roomy.offer.company.name in str(vevent["SUMMARY"])

    notice, no_ics = parse(by_recipient[teacher.email])
    assert no_ics is None
    body = notice.get_content()
    assert roomy.offer.company.name in body and old_slot.offer.company.name in body
    assert "Bedriften har fått vannskade." in body

    assert uid.encode() not in feed_for_token(old_feed)
    assert uid.encode() in feed_for_token(new_feed)
    entry = db.session.scalar(
        sa.select(AuditLog).where(AuditLog.action == "matching.move_published")
    )
    assert entry.object_id == placement.id and entry.actor_id == admin.id

    pupil = app.test_client()
    pupil.post("/login", data={"login": student.user.username, "password": PASSWORD})
    dashboard = pupil.get("/").get_data(as_text=True)
    assert roomy.offer.company.name in dashboard
    assert "Bedriften har fått vannskade." in dashboard


@pytest.fixture
def company_visit(admin, season, region) -> Placement:
    """The first class's company visit on 10 March, published; the host has 17 March too."""
    school = region["schools"][0]
    site = SiteFactory(latitude=school.latitude + 0.01, longitude=school.longitude)
    offer = OfferFactory(company=site.company, site=site, kind="company_visit", title="Omvisning")
    OfferSlotFactory(offer=offer, date=date(2027, 3, 10), capacity=30)
    OfferSlotFactory(offer=offer, date=date(2027, 3, 17), capacity=30)
    for company in {o.company for o in region["offers"]} | {site.company}:
        ContactPersonFactory(company=company)
    ClassRequestFactory(season=season, school_class=region["classes"][0], kind="company_visit")
    run = publish_run(admin, execute_run(start_run(admin, season).id))
    return next(p for p in run.placements if p.kind == "company_visit")


def test_a_new_day_at_the_same_host_updates_the_event_for_host_and_teacher(admin, company_visit):
    visit, uid = company_visit, company_visit.calendar_uid
    other_day = next(s for s in visit.slot.offer.slots if s.id != visit.slot_id)
    old_slot = visit.slot
    size = visit.request.school_class.size
    old_taken, last = old_slot.taken, _last_message_id()
    page_choices = dict(moves.move_options(visit))
    assert other_day.id in page_choices and "17. mars 2027" in page_choices[other_day.id]

    moves.move_published(admin, visit, other_day.id, "Bussen er ikke ledig den dagen.")

    db.session.expire_all()
    assert visit.on_date == date(2027, 3, 17) and visit.calendar_uid == uid
    assert old_slot.taken == old_taken - size and other_day.taken == size
    sent = _sent_since(last)
    assert {m.calendar_method for m in sent} == {"REQUEST"}  # nobody loses the event
    hosts = {cp.user.email for cp in other_day.offer.company.contact_persons}
    assert {m.recipient for m in sent} == hosts | {visit.request.school_class.teacher.user.email}
    for message in sent:
        (vevent,) = icalendar.Calendar.from_ical(message.calendar_ics).walk("VEVENT")
        assert (str(vevent["UID"]), vevent["SEQUENCE"]) == (uid, 1)
        assert vevent["DTSTART"].dt.date() == date(2027, 3, 17)
        assert "har endret seg" in message.body_text and "10. mars 2027" in message.body_text


def test_a_reason_is_required_and_a_full_place_is_refused_at_the_field(
    login, admin, published, region
):
    placement = _first_school_work_week(published, region)
    full = next(
        p.slot
        for p in published.placements
        if p.slot_id != placement.slot_id and p.slot.taken == p.slot.capacity
    )
    client = login(admin)
    response = client.post(
        f"/matching/placements/{placement.id}/move", data={"slot_id": full.id, "reason": ""}
    )
    assert "Skriv hvorfor, til de det gjelder." in response.get_data(as_text=True)
    response = client.post(
        f"/matching/placements/{placement.id}/move", data={"slot_id": full.id, "reason": "Bytte."}
    )
    text = response.get_data(as_text=True)
    assert "Velg en plass som er åpen i denne sesongen." in text  # a full place is not open
    assert "Bytte." in text  # what the administrator wrote stays
    db.session.expire_all()
    assert placement.slot_id != full.id and placement.calendar_sequence == 0


def test_a_place_too_far_away_is_refused_and_nothing_is_sent(admin, published, region):
    site = SiteFactory(latitude=59.91, longitude=10.75)  # Oslo, 400 km from Trondheim
    far = OfferFactory(company=site.company, site=site, kind="work_week", title="Oslo-uka")
    slot = OfferSlotFactory(offer=far, date=WEEK_10, end_date=date(2027, 3, 12), capacity=3)
    placement = _first_school_work_week(published, region)
    label = dict(moves.move_options(placement))[slot.id]
    assert "over reisegrensen" in label
    last = _last_message_id()
    with pytest.raises(DomainError, match="for langt|too far"):
        moves.move_published(admin, placement, slot.id, "Prøver Oslo.")
    db.session.rollback()
    assert _sent_since(last) == []
    assert db.session.get(OfferSlot, slot.id).taken == 0


def test_a_cancelled_or_begun_placement_cannot_be_moved(login, admin, published, region, roomy):
    placement = _first_school_work_week(published, region)
    other = next(p for p in published.placements if p.student is not None and p.id != placement.id)
    changes.cancel_placement(admin, placement, "Syk.")
    with pytest.raises(DomainError, match="allerede avlyst|already cancelled"):
        moves.move_published(admin, placement, roomy.id, "Frisk igjen.")
    page = login(admin).get(f"/matching/placements/{placement.id}/move").get_data(as_text=True)
    assert "Denne plasseringen er allerede avlyst." in page and "<select" not in page

    slot = db.session.get(OfferSlot, other.slot_id)
    slot.date, slot.end_date = date.today() - timedelta(days=1), date.today() + timedelta(days=3)
    db.session.commit()
    assert not moves.can_move(other)
    with pytest.raises(DomainError, match="har allerede begynt|already begun"):
        moves.move_published(admin, other, roomy.id, "For sent.")


def test_only_an_administrator_moves(login, published, region, roomy):
    placement = _first_school_work_week(published, region)
    client = login(region["teachers"][0].user)
    response = client.post(
        f"/matching/placements/{placement.id}/move", data={"slot_id": roomy.id, "reason": "x"}
    )
    assert response.status_code == 403
    assert db.session.get(Placement, placement.id).slot_id == placement.slot_id


def test_places_over_the_schools_share_say_so_and_come_after_the_usable_ones(
    admin, published, region
):
    placement = _first_school_work_week(published, region)
    school = region["schools"][0]
    classmates_at = {
        p.slot_id
        for p in published.placements
        if p.student is not None
        and p.id != placement.id
        and p.student.school_class.school_id == school.id
    }
    options = moves.move_options(placement)
    marked = [slot_id for slot_id, label in options if "skolen har allerede sin andel" in label]
    assert marked and set(marked) <= classmates_at
    order = [slot_id in marked for slot_id, _label in options]
    usable = [s for (s, label) in options if s not in marked and "ledige plasser" in label]
    assert not usable or order.index(True) > max(
        i for i, (s, _label) in enumerate(options) if s in usable
    )
    with pytest.raises(DomainError, match="sin andel|its share"):
        moves.move_published(admin, placement, marked[0], "Prøver likevel.")
