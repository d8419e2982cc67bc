"""Work that runs once a response has been sent (in-process jobs, JOBS_INLINE).

Flask's `response.call_on_close` depends on the server calling the body's close(). Werkzeug's
development server (`flask run`, the embedded default) skips close() when the browser resets
the connection while the server drains the request, which Chromium does after reading a
redirect: a matching run started that way stayed "queued" for ever. This middleware runs the
callbacks a request registered when the body has been written, or on close(), whichever
comes first, exactly once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator

from flask import request

log = logging.getLogger(__name__)

ENVIRON_KEY = "skolebro.after_response"


def after_response(callback: Callable[[], None]) -> None:
    """Run `callback` in this request's thread once its response has been sent."""
    request.environ.setdefault(ENVIRON_KEY, []).append(callback)


class Finished:
    """A response body that calls `on_finish` once: after its last chunk or on close()."""

    def __init__(self, body: Iterable[bytes], on_finish: Callable[[], None]) -> None:
        self.body, self.on_finish = body, on_finish
        self._lock, self._done = threading.Lock(), False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.body
        self.finish()

    def close(self) -> None:
        """Close the wrapped body (the server is done with it), then finish."""
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.finish()

    def finish(self) -> None:
        """Call on_finish unless it was already called."""
        with self._lock:
            if self._done:
                return
            self._done = True
        self.on_finish()


class AfterResponseMiddleware:
    """WSGI middleware running each request's `after_response` callbacks once it is sent."""

    def __init__(self, wsgi_app: Callable) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        callbacks: list[Callable[[], None]] = environ.setdefault(ENVIRON_KEY, [])
        body = self.wsgi_app(environ, start_response)
        if not callbacks:
            return body

        def run_all() -> None:
            for callback in callbacks:
                try:
                    callback()
                except Exception:  # noqa: BLE001  (the response is sent; log and go on)
                    log.exception("work after the response failed")

        return Finished(body, run_all)
