"""The engine's reasons shown in the viewer's language, with names instead of the engine's ids."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.matching import reasons
from app.seasons.models import MatchRun, Unmatched
from scheduler import reasons as engine
from tests.app.matching.conftest import WEEK_10
from tests.factories import SchoolClassFactory, SchoolFactory, StudentFactory, TeacherFactory

TROMSO = (69.6492, 18.9553)


@pytest.fixture
def far_class(region):
    """A class in Tromsø with a work week in week 10, far from every offer in Trøndelag."""
    school = SchoolFactory(name="Tromsø skole", latitude=TROMSO[0], longitude=TROMSO[1])
    teacher = TeacherFactory(school=school)
    klass = SchoolClassFactory(school=school, teacher=teacher, size=2, work_week_start=WEEK_10)
    return [StudentFactory(school_class=klass) for _ in range(2)]


@pytest.fixture
def finished_run(login, admin, season, far_class):
    """A finished run of the region plus the far class, and the admin's client (bokmål)."""
    client = login(admin)
    response = client.post(f"/matching/seasons/{season.id}/run")
    response.close()
    run = db.session.query(MatchRun).order_by(MatchRun.id.desc()).first()
    db.session.refresh(run)
    return client, run


def test_the_app_asks_for_the_engines_english_sentences(app):
    with app.test_request_context(), force_locale("en"):
        english = {code: str(text) for code, text in reasons.TEMPLATES.items()}
        kinds = {kind: str(text) for kind, text in reasons.KIND_TEXT.items()}
        periods = {name: str(text) for name, text in reasons.PERIOD_TEXT.items()}
    assert english == engine.TEMPLATES
    assert kinds == engine.KIND_TEXT and periods == engine.PERIOD_TEXT


def test_unmatched_reasons_are_stored_as_codes_with_params(finished_run, far_class):
    _client, run = finished_run
    row = db.session.query(Unmatched).filter_by(run=run, student_id=far_class[0].id).one()
    assert row.reason_code == "no_offer_within_km"
    assert row.reason_params["limit_km"] == 35 and row.reason_params["week"] == 10
    assert row.reason.startswith("no work-week offer within 35 km in week 10")


def test_review_page_shows_reasons_in_norwegian(finished_run):
    client, run = finished_run
    page = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    assert "ingen tilbud om arbeidsuke innen 35 km i uke 10 (det nærmeste er" in page
    assert "no work-week offer" not in page and '<span lang="en">no ' not in page


def test_danish_viewer_reads_danish(app, finished_run, far_class):
    _client, run = finished_run
    row = db.session.query(Unmatched).filter_by(run=run, student_id=far_class[0].id).one()
    with app.test_request_context(), force_locale("da"):
        text = reasons.reason_text(row)
    assert text.startswith("intet tilbud om praktikuge inden for 35 km i uge 10")


def test_ids_become_names_the_viewer_knows(app, region):
    offer = region["offers"][0]
    params = {
        "wish_offer": f"offer:{offer.id}",
        **dict(engine.inner_params("school_share", (("company", f"company:{offer.company.id}"),))),
        "inner_max_share_percent": 50,
    }
    with app.test_request_context(), force_locale("nb"):
        text = reasons.render("first_wish_blocked", params)
    assert text == (
        f"førsteønsket (tilbudet {offer.title}): skolen har allerede fått sin andel av "
        f"plassene hos {offer.company.name} den uken (høyst 50 % per skole)"
    )


def test_rows_stored_before_codes_keep_their_english_text(app):
    row = Unmatched(reason_code="student_work_week", reason_params=None, reason="old text")
    with app.test_request_context():
        assert reasons.reason_html(row) == '<span lang="en">old text</span>'
