"""Offline geography: distances and a gazetteer of Norwegian and Danish places (GeoNames)."""

from __future__ import annotations

import csv
import functools
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088
PLACES_CSV = Path(__file__).parent / "data" / "places.csv"


@dataclass(frozen=True)
class Place:
    """A named place with coordinates."""

    country: str
    name: str
    latitude: float
    longitude: float
    population: int


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def normalise(name: str) -> str:
    """Lower-case, trimmed, accents folded except æ/ø/å, for name matching."""
    name = name.strip().lower().replace("aa", "å")
    kept = {"æ", "ø", "å"}
    return "".join(
        ch if ch in kept else unicodedata.normalize("NFKD", ch)[0] for ch in name
    ).replace("-", " ")


@functools.cache
def _index() -> dict[tuple[str, str], Place]:
    """Map (country, normalised name or alternate name) to the most populous place."""
    index: dict[tuple[str, str], Place] = {}
    with PLACES_CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            place = Place(
                row["country"],
                row["name"],
                float(row["latitude"]),
                float(row["longitude"]),
                int(row["population"]),
            )
            names = [row["name"], *filter(None, row["alternate_names"].split("|"))]
            for name in names:
                index.setdefault((place.country, normalise(name)), place)
    return index


def find_place(name: str, country: str) -> Place | None:
    """Look a municipality or town up by name in the offline gazetteer."""
    if not name:
        return None
    return _index().get((country, normalise(name)))


def all_places(country: str | None = None) -> list[Place]:
    """Every distinct place, most populous first."""
    seen = {p for p in _index().values() if country is None or p.country == country}
    return sorted(seen, key=lambda p: (-p.population, p.name))
