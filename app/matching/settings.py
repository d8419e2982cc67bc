"""Save a season's weights and run settings."""

from __future__ import annotations

from app.core import audit
from app.extensions import db
from app.matching.params import GRADES, season_run_settings, season_weights, weight_names
from app.seasons.models import Season


def form_data(season: Season) -> dict:
    """The current weights and settings as form field values."""
    settings = season_run_settings(season)
    data = {f"w_{name}": value for name, value in season_weights(season).items()}
    data |= {f"travel_{g}": settings["travel_limit_km"][g] for g in GRADES}
    data["max_school_share"] = settings["max_school_share"]
    data["time_limit_s"] = int(settings["time_limit_s"])
    data["allows_last_resort"] = season.allows_last_resort
    return data


def save_settings(actor, season: Season, values: dict) -> Season:
    """Store weights in Season.weights and the run settings in Season.run_settings."""
    season.weights = {name: float(values[f"w_{name}"]) for name in weight_names()}
    season.run_settings = {
        "travel_limit_km": {str(g): float(values[f"travel_{g}"]) for g in GRADES},
        "max_school_share": float(values["max_school_share"]),
        "time_limit_s": float(values["time_limit_s"]),
    }
    season.allows_last_resort = bool(values["allows_last_resort"])
    audit.record(actor, "season.weights", season)
    db.session.commit()
    return season
