"""factory_boy factories, one module per domain; all commit to the Flask-SQLAlchemy session."""

from tests.factories.accounts import AdminFactory, UserFactory
from tests.factories.bookings import BookingFactory
from tests.factories.companies import (
    CompanyFactory,
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    RoleModelFactory,
    SiteFactory,
)
from tests.factories.schools import (
    SchoolClassFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.factories.seasons import SeasonFactory

__all__ = [
    "AdminFactory",
    "BookingFactory",
    "CompanyFactory",
    "ContactPersonFactory",
    "OfferFactory",
    "OfferSlotFactory",
    "RoleModelFactory",
    "SchoolClassFactory",
    "SchoolFactory",
    "SeasonFactory",
    "SiteFactory",
    "StudentFactory",
    "TeacherFactory",
    "UserFactory",
]
