"""Background jobs, wherever they run: in-process after the response, on an RQ queue, or left
to a command.

The backend follows the configuration:

- "inline" (`JOBS_INLINE=1`, the embedded default): the job runs in this process once the
  response has been sent (app/core/after_response.py);
- "rq" (`JOBS_INLINE=0` and `REDIS_URL` set, production): the job goes on the RQ queue
  `JOBS_QUEUE` in Redis and `flask jobs-worker` runs it;
- "none" (`JOBS_INLINE=0`, no Redis): nothing is queued; the commands (`flask match-run`,
  `flask match-publish`, `flask outbox-deliver --loop`) do the work.

A job is a function registered under a name that takes only ids, so a job reads everything
else from the database when it runs, and running it twice does no harm: each job claims its
work in one conditional UPDATE (a matching run, a publication) or per message (the outbox).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, current_app, has_app_context

from app.core.after_response import after_response

log = logging.getLogger(__name__)

JOBS: dict[str, Callable[..., object]] = {}


def job(name: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """Register a function as the job `name` (its arguments must be plain ids)."""

    def register(fn: Callable[..., object]) -> Callable[..., object]:
        JOBS[name] = fn
        return fn

    return register


def backend(app: Flask | None = None) -> str:
    """Where jobs run for this app: "inline", "rq" or "none"."""
    cfg = (app or current_app).config
    if cfg.get("JOBS_INLINE"):
        return "inline"
    return "rq" if cfg.get("REDIS_URL") else "none"


def enqueue(name: str, *args: int) -> str:
    """Start the job `name` with its ids where this app runs jobs; returns the backend used
    ("none" when Redis could not take it: a command or the next enqueue picks the work up)."""
    app = current_app._get_current_object()
    where = backend(app)
    if where == "inline":
        after_response(lambda: _perform_in(app, name, args))
    elif where == "rq":
        try:
            queue(app).enqueue(perform, name, *args, description=f"{name}{args}")
        except Exception:  # noqa: BLE001  (redis down: the work stays queued in the database)
            log.exception("could not queue job %s%s on %s", name, args, app.config["REDIS_URL"])
            return "none"
    return where


def perform(name: str, *args: int) -> None:
    """Run the job `name` (the entry point RQ calls in `flask jobs-worker`)."""
    if has_app_context():
        JOBS[name](*args)
        return
    from app import create_app  # a plain `rq worker` process: build the app once per job

    with create_app().app_context():
        JOBS[name](*args)


def _perform_in(app: Flask, name: str, args: tuple[int, ...]) -> None:
    """Run an inline job in its own app context (the request's is gone)."""
    with app.app_context():
        try:
            JOBS[name](*args)
        except Exception:  # noqa: BLE001  (jobs record their own failures; log the rest)
            log.exception("inline job %s%s failed", name, args)


def queue(app: Flask):
    """The app's RQ queue in Redis."""
    from redis import Redis
    from rq import Queue

    connection = Redis.from_url(app.config["REDIS_URL"])
    return Queue(app.config["JOBS_QUEUE"], connection=connection)


def work(app: Flask, burst: bool = False) -> bool:
    """Run the app's queue in this process (no fork: a job shares the app and its database
    pool); with `burst`, stop when the queue is empty. True if any job was done."""
    import os
    import uuid

    from rq import SimpleWorker

    q = queue(app)
    name = f"{q.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}"  # whose worker, in rq's lists
    with app.app_context():
        worker = SimpleWorker([q], connection=q.connection, name=name)
        return bool(worker.work(burst=burst, logging_level="INFO"))
