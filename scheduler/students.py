"""Placing students of one kind: flow per week, Lagrangian rounds for the girls' share,
and an exact CP-SAT pass when the kind is small enough."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scheduler.context import Context, Period, SlotKey, week_of
from scheduler.costs import (
    SCALE,
    IntWeights,
    evaluate_terms,
    girls_shortfall,
    participants,
    placement_km,
    placement_rank,
    student_option_cost,
    total,
)
from scheduler.cpsat import solve_options
from scheduler.flow import FlowInput, FlowResult, Network, capacity_array, solve_flow
from scheduler.problem import WORK_WEEK, Placement, Student
from scheduler.reasons import make_note
from scheduler.variables import Option, student_options

log = logging.getLogger(__name__)
MAX_REPAIRS = 20
TIGHT_AFTER = 4
GIRLS_STEP_DIVISOR = 40  # small steps: a large bonus pulls girls out of other short fields
GIRLS_ROUND_THRESHOLD = 0.001  # re-solve only if the girls' term is over 0.1 % of the cost
# A girls' round starts only if twice its expected length is left: once for the round and
# once for the later kinds and the explanations, so the run keeps its time limit.
ROUND_TIME_MARGIN = 2.0


@dataclass(frozen=True)
class PartResult:
    """Placements of one part, its true cost, a proven lower bound and optimality."""

    kind: str
    placements: tuple[Placement, ...]
    cost: float
    bound: float
    is_optimal: bool
    method: str


class ShareCaps:
    """School-share rule per (school, company, kind, week): places left after pins."""

    def __init__(self, ctx: Context, kind: str, pins: list[Placement]) -> None:
        self.ctx, self.kind = ctx, kind
        self.used: Counter[tuple[str, str, str, int]] = Counter(ctx.booked_school)
        for p in pins:
            if p.slot is not None:
                self.used[self.group(self.school(p.subject_id), p.slot)] += 1
        self.previous: Counter[tuple[str, SlotKey]] = Counter(
            (self.school(p.subject_id), p.slot)
            for p in ctx.problem.previous
            if p.kind == kind and p.slot is not None and p.subject_id in ctx.students
        )

    def school(self, student_id: str) -> str:
        """School of a student."""
        return self.ctx.classes[self.ctx.students[student_id].class_id].school_id

    def group(self, school_id: str, slot: SlotKey) -> tuple[str, str, str, int]:
        """The (school, company, kind, week) group a slot counts in."""
        return (school_id, self.ctx.offers[slot[0]].company_id, self.kind, week_of(slot[1]))

    def left(self, group: tuple[str, str, str, int]) -> int:
        """Places the school may still take at the company in that week."""
        limit = self.ctx.school_limit(group[1], self.kind, group[3])
        return max(0, limit - self.used[group])

    def relaxed(self, school_id: str, slot: SlotKey) -> int:
        """Cap per slot implied by the rule: exact when the company has one slot that week."""
        return min(self.left(self.group(school_id, slot)), self.ctx.slots[slot].capacity)

    def company_slots(self, company_id: str, week: int) -> list[SlotKey]:
        """Slots of a company's offers of the kind in one week, cached."""
        if not hasattr(self, "_company_slots"):
            groups: dict[tuple[str, int], list[SlotKey]] = defaultdict(list)
            for slot in self.ctx.kind_index(self.kind).slots:
                groups[(self.ctx.offers[slot[0]].company_id, week_of(slot[1]))].append(slot)
            self._company_slots = groups
        return self._company_slots.get((company_id, week), [])

    def initial_caps(self) -> dict[tuple[str, SlotKey], int]:
        """Per-slot caps for schools whose share is partly used by pins or bookings."""
        caps: dict[tuple[str, SlotKey], int] = {}
        ki = self.ctx.kind_index(self.kind)
        for group, n in sorted(self.used.items()):
            school_id, company, kind, week = group
            if n <= 0 or kind != self.kind:
                continue
            for slot in ki.slots:
                offer = self.ctx.offers[slot[0]]
                if offer.company_id == company and week_of(slot[1]) == week:
                    caps[(school_id, slot)] = self.relaxed(school_id, slot)
        return caps

    def over(
        self, placements: dict[str, SlotKey]
    ) -> dict[tuple[str, str, str, int], Counter[SlotKey]]:
        """Groups whose placements exceed the share, with the slots they used."""
        used: defaultdict[tuple[str, str, str, int], Counter[SlotKey]] = defaultdict(Counter)
        for sid, slot in placements.items():
            used[self.group(self.school(sid), slot)][slot] += 1
        return {g: c for g, c in used.items() if sum(c.values()) > self.left(g)}


def _solve_component(
    ctx: Context, iw: IntWeights, data: FlowInput, shares: ShareCaps, network: Network
) -> tuple[FlowResult, int]:
    """Flow with the share rule relaxed per slot (the bound), then repaired until it holds.

    `network` is the component built with the initial share caps (kept across girls' share
    rounds). A repair fixes a broken group for good: the school's share goes to the slots
    it used most and every other slot of that company and week gets none, so each round
    fixes more groups and the loop ends.
    """
    result = network.solve(data.girl_bonus)
    bound = result.cost
    for round_no in range(MAX_REPAIRS):
        over = shares.over(result.placements)
        if not over:
            return result, bound
        if round_no == TIGHT_AFTER:
            data.is_tight = True  # many ties: split every share by capacity instead
        for group, used in over.items():
            left = shares.left(group)
            for slot in shares.company_slots(group[1], group[3]):
                data.share_cap[(group[0], slot)] = 0
            # the slots it used most first, then those of the previous run (stability)
            prev = shares.previous
            order = sorted(
                used.items(), key=lambda kv: (-kv[1], -prev[(group[0], kv[0])], str(kv[0]))
            )
            for slot, n in order:
                data.share_cap[(group[0], slot)] = min(n, left)
                left -= min(n, left)
        result = solve_flow(ctx, iw, data)
    raise RuntimeError("school-share repair did not converge")


def _capacity_left(ctx: Context, kind: str, pins: list[Placement]) -> dict[SlotKey, int]:
    pinned = Counter((p.offer_id, p.period) for p in pins)
    return {
        slot: max(0, s.capacity - ctx.booked[slot] - pinned[slot])
        for slot, s in ctx.slots.items()
        if ctx.offers[slot[0]].kind == kind
    }


def _components(ctx: Context, kind: str, free: list[Student]) -> list[list[list[Student]]]:
    """Work weeks split by the class's week (job shadowing is one batch), then each batch
    into groups of students that reach no slot in common: their flows are independent, and
    many small flows solve faster than one national one."""
    if kind != WORK_WEEK:
        return [_connected(ctx, kind, free)] if free else []
    groups: dict[int, list[Student]] = defaultdict(list)
    for s in free:
        groups[ctx.classes[s.class_id].work_week or 0].append(s)
    return [_connected(ctx, kind, groups[w]) for w in sorted(groups)]


def _connected(ctx: Context, kind: str, students: list[Student]) -> list[list[Student]]:
    """Students split by the slots they can reach (connected components of the bipartite
    reach graph, by label propagation); groups in order of their first student."""
    keys: dict[tuple[str, int, tuple[Period, ...]], int] = {}
    of_student = []
    for s in students:
        school_id = ctx.classes[s.class_id].school_id
        k = (school_id, ctx.grade_of(s), ctx.periods(s, kind))
        of_student.append(keys.setdefault(k, len(keys)))
    n_slots = len(ctx.kind_index(kind).slots)
    heads = [ctx.reach(k[0], k[1], kind, k[2]).index for k in keys]
    tails = np.repeat(np.arange(len(keys)), [len(h) for h in heads])
    edges_a = tails + n_slots  # group nodes after the slot nodes
    edges_b = np.concatenate(heads) if heads else np.zeros(0, dtype=np.int64)
    label = np.arange(n_slots + len(keys))
    while True:
        low = np.minimum(label[edges_a], label[edges_b])
        new = label.copy()
        np.minimum.at(new, edges_a, low)
        np.minimum.at(new, edges_b, low)
        new = new[new]  # jump to the label's label: fewer rounds on long chains
        if np.array_equal(new, label):
            break
        label = new
    comps: dict[int, list[Student]] = {}
    for s, g in zip(students, of_student, strict=True):
        comps.setdefault(int(label[n_slots + g]), []).append(s)
    return list(comps.values())


def _to_placement(kind: str, sid: str, slot: SlotKey) -> Placement:
    period = slot[1]
    if isinstance(period, dt.date):
        return Placement(sid, kind, offer_id=slot[0], date=period)
    return Placement(sid, kind, offer_id=slot[0], week=period)


def _pinned_cost(ctx: Context, iw: IntWeights, pins: list[Placement]) -> int:
    prev = ctx.previous_of
    return sum(
        student_option_cost(
            iw, placement_rank(ctx, p), placement_km(ctx, p), prev.get((p.subject_id, p.kind)) == p
        )
        for p in pins
    )


def _flow_round(
    ctx: Context,
    iw: IntWeights,
    kind: str,
    free: list[Student],
    pins: list[Placement],
    bonus: dict[str, int],
    tick: Callable[[], None],
    networks: dict[int, Network],
) -> tuple[list[Placement], int]:
    """One pass of flows over all components; returns placements and the scaled bound.
    `networks` keeps each component's network for the next round (same students, caps)."""
    capacity = _capacity_left(ctx, kind, pins)
    shares = ShareCaps(ctx, kind, pins)
    placements = list(pins)
    bound = _pinned_cost(ctx, iw, pins)
    split = ctx.params.girls_share_rounds > 0 and iw.girls_share > 0
    initial = shares.initial_caps()
    slot_caps = capacity_array(ctx.kind_index(kind).slots, capacity)
    i = 0  # a component's number, the same in every round
    for batch in _components(ctx, kind, free):
        for comp in batch:
            data = FlowInput(
                kind,
                comp,
                capacity,
                dict(initial),
                bonus,
                split_girls=split,
                capacity_array=slot_caps,
            )
            if i not in networks:
                networks[i] = Network(ctx, iw, data)
            result, comp_bound = _solve_component(ctx, iw, data, shares, networks[i])
            bound += comp_bound
            for sid in sorted(result.placements):
                placements.append(_to_placement(kind, sid, result.placements[sid]))
            i += 1
        tick()  # a week (or job shadowing) done
    return placements, bound


def _girls_rounds(
    ctx: Context,
    iw: IntWeights,
    kind: str,
    solve_round: Callable[[dict[str, int]], list[Placement]],
    start: tuple[list[Placement], float, float],
    cancelled: Callable[[], bool],
) -> tuple[list[Placement], float]:
    """Rounds that raise a bonus for girls in fields still short of their share, then solve
    again; the best result by the whole objective is kept. A round may come out worse than
    the one before (girls drawn from another short field): the next step starts from it
    anyway, as a subgradient step would, instead of stopping there."""
    best, best_cost, round_s = start
    current, bonus = best, dict[str, int]()
    for round_no in range(1, ctx.params.girls_share_rounds + 1):
        short = girls_shortfall(ctx, kind, current)
        weighted = ctx.params.weights.girls_share * sum(short.values())
        if weighted <= GIRLS_ROUND_THRESHOLD * best_cost or cancelled():
            break  # a re-solve could not move the gap noticeably
        if ctx.time_left() < ROUND_TIME_MARGIN * round_s:
            log.warning(
                "girls' share round %s for %s skipped: %.1f s left of the time limit, "
                "a round takes %.1f s",
                round_no,
                kind,
                ctx.time_left(),
                round_s,
            )
            left, took = max(0.0, round(ctx.time_left(), 1)), round(round_s, 1)
            params = (("kind", kind), ("round", round_no), ("seconds_left", left))
            ctx.notes.append(make_note("girls_round_skipped", (*params, ("round_seconds", took))))
            break
        started = time.perf_counter()
        for f, missing in short.items():
            if missing:
                bonus[f] = bonus.get(f, 0) + iw.girls_share // GIRLS_STEP_DIVISOR
        current = solve_round(dict(bonus))
        round_s = time.perf_counter() - started
        cost = total(evaluate_terms(ctx, current, [kind]))
        log.info("girls' share round %s for %s: cost %.1f", round_no, kind, cost)
        if cost < best_cost - 1e-9:
            best, best_cost = current, cost
    return best, best_cost


def solve_students(
    ctx: Context,
    iw: IntWeights,
    kind: str,
    tick: Callable[[], None],
    cancelled: Callable[[], bool],
) -> PartResult:
    """Best placements of a student kind found by flow rounds and, if small, CP-SAT."""
    pins = [p for p in ctx.problem.pins if p.kind == kind]
    pinned_ids = {p.subject_id for p in pins}
    free = [s for s in participants(ctx, kind) if s.id not in pinned_ids]
    started = time.perf_counter()
    networks: dict[int, Network] = {}
    best, bound_scaled = _flow_round(ctx, iw, kind, free, pins, {}, tick, networks)
    round_s = time.perf_counter() - started
    n_prev = sum(1 for p in ctx.problem.previous if p.kind == kind)
    bound = (bound_scaled + iw.stability * n_prev) / SCALE
    best_cost = total(evaluate_terms(ctx, best, [kind]))
    best, best_cost = _girls_rounds(
        ctx,
        iw,
        kind,
        lambda bonus: _flow_round(ctx, iw, kind, free, pins, bonus, lambda: None, networks)[0],
        (best, best_cost, round_s),
        cancelled,
    )
    networks.clear()  # free the arrays before the exact pass
    method, is_optimal = "flow", best_cost <= bound + 1e-6
    options = _small_options(ctx, kind)
    if options is not None and not cancelled() and ctx.time_left() <= 0:
        ctx.notes.append(make_note("exact_pass_skipped", (("kind", kind),)))
    elif options is not None and not cancelled():
        result = solve_options(ctx, iw, (kind,), options, set(best), ctx.time_left())
        bound = max(bound, result.bound / SCALE)
        cost = total(evaluate_terms(ctx, list(result.placements), [kind]))
        if result.is_feasible and cost <= best_cost + 1e-9:
            best, best_cost, method = list(result.placements), cost, "flow+cp-sat"
        is_optimal = result.is_optimal or best_cost <= bound + 1e-6
    return PartResult(kind, tuple(best), best_cost, min(bound, best_cost), is_optimal, method)


def _small_options(ctx: Context, kind: str) -> list[Option] | None:
    """Explicit options of the kind if there are few enough for the exact model."""
    limit = ctx.params.exact_option_limit
    count = 0
    for s in participants(ctx, kind):
        school_id = ctx.classes[s.class_id].school_id
        count += len(ctx.reach(school_id, ctx.grade_of(s), kind, ctx.periods(s, kind)).slots)
        if count > limit:
            return None
    return student_options(ctx, kind)
