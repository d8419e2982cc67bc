"""A small world for booking tests: a school with a teacher and class, a role model, an offer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest

from app.accounts.models import User
from app.bookings.services import VisitRequest
from app.companies.models import ContactPerson, OfferSlot, RoleModel
from app.schools.models import SchoolClass, Teacher
from tests.factories import (
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    RoleModelFactory,
    SchoolClassFactory,
    TeacherFactory,
)


def weekday_ahead(days: int) -> date:
    """The first Monday–Friday at least `days` from today."""
    day = date.today() + timedelta(days=days)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


@dataclass
class World:
    """Everything a booking needs, already committed."""

    teacher: Teacher
    school_class: SchoolClass
    role_model: RoleModel
    contact: ContactPerson
    slot: OfferSlot

    @property
    def teacher_user(self) -> User:
        return self.teacher.user

    def ask(self, days: int = 21, at: time = time(9, 0), **overrides) -> VisitRequest:
        """A valid visit request for the class, `days` ahead at `at`."""
        values = {
            "class_id": self.school_class.id,
            "day": weekday_ahead(days),
            "at": at,
            "duration_minutes": 60,
            "mode": "physical",
            "message": "Hei fra 9A!",
        }
        values.update(overrides)
        return VisitRequest(**values)


@pytest.fixture
def world() -> World:
    """A teacher and class in Trondheim, a role model nearby, an offer with one date."""
    return make_world()


def make_world() -> World:
    """The booking world, for tests outside this folder."""
    teacher = TeacherFactory()
    school_class = SchoolClassFactory(school=teacher.school, teacher=teacher, name="9A")
    role_model = RoleModelFactory()
    contact = ContactPersonFactory()
    offer = OfferFactory(company=contact.company)
    slot = OfferSlotFactory(offer=offer, date=weekday_ahead(14), capacity=2)
    return World(teacher, school_class, role_model, contact, slot)
