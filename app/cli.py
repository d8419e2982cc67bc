"""Command-line tasks: demo data, the jobs worker and the outbox sender."""

from __future__ import annotations

import time

import click
from flask import Flask


def register_commands(app: Flask) -> None:
    """Add `flask seed-demo`, `flask jobs-worker` and `flask outbox-deliver`."""

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Only seed a database that has no users.")
    def seed_demo(if_empty: bool) -> None:
        """Build the deterministic Trøndelag demo region (running it twice changes nothing)."""
        from app.demo.seed import database_is_empty, seed

        if if_empty and not database_is_empty():
            click.echo("The database already has users; demo data not added.")
            return
        logins = seed()
        click.echo("Demo logins (password for all: " + logins.pop("password") + "):")
        for role, login in logins.items():
            click.echo(f"  {role:<14} {login}")

    @app.cli.command("jobs-worker")
    @click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
    def jobs_worker(burst: bool) -> None:
        """Run background jobs from the RQ queue in Redis (REDIS_URL, JOBS_INLINE=0)."""
        from app.core import jobs

        if jobs.backend(app) != "rq":
            raise click.ClickException("set REDIS_URL and JOBS_INLINE=0 to run jobs on the queue")
        jobs.work(app, burst=burst)

    @app.cli.command("outbox-deliver")
    @click.option("--loop", is_flag=True, help="Keep delivering every --every seconds.")
    @click.option("--every", default=30, show_default=True)
    def outbox_deliver(loop: bool, every: int) -> None:
        """Send due outbox messages over SMTP (with retries and backoff)."""
        from app.outbox.services import deliver_due

        while True:
            sent, failed = deliver_due()
            click.echo(f"sent {sent}, failed {failed}")
            if not loop:
                break
            time.sleep(every)
