"""Feedback reaches the host, is asked for when the season is done, and outlives archiving."""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts.privacy import delete_account
from app.extensions import db
from app.matching import archive, feedback
from app.outbox.services import deliver_due
from app.schools.services import remove_student
from app.seasons.models import Placement, PlacementFeedback
from tests.app.matching.test_feedback import _in_the_past, _work_weeks
from tests.app.matching.test_move_published import company_visit  # noqa: F401
from tests.app.outbox.test_booking_invites import parse, smtp  # noqa: F401
from tests.factories.accounts import PASSWORD


def _host(placement: Placement):
    return placement.slot.offer.company.contact_persons[0].user


def test_the_host_reads_what_the_teacher_and_the_student_answered(login, published):
    placement = _work_weeks(published)[0]
    _in_the_past(placement)
    teacher = placement.student.school_class.teacher.user
    feedback.give_feedback(placement.student.user, placement, 5, "Fikk lodde selv!")
    feedback.give_feedback(teacher, placement, 3, "Eleven trengte mer å gjøre.")
    company_id = placement.slot.offer.company_id

    page = login(_host(placement)).get(f"/companies/{company_id}/season-placements?when=earlier")

    text = page.get_data(as_text=True)
    assert "Elev: <strong>5/5</strong> — Fikk lodde selv!" in text
    assert "Lærer: <strong>3/5</strong> — Eleven trengte mer å gjøre." in text
    assert "Hva skolene svarte etterpå:" in text
    assert "Elev: 5 av 5 (1 svar)" in text and "Lærer: 3 av 5 (1 svar)" in text


def test_archiving_keeps_the_report_and_the_hosts_answers_and_strips_the_students(
    login, admin, season, published
):
    placement = _work_weeks(published)[0]
    _in_the_past(placement)
    host, company = _host(placement), placement.slot.offer.company
    feedback.give_feedback(placement.student.user, placement, 2, "Jeg heter Ola og kjedet meg.")
    feedback.give_feedback(host, placement, 4, "Flink elev.")
    placed = len(_work_weeks(published))
    season.status = "done"
    db.session.commit()

    counts = archive.archive_season(admin, season)

    assert counts["student_answers"] == 1
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Placement.id)).where(Placement.student_id.is_not(None))
        )
        == 0
    )
    answers = {f.role: f for f in db.session.scalars(sa.select(PlacementFeedback))}
    assert (answers["student"].score, answers["student"].comment) == (2, "")
    assert answers["student"].author_id is None and answers["student"].placement_id is None
    assert (answers["host"].comment, answers["host"].author_id) == ("Flink elev.", host.id)
    run, rows = feedback.report(season)
    (work_week,) = [r for r in rows if r.kind == "work_week"]
    assert work_week.placed == placed and work_week.answers == {"student": 1, "host": 1}

    client = login(admin)
    assert "Rapport og tilbakemeldinger" in client.get(f"/seasons/{season.id}").get_data(
        as_text=True
    )
    page = client.get(f"/matching/seasons/{season.id}/report?q=skole").get_data(as_text=True)
    assert "Sesongen er arkivert" in page and "Flink elev." in page
    assert "kjedet meg" not in page and "2/5" in page
    host_page = login(host).get(f"/companies/{company.id}/season-placements?when=earlier")
    assert "Elev: 2 av 5 (1 svar)" in host_page.get_data(as_text=True)


def test_when_the_season_is_done_everyone_who_can_answer_is_asked_once(
    login,
    admin,
    season,
    company_visit,  # noqa: F811
    smtp,  # noqa: F811
):
    _in_the_past(company_visit)
    host = _host(company_visit)
    teacher = company_visit.request.school_class.teacher.user
    feedback.give_feedback(teacher, company_visit, 4, "")
    season.status = "published"
    db.session.commit()
    deliver_due()
    before = len(smtp.received())

    client = login(admin)
    response = client.post(f"/seasons/{season.id}/status/forward", follow_redirects=True)

    text = response.get_data(as_text=True)
    assert "Sesongen er nå: Ferdig." in text and "1 person ble bedt om tilbakemelding." in text
    deliver_due()
    received = smtp.received()[before:]
    # The teacher already answered; students without an e-mail address see it on their page.
    assert [m.rcpt_tos[0] for m in received] == [host.email]
    message, ics = parse(received[0])
    assert ics is None and message["Subject"].strip().startswith("Hvordan gikk det?")
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert company_visit.request.school_class.name in body
    assert "Gi tilbakemelding på oversiktssiden din:\r\nhttp://127.0.0.1:5000/\r\n" in body

    overview = login(host).get("/").get_data(as_text=True)
    assert "Hvordan gikk det?" in overview
    assert f"/matching/placements/{company_visit.id}/feedback" in overview

    requests_page = login(teacher).get("/seasons/requests").get_data(as_text=True)
    assert "Din tilbakemelding: 4 av 5" in requests_page


def test_the_overview_lists_what_is_left_to_answer_and_drops_it_once_answered(
    login,
    company_visit,  # noqa: F811
):
    teacher = company_visit.request.school_class.teacher.user
    client = login(teacher)
    assert "waiting-feedback" not in client.get("/").get_data(as_text=True)  # not over yet
    _in_the_past(company_visit)

    overview = client.get("/").get_data(as_text=True)

    assert "Disse aktivitetene er over." in overview
    assert f"Bedriftsbesøk: {company_visit.slot.offer.company.name}" in overview
    client.post(f"/matching/placements/{company_visit.id}/feedback", data={"score": 4, "next": "/"})
    assert "waiting-feedback" not in client.get("/").get_data(as_text=True)


def test_a_removed_student_leaves_no_answer_behind_and_the_host_keeps_theirs(admin, published):
    first, second = _work_weeks(published)[:2]
    for placement in (first, second):
        _in_the_past(placement)
    feedback.give_feedback(first.student.user, first, 5, "Jeg heter Ola.")
    feedback.give_feedback(second.student.user, second, 4, "Jeg heter Kari.")
    feedback.give_feedback(_host(first), first, 4, "God uke.")
    teacher = first.student.school_class.teacher.user

    remove_student(teacher, first.student)
    delete_account(second.student.user, PASSWORD)

    answers = db.session.scalars(sa.select(PlacementFeedback)).all()
    assert [(f.role, f.comment) for f in answers] == [("host", "God uke.")]
