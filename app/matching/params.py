"""The engine's run parameters from a season: weights and run settings with their defaults."""

from __future__ import annotations

from dataclasses import fields

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.schools.models import School, SchoolClass, Student
from app.seasons.models import Season
from scheduler import Params, Weights

# A season this large (a whole country) gets a longer default time limit: measured on the
# national benchmark, the girls' share rounds need about 85 s on a slow day, and at 60 s
# the engine skipped them (the review then says the run was cut short).
LARGE_SEASON_STUDENTS = 20_000
LARGE_SEASON_TIME_LIMIT_S = 120.0

# Plain-language explanations an administrator reads next to each weight.
WEIGHT_HELP = {
    "unplaced": _l("Cost of a student left without a work week or job shadowing."),
    "preference": _l("Cost per step down a student's list of wishes (first wish costs 0)."),
    "travel": _l("Cost per kilometre of travel between school and company."),
    "fairness": _l(
        "Extra cost that grows with the square of the step down, so the worst-off students "
        "are helped first."
    ),
    "girls_share": _l(
        "Cost per girl missing in a popular field, compared with the girls' share of "
        "those who asked for it."
    ),
    "role_model_mix": _l("Cost when the same role model visits the same school again."),
    "rural_reach": _l("Extra cost for each student or class at a rural school left without."),
    "network_priority": _l(
        "Extra cost for each student without a placement through their own network left without."
    ),
    "stability": _l("Cost per placement of the previous run that changes in a new run."),
    "unassigned_request": _l("Cost of a class request (visit) left without a match."),
}
WEIGHT_LABELS = {
    "unplaced": _l("Students without a placement"),
    "preference": _l("Students' wishes"),
    "travel": _l("Travel distance"),
    "fairness": _l("Fairness: the worst-off first"),
    "girls_share": _l("Girls' share in popular fields"),
    "role_model_mix": _l("A mix of role models per school"),
    "rural_reach": _l("Reach rural schools"),
    "network_priority": _l("Students without a network first"),
    "stability": _l("Keep the previous run's placements"),
    "unassigned_request": _l("Class requests without a match"),
}
GRADES = (8, 9, 10)


def weight_names() -> list[str]:
    """The soft goals in the engine's order."""
    return [f.name for f in fields(Weights)]


def default_weights() -> dict[str, float]:
    """The engine's default weight of every soft goal."""
    defaults = Weights()
    return {name: getattr(defaults, name) for name in weight_names()}


def season_weights(season: Season) -> dict[str, float]:
    """The season's weights, falling back to the engine's defaults."""
    stored = season.weights or {}
    return {name: float(stored.get(name, value)) for name, value in default_weights().items()}


def season_run_settings(season: Season) -> dict:
    """Travel limit per grade (km), the max school share and the time limit of a run, with
    the engine's defaults."""
    defaults = Params()
    stored = season.run_settings or {}
    limits = stored.get("travel_limit_km", {})
    return {
        "travel_limit_km": {
            g: float(limits.get(str(g), defaults.travel_limit_km.get(g, 50.0))) for g in GRADES
        },
        "max_school_share": float(stored.get("max_school_share", defaults.max_school_share)),
        "time_limit_s": float(stored.get("time_limit_s") or default_time_limit(season)),
    }


def default_time_limit(season: Season) -> float:
    """The engine's 60 s, or 120 s for a season of a whole country's students."""
    query = sa.select(sa.func.count(Student.id)).join(SchoolClass).join(School)
    if season.region:
        query = query.where(School.region == season.region)
    large = (db.session.scalar(query) or 0) > LARGE_SEASON_STUDENTS
    return LARGE_SEASON_TIME_LIMIT_S if large else Params().time_limit_s


def params_for(season: Season, **extra) -> Params:
    """The Params of a run of this season (seed 0: the same input gives the same result)."""
    settings = season_run_settings(season)
    return Params(
        travel_limit_km=settings["travel_limit_km"],
        max_school_share=settings["max_school_share"],
        time_limit_s=settings["time_limit_s"],
        is_last_resort_enabled=season.allows_last_resort,
        weights=Weights(**season_weights(season)),
        **extra,
    )


def params_record(params: Params) -> dict:
    """The parameters of a run as plain JSON for MatchRun.parameters."""
    return {
        "seed": params.seed,
        "travel_limit_km": {str(k): v for k, v in params.travel_limit_km.items()},
        "max_school_share": params.max_school_share,
        "time_limit_s": params.time_limit_s,
        "is_last_resort_enabled": params.is_last_resort_enabled,
        "weights": {name: getattr(params.weights, name) for name in weight_names()},
    }


def reach_km(season: Season, grade: int) -> tuple[float, float]:
    """A grade's travel limit in road km and the road factor used on straight-line km."""
    limits = season_run_settings(season)["travel_limit_km"]
    return limits.get(grade, max(limits.values())), Params().road_factor
