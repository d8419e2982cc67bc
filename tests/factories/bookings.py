"""Booking factories."""

from datetime import UTC, datetime, timedelta

import factory

from app.bookings.models import Booking
from tests.factories.base import BaseFactory
from tests.factories.companies import RoleModelFactory
from tests.factories.schools import SchoolClassFactory


class BookingFactory(BaseFactory):
    """A requested role-model visit three weeks ahead."""

    class Meta:
        model = Booking

    school_class = factory.SubFactory(SchoolClassFactory)
    role_model = factory.SubFactory(RoleModelFactory)
    status = "requested"
    mode = "physical"
    starts_at = factory.LazyFunction(
        lambda: (datetime.now(UTC) + timedelta(days=21)).replace(
            hour=8, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=60))
