"""Booking pages as users see them: search, asking, answering, refusals, permissions."""

from __future__ import annotations

from datetime import time

import sqlalchemy as sa

from app.bookings import services
from app.bookings.models import Booking
from app.extensions import db
from app.outbox.models import OutboxMessage
from tests.app.bookings.conftest import weekday_ahead
from tests.factories import (
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    RoleModelFactory,
    SchoolClassFactory,
    SiteFactory,
    TeacherFactory,
)


def bookings() -> int:
    return db.session.scalar(sa.select(sa.func.count(Booking.id)))


def form_for(world, days=21, **extra):
    data = {
        "class_id": world.school_class.id,
        "day": weekday_ahead(days).isoformat(),
        "at": "09:00",
        "duration_minutes": "60",
        "mode": "physical",
        "message": "Hei!",
    }
    data.update(extra)
    return data


def test_search_lists_role_models_nearest_first_with_reasons(world, login):
    far_site = SiteFactory(municipality="Bergen", latitude=60.39, longitude=5.32)
    RoleModelFactory(site=far_site, company=far_site.company, modes=["physical"])
    near_site = SiteFactory(municipality="Trondheim", latitude=63.42, longitude=10.40)
    nearest = RoleModelFactory(site=near_site, company=near_site.company)
    client = login(world.teacher_user)
    page = client.get("/bookings/search?target=role_models&max_km=50").get_data(as_text=True)
    assert "2 treff" in page
    assert page.index(nearest.user.name) < page.index(world.role_model.user.name)
    assert "km fra skolen" in page and "2 av 2 besøk ledige" in page
    assert "Bergen" not in page


def test_digital_role_models_are_found_nationally(world, login):
    far_site = SiteFactory(municipality="Bergen", latitude=60.39, longitude=5.32)
    digital = RoleModelFactory(site=far_site, company=far_site.company, modes=["digital"])
    client = login(world.teacher_user)
    page = client.get("/bookings/search?target=role_models&mode=digital").get_data(as_text=True)
    assert digital.user.name in page and "Digitalt: mulig fra hele landet" in page
    page = client.get("/bookings/search?target=role_models&mode=physical").get_data(as_text=True)
    assert digital.user.name not in page


def test_search_filters_field_language_and_date(world, login):
    client = login(world.teacher_user)
    name = world.role_model.user.name
    assert name in client.get("/bookings/search?field=ict&language=en").get_data(as_text=True)
    assert name not in client.get("/bookings/search?field=biotech").get_data(as_text=True)
    assert name not in client.get("/bookings/search?language=da").get_data(as_text=True)
    saturday = weekday_ahead(10)
    while saturday.weekday() != 5:
        saturday = saturday.fromordinal(saturday.toordinal() + 1)
    page = client.get(f"/bookings/search?on_date={saturday.isoformat()}").get_data(as_text=True)
    assert name not in page


def test_search_offers_shows_free_places_and_is_paginated(world, login):
    for _ in range(11):
        offer = OfferFactory(company=world.contact.company, site=world.slot.offer.site)
        OfferSlotFactory(offer=offer, date=weekday_ahead(20), capacity=4)
    client = login(world.teacher_user)
    page = client.get("/bookings/search?target=offers&grade=9").get_data(as_text=True)
    assert "12 treff" in page and "Side 1 av 2" in page and "4 ledige plasser" in page
    page2 = client.get("/bookings/search?target=offers&grade=9&page=2").get_data(as_text=True)
    assert page2.count("Be om denne datoen") == 2


def test_only_teachers_may_search(world, login):
    assert login(world.role_model.user).get("/bookings/search").status_code == 403


def test_teacher_asks_and_sees_the_booking(world, login):
    client = login(world.teacher_user)
    response = client.post(f"/bookings/new/role-model/{world.role_model.id}", data=form_for(world))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Venter på svar" in page and "09:00" in page and "Europe/Oslo" in page


def test_a_past_date_is_refused_at_the_field_and_input_is_kept(world, login):
    client = login(world.teacher_user)
    response = client.post(
        f"/bookings/new/role-model/{world.role_model.id}",
        data=form_for(world, days=-7, message="Behold meg"),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Velg en dato og et klokkeslett fram i tid." in page and "Behold meg" in page
    assert bookings() == 0


def test_a_class_of_another_school_is_refused(world, login):
    other = SchoolClassFactory()
    client = login(world.teacher_user)
    page = client.post(
        f"/bookings/new/role-model/{world.role_model.id}", data=form_for(world, class_id=other.id)
    ).get_data(as_text=True)
    assert "Velg en av dine egne klasser." in page
    assert bookings() == 0


def test_a_full_offer_date_is_refused(world, login):
    world.slot.taken = world.slot.capacity
    db.session.commit()
    client = login(world.teacher_user)
    page = client.post(
        f"/bookings/new/slot/{world.slot.id}",
        data={"class_id": world.school_class.id, "at": "10:00"},
    ).get_data(as_text=True)
    assert "Denne datoen er fullbooket. Velg en annen dato." in page
    assert bookings() == 0


def test_role_model_accepts_and_invites_are_queued(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    client = login(world.role_model.user)
    response = client.post(f"/bookings/{booking.id}/accept", data={})
    assert response.status_code == 302
    page = client.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "Besøket er bekreftet." in page and "Bekreftet" in page
    methods = db.session.scalars(sa.select(OutboxMessage.calendar_method)).all()
    assert methods.count("REQUEST") == 2


def test_decline_without_reason_stays_on_the_page(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    client = login(world.role_model.user)
    response = client.post(f"/bookings/{booking.id}/decline", data={"decline-reason": ""})
    assert response.status_code == 400
    assert "Skriv til læreren hvorfor." in response.get_data(as_text=True)
    assert db.session.get(Booking, booking.id).status == "requested"


def test_the_teacher_cannot_accept_their_own_request(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    client = login(world.teacher_user)
    assert client.post(f"/bookings/{booking.id}/accept").status_code == 403


def test_others_get_403_and_missing_bookings_404(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    client = login(TeacherFactory().user)
    assert client.get(f"/bookings/{booking.id}").status_code == 403
    assert (
        client.post(f"/bookings/{booking.id}/cancel", data={"cancel-reason": "x"}).status_code
        == 403
    )
    assert client.get("/bookings/999999").status_code == 404


def test_teacher_cancels_with_reason(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    client = login(world.teacher_user)
    response = client.post(f"/bookings/{booking.id}/cancel", data={"cancel-reason": "Heldagsprøve"})
    assert response.status_code == 302
    page = client.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "Avlyst" in page and "Heldagsprøve" in page


def test_propose_and_take_through_the_pages(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    provider = login(world.role_model.user)
    new_day = weekday_ahead(40).isoformat()
    provider.post(
        f"/bookings/{booking.id}/propose",
        data={"propose-day": new_day, "propose-at": "12:30", "propose-reason": "Bedre"},
    )
    provider.post("/logout")
    teacher = login(world.teacher_user)
    page = teacher.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "Nytt tidspunkt foreslått" in page and "12:30" in page
    assert teacher.post(f"/bookings/{booking.id}/take").status_code == 302
    assert db.session.get(Booking, booking.id).status == "confirmed"


def test_bookings_list_filters_by_status(world, login):
    services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    client = login(world.teacher_user)
    assert world.role_model.user.name in client.get("/bookings/").get_data(as_text=True)
    page = client.get("/bookings/?status=confirmed").get_data(as_text=True)
    assert "Ingen bookinger ennå." in page


def test_dashboards_show_the_confirmed_visit(world, login):
    booking = services.request_role_model_visit(
        world.teacher_user, world.role_model, world.ask(at=time(10, 15))
    )
    services.accept(world.role_model.user, booking)
    page = login(world.teacher_user).get("/").get_data(as_text=True)
    assert "Bekreftet" in page and world.role_model.user.name in page


def test_far_role_models_who_also_visit_digitally_say_so(world, login):
    far_site = SiteFactory(municipality="Bergen", latitude=60.39, longitude=5.32)
    both = RoleModelFactory(site=far_site, company=far_site.company)
    page = login(world.teacher_user).get("/bookings/search").get_data(as_text=True)
    card = page[page.index(both.user.name) :]
    card = card[: card.index("</article>")]
    assert "Digitalt: mulig fra hele landet" in card and "km fra skolen" not in card
    assert page.index(world.role_model.user.name) < page.index(both.user.name)


def test_offer_date_page_and_request(world, login):
    client = login(world.teacher_user)
    page = client.get(f"/bookings/new/slot/{world.slot.id}").get_data(as_text=True)
    assert world.slot.offer.title in page and "Klasse" in page
    response = client.post(
        f"/bookings/new/slot/{world.slot.id}",
        data={"class_id": world.school_class.id, "at": "10:00"},
    )
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Booking.slot_id)) == world.slot.id


def test_reschedule_through_the_page_keeps_the_uid(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    client = login(world.role_model.user)
    page = client.post(
        f"/bookings/{booking.id}/reschedule",
        data={
            "reschedule-day": weekday_ahead(3).isoformat(),
            "reschedule-at": "25:00",
            "reschedule-reason": "Kurs",
        },
    ).get_data(as_text=True)
    assert "Skriv et klokkeslett som 09:30." in page and "Kurs" in page
    response = client.post(
        f"/bookings/{booking.id}/reschedule",
        data={
            "reschedule-day": weekday_ahead(45).isoformat(),
            "reschedule-at": "11:00",
            "reschedule-reason": "Kurs",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    moved = db.session.get(Booking, booking.id)
    assert moved.calendar_sequence == 1 and moved.calendar_uid == booking.calendar_uid


def test_feedback_through_the_page(world, login):
    from datetime import UTC, datetime, timedelta

    from tests.factories import BookingFactory

    now = datetime.now(UTC)
    booking = BookingFactory(
        school_class=world.school_class,
        teacher=world.teacher,
        role_model=world.role_model,
        status="confirmed",
        starts_at=now - timedelta(days=1, hours=2),
        ends_at=now - timedelta(days=1),
    )
    client = login(world.teacher_user)
    assert "Hvordan gikk det?" in client.get(f"/bookings/{booking.id}").get_data(as_text=True)
    client.post(f"/bookings/{booking.id}/feedback", data={"fb-score": "5", "fb-comment": "Topp"})
    page = client.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "5/5 — Topp" in page and "Hvordan gikk det?" not in page


def test_admin_reads_the_invites_in_the_outbox(world, login):
    from tests.factories import AdminFactory

    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    services.accept(world.role_model.user, booking)
    message = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.calendar_method == "REQUEST")
    )
    page = login(AdminFactory()).get(f"/admin/outbox/{message.id}").get_data(as_text=True)
    assert "Bekreftet: Rollemodellbesøk" in page and "BEGIN:VCALENDAR" in page


def test_the_contact_person_follows_the_role_models_visits_without_answering(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    contact = ContactPersonFactory(company=world.role_model.company)
    client = login(contact.user)
    assert f'href="/bookings/{booking.id}"' in client.get("/bookings/").get_data(as_text=True)
    dashboard = client.get("/").get_data(as_text=True)
    assert f'href="/bookings/{booking.id}"' in dashboard and "Venter på svar" in dashboard
    page = client.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "Venter på svar" in page and "Godta besøket" not in page
    assert client.post(f"/bookings/{booking.id}/accept").status_code == 403
    client.post("/logout")
    other = login(world.contact.user)
    assert f'href="/bookings/{booking.id}"' not in other.get("/bookings/").get_data(as_text=True)
    assert other.get(f"/bookings/{booking.id}").status_code == 403


def test_a_provider_declines_an_open_request_and_cancels_only_a_confirmed_one(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    client = login(world.role_model.user)
    page = client.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "Avslå forespørselen" in page and "Avlys bookingen" not in page
    services.accept(world.role_model.user, booking)
    page = client.get(f"/bookings/{booking.id}").get_data(as_text=True)
    assert "Avlys bookingen" in page and "Avslå forespørselen" not in page


def test_a_role_model_proposing_a_day_they_blocked_is_pointed_to_their_profile(world, login):
    booking = services.request_role_model_visit(world.teacher_user, world.role_model, world.ask())
    blocked = weekday_ahead(35)
    world.role_model.blocked_dates = [blocked.isoformat()]
    db.session.commit()
    client = login(world.role_model.user)
    response = client.post(
        f"/bookings/{booking.id}/propose",
        data={"propose-day": blocked.isoformat(), "propose-at": "10:00", "propose-reason": "Ok"},
    )
    html = response.get_data(as_text=True)
    assert f"Profilen din sier at du ikke kan besøke {blocked:%d.%m.%Y}." in html
    assert "Rollemodellen kan ikke" not in html
