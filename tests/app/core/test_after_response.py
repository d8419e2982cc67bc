"""Work queued for after the response runs once it is sent, even when the browser resets the
connection and the development server never closes the response."""

from __future__ import annotations

import socket
import struct
import threading

from flask import Flask, redirect
from werkzeug.serving import make_server

from app.core.after_response import AfterResponseMiddleware, after_response


def _tiny_app(ran: threading.Event) -> Flask:
    app = Flask(__name__)

    @app.post("/start")
    def start():
        after_response(ran.set)
        return redirect("/progress")

    app.wsgi_app = AfterResponseMiddleware(app.wsgi_app)
    return app


def test_the_job_runs_when_the_browser_resets_after_a_redirect():
    """Werkzeug's server drains unread request bytes after the response and skips close()
    when the client resets meanwhile; Chromium does that after reading a redirect."""
    ran = threading.Event()
    server = make_server("127.0.0.1", 0, _tiny_app(ran), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_port)) as client:
            request = b"POST /start HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
            client.sendall(request + b"unread bytes the server drains")
            assert client.recv(4096).startswith(b"HTTP/1.1 302")
            # Reset instead of a clean close, while the server waits in its drain.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        assert ran.wait(timeout=10)
    finally:
        server.shutdown()


def test_the_job_runs_once_when_the_body_is_read_and_then_closed():
    ran: list[int] = []
    app = Flask(__name__)

    @app.post("/start")
    def start():
        after_response(lambda: ran.append(1))
        return "started"

    app.wsgi_app = AfterResponseMiddleware(app.wsgi_app)
    response = app.test_client().post("/start")
    assert response.get_data() == b"started"
    response.close()
    assert ran == [1]


def test_a_failing_job_leaves_the_next_one_running():
    ran: list[str] = []
    app = Flask(__name__)

    @app.get("/")
    def index():
        after_response(lambda: 1 / 0)
        after_response(lambda: ran.append("second"))
        return "ok"

    app.wsgi_app = AfterResponseMiddleware(app.wsgi_app)
    response = app.test_client().get("/")
    response.close()
    assert response.status_code == 200 and ran == ["second"]
