"""Fixtures of the company tests: a contact person with a company and a site."""

import pytest

from tests.factories import ContactPersonFactory, SiteFactory


@pytest.fixture
def contact():
    """A contact person of a Norwegian company with one site in Trondheim."""
    contact = ContactPersonFactory(company__name="Havteknikk AS")
    SiteFactory(company=contact.company)
    return contact
