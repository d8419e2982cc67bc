"""A company's sites and contact persons: paginated and searchable like the other lists."""

import re

import pytest

from app.companies.models import Site
from app.extensions import db
from tests.factories import ContactPersonFactory, OfferFactory, SiteFactory, UserFactory

TOWNS = ["Trondheim", "Steinkjer", "Orkanger"]


@pytest.fixture
def many_sites(contact):
    """32 more sites of the contact's company, and another company's sites everywhere."""
    for n in range(32):
        SiteFactory(
            company=contact.company,
            name=f"Lager {n:02d}",
            address=f"Havnegata {n}",
            municipality="Namsos" if n == 7 else TOWNS[0 if n % 4 == 0 else 2],
        )
    for town in [*TOWNS, "Namsos"]:
        SiteFactory(company__name="Andre AS", name=f"Fremmed lager {town}", municipality=town)
    return contact


@pytest.fixture
def many_contacts(contact):
    """24 more contact persons of the company, and one of another company."""
    for n in range(24):
        ContactPersonFactory(
            company=contact.company,
            user=UserFactory(name=f"Kontakt {n:02d}", email=f"kontakt{n}@havteknikk.no"),
            phone=f"+47 900 00 {n:03d}",
        )
    ContactPersonFactory(user__name="Kontakt Fremmed", company__name="Andre AS")
    return contact


def site_names(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>([^<]+)</td>", html)


def test_sites_come_in_pages(client, login, many_sites):
    login(many_sites.user)
    url = f"/companies/{many_sites.company_id}/sites"
    first = client.get(url).get_data(as_text=True)
    assert "Side 1 av 2" in first
    assert f'href="{url}?page=2" rel="next"' in first
    second = client.get(url + "?page=2").get_data(as_text=True)
    assert "Side 2 av 2" in second and 'rel="prev"' in second
    names = site_names(first) + site_names(second)
    assert len(names) == 33 and len(set(names)) == 33
    assert names[0] == "Hovedkontor" and names[1] == "Lager 00"
    assert not any("Fremmed" in name for name in names)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("lager 07", ["Lager 07"]), ("namsos", ["Lager 07"]), ("Havnegata 31", ["Lager 31"])],
)
def test_sites_are_found_by_name_town_or_address(client, login, many_sites, query, expected):
    login(many_sites.user)
    html = client.get(f"/companies/{many_sites.company_id}/sites?q={query}").get_data(as_text=True)
    assert site_names(html) == expected
    assert f'value="{query}"' in html


def test_the_search_keeps_its_words_across_pages(client, login, many_sites):
    login(many_sites.user)
    url = f"/companies/{many_sites.company_id}/sites"
    first = client.get(url + "?q=Orkanger").get_data(as_text=True)
    assert f'href="{url}?q=Orkanger&amp;page=2" rel="next"' in first
    second = client.get(url + "?q=Orkanger&page=2").get_data(as_text=True)
    assert len(site_names(first)) == 20 and len(site_names(second)) == 3


def test_another_companys_sites_never_appear(client, login, many_sites):
    login(many_sites.user)
    html = client.get(f"/companies/{many_sites.company_id}/sites?q=Fremmed").get_data(as_text=True)
    assert site_names(html) == []
    assert "Ingen arbeidssteder passer til søket." in html


def test_the_company_page_shows_five_sites_and_links_to_all(client, login, many_sites):
    login(many_sites.user)
    html = client.get(f"/companies/{many_sites.company_id}").get_data(as_text=True)
    assert "Alle 33 arbeidsstedene, med søk" in html
    assert "Lager 03" in html and "Lager 04" not in html


def test_a_saved_site_is_shown_in_the_list(client, login, contact):
    login(contact.user)
    response = client.post(
        f"/companies/{contact.company_id}/sites/new",
        data={"name": "Verksted", "address": "Kaia 2", "municipality": "Trondheim"},
    )
    assert response.headers["Location"] == f"/companies/{contact.company_id}/sites"
    assert "Verksted" in site_names(client.get(response.headers["Location"]).get_data(as_text=True))


def test_contact_persons_come_in_pages_and_are_searchable(client, login, many_contacts):
    login(many_contacts.user)
    url = f"/companies/{many_contacts.company_id}/contacts"
    first = client.get(url).get_data(as_text=True)
    second = client.get(url + "?page=2").get_data(as_text=True)
    assert "Side 1 av 2" in first and "Side 2 av 2" in second
    names = site_names(first) + site_names(second)
    assert len(names) == 25 and "Kontakt Fremmed" not in names
    assert site_names(client.get(url + "?q=kontakt13@").get_data(as_text=True)) == ["Kontakt 13"]
    assert site_names(client.get(url + "?q=900 00 021").get_data(as_text=True)) == ["Kontakt 21"]
    empty = client.get(url + "?q=Fremmed").get_data(as_text=True)
    assert site_names(empty) == [] and "Ingen kontaktpersoner passer til søket." in empty


def test_another_companys_lists_are_forbidden(client, login, many_contacts):
    other = ContactPersonFactory(company__name="Tredje AS").company
    login(many_contacts.user)
    assert client.get(f"/companies/{other.id}/sites").status_code == 403
    assert client.get(f"/companies/{other.id}/contacts?q=a").status_code == 403


def test_a_bad_postal_code_stays_at_its_field_with_the_input_kept(client, login, contact):
    login(contact.user)
    url = f"/companies/{contact.company_id}/sites/new"
    data = {"name": "Lab", "address": "Kaia 1", "postal_code": "70l0", "municipality": "Trondheim"}
    response = client.post(url, data=data)
    html = response.get_data(as_text=True)
    assert "Et postnummer har fire sifre, for eksempel 7010." in html and 'value="Kaia 1"' in html
    response = client.post(url, data={**data, "postal_code": "7 010"}, follow_redirects=True)
    assert "Kaia 1, 7010" in response.get_data(as_text=True)


def test_a_site_with_offers_is_not_removed_by_a_stray_tap(client, login, contact):
    site = contact.company.sites[0]
    OfferFactory(company=contact.company, site=site, title="Besøk i hallen")
    login(contact.user)
    response = client.post(f"/companies/sites/{site.id}/delete", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Tilbud foregår på dette arbeidsstedet: Besøk i hallen." in page
    assert db.session.get(Site, site.id) is not None
    spare = SiteFactory(company=contact.company, name="Lageret")
    response = client.post(f"/companies/sites/{spare.id}/delete", follow_redirects=True)
    assert "Arbeidsstedet er fjernet." in response.get_data(as_text=True)
