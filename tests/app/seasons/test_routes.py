"""Season pages: administrators' seasons, students' wishes, teachers' requests."""

from __future__ import annotations

from app.extensions import db
from app.seasons.models import ClassRequest, MatchRun, Placement, Preference, Season, Unmatched
from tests.factories import SchoolClassFactory, TeacherFactory
from tests.factories.seasons import ClassRequestFactory

FORM = {
    "name": "Høsten 2027",
    "region": "Trøndelag",
    "offers_open_on": "2027-05-01",
    "requests_open_on": "2027-06-01",
    "requests_close_on": "2027-08-15",
    "publish_on": "2027-09-01",
    "starts_on": "2027-09-15",
    "ends_on": "2027-12-15",
}


def test_admin_creates_a_season_and_a_bad_date_stays_at_its_field(login, admin):
    client = login(admin)
    bad = client.post("/seasons/new", data={**FORM, "ends_on": "2027-09-01"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 200 and "samme dag som eller etter datoen over" in page
    assert 'value="Høsten 2027"' in page
    response = client.post("/seasons/new", data=FORM)
    assert response.status_code == 302
    season = db.session.query(Season).one()
    assert season.status == "draft"
    listing = client.get("/seasons/?q=Høsten").get_data(as_text=True)
    assert "Høsten 2027" in listing


def test_every_wrong_date_is_named_at_its_field_in_one_answer(login, admin):
    form = {**FORM, "requests_open_on": "2027-04-01", "ends_on": "2027-09-01"}
    form["archive_on"] = "2027-08-01"

    page = login(admin).post("/seasons/new", data=form).get_data(as_text=True)

    def error_at(field: str) -> str:
        start = page.index(f'id="{field}"')
        return page[start : page.index("</div>", start)]

    assert "samme dag som eller etter datoen over" in error_at("requests_open_on")
    assert "samme dag som eller etter datoen over" in error_at("ends_on")
    assert "etter at aktivitetene er slutt" in error_at("archive_on")
    assert "samme dag som eller etter" not in error_at("publish_on")


def test_a_season_across_new_year_is_fine_but_not_one_longer_than_52_weeks(login, admin):
    client = login(admin)
    too_long = client.post("/seasons/new", data={**FORM, "ends_on": "2028-09-20"})
    page = too_long.get_data(as_text=True)
    assert too_long.status_code == 200 and "kan dekke høyst 52 uker" in page
    assert 'value="2028-09-20"' in page and db.session.query(Season).count() == 0
    winter = client.post("/seasons/new", data={**FORM, "ends_on": "2028-02-25"})
    assert winter.status_code == 302 and db.session.query(Season).count() == 1


def test_status_moves_after_a_confirmation(login, admin, season):
    client = login(admin)
    show = client.get(f"/seasons/{season.id}").get_data(as_text=True)
    assert "Gå videre til: Stengt" in show and "Vekter og innstillinger" in show
    confirm = client.get(f"/seasons/{season.id}/status/forward").get_data(as_text=True)
    assert "Stengt" in confirm
    assert client.post(f"/seasons/{season.id}/status/forward").status_code == 302
    assert season.status == "closed"


def test_seasons_are_for_admins_only(login, world):
    assert login(world["teacher"].user).get("/seasons/").status_code == 403


def test_student_ranks_wishes_on_the_page(login, world, season):
    student = world["students"][0]
    client = login(student.user)
    page = client.get("/seasons/wishes").get_data(as_text=True)
    assert "Nær 0" in page and "Tromsø" not in page and "km unna" in page
    offer = world["near"][0]
    assert (
        client.post("/seasons/wishes/add", data={"choice": f"offer:{offer.id}"}).status_code == 302
    )
    listed = client.get("/seasons/wishes").get_data(as_text=True)
    assert '<span class="wish-rank" aria-hidden="true">1.</span>' in listed  # rank shown
    again = client.post("/seasons/wishes/add", data={"choice": f"offer:{offer.id}"})
    assert again.status_code == 400
    assert "allerede" in again.get_data(as_text=True) and "field-error" in again.get_data(
        as_text=True
    )
    outside = client.post("/seasons/wishes/add", data={"choice": f"offer:{world['far'].id}"})
    assert "ingen ledig plass" in outside.get_data(as_text=True)
    assert client.post("/seasons/wishes/1/remove").status_code == 302
    assert db.session.query(Preference).count() == 0


def test_gender_needs_consent_and_the_page_says_why(login, world):
    client = login(world["students"][0].user)
    page = client.get("/seasons/wishes").get_data(as_text=True)
    assert "bare for rettferdighet mellom jenter og gutter" in page
    response = client.post("/seasons/wishes/about-me", data={"gender": "female"})
    assert response.status_code == 400 and "Kryss av i boksen" in response.get_data(as_text=True)


def test_wishes_page_is_closed_outside_the_open_phase(login, world, season):
    season.status = "closed"
    db.session.commit()
    client = login(world["students"][0].user)
    assert "Ønskene er stengt" in client.get("/seasons/wishes").get_data(as_text=True)
    response = client.post("/seasons/wishes/add", data={"choice": "field:ict"})
    assert response.status_code == 400


def test_teacher_adds_a_request_and_sees_who_has_not_ranked(login, world, season):
    client = login(world["teacher"].user)
    data = {
        "class_id": world["class"].id,
        "kind": "role_model_visit",
        "window_start": "2027-03-01",
        "window_end": "2027-03-20",
        "mode": "digital",
        "visit_at": "10:15",
        "visit_minutes": "45",
        "fields": ["ict"],
        "max_travel_km": "40",
    }
    bad = client.post(
        f"/seasons/{season.id}/requests/new",
        data={**data, "visit_at": "25:99", "visit_minutes": "5", "window_start": "2020-01-01"},
    )
    form = bad.get_data(as_text=True)
    assert "Velg en dato i sesongen" in form  # shown together with the field errors
    assert "Skriv et klokkeslett som 09:30." in form and 'value="25:99"' in form
    assert "Skriv et tall fra 15 til 480." in form and db.session.query(ClassRequest).count() == 0
    assert client.post(f"/seasons/{season.id}/requests/new", data=data).status_code == 302
    page = client.get("/seasons/requests").get_data(as_text=True)
    assert "10:15" in page
    assert "Rollemodellbesøk" in page or "role" in page.lower()
    assert world["students"][0].display_name in page
    item = db.session.query(ClassRequest).one()
    assert client.post(f"/seasons/requests/{item.id}/delete").status_code == 302
    assert db.session.query(ClassRequest).count() == 0


def test_teacher_cannot_touch_another_schools_request(login, world, season):
    other = ClassRequestFactory(season=season, school_class=SchoolClassFactory())
    client = login(world["teacher"].user)
    assert client.get(f"/seasons/requests/{other.id}/edit").status_code == 403
    assert client.post(f"/seasons/requests/{other.id}/delete").status_code == 403
    assert client.get("/seasons/requests/999/edit").status_code == 404


def test_teacher_cannot_ask_for_another_schools_class(login, world, season):
    stranger = TeacherFactory()
    data = {
        "class_id": world["class"].id,
        "kind": "company_visit",
        "window_start": "2027-03-01",
        "window_end": "2027-03-02",
        "mode": "any",
        "visit_at": "09:00",
        "visit_minutes": "60",
        "max_travel_km": "10",
    }
    response = login(stranger.user).post(f"/seasons/{season.id}/requests/new", data=data)
    assert response.status_code == 403
    invalid = {**data, "visit_minutes": "1"}  # a wrong field does not hide whose class it is
    response = login(stranger.user).post(f"/seasons/{season.id}/requests/new", data=invalid)
    assert response.status_code == 403


def test_dashboards_link_to_the_season(login, world, season):
    page = login(world["students"][0].user).get("/").get_data(as_text=True)
    assert "Ranger ønskene dine" in page


def test_a_class_nobody_joined_is_not_reported_as_all_ranked(login, world, season):
    empty = SchoolClassFactory(school=world["school"], name="7C")
    page = login(world["teacher"].user).get("/seasons/requests").get_data(as_text=True)
    empty_part = page.split(">7C</h3>")[1].split("<h3>")[0]
    assert "Ingen elever har blitt med ennå." in empty_part
    assert "Alle har rangert ønskene sine." not in empty_part
    assert f'href="/schools/classes/{empty.id}"' in empty_part


def test_request_form_leaves_without_cancelling_anything(login, world, season):
    page = login(world["teacher"].user).get(f"/seasons/{season.id}/requests/new")
    text = page.get_data(as_text=True)
    assert "Tilbake uten å lagre" in text and ">Avlys<" not in text


def test_wish_buttons_name_the_wish_and_a_wished_offer_is_marked(login, world, season):
    client = login(world["students"][0].user)
    offer = world["near"][0]
    client.post("/seasons/wishes/add", data={"choice": f"offer:{offer.id}"})
    client.post("/seasons/wishes/add", data={"choice": "field:ict"})
    page = client.get("/seasons/wishes").get_data(as_text=True)
    name = f"{offer.company.name}: {offer.title}"
    assert f'Fjern<span class="visually-hidden">: {name}</span>' in page
    assert 'Flytt opp<span class="visually-hidden">: Fagfelt: IT og programvare</span>' in page
    listing = page.split('id="offers-h"')[1]
    assert listing.count('value="offer:') == len(world["near"]) - 1
    assert "Står i ønskene dine" in listing


def test_teacher_sees_what_came_of_each_request_once_published(login, world, season):
    visit = ClassRequestFactory(season=season, school_class=world["class"])
    later = ClassRequestFactory(season=season, school_class=world["class"], kind="company_visit")
    slot = world["near"][0].slots[0]
    run = MatchRun(season_id=season.id, status="published")
    db.session.add(run)
    db.session.flush()
    db.session.add(Placement(run=run, request_id=visit.id, slot_id=slot.id, kind="company_visit"))
    db.session.add(Unmatched(run=run, request_id=later.id, reason_code="x", reason="No date fits."))
    season.status = "published"
    db.session.flush()
    page = login(world["teacher"].user).get("/seasons/requests").get_data(as_text=True)
    assert "<th>Resultat</th>" in page
    assert f"{slot.offer.company.name}, 8. mars 2027" in page
    assert 'Ikke matchet:</strong> <span lang="en">No date fits.</span>' in page


def test_the_way_out_of_season_forms_does_not_read_as_calling_something_off(login, admin, season):
    """'Cancel' is 'Avlys' in bokmål: calling off an event, not leaving a form."""
    client = login(admin)
    edit = client.get(f"/seasons/{season.id}/edit").get_data(as_text=True)
    confirm = client.get(f"/seasons/{season.id}/status/forward").get_data(as_text=True)
    assert "Avlys" not in edit + confirm
    assert "Tilbake uten å lagre" in edit and "Avbryt" in confirm
