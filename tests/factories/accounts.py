"""User factories; every user's password is PASSWORD."""

import functools

import factory
from argon2 import PasswordHasher

from app.accounts.models import User
from tests.factories.base import BaseFactory

PASSWORD = "Passord-123"


@functools.cache
def password_hash() -> str:
    """Hash the test password once per run (argon2 is slow on purpose)."""
    return PasswordHasher().hash(PASSWORD)


class UserFactory(BaseFactory):
    """A user with an e-mail address and the shared test password."""

    class Meta:
        model = User

    name = factory.Faker("name", locale="no_NO")
    email = factory.Sequence(lambda n: f"user{n}@example.no")
    language = "nb"
    password_hash = factory.LazyFunction(password_hash)


class AdminFactory(UserFactory):
    """An administrator."""

    is_admin = True
    admin_region = "Trøndelag"
