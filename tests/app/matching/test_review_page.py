"""The review page's list of who was not matched, and what the administrator can do about it."""

from __future__ import annotations

import re

from app.extensions import db
from app.matching.runs import execute_run, start_run


def test_unmatched_section_points_to_the_settings_and_folds_the_unused_offers(
    login, admin, season, region
):
    run = execute_run(start_run(admin, season).id)

    page = login(admin).get(f"/matching/runs/{run.id}/review").get_data(as_text=True)

    assert "følger sesongens innstillinger" in page
    assert f'href="/matching/seasons/{season.id}/settings">endre innstillingene' in page
    unused = page[page.index('<details class="unused-offers"') :]
    assert unused.index("<summary>") < unused.index("Tilbud med ubrukte plasser")


def test_pinning_returns_to_the_same_row(login, admin, season, region):
    run = execute_run(start_run(admin, season).id)
    client = login(admin)
    page = client.get(f"/matching/runs/{run.id}/review?page=1").get_data(as_text=True)
    placement_id = re.search(r'<tr id="placement-(\d+)"', page).group(1)
    expected = f"/matching/runs/{run.id}/review?page=1#placement-{placement_id}"
    assert f'value="{expected}"' in page

    response = client.post(f"/matching/placements/{placement_id}/pin", data={"next": expected})

    assert response.location == expected


def test_unmatched_students_come_a_page_of_groups_at_a_time(
    login, admin, season, region, monkeypatch
):
    """A national run leaves some 15,000 students unmatched: the page lists their groups a
    page at a time, largest first, and the total stays in the heading."""
    from app.matching import review

    run = execute_run(start_run(admin, season).id)
    every = review.student_groups(run)
    assert every.pages == 1 and len(every.items) >= 2
    sizes = [len(g.rows) for g in every.items]
    assert sizes == sorted(sizes, reverse=True)
    monkeypatch.setattr(review, "GROUPS_PER_PAGE", 1)
    client = login(admin)

    first = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    second = client.get(f"/matching/runs/{run.id}/review?groups=2").get_data(as_text=True)

    def groups(page: str) -> int:
        listed = page[page.index('class="list unmatched-groups"') :]
        return listed[: listed.index("</ul>")].count("<li>")

    assert groups(first) == groups(second) == 1
    assert f"Elever ({every.students})" in first and f"Elever ({every.students})" in second
    assert f"/matching/runs/{run.id}/review?groups=2#unmatched-students" in first
    assert every.items[1].school_class.name in second.split("unmatched-groups")[1]


def test_every_offer_with_unused_places_can_be_reached(login, admin, season, region, monkeypatch):
    """The list stopped at the first 100 with no way to the rest; now it pages, and a page
    of it opens folded out."""
    from app.matching import review
    from tests.app.matching.conftest import WEEK_10
    from tests.factories import OfferFactory, OfferSlotFactory, SiteFactory

    for title in ("Ekstra A", "Ekstra B"):  # places in Tromsø, out of every class's reach
        site = SiteFactory(latitude=69.65, longitude=18.96)
        offer = OfferFactory(company=site.company, site=site, kind="work_week", title=title)
        OfferSlotFactory(offer=offer, date=WEEK_10, capacity=3)
    run = execute_run(start_run(admin, season).id)
    monkeypatch.setattr(review, "UNMATCHED_PER_PAGE", 1)
    client = login(admin)
    first = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    unused = first[first.index('id="unused-offers"') :]
    assert f"/matching/runs/{run.id}/review?offers=2#unused-offers" in unused
    second = client.get(f"/matching/runs/{run.id}/review?offers=2").get_data(as_text=True)
    assert 'id="unused-offers" open' in second

    def listed(page: str) -> str:
        part = page[page.index('id="unused-offers"') :]
        return part[part.index('<ul class="list">') : part.index("</ul>")]

    assert listed(first).count("<li>") == listed(second).count("<li>") == 1
    assert listed(first) != listed(second)


def test_the_bound_note_is_in_the_viewers_language_and_a_full_run_is_not_cut_short(
    login, admin, season, region
):
    run = execute_run(start_run(admin, season).id)

    page = login(admin).get(f"/matching/runs/{run.id}/review").get_data(as_text=True)

    assert "Ingen løsning kan koste mindre enn grensen. Grensen er summen" in page
    assert "The bound is the sum" not in page
    assert "Denne kjøringen ble avkortet" not in page


def test_a_run_the_time_limit_cut_short_says_what_was_skipped(login, admin, season, region, db):
    """On a slow or busy machine a national run may skip optional steps: the review says
    which, in words, and where to give the run more time (time cut to nothing here, as a
    machine far slower than this one would)."""
    season.run_settings = {**(season.run_settings or {}), "time_limit_s": 0.0001}
    db.session.commit()
    run = execute_run(start_run(admin, season).id)

    page = login(admin).get(f"/matching/runs/{run.id}/review").get_data(as_text=True)

    cut = page[page.index("Denne kjøringen ble avkortet") :]
    cut = cut[: cut.index("</section>")]
    assert "ble hoppet over" in cut or "Tidsgrensen var brukt opp" in cut
    assert f'href="/matching/seasons/{season.id}/settings">Gi kjøringen mer tid' in cut


def test_two_students_of_one_name_are_told_apart_by_their_user_names(login, admin, season, region):
    """The demo has two "Mathias" in one class: the review names each with their user name,
    and the search finds one by it."""
    first, second = region["students"][:2]
    first.display_name = second.display_name = "Mathias"
    db.session.commit()
    run = execute_run(start_run(admin, season).id)
    client = login(admin)

    page = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    found = client.get(f"/matching/runs/{run.id}/review?q={second.user.username}")

    for student in (first, second):
        assert f"Mathias ({student.user.username})" in page
    assert f"Mathias ({second.user.username})" in found.get_data(as_text=True)
    assert f"Mathias ({first.user.username})" not in found.get_data(as_text=True)
