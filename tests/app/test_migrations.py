"""Migrations keep what users entered on the embedded SQLite default.

SQLite alters a table by copying it and dropping the old one; with foreign keys on, that
drop used to delete every row pointing to the table with ON DELETE CASCADE. Here a seeded
demo goes down past a migration that recreates `match_run` and `placement_feedback`, and
up again: the feedback stays, and its copied details come back from the placements.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

FEEDBACK = (
    "SELECT id, season_id, kind, company_id, school_id, class_name, activity_on"
    " FROM placement_feedback ORDER BY id"
)


def _flask(db_file, *args: str) -> None:
    env = {"PATH": "/usr/bin:/bin", "FLASK_APP": "wsgi", "DATABASE_URL": f"sqlite:///{db_file}"}
    result = subprocess.run(
        [sys.executable, "-m", "flask", *args], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]


def _rows(db_file, query: str) -> list[tuple]:
    with sqlite3.connect(db_file) as connection:
        return connection.execute(query).fetchall()


def test_down_and_up_again_keeps_the_feedback_and_the_students(tmp_path):
    db_file = tmp_path / "demo.sqlite3"
    _flask(db_file, "db", "upgrade")
    _flask(db_file, "seed-demo")
    feedback = _rows(db_file, FEEDBACK)
    students = _rows(db_file, "SELECT count(*) FROM student")
    assert len(feedback) > 10

    _flask(db_file, "db", "downgrade", "8e325ccb733c")
    assert len(_rows(db_file, "SELECT id FROM placement_feedback")) == len(feedback)
    _flask(db_file, "db", "upgrade")

    assert _rows(db_file, FEEDBACK) == feedback
    assert _rows(db_file, "SELECT count(*) FROM student") == students
    assert _rows(db_file, "PRAGMA foreign_key_check") == []
