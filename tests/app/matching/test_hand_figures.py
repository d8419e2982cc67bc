"""The review's figures count the run as it stands after changes by hand."""

from __future__ import annotations

from app.extensions import db
from app.matching import changes, late
from app.matching.review import move_placement
from app.matching.runs import execute_run, start_run
from tests.app.matching.conftest import WEEK_10
from tests.factories import OfferFactory, OfferSlotFactory, SiteFactory


def _figures_card(client, run) -> str:
    page = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    return page[page.index('id="fig-h"') : page.index('id="obj-h"')]


def test_a_cancellation_and_a_placement_by_hand_are_counted(login, admin, published):
    before = dict(published.figures)
    client = login(admin)
    assert "Telt på nytt" not in _figures_card(client, published)
    placement = next(p for p in published.placements if p.student is not None)
    student, slot = placement.student, placement.slot

    changes.cancel_placement(admin, placement, "Verkstedet er stengt.")
    db.session.refresh(published)
    assert published.figures["placed"] == before["placed"] - 1
    assert published.figures["share_placed"] < before["share_placed"]
    assert published.figures["objective"] == before["objective"]  # the engine's own
    card = _figures_card(client, published)
    assert f"{before['placed'] - 1} / {before['students']}" in card
    assert "Telt på nytt etter 1 endring for hånd" in card

    late.place_student(admin, published, student, "work_week", slot.id)
    db.session.refresh(published)
    assert published.figures["placed"] == before["placed"]
    assert published.figures["share_placed"] == before["share_placed"]
    assert published.figures["share_placed_rural"] == before["share_placed_rural"]
    assert "Telt på nytt etter 2 endringer for hånd" in _figures_card(client, published)


def test_a_move_before_publication_recounts_travel(admin, season, region):
    near = SiteFactory(latitude=63.431, longitude=10.395)
    roomy = OfferFactory(company=near.company, site=near, kind="work_week", title="Romslig")
    roomy_slot = OfferSlotFactory(offer=roomy, date=WEEK_10, capacity=20)
    run = execute_run(start_run(admin, season).id)
    placement = max(
        (p for p in run.placements if p.student_id and p.slot_id != roomy_slot.id),
        key=lambda p: p.travel_km,
    )
    before, old_km = dict(run.figures), placement.travel_km
    moved = move_placement(admin, placement, roomy_slot.id)
    db.session.refresh(run)
    assert moved.travel_km < old_km
    assert run.figures["placed"] == before["placed"]
    assert run.figures["mean_km"] < before["mean_km"]
    kms = [p.travel_km for p in run.placements if p.student_id and p.travel_km is not None]
    assert run.figures["mean_km"] == round(sum(kms) / len(kms), 2)
    assert run.figures["hand_changes"] == 1


def test_counting_again_without_a_change_gives_the_runs_own_figures(admin, season, region):
    from app.matching.figures import recount_after_hand_change

    run = execute_run(start_run(admin, season).id)
    before = dict(run.figures)
    recount_after_hand_change(run)
    same = ("placed", "share_placed", "share_placed_rural", "share_placed_no_network")
    same += ("mean_rank", "share_top2", "mean_km", "girls_share", "requests_met")
    assert {k: run.figures[k] for k in same} == {k: before[k] for k in same}
