"""How the web app holds up at region or national scale: load a synthetic instance, run the
matching as the administrator's job does, open the review pages, publish.

    python -m app.demo.scale --preset region --seed 1            # a new SQLite file in /tmp
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/scale_db python -m app.demo.scale ...

The database must be empty (it is created with create_all). Prints one line per step with
its wall time and the process's peak memory so far.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable

import sqlalchemy as sa

from app import create_app
from app.accounts.models import User
from app.demo.synthetic import load
from app.extensions import db
from app.matching import moves
from app.matching.problem_builder import build_problem
from app.matching.publish import execute_publish, start_publish
from app.matching.runs import execute_run, start_run
from app.outbox.models import OutboxMessage
from app.seasons.models import Placement, Season
from config import DevelopmentConfig

PASSWORD = "Skala-demo-2026"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Steps:
    """Times each step and prints it as a table row."""

    def __init__(self) -> None:
        print("| step | seconds | peak MB | result |\n|---|---|---|---|")

    def __call__(self, name: str, work: Callable[[], object], show: Callable = str) -> object:
        start = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - start
        print(f"| {name} | {seconds:.2f} | {_peak_mb():.0f} | {show(result)} |", flush=True)
        return result


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m app.demo.scale")
    parser.add_argument("--preset", choices=("tiny", "region", "nation"), default="region")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='skolebro-scale-')}/scale.sqlite3"

    class ScaleConfig(DevelopmentConfig):
        """The development settings on the given database, jobs called here directly."""

        SQLALCHEMY_DATABASE_URI = url
        JOBS_INLINE = False
        WTF_CSRF_ENABLED = False

    app = create_app(ScaleConfig)
    print(f"database: {url}")
    step = Steps()
    with app.app_context():
        if sa.inspect(db.engine).get_table_names():
            parser.error(f"{url} is not empty; give an empty database")
        db.create_all()
        step("load rows", lambda: load(args.preset, args.seed, PASSWORD))
        admin = User(email="admin@skala.no", name="Admin", is_admin=True, language="nb")
        admin.set_password(PASSWORD)
        db.session.add(admin)
        db.session.commit()
        season = db.session.get(Season, 1)
        run = start_run(admin, season)
        finished = step(
            "matching run (build, solve, store)", lambda: execute_run(run.id), _describe_run
        )
        client = app.test_client()
        client.post("/login", data={"login": "admin@skala.no", "password": PASSWORD})
        for name, url in (
            ("review page", f"/matching/runs/{run.id}/review"),
            ("review page 3", f"/matching/runs/{run.id}/review?page=3"),
            ("review search", f"/matching/runs/{run.id}/review?q=Elev+S0001"),
            ("season page", f"/seasons/{season.id}"),
        ):
            step(name, lambda url=url: _get(client, url))
        rerun = start_run(admin, season)
        finished = step(
            "matching re-run (the first run as previous)",
            lambda: execute_run(rerun.id),
            _describe_run,
        )
        run = rerun
        start_publish(admin, finished)
        step("publish (job)", lambda: execute_publish(run.id), _describe_run)
        outbox = sa.select(sa.func.count()).select_from(OutboxMessage)
        step("outbox rows", lambda: db.session.scalar(outbox))
        _after_publication(step, client, finished)
    return 0


def _after_publication(step: Steps, client, run) -> None:
    """Time the changes after publication: cancel a placement, place its student again by
    hand, move another one (to the nearest place that breaks no rule, if there is one; a
    refusal shows as HTTP 200), and the host's list of who comes."""
    placement = db.session.scalar(
        sa.select(Placement).where(Placement.run_id == run.id).order_by(Placement.id).limit(1)
    )
    cancel_url = f"/matching/placements/{placement.id}/cancel"
    step("cancel a placement", lambda: _post(client, cancel_url, {"reason": "Syk."}))
    place_url = f"/matching/runs/{run.id}/students/{placement.student_id}/place"
    step("place-by-hand page", lambda: _get(client, place_url))
    step("place by hand", lambda: _post(client, place_url, {"slot_id": placement.slot_id}))
    last = sa.select(Placement).where(
        Placement.run_id == run.id,
        Placement.slot_id.is_not(None),
        Placement.cancelled_at.is_(None),
    )
    candidates = list(db.session.scalars(last.order_by(Placement.id.desc()).limit(200)))
    built = build_problem(run.season, with_history=False)
    found = ((p, moves.first_usable(p, built)) for p in candidates)
    moved, target = next(((p, slot) for p, slot in found if slot is not None), (None, None))
    if moved is None:  # every place left breaks a rule: time the refusal instead
        moved = candidates[0]
        target = next(iter(moves.move_options(moved, built)), (None,))[0]
    move_url = f"/matching/placements/{moved.id}/move"
    step("move page", lambda: _get(client, move_url))
    if target is not None:
        data = {"slot_id": target, "reason": "Verten har flyttet dagen."}
        step("move a published placement", lambda: _post(client, move_url, data))
    company_id = placement.slot.offer.company_id
    step("host's list", lambda: _get(client, f"/companies/{company_id}/season-placements"))


def _describe_run(run) -> str:
    figures = {k: v for k, v in (run.figures or {}).items() if isinstance(v, int | float)}
    shown = ", ".join(f"{k} {v}" for k, v in list(figures.items())[:4])
    return f"{run.status}{': ' + shown if shown else ''}{' ' + run.error if run.error else ''}"


def _get(client, url: str) -> str:
    response = client.get(url)
    return f"HTTP {response.status_code}, {len(response.data) // 1024} KB"


def _post(client, url: str, data: dict) -> str:
    response = client.post(url, data=data)
    return f"HTTP {response.status_code}"


if __name__ == "__main__":
    raise SystemExit(main())
