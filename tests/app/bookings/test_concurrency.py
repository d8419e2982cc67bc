"""Many providers accepting at once never take more places than there are."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.exc import OperationalError

from app import create_app
from app.accounts.models import User
from app.bookings import services
from app.bookings.models import Booking
from app.companies.models import OfferSlot, RoleModelYear
from app.core.errors import DomainError
from app.extensions import db
from config import TestingConfig
from tests.app.bookings.conftest import weekday_ahead
from tests.factories import (
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    RoleModelFactory,
    SchoolClassFactory,
    TeacherFactory,
)

THREADS = 12
# One day in the same year for every request, so a single year's capacity is raced for.
SPRING_DAY = next(
    d
    for d in (date(date.today().year + 1, 3, 1) + timedelta(days=i) for i in range(7))
    if d.weekday() < 5
)
ROUNDS = 10


@pytest.fixture
def race_app(app, tmp_path) -> Iterator[Flask]:
    """PostgreSQL: the suite's app. SQLite: an app on a file (in-memory shares one connection)."""
    if db.engine.dialect.name != "sqlite":
        yield app
        return

    class FileConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'race.sqlite3'}"

    file_app = create_app(FileConfig)
    with file_app.app_context():
        db.create_all()
        yield file_app
        db.session.remove()
        db.engine.dispose()


def accept_all(app: Flask, booking_ids: list[int], user_id: int) -> list[bool]:
    """Accept every booking at the same moment, one thread each; True where it worked."""
    barrier = threading.Barrier(len(booking_ids))

    def attempt(booking_id: int) -> bool:
        with app.app_context():
            booking = db.session.get(Booking, booking_id)
            user = db.session.get(User, user_id)
            barrier.wait()
            try:
                services.accept(user, booking)
            except (DomainError, OperationalError):
                db.session.rollback()  # refused, or SQLite said "locked": nothing taken
                return False
            finally:
                db.session.remove()
            return True

    with ThreadPoolExecutor(max_workers=len(booking_ids)) as pool:
        return list(pool.map(attempt, booking_ids))


def requests_for_slot(slot: OfferSlot, teacher) -> list[int]:
    ids = []
    for n in range(THREADS):
        school_class = SchoolClassFactory(school=teacher.school, name=f"K{slot.id}-{n}")
        ask = services.VisitRequest(class_id=school_class.id, day=None, at=None)
        ids.append(services.request_offer_date(teacher.user, slot, ask).id)
    return ids


def test_the_last_place_of_an_offer_date_is_taken_once(race_app):
    with race_app.app_context():
        teacher, contact = TeacherFactory(), ContactPersonFactory()
        for round_number in range(ROUNDS):
            offer = OfferFactory(company=contact.company)
            slot = OfferSlotFactory(
                offer=offer, date=weekday_ahead(10 + round_number), capacity=3, taken=2
            )
            booking_ids = requests_for_slot(slot, teacher)
            results = accept_all(race_app, booking_ids, contact.user_id)
            db.session.expire_all()
            taken = db.session.get(OfferSlot, slot.id).taken
            confirmed = db.session.scalar(
                sa.select(sa.func.count(Booking.id)).where(
                    Booking.slot_id == slot.id, Booking.status == "confirmed"
                )
            )
            assert taken == 3, f"round {round_number}: {taken} of 3 places taken"
            assert sum(results) == confirmed == 1


def test_a_role_models_visits_are_never_oversold(race_app):
    with race_app.app_context():
        teacher = TeacherFactory()
        for round_number in range(ROUNDS // 2):
            role_model = RoleModelFactory(visits_per_year=2)
            booking_ids = []
            for n in range(THREADS):
                school_class = SchoolClassFactory(
                    school=teacher.school, name=f"R{role_model.id}-{n}"
                )
                ask = services.VisitRequest(
                    class_id=school_class.id, day=SPRING_DAY, at=time(7 + n, 0)
                )
                booking_ids.append(
                    services.request_role_model_visit(teacher.user, role_model, ask).id
                )
            results = accept_all(race_app, booking_ids, role_model.user_id)
            db.session.expire_all()
            years = db.session.scalars(
                sa.select(RoleModelYear).where(RoleModelYear.role_model_id == role_model.id)
            ).all()
            assert 1 <= sum(y.taken for y in years) == sum(results) <= 2, f"round {round_number}"
            assert all(y.taken <= y.capacity for y in years)
            if db.engine.dialect.name == "postgresql":  # no "database is locked" there
                assert sum(results) == 2
