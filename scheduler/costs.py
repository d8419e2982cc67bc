"""Cost of each placement and the evaluation of every soft goal on a set of placements."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from scheduler.context import Context, road_km
from scheduler.problem import (
    FEMALE,
    LAST_RESORT_RANK,
    ROLE_MODEL_VISIT,
    STUDENT_KINDS,
    Placement,
    Student,
    Weights,
)
from scheduler.solution import Term

TERM_NAMES = (
    "unplaced",
    "preference",
    "travel",
    "fairness",
    "girls_share",
    "role_model_mix",
    "rural_reach",
    "network_priority",
    "stability",
    "unassigned_request",
)


SCALE = 1000  # integer solver costs are floor(weight * SCALE) per unit, so bounds stay valid


@dataclass(frozen=True)
class IntWeights:
    """Weights as integers per unit for the solvers; travel is per 10 m (centi-km)."""

    unplaced: int
    preference: int
    travel_per_centikm: int
    fairness: int
    girls_share: int
    role_model_mix: int
    rural_reach: int
    network_priority: int
    stability: int
    unassigned_request: int


def int_weights(w: Weights) -> IntWeights:
    """Round every weight down to integer solver units."""

    def down(x: float) -> int:
        return math.floor(x * SCALE + 1e-9)

    return IntWeights(
        unplaced=down(w.unplaced),
        preference=down(w.preference),
        travel_per_centikm=down(w.travel / 100),
        fairness=down(w.fairness),
        girls_share=down(w.girls_share),
        role_model_mix=down(w.role_model_mix),
        rural_reach=down(w.rural_reach),
        network_priority=down(w.network_priority),
        stability=down(w.stability),
        unassigned_request=down(w.unassigned_request),
    )


def centikm(km: float) -> int:
    """Kilometres as an integer count of 10 m."""
    return int(round(km * 100))


def rank_cost(iw: IntWeights, rank: int) -> int:
    """Preference plus fairness cost of a rank; the squared part favours the worst-off."""
    return iw.preference * (rank - 1) + iw.fairness * (rank - 1) ** 2


def student_option_cost(iw: IntWeights, rank: int, km: float, is_previous: bool) -> int:
    """Integer cost of placing a student at a slot (stability as a bonus for keeping it)."""
    return rank_cost(iw, rank) + iw.travel_per_centikm * centikm(km) - iw.stability * is_previous


def is_reach_school(ctx: Context, school_id: str) -> bool:
    """True for rural or under-served schools."""
    school = ctx.schools[school_id]
    return school.is_rural or school.is_under_served


def unplaced_cost(iw: IntWeights, ctx: Context, student: Student) -> int:
    """Integer cost of leaving a student without a placement of one kind."""
    is_reach = is_reach_school(ctx, ctx.classes[student.class_id].school_id)
    return iw.unplaced + iw.network_priority * student.has_no_network + iw.rural_reach * is_reach


def request_unassigned_cost(iw: IntWeights, ctx: Context, request_id: str) -> int:
    """Integer cost of leaving a class request unmet."""
    school_id = ctx.classes[ctx.requests[request_id].class_id].school_id
    return iw.unassigned_request + iw.rural_reach * is_reach_school(ctx, school_id)


def placement_rank(ctx: Context, p: Placement) -> int:
    """Rank of a student placement (last resort when no wish matches)."""
    student, offer = ctx.students[p.subject_id], ctx.offers[p.offer_id or ""]
    for i, wish in enumerate(ctx.wishes(student, p.kind)[:5]):
        if wish.offer_id == offer.id or (wish.field is not None and wish.field in offer.fields):
            return i + 1
    return LAST_RESORT_RANK


def placement_km(ctx: Context, p: Placement) -> float:
    """Travel km of a placement (0 for digital visits)."""
    if p.mode == "digital":
        return 0.0
    if p.kind in STUDENT_KINDS:
        school = ctx.school_of(ctx.students[p.subject_id])
    else:
        school = ctx.schools[ctx.classes[ctx.requests[p.subject_id].class_id].school_id]
    if p.kind == ROLE_MODEL_VISIT:
        rm = ctx.role_models[p.role_model_id or ""]
        lat, lon = rm.lat, rm.lon
    else:
        offer = ctx.offers[p.offer_id or ""]
        lat, lon = offer.lat, offer.lon
    return road_km(school.lat, school.lon, lat, lon, ctx.params.road_factor)


def participants(ctx: Context, kind: str) -> list[Student]:
    """Students taking part in a student kind, in id order, cached."""
    key = ("participants", kind)
    if key not in ctx.cache:
        students = sorted(ctx.students.values(), key=lambda s: s.id)
        ctx.cache[key] = [s for s in students if ctx.periods(s, kind)]
    result: list[Student] = ctx.cache[key]
    return result


def girls_fields(ctx: Context, kind: str) -> dict[str, tuple[int, int]]:
    """Over-subscribed fields of a kind with (applicants, girls among them), cached."""
    key = ("girls_fields", kind)
    if key not in ctx.cache:
        ctx.cache[key] = _girls_fields(ctx, kind)
    result: dict[str, tuple[int, int]] = ctx.cache[key]
    return result


def _girls_fields(ctx: Context, kind: str) -> dict[str, tuple[int, int]]:
    capacity: Counter[str] = Counter()
    for offer in ctx.offers_of_kind(kind):
        for f in offer.fields:
            capacity[f] += sum(s.capacity for s in offer.slots)
    applicants: Counter[str] = Counter()
    girls: Counter[str] = Counter()
    for student in participants(ctx, kind):
        fields = set()
        for wish in ctx.wishes(student, kind)[:5]:
            if wish.field is not None:
                fields.add(wish.field)
            elif wish.offer_id in ctx.offers:
                fields.update(ctx.offers[wish.offer_id].fields)
        for f in fields:
            applicants[f] += 1
            girls[f] += student.gender == FEMALE
    return {
        f: (applicants[f], girls[f])
        for f in sorted(applicants)
        if applicants[f] > capacity[f] and girls[f] > 0
    }


def girls_shortfall(ctx: Context, kind: str, placements: Iterable[Placement]) -> dict[str, int]:
    """Per over-subscribed field, girls missing to reach their share of the applicants."""
    fields = girls_fields(ctx, kind)
    placed: Counter[str] = Counter()
    girls: Counter[str] = Counter()
    for p in placements:
        if p.kind != kind:
            continue
        is_girl = ctx.students[p.subject_id].gender == FEMALE
        for f in ctx.offers[p.offer_id or ""].fields:
            placed[f] += 1
            girls[f] += is_girl
    result = {}
    for f, (a, g) in fields.items():
        need = (g * placed[f] + a - 1) // a
        result[f] = max(0, need - girls[f])
    return result


def _student_terms(
    ctx: Context, placements: list[Placement], kinds: Iterable[str]
) -> defaultdict[str, float]:
    raw: defaultdict[str, float] = defaultdict(float)  # counts, and km for travel
    for kind in kinds:
        done = {p.subject_id for p in placements if p.kind == kind}
        for student in participants(ctx, kind):
            if student.id in done:
                continue
            school = ctx.school_of(student)
            raw["unplaced"] += 1
            raw["network_priority"] += student.has_no_network
            raw["rural_reach"] += school.is_rural or school.is_under_served
        for p in placements:
            if p.kind == kind:
                rank = placement_rank(ctx, p)
                raw["preference"] += rank - 1
                raw["fairness"] += (rank - 1) ** 2
                raw["travel"] += placement_km(ctx, p)
        raw["girls_share"] += sum(girls_shortfall(ctx, kind, placements).values())
    return raw


def _request_terms(
    ctx: Context, placements: list[Placement], kinds: Iterable[str]
) -> defaultdict[str, float]:
    raw: defaultdict[str, float] = defaultdict(float)  # counts, and km for travel
    kinds = set(kinds)
    done = {p.subject_id for p in placements if p.kind in kinds}
    for request in sorted(ctx.requests.values(), key=lambda r: r.id):
        if request.kind in kinds and request.id not in done:
            school = ctx.schools[ctx.classes[request.class_id].school_id]
            raw["unassigned_request"] += 1
            raw["rural_reach"] += school.is_rural or school.is_under_served
    pairs: Counter[tuple[str, str]] = Counter()
    for p in placements:
        if p.kind in kinds:
            raw["travel"] += placement_km(ctx, p)
            if p.kind == ROLE_MODEL_VISIT:
                school_id = ctx.classes[ctx.requests[p.subject_id].class_id].school_id
                pairs[(school_id, p.role_model_id or "")] += 1
    raw["role_model_mix"] += sum(n - 1 for n in pairs.values() if n > 1)
    return raw


def stability_changes(ctx: Context, placements: list[Placement], kinds: Iterable[str]) -> int:
    """Previous placements of the kinds that the new placements do not repeat."""
    kinds = set(kinds)
    now = {(p.subject_id, p.kind): p for p in placements}
    changed = 0
    for prev in ctx.problem.previous:
        if prev.kind in kinds and now.get((prev.subject_id, prev.kind)) != prev:
            changed += 1
    return changed


def evaluate_terms(
    ctx: Context, placements: list[Placement], kinds: Iterable[str]
) -> tuple[Term, ...]:
    """Every soft goal's raw value and weighted value, restricted to some kinds."""
    kinds = tuple(kinds)
    raw = _student_terms(ctx, placements, [k for k in kinds if k in STUDENT_KINDS])
    for name, value in _request_terms(
        ctx, placements, [k for k in kinds if k not in STUDENT_KINDS]
    ).items():
        raw[name] += value  # summed, as Counter.update did
    raw["stability"] = stability_changes(ctx, placements, kinds)
    w = ctx.params.weights
    terms = []
    for name in TERM_NAMES:
        weight = float(getattr(w, name))
        terms.append(Term(name, weight, float(raw[name]), weight * float(raw[name])))
    return tuple(terms)


def total(terms: Iterable[Term]) -> float:
    """Weighted sum of terms."""
    return sum(t.weighted for t in terms)
