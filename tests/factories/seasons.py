"""Season factories."""

from datetime import date

import factory

from app.seasons.models import ClassRequest, Preference, Season
from tests.factories.base import BaseFactory


class SeasonFactory(BaseFactory):
    """The 2027 spring season of Trøndelag."""

    class Meta:
        model = Season

    name = "Våren 2027"
    region = "Trøndelag"
    status = "requests_open"
    offers_open_on = date(2026, 11, 1)
    requests_open_on = date(2026, 12, 1)
    requests_close_on = date(2027, 1, 15)
    publish_on = date(2027, 2, 1)
    starts_on = date(2027, 2, 15)
    ends_on = date(2027, 6, 15)


class ClassRequestFactory(BaseFactory):
    """A company-visit request in March 2027."""

    class Meta:
        model = ClassRequest

    season = factory.SubFactory(SeasonFactory)
    school_class = factory.SubFactory("tests.factories.schools.SchoolClassFactory")
    kind = "company_visit"
    mode = "physical"
    window_start = date(2027, 3, 1)
    window_end = date(2027, 3, 31)
    fields = factory.LazyFunction(list)
    max_travel_km = 60


class PreferenceFactory(BaseFactory):
    """A student's first work-week wish for a field."""

    class Meta:
        model = Preference

    season = factory.SubFactory(SeasonFactory)
    student = factory.SubFactory("tests.factories.schools.StudentFactory")
    kind = "work_week"
    rank = 1
    field = "ict"
