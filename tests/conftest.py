"""Shared fixtures: the app, a clean database per test, clients and logging in."""

from __future__ import annotations

import smtplib

import pytest
import sqlalchemy as sa
from flask import g, request_started

from app import create_app
from app.extensions import db as _db
from config import TestingConfig

_allowed_smtp_ports: set[int] = set()


def _fresh_g(_sender, **_extra) -> None:
    """Each request starts with an empty `g`, as in production. Flask reuses the test's app
    context for the test client's requests, so Flask-Login's user, Flask-Babel's locale and
    the CSRF token cached in `g` would carry over from one request to the next, even to
    another client: a second user's page would be rendered as the first user's."""
    for key in list(g):
        g.pop(key)


@pytest.fixture(scope="session")
def app():
    """One app for the whole run, on SQLite in memory or TEST_DATABASE_URL."""
    app = create_app(TestingConfig)
    request_started.connect(_fresh_g, app)
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def db(request):
    """An app context and an empty database for every test (none for the pure scheduler)."""
    if request.node.nodeid.startswith("tests/scheduler/"):
        yield None
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        yield _db
        _db.session.remove()
        _truncate_all()


def _truncate_all() -> None:
    """Empty every table (fast on both SQLite and PostgreSQL)."""
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture(autouse=True)
def fresh_rate_limits(request):
    """Every test starts with no login attempts counted."""
    if not request.node.nodeid.startswith("tests/scheduler/"):
        from app.extensions import limiter

        request.getfixturevalue("app")
        limiter.reset()


@pytest.fixture
def client(app):
    """A test client (CSRF off in TestingConfig; see csrf_client for the real thing)."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for `flask` commands."""
    return app.test_cli_runner()


@pytest.fixture
def login(client):
    """Log a user in through the real login form; returns the client."""

    def do_login(user, password: str = "Passord-123"):
        # Whoever was logged in on this client logs out first: the login page sends a
        # logged-in user to the dashboard (302) without logging the new one in.
        client.post("/logout")
        response = client.post(
            "/login", data={"login": user.email or user.username, "password": password}
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return do_login


@pytest.fixture(autouse=True)
def no_unexpected_smtp(monkeypatch):
    """Fail any SMTP connection a test did not ask for (see allow_smtp)."""
    original = smtplib.SMTP.connect

    def guarded(self, host="localhost", port=0, source_address=None):
        if int(port) not in _allowed_smtp_ports:
            raise AssertionError(f"unexpected SMTP connection to {host}:{port}")
        return original(self, host, port, source_address)

    monkeypatch.setattr(smtplib.SMTP, "connect", guarded)
    yield
    _allowed_smtp_ports.clear()


@pytest.fixture
def allow_smtp():
    """Allow SMTP connections to the given port (a server started by the test)."""
    return _allowed_smtp_ports.add
