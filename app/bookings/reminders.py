"""Reminders 7 days and 1 day before confirmed visits, without a cron job to remember.

`flask send-reminders` (run daily) is the guaranteed way. Besides, each process starts the
reminders job at most once per `REMINDERS_EVERY_S` after a response it served, in-process
or on the RQ queue (app/core/jobs.py): the embedded default has no cron, and a site in use
sends its reminders within the hour. Sending is idempotent (each reminder is claimed with
one conditional UPDATE), so several processes starting the job do no harm.
"""

from __future__ import annotations

import threading
import time

from flask import current_app

from app.bookings import changes
from app.core import jobs

REMINDERS = "bookings.reminders"
_lock = threading.Lock()
_last_started = {"at": float("-inf")}


@jobs.job(REMINDERS)
def reminders_job() -> None:
    """The job: queue the reminders that are due."""
    changes.send_reminders()


def start_when_due(response):
    """After-request hook: start the reminders job if this process has not for a while."""
    every = current_app.config.get("REMINDERS_EVERY_S", 0)
    if not every or jobs.backend() == "none":
        return response
    now = time.monotonic()
    with _lock:
        if now - _last_started["at"] < every:
            return response
        _last_started["at"] = now
    jobs.enqueue(REMINDERS)
    return response
