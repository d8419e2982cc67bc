"""Browser tests: a live server on a real database and Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
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


@pytest.fixture(scope="session")
def live_server(app):
    """Serve the app on a free port of 127.0.0.1 in a background thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


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
