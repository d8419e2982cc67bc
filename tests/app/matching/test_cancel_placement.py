"""An administrator cancels a published placement: the place comes back, calendars are told."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
import sqlalchemy as sa

from app.admin.models import AuditLog
from app.bookings.capacity import visits_left
from app.calendar.services import feed_for_token, regenerate_feed_token
from app.companies.models import OfferSlot
from app.core.errors import DomainError
from app.extensions import db
from app.matching import changes
from app.matching.publish import publish_run
from app.matching.runs import execute_run, start_run
from app.outbox.models import OutboxMessage
from app.outbox.services import deliver_due
from app.seasons.models import MatchRun, Placement
from tests.app.matching.test_publish import matched_run
from tests.app.outbox.test_booking_invites import invites, parse, smtp  # noqa: F401
from tests.factories import ContactPersonFactory, RoleModelFactory
from tests.factories.accounts import PASSWORD
from tests.factories.seasons import ClassRequestFactory


def a_work_week(run: MatchRun) -> Placement:
    return next(p for p in run.placements if p.student is not None and p.slot is not None)


def test_a_cancelled_work_week_reaches_host_and_teacher_and_frees_the_place(
    login,
    admin,
    published,
    smtp,  # noqa: F811
):
    deliver_due()  # the publication's invites and summaries
    placement = a_work_week(published)
    slot, uid = placement.slot, placement.calendar_uid
    taken, before = slot.taken, len(smtp.received())
    contact = placement.slot.offer.company.contact_persons[0].user
    teacher = placement.student.school_class.teacher.user
    token = regenerate_feed_token(contact)
    db.session.commit()
    assert uid.encode() in feed_for_token(token)

    client = login(admin)
    page = client.get(f"/matching/placements/{placement.id}/cancel").get_data(as_text=True)
    assert "Avlys en plassering" in page and placement.student.label in page
    response = client.post(
        f"/matching/placements/{placement.id}/cancel",
        data={"reason": "Bedriften må stenge verkstedet den uka."},
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "Plasseringen er avlyst, og de det gjelder har fått beskjed." in text
    assert "Avlyst: Bedriften må stenge verkstedet den uka." in text  # in the review list

    db.session.expire_all()
    assert slot.taken == taken - 1
    assert placement.cancelled_at is not None and placement.calendar_sequence == 1
    deliver_due()  # already sent after the response; nothing left here
    new = smtp.received()[before:]
    by_recipient = {m.rcpt_tos[0]: m for m in new}
    assert set(by_recipient) == {contact.email, teacher.email}
    message, ics = parse(by_recipient[contact.email])
    # A subject longer than a line is folded whole onto the next: parsed, it keeps the space.
    assert message["Subject"].strip().startswith("Avlyst: Arbeidsuke")
    event = icalendar.Calendar.from_ical(ics)
    assert event["METHOD"] == "CANCEL"
    (vevent,) = event.walk("VEVENT")
    assert (str(vevent["UID"]), int(vevent["SEQUENCE"])) == (uid, 1)
    assert str(vevent["STATUS"]) == "CANCELLED"
    notice, no_ics = parse(by_recipient[teacher.email])
    assert no_ics is None
    assert "Bedriften må stenge verkstedet den uka." in notice.get_content()
    assert uid.encode() not in feed_for_token(token)  # the subscribed calendar drops it
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "matching.cancel"))
    assert entry.object_id == placement.id and entry.actor_id == admin.id


def test_the_student_and_the_teacher_see_the_cancellation(login, admin, published, app):
    placement = a_work_week(published)
    changes.cancel_placement(admin, placement, "Verkstedet er stengt.")
    student = app.test_client()
    student.post("/login", data={"login": placement.student.user.username, "password": PASSWORD})
    dashboard = student.get("/").get_data(as_text=True)
    assert "Denne plasseringen er avlyst: Verkstedet er stengt." in dashboard
    assert "Læreren din forteller deg hva som skjer videre." in dashboard
    teacher = login(placement.student.school_class.teacher.user)
    page = teacher.get(f"/schools/classes/{placement.student.class_id}").get_data(as_text=True)
    assert "avlyst" in page and "Verkstedet er stengt." in page


def test_a_reason_is_required_and_nothing_changes_without_it(login, admin, published):
    placement = a_work_week(published)
    taken = placement.slot.taken
    response = login(admin).post(
        f"/matching/placements/{placement.id}/cancel", data={"reason": " "}
    )
    assert response.status_code == 200
    assert "Skriv hvorfor, til de det gjelder." in response.get_data(as_text=True)
    db.session.expire_all()
    assert placement.cancelled_at is None and placement.slot.taken == taken


def test_cancelling_twice_gives_the_place_back_once(admin, published):
    placement = a_work_week(published)
    taken = placement.slot.taken
    changes.cancel_placement(admin, placement, "Syk.")
    with pytest.raises(DomainError, match="allerede avlyst|already cancelled"):
        changes.cancel_placement(admin, placement, "Syk igjen.")
    db.session.expire_all()
    assert placement.slot.taken == taken - 1 and placement.cancel_reason == "Syk."


def test_a_run_not_yet_published_is_changed_by_moving_not_cancelling(login, admin, season, region):
    run = matched_run(admin, season, region)
    placement = run.placements[0]
    client = login(admin)
    page = client.get(f"/matching/placements/{placement.id}/cancel").get_data(as_text=True)
    assert "Bare en publisert plassering der aktiviteten ikke har begynt" in page
    review = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    assert f"/matching/placements/{placement.id}/cancel" not in review
    response = client.post(f"/matching/placements/{placement.id}/cancel", data={"reason": "x"})
    assert "Bare en publisert plassering kan avlyses." in response.get_data(as_text=True)
    assert db.session.get(Placement, placement.id).cancelled_at is None


def test_an_activity_that_has_begun_cannot_be_cancelled(admin, published):
    placement = a_work_week(published)
    slot = db.session.get(OfferSlot, placement.slot_id)
    slot.date, slot.end_date = date.today() - timedelta(days=1), date.today() + timedelta(days=3)
    db.session.commit()
    assert not changes.can_cancel(placement)
    with pytest.raises(DomainError, match="har allerede begynt|already begun"):
        changes.cancel_placement(admin, placement, "For sent.")


def test_only_an_administrator_cancels(login, published, region):
    placement = a_work_week(published)
    client = login(region["teachers"][0].user)
    response = client.post(f"/matching/placements/{placement.id}/cancel", data={"reason": "x"})
    assert response.status_code == 403
    assert db.session.get(Placement, placement.id).cancelled_at is None


@pytest.fixture
def published_visit(admin, season, region) -> Placement:
    """A role-model visit to the first class, placed by the batch and published."""
    school = region["schools"][0]
    role_model = RoleModelFactory(site__latitude=school.latitude, site__longitude=school.longitude)
    ClassRequestFactory(
        season=season, school_class=region["classes"][0], kind="role_model_visit", mode="digital"
    )
    for offer in region["offers"]:
        ContactPersonFactory(company=offer.company)
    run = publish_run(admin, execute_run(start_run(admin, season).id))
    return next(p for p in run.placements if p.role_model_id == role_model.id)


def test_a_cancelled_role_model_visit_gives_the_visit_back_and_tells_both(
    admin, region, login, published_visit
):
    visit, role_model = published_visit, published_visit.role_model
    year = visit.on_date.year
    left = visits_left(role_model, year)
    sent = db.session.scalar(sa.select(sa.func.max(OutboxMessage.id)))

    changes.cancel_placement(admin, visit, "Rollemodellen har sluttet.")

    assert visits_left(role_model, year) == left + 1
    cancels = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id > sent)).all()
    assert {m.recipient for m in cancels} == {
        role_model.user.email,
        region["classes"][0].teacher.user.email,
    }
    assert all(m.calendar_method == "CANCEL" for m in cancels)
    teacher = login(region["classes"][0].teacher.user)
    page = teacher.get("/seasons/requests").get_data(as_text=True)
    assert "Avlyst" in page and "Rollemodellen har sluttet." in page


def test_deactivating_the_role_model_lists_and_cancels_the_published_visit(
    admin, login, published_visit
):
    person = published_visit.role_model.user
    client = login(admin)
    page = client.get(f"/admin/users/{person.id}/deactivate").get_data(as_text=True)
    assert "Kommende besøk (1)" in page and "fra sesongens matching" in page
    client.post(
        f"/admin/users/{person.id}/deactivate",
        data={"reason": "Har sluttet.", "cancel_visits": "y"},
    )
    db.session.expire_all()
    assert published_visit.cancelled_at is not None
    assert published_visit.cancel_reason == "Har sluttet."
