"""Browser tests: a live server on a real database and Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import threading
from collections import Counter

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.core.after_response import Finished
from app.extensions import db as _db
from config import TestingConfig

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """An app with CSRF on, on a file database the server thread and the test both see."""
    path = tmp_path_factory.mktemp("browser") / "browser.sqlite3"

    class BrowserConfig(TestingConfig):
        WTF_CSRF_ENABLED = True
        SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{path}"

    app = create_app(BrowserConfig)
    with app.app_context():
        _db.create_all()
    yield app
    with app.app_context():
        _db.engine.dispose()


class InFlight:
    """WSGI wrapper counting requests whose response, and the jobs that run once it is sent
    (JOBS_INLINE), are not finished, so a test can wait for them before the database is
    emptied: a job left running would act on the next test's rows, whose ids restart at 1."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app, self.open = wsgi_app, Counter[str]()
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        name = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}"
        with self.changed:
            self.open[name] += 1
        try:
            body = self.wsgi_app(environ, start_response)
        except BaseException:
            self._finished(name)
            raise
        return Finished(body, lambda: self._finished(name))

    def _finished(self, name: str) -> None:
        with self.changed:
            self.open[name] -= 1
            self.changed.notify_all()

    def wait_idle(self, timeout: float) -> list[str]:
        """Waits until nothing is in flight; returns what still is after timeout."""
        with self.changed:
            self.changed.wait_for(lambda: not +self.open, timeout)
            return sorted((+self.open).elements())


@pytest.fixture(scope="session")
def in_flight(app):
    """The live server's count of open requests and running jobs."""
    return InFlight(app)


@pytest.fixture(scope="session")
def live_server(in_flight):
    """Serve the app on a free port of 127.0.0.1 in a background thread."""
    server = make_server("127.0.0.1", 0, in_flight, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(autouse=True)
def settled(request, db, in_flight):
    """After each test that used the live server (its browser page closed first), wait for
    every request and job to finish before the database is emptied."""
    yield
    if "live_server" in request.fixturenames:
        still_open = in_flight.wait_idle(timeout=120)
        assert not still_open, f"still running after 120 s: {still_open}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use Debian's Chromium; never a downloaded browser."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone-sized window and Norwegian as the browser language."""
    return {**browser_context_args, "locale": "nb-NO", "viewport": {"width": 412, "height": 900}}
