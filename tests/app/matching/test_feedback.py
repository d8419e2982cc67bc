"""After a season's activity the host, the teacher and the student give feedback once; the
administrator reads the season's report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.companies.models import OfferSlot
from app.core.errors import DomainError
from app.extensions import db
from app.matching import changes, feedback
from app.seasons.models import Placement, PlacementFeedback
from tests.app.matching.test_move_published import company_visit  # noqa: F401
from tests.factories import StudentFactory, TeacherFactory
from tests.factories.accounts import PASSWORD


def _work_weeks(run) -> list[Placement]:
    return [p for p in run.placements if p.student is not None]


def _in_the_past(placement: Placement) -> None:
    slot = db.session.get(OfferSlot, placement.slot_id)
    slot.date, slot.end_date = date.today() - timedelta(days=11), date.today() - timedelta(days=7)
    for on_slot in db.session.scalars(sa.select(Placement).where(Placement.slot_id == slot.id)):
        on_slot.on_date = slot.date
    db.session.commit()


@pytest.fixture
def done(published) -> Placement:
    """A published work week that ended last week."""
    placement = _work_weeks(published)[0]
    _in_the_past(placement)
    return placement


def _student_client(app, placement):
    client = app.test_client()
    client.post("/login", data={"login": placement.student.user.username, "password": PASSWORD})
    return client


def test_the_student_gives_feedback_from_the_dashboard_once(app, done):
    client = _student_client(app, done)
    dashboard = client.get("/").get_data(as_text=True)
    assert "Hvordan gikk det? Gi tilbakemelding" in dashboard
    url = f"/matching/placements/{done.id}/feedback"
    page = client.get(url).get_data(as_text=True)
    assert "Hvordan gikk det?" in page and done.slot.offer.company.name in page

    response = client.post(
        url, data={"score": 4, "comment": "Fikk lodde selv!", "next": "/"}, follow_redirects=True
    )

    text = response.get_data(as_text=True)
    assert "Takk for tilbakemeldingen!" in text
    assert "Din tilbakemelding: 4 av 5" in text
    (answer,) = db.session.scalars(sa.select(PlacementFeedback)).all()
    assert (answer.role, answer.score, answer.comment) == ("student", 4, "Fikk lodde selv!")
    again = client.post(url, data={"score": 1, "comment": "Endrer meg."})
    assert "Du ga 4 av 5." in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PlacementFeedback.id))) == 1


def test_the_host_answers_from_the_list_of_earlier_placements(login, done):
    contact = done.slot.offer.company.contact_persons[0].user
    client = login(contact)
    company_id = done.slot.offer.company_id
    coming = client.get(f"/companies/{company_id}/season-placements").get_data(as_text=True)
    assert "Gi tilbakemelding" not in coming
    earlier = client.get(f"/companies/{company_id}/season-placements?when=earlier")
    assert "Hvordan gikk det? Gi tilbakemelding" in earlier.get_data(as_text=True)
    client.post(f"/matching/placements/{done.id}/feedback", data={"score": 5, "comment": ""})
    answer = db.session.scalar(sa.select(PlacementFeedback))
    assert (answer.role, answer.score, answer.author_id) == ("host", 5, contact.id)
    earlier = client.get(f"/companies/{company_id}/season-placements?when=earlier")
    assert "Din tilbakemelding: 5 av 5" in earlier.get_data(as_text=True)


def test_a_bad_score_is_refused_at_the_field_and_the_comment_stays(app, done):
    client = _student_client(app, done)
    response = client.post(
        f"/matching/placements/{done.id}/feedback", data={"score": 9, "comment": "Bra uke."}
    )
    text = response.get_data(as_text=True)
    assert 'id="score-error"' in text and "Bra uke." in text
    assert db.session.scalar(sa.select(sa.func.count(PlacementFeedback.id))) == 0


def test_no_feedback_before_the_activity_nor_on_a_cancelled_one(app, admin, published):
    coming, cancelled = _work_weeks(published)[:2]
    client = _student_client(app, coming)
    page = client.get(f"/matching/placements/{coming.id}/feedback").get_data(as_text=True)
    assert "Du kan gi tilbakemelding etter aktiviteten." in page and "<select" not in page
    with pytest.raises(DomainError, match="etter aktiviteten|after the activity"):
        feedback.give_feedback(coming.student.user, coming, 5, "")
    changes.cancel_placement(admin, cancelled, "Syk.")
    _in_the_past(cancelled)
    assert not feedback.can_give(cancelled.student.user, cancelled)


def test_only_the_sides_of_the_placement_answer(login, app, done, region):
    classmate = StudentFactory(school_class=done.student.school_class)
    other_school_teacher = TeacherFactory(school=region["schools"][1])
    assert feedback.role_of(classmate.user, done) is None
    assert feedback.role_of(other_school_teacher.user, done) is None
    assert feedback.role_of(done.student.school_class.teacher.user, done) == "teacher"
    response = login(other_school_teacher.user).post(
        f"/matching/placements/{done.id}/feedback", data={"score": 1}
    )
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(PlacementFeedback.id))) == 0


def test_the_report_counts_by_kind_and_averages_by_role(login, admin, season, published):
    first, second = _work_weeks(published)[:2]
    for placement in (first, second):
        _in_the_past(placement)
    third = next(
        p for p in _work_weeks(published) if p.slot_id not in (first.slot_id, second.slot_id)
    )
    feedback.give_feedback(first.student.user, first, 5, "Lærte masse.")
    feedback.give_feedback(second.student.user, second, 2, "Kjedelig.")
    host = first.slot.offer.company.contact_persons[0].user
    feedback.give_feedback(host, first, 4, "Flink elev.")
    changes.cancel_placement(admin, third, "Syk.")

    run, rows = feedback.report(season)
    (work_week,) = [r for r in rows if r.kind == "work_week"]
    assert run.id == published.id
    assert (work_week.placed, work_week.cancelled) == (len(_work_weeks(published)) - 1, 1)
    assert work_week.answers == {"student": 2, "host": 1}
    assert work_week.mean["student"] == pytest.approx(3.5)

    client = login(admin)
    season_page = client.get(f"/seasons/{season.id}").get_data(as_text=True)
    assert f"/matching/seasons/{season.id}/report" in season_page
    page = client.get(f"/matching/seasons/{season.id}/report").get_data(as_text=True)
    assert "3,5 av 5 (2 svar)" in page and "4 av 5 (1 svar)" in page
    assert "Medlemsbedrifter" in page and "Mine ønsker" not in page  # the admin's own menu
    assert "Hva de svarte (3)" in page and "Kjedelig." in page
    hosts_only = client.get(f"/matching/seasons/{season.id}/report?role=host")
    text = hosts_only.get_data(as_text=True)
    assert "Flink elev." in text and "Kjedelig." not in text
    assert login(host).get(f"/matching/seasons/{season.id}/report").status_code == 403


def test_the_teacher_answers_for_a_class_visit_from_the_requests_page(
    login,
    company_visit,  # noqa: F811
):
    _in_the_past(company_visit)
    teacher = company_visit.request.school_class.teacher.user
    client = login(teacher)
    page = client.get("/seasons/requests").get_data(as_text=True)
    assert f"/matching/placements/{company_visit.id}/feedback" in page
    client.post(f"/matching/placements/{company_visit.id}/feedback", data={"score": 5})
    answer = db.session.scalar(sa.select(PlacementFeedback))
    assert (answer.role, answer.score) == ("teacher", 5)
    assert "Din tilbakemelding: 5 av 5" in client.get("/seasons/requests").get_data(as_text=True)
