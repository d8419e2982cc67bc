"""Template filters that show dates and times in the user's language and time zone."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_date, format_datetime


def register_filters(app: Flask) -> None:
    """Register date, datetime and km filters."""
    app.add_template_filter(lambda d, fmt="medium": format_date(d, fmt) if d else "", "date")
    app.add_template_filter(
        lambda d, fmt="medium": format_datetime(d, fmt) if d else "", "datetime"
    )
    app.add_template_filter(lambda km: f"{km:.0f} km" if km is not None else "", "km")
