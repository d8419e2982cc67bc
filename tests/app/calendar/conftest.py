"""Calendar tests use the booking tests' small world."""

from tests.app.bookings.conftest import world  # noqa: F401  (a fixture shared with bookings)
