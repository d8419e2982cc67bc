"""Seeded synthetic instances on real Norwegian towns, for the benchmark and the tests."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass

import numpy as np

from scheduler.context import road_km_many
from scheduler.problem import (
    COMPANY_VISIT,
    FEMALE,
    JOB_SHADOWING,
    ROLE_MODEL_VISIT,
    WORK_WEEK,
    ClassRequest,
    Offer,
    OfferSlot,
    Problem,
    RoleModel,
    School,
    SchoolClass,
    Season,
    Student,
    Wish,
)
from scheduler.towns import TOWNS

ROAD_FACTOR = 1.3
# A company hears from the schools whose oldest students could reach it (Params' defaults).
COMPANY_CATCHMENT_KM = 50.0

FIELDS = ("it", "engineering", "energy", "construction", "health", "biology", "chemistry", "math")
# Relative interest by field (boys, girls), skewed roughly as Norwegian applications are.
INTEREST = {
    "it": (5, 2),
    "engineering": (5, 2),
    "energy": (3, 1),
    "construction": (4, 1),
    "health": (1, 6),
    "biology": (2, 4),
    "chemistry": (2, 3),
    "math": (2, 2),
}
SEASON = Season(dt.date(2026, 1, 5), dt.date(2026, 6, 19))
WORK_WEEKS = tuple(range(8, 18))  # ten weeks


@dataclass(frozen=True)
class Preset:
    """Sizes of a synthetic instance."""

    students: int
    schools: int
    companies: int
    regions: tuple[str, ...]
    places_per_student: float = 1.0


PRESETS = {
    "tiny": Preset(300, 8, 50, ("west",)),
    "region": Preset(6_000, 140, 1_000, ("west",)),
    "nation": Preset(63_000, 1_000, 10_000, ("east", "west", "mid", "south", "north")),
}


def _offset(
    rng: random.Random, lat: float, lon: float, lo: float, hi: float
) -> tuple[float, float]:
    """A point lo..hi km from (lat, lon) in a random direction."""
    km, angle = rng.uniform(lo, hi), rng.uniform(0, 2 * math.pi)
    dlat = km * math.cos(angle) / 111.0
    dlon = km * math.sin(angle) / (111.0 * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


class _Generator:
    """Builds one instance; every draw comes from one seeded random.Random."""

    def __init__(self, preset: Preset, seed: int) -> None:
        self.p, self.rng = preset, random.Random(seed)
        self.towns = [t for t in TOWNS if t[4] in preset.regions]

    def town(self, power: float) -> tuple[str, float, float, int, str]:
        """A town drawn by population to a power (above 1 concentrates in cities)."""
        weights = [t[3] ** power for t in self.towns]
        return self.rng.choices(self.towns, weights)[0]

    def schools(self) -> list[School]:
        """About a quarter rural, 15 to 90 km from a town; the rest in towns."""
        out = []
        for i in range(self.p.schools):
            t = self.town(1.0)
            is_rural = self.rng.random() < 0.25
            lat, lon = _offset(self.rng, t[1], t[2], *((15, 90) if is_rural else (0, 6)))
            under = not is_rural and self.rng.random() < 0.1
            out.append(School(f"S{i:04d}", lat, lon, is_rural, under))
        return out

    def classes(self, schools: list[School]) -> list[SchoolClass]:
        """Classes of about 25 students; one work week per school."""
        n_classes = max(1, round(self.p.students / 25))
        counts = [1] * len(schools)
        for i in self.rng.choices(range(len(schools)), k=max(0, n_classes - len(schools))):
            counts[i] += 1
        out: list[SchoolClass] = []
        for s, n in zip(schools, counts, strict=True):
            week, first = self.rng.choice(WORK_WEEKS), self.rng.randint(0, 2)
            for k in range(n):
                grade = 8 + (first + k) % 3
                out.append(SchoolClass(f"{s.id}-C{k}", s.id, grade, 25, week))
        return out

    def weeks_for(self, n: int, demand: dict[int, int]) -> list[int]:
        """Up to n distinct weeks drawn by how many students have their work week then; only
        weeks with students while there are any (a company answers the schools' weeks)."""
        pool, out = [w for w in WORK_WEEKS if demand.get(w)] or list(WORK_WEEKS), list[int]()
        while pool and len(out) < n:
            week = self.rng.choices(pool, [demand.get(w, 0) + 1 for w in pool])[0]
            pool.remove(week)
            out.append(week)
        return sorted(out)

    def offers(self, schools: list[School], classes: list[SchoolClass]) -> list[Offer]:
        """One work-week offer per company, places concentrated in the cities, offered in
        the weeks the schools within reach hold their work weeks (all weeks if none)."""
        local = _LocalDemand(schools, classes)
        sizes = [self.rng.lognormvariate(0, 0.8) for _ in range(self.p.companies)]
        scale = self.p.students * self.p.places_per_student / sum(sizes)
        places = [max(1, round(x * scale)) for x in sizes]
        out = []
        for i, n in enumerate(places):
            t = self.town(1.3)
            lat, lon = _offset(self.rng, t[1], t[2], 0, 20)
            fields = tuple(self.rng.sample(FIELDS, self.rng.choice((1, 1, 2))))
            weeks = self.weeks_for(min(n, self.rng.randint(3, 10)), local.at(lat, lon))
            caps = [n // len(weeks) + (j < n % len(weeks)) for j in range(len(weeks))]
            slots = tuple(OfferSlot(c, week=w) for w, c in zip(weeks, caps, strict=True) if c)
            grades = (10,) if self.rng.random() < 0.1 else ()
            out.append(Offer(f"O{i:05d}", f"K{i:05d}", WORK_WEEK, lat, lon, slots, fields, grades))
        return out

    def extra_offers(self, offers: list[Offer]) -> list[Offer]:
        """Job-shadowing and company-visit offers at some companies' sites."""
        out = []
        days = [dt.date(2026, 3, 2) + dt.timedelta(days=d) for d in range(0, 26) if d % 7 < 5]
        for o in offers:
            r = self.rng.random()
            if r < 0.15:
                slots = tuple(OfferSlot(1, date=d) for d in sorted(self.rng.sample(days, 3)))
                out.append(
                    Offer("J" + o.id, o.company_id, JOB_SHADOWING, o.lat, o.lon, slots, o.fields)
                )
            elif r < 0.20:
                slots = tuple(OfferSlot(60, date=d) for d in sorted(self.rng.sample(days, 2)))
                out.append(
                    Offer("V" + o.id, o.company_id, COMPANY_VISIT, o.lat, o.lon, slots, o.fields)
                )
        return out

    def wishes(self, gender: str | None, school: School, near: list[Offer]) -> tuple[Wish, ...]:
        """Up to five wishes skewed by gender; 40 % name a company near the school."""
        col = 1 if gender == FEMALE else 0
        weights = [INTEREST[f][col] for f in FIELDS]
        fields: list[str] = []
        while len(fields) < self.rng.randint(1, 4):
            f = self.rng.choices(FIELDS, weights)[0]
            if f not in fields:
                fields.append(f)
        wishes = [Wish(field=f) for f in fields]
        if near and self.rng.random() < 0.4:
            liked = [o for o in near if set(o.fields) & set(fields)] or near
            wishes.insert(0, Wish(offer_id=self.rng.choice(liked[:20]).id))
        return tuple(wishes[:5])

    def students(
        self, classes: list[SchoolClass], schools: list[School], offers: list[Offer]
    ) -> list[Student]:
        """Students with gender, network and wishes; a few also want job shadowing."""
        by_id = {s.id: s for s in schools}
        out = []
        for c in classes:
            school = by_id[c.school_id]
            near = _nearest(offers, school, 40)
            for k in range(c.size):
                gender = self.rng.choices((FEMALE, "male", None), (48, 48, 4))[0]
                window = None
                if c.grade == 10 and self.rng.random() < 0.3:
                    window = (dt.date(2026, 3, 9), dt.date(2026, 3, 13))
                wishes = self.wishes(gender, school, near)
                shadow = tuple(w for w in wishes if w.field) if window else ()
                out.append(
                    Student(
                        f"{c.id}-{k:02d}",
                        c.id,
                        wishes,
                        shadow,
                        window,
                        gender,
                        self.rng.random() < 0.3,
                    )
                )
        return out

    def role_models_and_requests(
        self, offers: list[Offer], classes: list[SchoolClass]
    ) -> tuple[list[RoleModel], list[ClassRequest]]:
        """Role models at company sites and class requests, in proportion to the size."""
        days = [dt.date(2026, 2, 2) + dt.timedelta(days=d) for d in range(0, 40) if d % 7 < 5]
        rms = []
        for i, o in enumerate(offers[: max(3, len(offers) // 7)]):
            gender = self.rng.choice((FEMALE, "male"))
            modes = self.rng.choice((("digital", "physical"), ("physical",), ("digital",)))
            rms.append(
                RoleModel(
                    f"R{i:05d}",
                    o.company_id,
                    o.lat,
                    o.lon,
                    self.rng.randint(1, 3),
                    modes,
                    self.rng.uniform(30, 150),
                    o.fields,
                    ("no",),
                    blocked_dates=tuple(self.rng.sample(days, 3)),
                    gender=gender,
                )
            )
        requests = []
        for i, c in enumerate(classes):
            r = self.rng.random()
            start = self.rng.choice(days[:-10])
            end = start + dt.timedelta(days=13)
            if r < 0.3:
                mode = self.rng.choice(("any", "physical", "digital"))
                requests.append(ClassRequest(f"Q{i:05d}", c.id, ROLE_MODEL_VISIT, start, end, mode))
            elif r < 0.45:
                start, end = dt.date(2026, 3, 2), dt.date(2026, 3, 27)
                requests.append(ClassRequest(f"Q{i:05d}", c.id, COMPANY_VISIT, start, end))
        return rms, requests


class _LocalDemand:
    """Students per work week among the classes of schools within a company's catchment."""

    def __init__(self, schools: list[School], classes: list[SchoolClass]) -> None:
        self.lats = np.array([s.lat for s in schools])
        self.lons = np.array([s.lon for s in schools])
        per_school: dict[str, Counter[int]] = {s.id: Counter() for s in schools}
        for c in classes:
            if c.work_week is not None:
                per_school[c.school_id][c.work_week] += c.size
        self.demand = [per_school[s.id] for s in schools]

    def at(self, lat: float, lon: float) -> dict[int, int]:
        """Demand by week around (lat, lon)."""
        km = road_km_many(lat, lon, self.lats, self.lons, ROAD_FACTOR)
        total: Counter[int] = Counter()
        for i in np.flatnonzero(km <= COMPANY_CATCHMENT_KM):
            total.update(self.demand[int(i)])
        return dict(total)


def _nearest(offers: list[Offer], school: School, n: int) -> list[Offer]:
    def key(o: Offer) -> float:
        return (o.lat - school.lat) ** 2 + ((o.lon - school.lon) * 0.5) ** 2

    return sorted(offers, key=key)[:n]


def generate(preset: str | Preset, seed: int) -> Problem:
    """A seeded instance: same preset and seed, same problem."""
    p = PRESETS[preset] if isinstance(preset, str) else preset
    g = _Generator(p, seed)
    schools = g.schools()
    classes = g.classes(schools)
    offers = g.offers(schools, classes)
    extra = g.extra_offers(offers)
    students = g.students(classes, schools, offers)
    rms, requests = g.role_models_and_requests(offers, classes)
    return Problem(
        season=SEASON,
        schools=tuple(schools),
        classes=tuple(classes),
        students=tuple(students),
        offers=tuple(offers + extra),
        role_models=tuple(rms),
        requests=tuple(requests),
    )
