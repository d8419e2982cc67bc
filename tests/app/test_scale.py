"""A synthetic instance of the engine's benchmark loads into the database, runs, and
publishes through the app, and the app-level scale benchmark prints its table."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy as sa

from app.demo.synthetic import load
from app.matching.publish import execute_publish, start_publish
from app.matching.runs import execute_run, start_run
from app.outbox.models import OutboxMessage
from app.schools.models import School
from app.seasons.models import Placement, Season
from tests.factories import AdminFactory


def test_a_synthetic_season_runs_and_publishes_through_the_app(db):
    counts = load("tiny", 1, "Passord-123")
    assert counts["students"] == 300 and counts["wishes"] > 300
    db.session.add(School(name="Ny skole", municipality="Bergen"))
    db.session.commit()  # the ids written by the loader are not handed out again
    admin = AdminFactory()
    run = execute_run(start_run(admin, db.session.get(Season, 1)).id)
    assert run.status == "finished" and run.figures["students"] == 300
    placed = run.figures["placed"]
    assert placed > 0
    start_publish(admin, run)
    assert execute_publish(run.id).status == "published"
    invites = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
    assert invites >= placed  # one per company contact and placement, plus class summaries
    taken = db.session.scalars(sa.select(Placement.calendar_uid).where(Placement.run_id == run.id))
    assert all(uid and uid.startswith("placement-") for uid in taken)


def test_the_scale_benchmark_prints_each_step(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'scale.sqlite3'}"}
    cmd = [sys.executable, "-m", "app.demo.scale", "--preset", "tiny"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    steps = [line.split(" | ")[0] for line in run.stdout.splitlines() if line.startswith("| ")]
    assert steps[1:3] == ["| load rows", "| matching run (build, solve, store)"]
    assert "| publish (job) |" in run.stdout and "published" in run.stdout
    assert "| move a published placement |" in run.stdout
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert again.returncode == 2 and "is not empty" in again.stderr
