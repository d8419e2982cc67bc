"""Company-side factories."""

from datetime import date, timedelta

import factory

from app.companies.models import Company, ContactPerson, Offer, OfferSlot, RoleModel, Site
from tests.factories.accounts import UserFactory
from tests.factories.base import BaseFactory


def valid_org_number(n: int) -> str:
    """The n-th valid Norwegian organisation number from 910000000 up."""
    from app.companies.orgnumber import no_check_digit

    first8 = 91000000 + n * 2
    while no_check_digit(str(first8)) is None:
        first8 += 1
    return f"{first8}{no_check_digit(str(first8))}"


class CompanyFactory(BaseFactory):
    """A Norwegian company whose organisation number passes the MOD11 check."""

    class Meta:
        model = Company

    org_number = factory.Sequence(lambda n: valid_org_number(n))
    country = "NO"
    name = factory.Sequence(lambda n: f"Teknologi {n} AS")
    employees = 120
    fields = factory.LazyFunction(lambda: ["ict", "engineering"])


class SiteFactory(BaseFactory):
    """A site in Trondheim."""

    class Meta:
        model = Site

    company = factory.SubFactory(CompanyFactory)
    name = "Hovedkontor"
    address = "Prinsens gate 1"
    postal_code = "7011"
    municipality = "Trondheim"
    latitude = 63.4305
    longitude = 10.3951


class ContactPersonFactory(BaseFactory):
    """A contact person of a company."""

    class Meta:
        model = ContactPerson

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)


class RoleModelFactory(BaseFactory):
    """An approved role model with two visits a year."""

    class Meta:
        model = RoleModel

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    site = factory.SubFactory(SiteFactory, company=factory.SelfAttribute("..company"))
    status = "approved"
    job_title = "Dataingeniør"
    education_path = "Bachelor i informatikk, NTNU"
    fields = factory.LazyFunction(lambda: ["ict"])
    languages = factory.LazyFunction(lambda: ["nb", "en"])
    modes = factory.LazyFunction(lambda: ["digital", "physical"])
    travel_km = 60
    visits_per_year = 2


class OfferFactory(BaseFactory):
    """A company visit offer at a site."""

    class Meta:
        model = Offer

    company = factory.SubFactory(CompanyFactory)
    site = factory.SubFactory(SiteFactory, company=factory.SelfAttribute("..company"))
    kind = "company_visit"
    mode = "physical"
    title = "Besøk i laboratoriet"
    fields = factory.LazyFunction(lambda: ["engineering"])
    grades = factory.LazyFunction(lambda: [8, 9, 10])
    duration_minutes = 150
    group_size = 30


class OfferSlotFactory(BaseFactory):
    """A date of an offer, two weeks from today."""

    class Meta:
        model = OfferSlot

    offer = factory.SubFactory(OfferFactory)
    date = factory.LazyFunction(lambda: date.today() + timedelta(days=14))
    capacity = 3
    taken = 0
