"""Production's background jobs on a real RQ queue in the Redis on 127.0.0.1:6379.

Each test gets a queue of its own name and deletes only its own keys. The worker is the real
`flask jobs-worker --burst` (an RQ SimpleWorker in this process, on the test's database).
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core import jobs
from app.extensions import db
from app.outbox.models import OutboxMessage
from app.seasons.models import MatchRun
from tests.app.outbox.smtp_server import SmtpServer
from tests.factories import ContactPersonFactory, UserFactory

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def rq_app(app, monkeypatch):
    """The app with jobs going to a queue of this test's own in Redis."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisDown:
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    name = f"skolebro-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setitem(app.config, "JOBS_INLINE", False)
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "JOBS_QUEUE", name)
    yield app
    queue = jobs.queue(app)
    job_ids = set(queue.job_ids)
    for registry in (queue.finished_job_registry, queue.failed_job_registry):
        job_ids.update(registry.get_job_ids())
    keys = [f"rq:{kind}:{job_id}" for job_id in job_ids for kind in ("job", "results")]
    keys += list(connection.scan_iter(f"*{name}*"))  # the queue, its registries, its workers
    if keys:
        connection.delete(*keys)
    connection.srem("rq:queues", f"rq:queue:{name}")
    for worker in connection.smembers("rq:workers"):
        if name in worker.decode():
            connection.srem("rq:workers", worker)
    connection.close()


def _worker(runner) -> None:
    result = runner.invoke(args=["jobs-worker", "--burst"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()


def test_a_run_goes_on_the_queue_and_the_worker_runs_it(
    rq_app, runner, login, admin, season, region
):
    client = login(admin)

    response = client.post(f"/matching/seasons/{season.id}/run")

    run = db.session.scalar(sa.select(MatchRun))
    assert response.status_code == 302 and run.status == "queued"
    assert jobs.queue(rq_app).count == 1
    _worker(runner)
    assert run.status == "finished" and run.placements
    assert jobs.queue(rq_app).count == 0


def test_a_job_delivered_twice_runs_the_work_once(rq_app, runner, login, admin, season, region):
    login(admin).post(f"/matching/seasons/{season.id}/run")
    run = db.session.scalar(sa.select(MatchRun))
    jobs.queue(rq_app).enqueue(jobs.perform, "matching.run", run.id)  # the same run again

    _worker(runner)

    assert run.status == "finished"
    assert db.session.scalar(sa.select(sa.func.count(MatchRun.id))) == 1
    stored = len(run.placements)
    assert stored == len({p.student_id for p in run.placements})  # nobody placed twice


def test_publishing_goes_through_the_queue(rq_app, runner, login, admin, season, region):
    for offer in region["offers"]:
        ContactPersonFactory(company=offer.company)
    client = login(admin)
    client.post(f"/matching/seasons/{season.id}/run")
    _worker(runner)
    run = db.session.scalar(sa.select(MatchRun))

    client.post(f"/matching/runs/{run.id}/publish")
    assert run.status == "publishing"
    _worker(runner)

    assert run.status == "published"
    invites = sa.select(sa.func.count()).where(OutboxMessage.calendar_method == "REQUEST")
    assert db.session.scalar(invites) == len(run.placements)


def test_mail_a_request_queued_is_delivered_by_the_worker(
    rq_app, runner, client, allow_smtp, monkeypatch
):
    UserFactory(email="glemsk@example.no")
    with SmtpServer() as server:
        allow_smtp(server.port)
        monkeypatch.setitem(rq_app.config, "MAIL_SERVER", server.host)
        monkeypatch.setitem(rq_app.config, "MAIL_PORT", server.port)

        client.post("/password/forgot", data={"email": "glemsk@example.no"})
        assert server.received() == []  # queued in Redis, not sent by the request
        _worker(runner)

        (message,) = server.received()
    assert message.rcpt_tos == ("glemsk@example.no",)


def test_with_redis_down_the_run_waits_for_a_command(
    app, monkeypatch, login, admin, season, region
):
    monkeypatch.setitem(app.config, "JOBS_INLINE", False)
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens

    response = login(admin).post(f"/matching/seasons/{season.id}/run")

    assert response.status_code == 302  # the administrator's click is never an error page
    assert db.session.scalar(sa.select(MatchRun)).status == "queued"


def test_a_run_no_worker_took_says_so_after_a_minute(
    app, monkeypatch, login, admin, season, region
):
    monkeypatch.setitem(app.config, "JOBS_INLINE", False)  # a worker's job, and none runs
    client = login(admin)
    client.post(f"/matching/seasons/{season.id}/run")
    run = db.session.scalar(sa.select(MatchRun))
    assert "bakgrunnsjobben" not in client.get(f"/matching/runs/{run.id}").get_data(as_text=True)

    run.updated_at -= timedelta(minutes=2)
    db.session.commit()
    page = client.get(f"/matching/runs/{run.id}").get_data(as_text=True)

    assert "bakgrunnsjobben" in page and "flask jobs-worker" in page


def test_reminders_start_on_the_queue_too(rq_app, runner, client, monkeypatch):
    from datetime import UTC, datetime

    from app.bookings import reminders
    from tests.factories import (
        BookingFactory,
        RoleModelFactory,
        SchoolClassFactory,
        TeacherFactory,
    )

    monkeypatch.setitem(rq_app.config, "REMINDERS_EVERY_S", 3600)
    monkeypatch.setitem(reminders._last_started, "at", float("-inf"))
    teacher = TeacherFactory()
    soon = datetime.now(UTC) + timedelta(days=6)
    booking = BookingFactory(
        school_class=SchoolClassFactory(school=teacher.school, teacher=teacher),
        teacher=teacher,
        role_model=RoleModelFactory(),
        status="confirmed",
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
    )

    client.get("/")
    assert jobs.queue(rq_app).count == 1 and booking.reminded_7d_at is None
    _worker(runner)

    assert booking.reminded_7d_at is not None
