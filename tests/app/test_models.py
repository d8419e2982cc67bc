"""The schema keeps its invariants on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.companies.models import Company, OfferSlot
from app.schools.models import Student
from tests.factories import CompanyFactory, OfferSlotFactory, StudentFactory, UserFactory


def test_taken_can_never_exceed_capacity(db):
    slot = OfferSlotFactory(capacity=2, taken=2)
    slot.taken = 3
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_conditional_update_takes_the_last_place_once(db):
    slot = OfferSlotFactory(capacity=1)
    take = (
        sa.update(OfferSlot)
        .where(OfferSlot.id == slot.id, OfferSlot.taken < OfferSlot.capacity)
        .values(taken=OfferSlot.taken + 1)
    )
    assert db.session.execute(take).rowcount == 1
    assert db.session.execute(take).rowcount == 0
    db.session.commit()


def test_org_number_is_unique_per_country(db):
    CompanyFactory(org_number="923609016", country="NO")
    CompanyFactory(org_number="923609016", country="DK")
    db.session.add(Company(org_number="923609016", country="NO", name="Kopi AS"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_foreign_keys_are_enforced(db):
    db.session.add(Student(user_id=999, class_id=999, display_name="Ingen"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_deleting_a_user_deletes_the_student(db):
    student = StudentFactory()
    db.session.delete(student.user)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Student.id))) == 0


def test_times_come_back_as_utc(db):
    user = UserFactory()
    db.session.expire_all()
    assert user.created_at.tzinfo is not None
    assert user.created_at.utcoffset().total_seconds() == 0


def test_naive_datetimes_are_refused(db):
    user = UserFactory()
    user.last_login_at = datetime(2027, 1, 1, 12, 0)
    with pytest.raises(Exception, match="naive"):
        db.session.commit()
    db.session.rollback()
    user.last_login_at = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)
    db.session.commit()


def test_student_has_no_email(db):
    student = StudentFactory()
    assert student.user.email is None and student.user.username
