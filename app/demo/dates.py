"""The demo's dates, counted from the day it is seeded, so its coming activities lie ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

# The season starts this many weeks after the first Monday: requests are open on the
# seeding day and close three weeks before the start, as in a real spring or autumn round.
SEASON_LEAD_WEEKS = 10
# Monday of the first week to Friday of the last; far below the engine's 52 ISO weeks.
SEASON_WEEKS = 19
# Direct role-model bookings spread over this many working days (eight weeks).
BOOKING_WORKING_DAYS = 40


@dataclass(frozen=True)
class DemoCalendar:
    """Every date the demo needs, derived from one seeding day."""

    today: date

    @property
    def first_monday(self) -> date:
        """The first Monday after the seeding day (a week ahead when seeded on a Monday)."""
        return self.today + timedelta(days=7 - self.today.weekday())

    def working_day(self, n: int) -> date:
        """The n-th working day from the first Monday (0 is that Monday); weekends skipped."""
        weeks, day = divmod(n, 5)
        return self.first_monday + timedelta(weeks=weeks, days=day)

    @property
    def season_start(self) -> date:
        """The season's first day, a Monday."""
        return self.first_monday + timedelta(weeks=SEASON_LEAD_WEEKS)

    @property
    def season_end(self) -> date:
        """The season's last day, the Friday of its last week."""
        return self.season_start + timedelta(weeks=SEASON_WEEKS - 1, days=4)

    def season_dates(self) -> dict[str, date]:
        """Phase dates in order, with requests open on the seeding day."""
        start = self.season_start
        return {
            "offers_open_on": self.today - timedelta(weeks=8),
            "requests_open_on": self.today - timedelta(weeks=1),
            "requests_close_on": start - timedelta(weeks=3),
            "publish_on": start - timedelta(days=12),
            "starts_on": start,
            "ends_on": self.season_end,
            "archive_on": self.season_end + timedelta(weeks=12),
        }

    @property
    def season_name(self) -> str:
        """'Våren 2027' or 'Høsten 2027', after the half-year most of the season lies in."""
        middle = self.season_start + timedelta(weeks=SEASON_WEEKS // 2)
        return f"{'Våren' if middle.month <= 7 else 'Høsten'} {middle.year}"

    @property
    def years(self) -> tuple[int, int]:
        """This calendar year and the next: memberships, plans and role-model visit counts."""
        return self.today.year, self.today.year + 1

    def days_ago(self, days: int) -> datetime:
        """Noon UTC a number of days before the seeding day."""
        return datetime.combine(self.today - timedelta(days=days), time(12), UTC)
