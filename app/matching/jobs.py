"""Run a matching job in-process after the response (JOBS_INLINE), never in a new thread."""

from __future__ import annotations

import logging

from flask import after_this_request, current_app

from app.matching.runs import execute_run

log = logging.getLogger(__name__)


def run_after_response(run_id: int) -> bool:
    """With JOBS_INLINE, execute the run once the response is sent; False leaves it to a worker."""
    if not current_app.config.get("JOBS_INLINE"):
        return False
    app = current_app._get_current_object()

    @after_this_request
    def schedule(response):
        """Hand the job to the response, to run when it is closed."""

        def job() -> None:
            """Runs once the response is closed, in the same worker thread."""
            with app.app_context():
                try:
                    execute_run(run_id)
                except Exception:  # noqa: BLE001  (execute_run records its own failures)
                    log.exception("inline matching run %s failed", run_id)

        response.call_on_close(job)
        return response

    return True
