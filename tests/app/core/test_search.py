"""List searches: any case, Norwegian letters included, and typed wildcards match themselves."""

from __future__ import annotations

from app.extensions import db
from app.schools.queries import schools
from tests.factories import SchoolFactory


def names(q: str) -> list[str]:
    return [s.name for s in db.session.scalars(schools(q))]


def test_search_ignores_case_of_norwegian_letters_too():
    SchoolFactory(name="Ørland ungdomsskole", municipality="Ørland")
    SchoolFactory(name="Åfjord skole", municipality="Åfjord")
    assert names("ØRLAND") == names("ørland") == ["Ørland ungdomsskole"]
    assert names("åFJORD") == ["Åfjord skole"]


def test_a_typed_percent_or_underscore_is_not_a_wildcard():
    SchoolFactory(name="Skole_A")
    SchoolFactory(name="SkoleXA")
    assert names("e_A") == ["Skole_A"]
    assert names("%") == []
    assert len(names("  ")) == 2  # an empty search keeps everything
