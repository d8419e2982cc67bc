"""The embedded SQLite database: a request that writes while a background job holds a long
write transaction waits for it instead of failing with "database is locked"."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa

from app import create_app
from app.companies.models import Company
from app.extensions import db
from config import TestingConfig

JOB_SECONDS = 6.0  # longer than the 5 s the driver waited before


def test_a_write_waits_for_a_long_background_write_and_pages_still_read(app, tmp_path):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("about the embedded SQLite default")
    path = tmp_path / "busy.sqlite3"

    class FileConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{path}"

    file_app = create_app(FileConfig)
    holding, done = threading.Event(), threading.Event()

    def background_job() -> None:  # e.g. publishing a region: one long transaction
        con = sqlite3.connect(path, isolation_level=None, timeout=0)
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "INSERT INTO company (org_number, country, name, employees, fields, created_at,"
            " updated_at) VALUES ('1', 'NO', 'Jobb', 0, '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
        holding.set()
        time.sleep(JOB_SECONDS)
        con.execute("COMMIT")
        con.close()
        done.set()

    with file_app.app_context():
        db.create_all()
        assert db.session.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        db.session.commit()
        job = threading.Thread(target=background_job)
        job.start()
        assert holding.wait(timeout=10), "the background job could not start"
        started = time.perf_counter()
        assert db.session.scalar(sa.select(sa.func.count(Company.id))) == 0  # reads at once
        db.session.commit()
        assert time.perf_counter() - started < 1.0
        db.session.add(Company(org_number="2", country="NO", name="Skjema"))
        db.session.commit()  # waits for the job, then writes
        waited = time.perf_counter() - started
        job.join(timeout=10)
        assert done.is_set() and waited > JOB_SECONDS - 1
        names = set(db.session.scalars(sa.select(Company.name)))
        assert names == {"Jobb", "Skjema"}
        db.session.remove()
        db.engine.dispose()
