"""Show UTC times in the viewer's time zone (Europe/Oslo or Europe/Copenhagen)."""

from __future__ import annotations

from app.core.domain import TIME_ZONES


def timezone_for(user) -> str:
    """Pick the time zone of the user's school or company country."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "Europe/Oslo"
    countries = [t.school.country for t in user.teachers]
    if user.student is not None:
        countries.append(user.student.school_class.school.country)
    countries += [cp.company.country for cp in user.contact_persons]
    countries += [rm.company.country for rm in user.role_models]
    return TIME_ZONES.get(countries[0], "Europe/Oslo") if countries else "Europe/Oslo"
