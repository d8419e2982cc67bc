"""Season factories."""

from datetime import date

from app.seasons.models import Season
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
