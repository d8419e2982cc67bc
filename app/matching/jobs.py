"""Run matching jobs in-process after the response (JOBS_INLINE), never in a new thread."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import current_app

from app.core.after_response import after_response
from app.matching.publish import execute_publish
from app.matching.runs import execute_run
from app.outbox.services import deliver_due, is_inline_delivery_on

log = logging.getLogger(__name__)


def _after_response(name: str, job: Callable[[int], object], run_id: int) -> bool:
    """With JOBS_INLINE, call `job(run_id)` once the response is sent; False leaves it to a
    worker (`flask match-run`, `flask match-publish`)."""
    if not current_app.config.get("JOBS_INLINE"):
        return False
    app = current_app._get_current_object()

    def run_job() -> None:
        """Runs once the response is sent, in the same worker thread."""
        with app.app_context():
            try:
                job(run_id)
            except Exception:  # noqa: BLE001  (the jobs record their own failures)
                log.exception("inline %s of run %s failed", name, run_id)

    after_response(run_job)
    return True


def run_after_response(run_id: int) -> bool:
    """Execute the matching run after the response (JOBS_INLINE), else leave it to a worker."""
    return _after_response("matching run", execute_run, run_id)


def _publish_and_deliver(run_id: int) -> None:
    """Publish the run, then send its invitations when mail also goes out in-process."""
    run = execute_publish(run_id)
    if run is not None and run.status == "published" and is_inline_delivery_on():
        deliver_due()


def publish_after_response(run_id: int) -> bool:
    """Publish the run after the response (JOBS_INLINE), else leave it to a worker."""
    return _after_response("publishing", _publish_and_deliver, run_id)
