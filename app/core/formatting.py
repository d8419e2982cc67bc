"""Template filters that show dates and times in the user's language and time zone."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_time as babel_format_time
from flask import Flask, current_app, request
from flask_babel import format_date, format_datetime, get_locale


def clock(
    value: time | datetime | str | None, tz_name: str | None = None, locale: str | None = None
) -> str:
    """A time of day as the page's language writes it (CLDR's short time: "09:00" in bokmål,
    "09.00" in Danish), from a time, an "HH:MM" text or a moment shown in `tz_name`."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = time.fromisoformat(value)
    zone = ZoneInfo(tz_name) if tz_name and isinstance(value, datetime) else None
    locale = locale or str(get_locale() or "nb")
    return babel_format_time(value, "short", tzinfo=zone, locale=locale)


def public_url(path: str) -> str:
    """An absolute link to show on a page: on PUBLIC_BASE_URL when it is set, else on the
    address this page was opened at (in development the default 127.0.0.1:5000 may be wrong:
    `flask run --port 8080`, or a phone on the local network)."""
    if current_app.config.get("IS_PUBLIC_BASE_URL_SET"):
        return current_app.config["PUBLIC_BASE_URL"] + path
    return request.host_url.rstrip("/") + path


def register_filters(app: Flask) -> None:
    """Register the date, datetime, clock and km filters, and public_url()."""
    app.add_template_filter(lambda d, fmt="medium": format_date(d, fmt) if d else "", "date")
    app.add_template_filter(
        lambda d, fmt="medium": format_datetime(d, fmt) if d else "", "datetime"
    )
    app.add_template_filter(lambda km: f"{km:.0f} km" if km is not None else "", "km")
    app.add_template_filter(clock, "clock")
    app.add_template_global(public_url)
