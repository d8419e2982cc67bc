"""Publishing as a job: the page queues it, the job runs after the response, all or nothing."""

from __future__ import annotations

import sqlalchemy as sa

from app.companies.models import OfferSlot
from app.extensions import db
from app.matching.runs import execute_run, start_run
from app.outbox.models import OutboxMessage
from app.seasons.models import MatchRun, Placement
from tests.app.outbox.smtp_server import SmtpServer
from tests.factories import ContactPersonFactory
from tests.factories.accounts import PASSWORD


def matched_run(admin, season, region) -> MatchRun:
    """A finished run of the region, every company with a contact person to invite."""
    for offer in region["offers"]:
        ContactPersonFactory(company=offer.company)
    return execute_run(start_run(admin, season).id)


def post_publish(client, run: MatchRun):
    """Ask to publish; the response is not closed yet, so the job has not run."""
    response = client.post(f"/matching/runs/{run.id}/publish")
    assert response.status_code == 302
    assert response.location.endswith(f"/matching/runs/{run.id}?after=publish")
    return response


def finish(response) -> None:
    """Close the response as the server does once it is sent: the job runs now (JOBS_INLINE).

    The test client's requests share the test's session, so forget what it had loaded."""
    response.close()
    db.session.expire_all()


def seats_taken() -> int:
    return db.session.scalar(sa.select(sa.func.sum(OfferSlot.taken)))


def outbox_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)))


def test_publish_runs_after_the_response_and_the_page_follows_it(login, admin, season, region):
    run = matched_run(admin, season, region)
    client, before = login(admin), seats_taken()
    response = post_publish(client, run)
    waiting = client.get(response.location)
    assert waiting.headers["Refresh"] == "2" and "Publiseres" in waiting.get_data(as_text=True)
    assert outbox_count() == 0
    finish(response)
    done = client.get(f"/matching/runs/{run.id}?after=publish", follow_redirects=True)
    page = done.get_data(as_text=True)
    db.session.expire_all()
    assert season.status == "published" and run.status == "published"
    messages = outbox_count()
    assert f"Publisert. {messages} invitasjoner ligger i utboksen." in page
    invites = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.calendar_method == "REQUEST")
    ).all()
    assert len(invites) == len(run.placements) and messages == len(invites) + 3  # + summaries
    assert seats_taken() == before + len(run.placements)
    assert all(p.calendar_uid for p in run.placements)


def test_progress_counts_the_placements_rendered(login, admin, season, region):
    run = matched_run(admin, season, region)
    total = len(run.placements)
    run.status, run.progress, run.progress_label = "publishing", 12 / total, "publishing"
    db.session.commit()
    response = login(admin).get(f"/matching/runs/{run.id}")
    assert response.headers["Refresh"] == "2"
    assert f"Publiserer: 12 av {total} plasseringer" in response.get_data(as_text=True)


def test_a_place_taken_meanwhile_publishes_nothing_and_says_why(login, admin, season, region):
    run = matched_run(admin, season, region)
    slot = run.placements[-1].slot
    slot.taken = slot.capacity
    db.session.commit()
    first_refused = next(p for p in run.placements if p.slot_id == slot.id)
    assert first_refused.id != run.placements[0].id  # places before it are taken, then undone
    client, before = login(admin), seats_taken()
    finish(post_publish(client, run))
    assert (run.status, season.status) == ("finished", "matched")
    assert seats_taken() == before and outbox_count() == 0
    assert not any(p.calendar_uid for p in run.placements)
    page = client.get(f"/matching/runs/{run.id}?after=publish", follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Publiseringen stoppet" in text
    assert f"En plass i resultatet er ikke lenger ledig (plassering {first_refused.id})" in text
    slot.taken = 0
    db.session.commit()
    finish(post_publish(client, run))  # freed again: publishing again works
    assert run.status == "published" and run.error is None


def test_a_second_publish_while_publishing_is_refused(login, admin, season, region):
    run = matched_run(admin, season, region)
    client = login(admin)
    first = post_publish(client, run)
    again = client.post(f"/matching/runs/{run.id}/publish")
    assert again.status_code == 200
    assert "Denne kjøringen publiseres nå" in again.get_data(as_text=True)
    again.close()
    finish(first)
    assert run.status == "published"
    assert seats_taken() == len(run.placements)  # taken once, not twice
    late = client.post(f"/matching/runs/{run.id}/publish")
    assert "allerede publisert" in late.get_data(as_text=True)


def test_pin_move_and_new_run_wait_while_publishing(login, admin, season, region):
    run = matched_run(admin, season, region)
    client = login(admin)
    pending = post_publish(client, run)
    placement = run.placements[0]
    pinned = client.post(f"/matching/placements/{placement.id}/pin", follow_redirects=True)
    assert "Resultatet publiseres nå" in pinned.get_data(as_text=True)
    moved = client.post(f"/matching/placements/{placement.id}/move", data={"slot_id": "1"})
    assert "Resultatet publiseres nå" in moved.get_data(as_text=True)
    rerun = client.post(f"/matching/seasons/{season.id}/run", follow_redirects=True)
    assert "Resultatet publiseres nå" in rerun.get_data(as_text=True)
    finish(pending)
    assert not placement.is_pinned and run.status == "published"
    assert db.session.scalar(sa.select(sa.func.count(MatchRun.id))) == 1


def test_a_worker_publishes_with_the_cli(login, admin, season, region, runner, app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_INLINE", False)
    run = matched_run(admin, season, region)
    finish(post_publish(login(admin), run))
    assert run.status == "publishing"  # nothing runs in-process: a worker does it
    result = runner.invoke(args=["match-publish", str(run.id)])
    assert f"run {run.id}: published" in result.output, result.output
    db.session.expire_all()
    assert season.status == "published" and outbox_count() > 0


def test_inline_publishing_also_delivers_the_invites(
    login, admin, season, region, app, allow_smtp, monkeypatch
):
    run = matched_run(admin, season, region)
    with SmtpServer() as server:
        allow_smtp(server.port)
        monkeypatch.setitem(app.config, "MAIL_SERVER", server.host)
        monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
        finish(post_publish(login(admin), run))
        assert len(server.received()) == outbox_count() > len(run.placements)
    placements = db.session.scalars(sa.select(Placement).where(Placement.run_id == run.id))
    assert all(p.calendar_uid for p in placements)


def test_a_published_work_week_is_on_the_students_calendar_page(login, admin, season, region, app):
    run = matched_run(admin, season, region)
    finish(post_publish(login(admin), run))
    placement = next(p for p in run.placements if p.student is not None)
    student = app.test_client()
    student.post("/login", data={"login": placement.student.user.username, "password": PASSWORD})

    page = student.get("/calendar/").get_data(as_text=True)

    listed = page[page.index("Kommende aktiviteter") : page.index("I kalenderappen")]
    assert placement.slot.offer.company.name in listed
    assert "mandag 8. mars 2027 – fredag 12. mars 2027" in listed
