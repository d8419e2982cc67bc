"""The administrator's matching pages: settings, run, progress, review, pin, move, publish."""

from __future__ import annotations

import dataclasses

from app.extensions import db
from app.matching import params
from app.matching.params import params_for
from app.seasons.models import MatchRun
from scheduler.problem import Weights
from tests.factories import TeacherFactory


def _run(client, season) -> MatchRun:
    """Start a run; closing the response runs it in-process (JOBS_INLINE), as a server does."""
    response = client.post(f"/matching/seasons/{season.id}/run")
    assert response.status_code == 302 and "/matching/runs/" in response.location
    response.close()
    run = db.session.query(MatchRun).order_by(MatchRun.id.desc()).first()
    db.session.refresh(run)
    return run


def test_settings_show_explained_weights_and_save(login, admin, season):
    client = login(admin)
    page = client.get(f"/matching/seasons/{season.id}/settings").get_data(as_text=True)
    assert "Kostnad per kilometer" in page or "travel" in page.lower()
    data = {f"w_{f.name}": "5" for f in dataclasses.fields(Weights)}
    data |= {"travel_8": "20", "travel_9": "30", "travel_10": "40", "max_school_share": "0.4"}
    data["time_limit_s"] = "120"
    response = client.post(f"/matching/seasons/{season.id}/settings", data=data)
    assert response.status_code == 302
    assert season.weights["travel"] == 5.0
    assert season.run_settings["travel_limit_km"]["9"] == 30.0
    assert params_for(season).time_limit_s == 120.0  # a national season may need more time
    assert season.allows_last_resort is False


def test_a_whole_countrys_season_gets_two_minutes_unless_set(
    login, admin, season, region, monkeypatch
):
    assert params_for(season).time_limit_s == 60.0  # 30 students: a region's minute
    monkeypatch.setattr(params, "LARGE_SEASON_STUDENTS", 20)  # as if a whole country
    assert params_for(season).time_limit_s == 120.0
    page = login(admin).get(f"/matching/seasons/{season.id}/settings").get_data(as_text=True)
    assert 'name="time_limit_s"' in page and 'value="120"' in page
    season.run_settings = {"time_limit_s": 90.0}
    db.session.commit()
    assert params_for(season).time_limit_s == 90.0  # the administrator's own setting wins


def test_a_time_limit_out_of_range_stays_at_its_field(login, admin, season):
    client = login(admin)
    page = client.get(f"/matching/seasons/{season.id}/settings").get_data(as_text=True)
    assert 'name="time_limit_s"' in page and 'value="60"' in page  # the engine's default
    response = client.post(f"/matching/seasons/{season.id}/settings", data={"time_limit_s": "5"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "fra 10 til 1 800" in page
    assert 'value="5"' in page and params_for(season).time_limit_s == 60.0


def test_settings_refuse_a_negative_weight(login, admin, season):
    client = login(admin)
    response = client.post(f"/matching/seasons/{season.id}/settings", data={"w_travel": "-1"})
    assert response.status_code == 200
    assert "field-error" in response.get_data(as_text=True)


def test_admin_runs_reviews_pins_and_publishes(login, admin, season, region):
    client = login(admin)
    run = _run(client, season)
    assert run.status == "finished"
    progress = client.get(f"/matching/runs/{run.id}")
    assert progress.status_code == 302 and progress.location.endswith(f"/runs/{run.id}/review")
    page = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    assert 'lang="en"' in page and "Arbeidsuke" in page
    placement = run.placements[0]
    assert client.post(f"/matching/placements/{placement.id}/pin").status_code == 302
    assert placement.is_pinned
    name = placement.student.display_name
    found = client.get(f"/matching/runs/{run.id}/review?q={name}").get_data(as_text=True)
    assert name in found
    response = client.post(f"/matching/runs/{run.id}/publish")
    assert response.status_code == 302 and f"/matching/runs/{run.id}" in response.location
    response.close()  # the publishing job runs once the response is sent (JOBS_INLINE)
    db.session.refresh(season)
    assert season.status == "published"
    again = client.post(f"/matching/runs/{run.id}/publish")
    assert again.status_code == 200
    assert "allerede publisert" in again.get_data(as_text=True)


def test_progress_page_refreshes_while_running(login, admin, season, region):
    client = login(admin)
    run = MatchRun(season_id=season.id, status="running", progress=0.4, progress_label="work_week")
    db.session.add(run)
    db.session.commit()
    response = client.get(f"/matching/runs/{run.id}")
    assert response.headers["Refresh"] == "2"
    assert "40" in response.get_data(as_text=True)


def test_failed_run_shows_the_error_in_plain_words(login, admin, season):
    run = MatchRun(season_id=season.id, status="failed", error="class 'class:1' is broken")
    db.session.add(run)
    db.session.commit()
    page = login(admin).get(f"/matching/runs/{run.id}").get_data(as_text=True)
    assert "Kjøringen feilet" in page and "class:1" in page


def test_only_admins_run_and_publish(login, season, region):
    teacher = region["teachers"][0]
    client = login(teacher.user)
    assert client.post(f"/matching/seasons/{season.id}/run").status_code == 403
    assert client.get("/matching/runs/1/publish").status_code == 403


def test_unknown_run_is_404(login, admin):
    assert login(admin).get("/matching/runs/999/review").status_code == 404


__all__ = ["TeacherFactory"]


def test_unmatched_students_show_as_one_line_per_class_and_reason(login, admin, season, region):
    from tests.factories import StudentFactory

    far = region["classes"][2]  # a rural class; more students than its places nearby
    for _ in range(12):
        StudentFactory(school_class=far)
    db.session.commit()
    client = login(admin)
    run = _run(client, season)
    unmatched = [u for u in run.unmatched if u.student_id is not None]
    assert unmatched
    page = client.get(f"/matching/runs/{run.id}/review").get_data(as_text=True)
    assert f"Elever ({len(unmatched)})" in page
    assert "Samlet etter klasse og grunn" in page
    groups = page.count("<details><summary>Hvem</summary>")
    assert 1 <= groups < len(unmatched)  # students sharing a class and reason share a line
    assert all(u.student.display_name in page for u in unmatched)  # nobody is left out
