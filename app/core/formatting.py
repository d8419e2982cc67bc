"""Template filters that show dates and times in the user's language and time zone."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import format_date, format_datetime


def public_url(path: str) -> str:
    """An absolute link to show on a page: on PUBLIC_BASE_URL when it is set, else on the
    address this page was opened at (in development the default 127.0.0.1:5000 may be wrong:
    `flask run --port 8080`, or a phone on the local network)."""
    if current_app.config.get("IS_PUBLIC_BASE_URL_SET"):
        return current_app.config["PUBLIC_BASE_URL"] + path
    return request.host_url.rstrip("/") + path


def register_filters(app: Flask) -> None:
    """Register date, datetime and km filters, and public_url()."""
    app.add_template_filter(lambda d, fmt="medium": format_date(d, fmt) if d else "", "date")
    app.add_template_filter(
        lambda d, fmt="medium": format_datetime(d, fmt) if d else "", "datetime"
    )
    app.add_template_filter(lambda km: f"{km:.0f} km" if km is not None else "", "km")
    app.add_template_global(public_url)
