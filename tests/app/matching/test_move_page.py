"""The move page: the administrator sees where a student could go before choosing."""

from __future__ import annotations

from app.matching.runs import execute_run, start_run
from tests.app.matching.conftest import WEEK_10
from tests.factories import OfferFactory, OfferSlotFactory, SiteFactory


def test_move_choices_show_distance_and_free_places_nearest_first(login, admin, season, region):
    near = SiteFactory(latitude=63.43, longitude=10.40)
    near_offer = OfferFactory(company=near.company, site=near, kind="work_week", title="Romslig")
    near_slot = OfferSlotFactory(offer=near_offer, date=WEEK_10, capacity=20)
    far = SiteFactory(latitude=69.65, longitude=18.96)  # Tromsø
    far_offer = OfferFactory(company=far.company, site=far, kind="work_week", title="Langt unna")
    OfferSlotFactory(offer=far_offer, date=WEEK_10, capacity=5)
    run = execute_run(start_run(admin, season).id)
    school = region["schools"][0]
    placement = next(p for p in run.placements if p.student.school_class.school_id == school.id)

    placed_there = sum(p.slot_id == near_slot.id for p in run.placements)

    page = login(admin).get(f"/matching/placements/{placement.id}/move").get_data(as_text=True)

    roomy = page[page.index("Romslig") : page.index("</option>", page.index("Romslig"))]
    assert "8. mars 2027" in roomy and f"ledige plasser: {20 - placed_there}" in roomy
    assert int(roomy.split(" km")[0].split("· ")[-1]) < 10
    assert page.index("Romslig") < page.index("Langt unna")  # nearest first
