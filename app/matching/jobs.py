"""The matching run and the publication as background jobs (see app/core/jobs.py)."""

from __future__ import annotations

from flask import current_app

from app.core import jobs
from app.matching.publish import execute_publish
from app.matching.runs import execute_run
from app.outbox.services import deliver_due

RUN, PUBLISH = "matching.run", "matching.publish"

jobs.job(RUN)(execute_run)


@jobs.job(PUBLISH)
def publish_and_deliver(run_id: int) -> None:
    """Publish the run, then send its invitations when mail goes out from jobs too."""
    run = execute_publish(run_id)
    if run is not None and run.status == "published" and current_app.config.get("MAIL_SERVER"):
        deliver_due()


def start_run_job(run_id: int) -> str:
    """Run the queued matching run in the background; returns where ("none": a command)."""
    return jobs.enqueue(RUN, run_id)


def start_publish_job(run_id: int) -> str:
    """Publish the run in the background; returns where ("none": a command)."""
    return jobs.enqueue(PUBLISH, run_id)
