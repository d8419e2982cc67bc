"""A contact person reaches every page of their own company and none of another's."""

import pytest
import sqlalchemy as sa

from app.companies.models import AnnualPlan, Company, Membership, Site
from tests.factories import ContactPersonFactory, SiteFactory

GET_PAGES = [
    "",
    "/edit",
    "/sites",
    "/sites/new",
    "/contacts",
    "/offers",
    "/offers/new",
    "/role-models",
    "/plan",
    "/membership",
]
POSTS = {
    "/edit": {"name": "Kapret AS", "employees": "3"},
    "/contacts/invite": {"email": "inntrenger@example.no", "name": "Inntrenger"},
    "/sites/new": {"name": "Falsk", "address": "Vei 1", "municipality": "Trondheim"},
    "/role-models/invite": {"email": "falsk@example.no", "name": "Falsk"},
    "/plan": {
        "role_model_visits": "99",
        "company_visits": "0",
        "job_shadowing_days": "0",
        "work_week_places": "0",
    },
    "/membership/terminate": {"confirm": "y"},
}


@pytest.fixture
def two_companies(login):
    mine = ContactPersonFactory()
    other = SiteFactory(company__name="Andre AS").company
    login(mine.user)
    return mine.company, other


def snapshot(db, company_id: int) -> tuple:
    """What another company's contact person must never change."""
    company = db.session.get(Company, company_id)
    count = lambda model: db.session.scalar(  # noqa: E731
        sa.select(sa.func.count()).select_from(model).where(model.company_id == company_id)
    )
    return company.name, company.employees, count(Site), count(AnnualPlan), count(Membership)


@pytest.mark.parametrize("suffix", GET_PAGES)
def test_own_company_pages_open(client, two_companies, suffix):
    mine, _other = two_companies
    assert client.get(f"/companies/{mine.id}{suffix}").status_code == 200


@pytest.mark.parametrize("suffix", GET_PAGES)
def test_other_company_pages_are_forbidden(client, two_companies, suffix):
    _mine, other = two_companies
    assert client.get(f"/companies/{other.id}{suffix}").status_code == 403


@pytest.mark.parametrize("suffix", sorted(POSTS))
def test_posts_to_another_company_change_nothing(client, db, two_companies, suffix):
    _mine, other = two_companies
    before = snapshot(db, other.id)
    response = client.post(f"/companies/{other.id}{suffix}", data=POSTS[suffix])
    assert response.status_code == 403
    db.session.expire_all()
    assert snapshot(db, other.id) == before


def test_another_companys_site_cannot_be_edited_or_deleted(client, db, two_companies):
    _mine, other = two_companies
    site = other.sites[0]
    assert client.get(f"/companies/sites/{site.id}/edit").status_code == 403
    assert client.post(f"/companies/sites/{site.id}/delete").status_code == 403
    assert db.session.get(Site, site.id) is not None
