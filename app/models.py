"""Import every model so SQLAlchemy and Alembic see the whole schema."""

from app.accounts.models import Invitation, User
from app.admin.models import AuditLog, Setting
from app.bookings.models import Booking, BookingEvent, Feedback
from app.companies.models import (
    AnnualPlan,
    Company,
    ContactPerson,
    Membership,
    Offer,
    OfferSlot,
    RoleModel,
    RoleModelYear,
    Site,
)
from app.outbox.models import OutboxMessage
from app.schools.models import School, SchoolClass, Student, Teacher
from app.seasons.models import (
    ClassRequest,
    MatchRun,
    Placement,
    PlacementFeedback,
    Preference,
    Season,
    Unmatched,
)

__all__ = [
    "AnnualPlan",
    "AuditLog",
    "Booking",
    "BookingEvent",
    "ClassRequest",
    "Company",
    "ContactPerson",
    "Feedback",
    "Invitation",
    "MatchRun",
    "Membership",
    "Offer",
    "OfferSlot",
    "OutboxMessage",
    "Placement",
    "PlacementFeedback",
    "Preference",
    "RoleModel",
    "RoleModelYear",
    "School",
    "SchoolClass",
    "Season",
    "Setting",
    "Site",
    "Student",
    "Teacher",
    "Unmatched",
    "User",
]
