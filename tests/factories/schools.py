"""School-side factories."""

import factory

from app.schools.models import School, SchoolClass, Student, Teacher
from tests.factories.accounts import UserFactory
from tests.factories.base import BaseFactory


class SchoolFactory(BaseFactory):
    """A lower secondary school in Trondheim."""

    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Byåsen {n} ungdomsskole")
    municipality = "Trondheim"
    region = "Trøndelag"
    country = "NO"
    latitude = 63.4050
    longitude = 10.3550
    is_rural = False


class TeacherFactory(BaseFactory):
    """An approved teacher."""

    class Meta:
        model = Teacher

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    is_approved = True


class SchoolClassFactory(BaseFactory):
    """A 9th-grade class."""

    class Meta:
        model = SchoolClass

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"9{chr(65 + n % 26)}")
    grade = 9
    size = 24
    school_year = "2026-2027"


class StudentFactory(BaseFactory):
    """A student with a user name and no e-mail address."""

    class Meta:
        model = Student

    user = factory.SubFactory(
        UserFactory, email=None, username=factory.Sequence(lambda n: f"elev.{n:04d}")
    )
    school_class = factory.SubFactory(SchoolClassFactory)
    display_name = factory.SelfAttribute("user.name")
