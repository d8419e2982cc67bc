"""The review page's list of who was not matched, and what the administrator can do about it."""

from __future__ import annotations

from app.matching.runs import execute_run, start_run


def test_unmatched_section_points_to_the_settings_and_folds_the_unused_offers(
    login, admin, season, region
):
    run = execute_run(start_run(admin, season).id)

    page = login(admin).get(f"/matching/runs/{run.id}/review").get_data(as_text=True)

    assert "følger sesongens innstillinger" in page
    assert f'href="/matching/seasons/{season.id}/settings">endre innstillingene' in page
    unused = page[page.index('<details class="unused-offers">') :]
    assert unused.index("<summary>") < unused.index("Tilbud med ubrukte plasser")
