"""The student-to-place core as a min-cost flow, with pooled arcs to stay small.

Students of one school, grade and window who share a wish (a field at a rank, or the
last resort) share a pool node; the pool's arcs to the school's slot nodes carry the cost,
which depends only on (school, offer): this keeps the graph linear in students.
Each slot is reached through a (school, slot) node whose capacity is the school's share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from scheduler.context import Context, Period, Reach, SlotKey
from scheduler.costs import (
    IntWeights,
    centikm,
    rank_cost,
    student_option_cost,
    unplaced_cost,
)
from scheduler.problem import FEMALE, LAST_RESORT_RANK, Student

PoolKey = tuple[str, int, tuple[Period, ...], tuple, bool]


@dataclass
class FlowInput:
    """One component: free students, slot capacities left, school-share caps per slot."""

    kind: str
    students: list[Student]
    capacity: dict[SlotKey, int]
    share_cap: Mapping[tuple[str, SlotKey], int]
    girl_bonus: dict[str, int] = field(default_factory=dict)


@dataclass
class FlowResult:
    """Slots chosen per student and the optimum (solver units)."""

    placements: dict[str, SlotKey]
    cost: int


@dataclass
class _ReachArrays:
    """A reach restricted to open slots, as arrays aligned with `slots`."""

    slots: list[SlotKey]
    nodes: np.ndarray
    travel: np.ndarray
    bonus: np.ndarray
    index: dict[str, list[int]]
    km: tuple[float, ...]
    pos: list[int]
    masks: dict[str, np.ndarray] = field(default_factory=dict)

    def field_mask(self, ctx: Context, name: str) -> np.ndarray:
        """Which open slots belong to offers in a field."""
        if name not in self.masks:
            values = [name in ctx.offers[s[0]].fields for s in self.slots]
            self.masks[name] = np.array(values, dtype=bool)
        return self.masks[name]


class _Graph:
    """Arc arrays accumulated in chunks, then handed to SimpleMinCostFlow at once."""

    def __init__(self) -> None:
        self.pending: list[tuple[int, int, int, int]] = []
        self.tails: list[np.ndarray] = []
        self.heads: list[np.ndarray] = []
        self.caps: list[np.ndarray] = []
        self.costs: list[np.ndarray] = []
        self.count = 0

    def add_one(self, tail: int, head: int, cap: int, cost: int) -> int:
        """Add one arc cheaply (buffered); returns its index."""
        self.pending.append((tail, head, cap, cost))
        self.count += 1
        return self.count - 1

    def _flush(self) -> None:
        if self.pending:
            arr = np.array(self.pending, dtype=np.int64)
            self.pending = []
            for store, column in zip(
                (self.tails, self.heads, self.caps, self.costs), arr.T, strict=True
            ):
                store.append(column)

    def add(self, tails, heads, caps, costs) -> np.ndarray:
        """Add arcs; returns their indices."""
        self._flush()
        tails = np.asarray(tails, dtype=np.int64)
        n = len(tails)
        self.tails.append(tails)
        self.heads.append(np.asarray(heads, dtype=np.int64))
        self.caps.append(np.broadcast_to(np.asarray(caps, dtype=np.int64), (n,)))
        self.costs.append(np.broadcast_to(np.asarray(costs, dtype=np.int64), (n,)))
        self.count += n
        return np.arange(self.count - n, self.count)

    def build(self) -> min_cost_flow.SimpleMinCostFlow:
        """The solver with every arc added in order."""
        self._flush()
        smcf = min_cost_flow.SimpleMinCostFlow()
        if self.count:
            cat = np.concatenate
            smcf.add_arcs_with_capacity_and_unit_cost(
                cat(self.tails), cat(self.heads), cat(self.caps), cat(self.costs)
            )
        return smcf


class _Builder:
    """Builds the flow network of one component."""

    def __init__(self, ctx: Context, iw: IntWeights, data: FlowInput) -> None:
        self.ctx, self.iw, self.data = ctx, iw, data
        self.graph = _Graph()
        self.n_students = len(data.students)
        self.sink = self.n_students
        self.next_node = self.n_students + 1
        self.sot: dict[tuple[str, SlotKey], int] = {}
        self.pools: dict[PoolKey, int] = {}
        self.pool_members: dict[int, list[int]] = defaultdict(list)
        self.student_arcs: list[tuple[int, int, SlotKey | int | None]] = []
        self.pool_arcs: list[tuple[int, np.ndarray, list[SlotKey]]] = []
        self.previous = {(p.subject_id, p.kind): p for p in ctx.problem.previous}
        self.reach_cache: dict[tuple[str, int], _ReachArrays] = {}

    def node(self) -> int:
        """A fresh node id."""
        self.next_node += 1
        return self.next_node - 1

    def sot_node(self, school_id: str, slot: SlotKey) -> int:
        """The (school, slot) node, created on first use."""
        key = (school_id, slot)
        if key not in self.sot:
            self.sot[key] = self.node()
        return self.sot[key]

    def bonus(self, is_girl: bool, offer_id: str) -> int:
        """Lagrangian bonus for a girl at an offer in an over-subscribed field."""
        if not is_girl or not self.data.girl_bonus:
            return 0
        fields = self.ctx.offers[offer_id].fields
        return max((self.data.girl_bonus.get(f, 0) for f in fields), default=0)

    def arrays(self, school_id: str, reach: Reach) -> _ReachArrays:
        """Open slots of a reach with their (school, slot) nodes and travel costs, cached."""
        key = (school_id, id(reach))
        if key not in self.reach_cache:
            cap = self.data.capacity
            pos = [i for i, s in enumerate(reach.slots) if cap.get(s, 0) > 0]
            slots = [reach.slots[i] for i in pos]
            nodes = np.array([self.sot_node(school_id, s) for s in slots], dtype=np.int64)
            km100 = np.array([centikm(reach.km[i]) for i in pos], dtype=np.int64)
            bonus = np.array([self.bonus(True, s[0]) for s in slots], dtype=np.int64)
            index: dict[str, list[int]] = defaultdict(list)
            for j, s in enumerate(slots):
                index[s[0]].append(j)
            travel = self.iw.travel_per_centikm * km100
            self.reach_cache[key] = _ReachArrays(slots, nodes, travel, bonus, index, reach.km, pos)
        return self.reach_cache[key]

    def add_student(self, idx: int, student: Student) -> None:
        """Arcs of one student: unplaced, named wishes, previous slot, pools."""
        ctx, kind = self.ctx, self.data.kind
        school_id = ctx.classes[student.class_id].school_id
        grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
        ra = self.arrays(school_id, ctx.reach(school_id, grade, kind, periods))
        is_girl = student.gender == FEMALE and bool(self.data.girl_bonus)
        self._arc(idx, self.sink, unplaced_cost(self.iw, ctx, student), None)
        prev = self.previous.get((student.id, kind))
        wanted = {w.offer_id for w in ctx.wishes(student, kind)[:5] if w.offer_id is not None}
        if prev is not None and prev.offer_id is not None:
            wanted.add(prev.offer_id)
        for offer_id in sorted(wanted):
            rank = ctx.rank(student, kind, ctx.offers[offer_id])
            for j in ra.index.get(offer_id, []):
                slot = ra.slots[j]
                is_prev = prev is not None and (prev.offer_id, prev.period) == slot
                if rank is None:
                    continue
                cost = student_option_cost(self.iw, rank, ra.km[ra.pos[j]], is_prev)
                cost -= int(ra.bonus[j]) if is_girl else 0
                self._arc(idx, int(ra.nodes[j]), cost, slot)
        for rank, wish in enumerate(ctx.wishes(student, kind)[:5], start=1):
            if wish.field is not None:
                tag = ("field", wish.field, rank)
                self._join_pool(idx, (school_id, grade, periods, tag, is_girl))
        if ctx.params.is_last_resort_enabled:
            self._join_pool(idx, (school_id, grade, periods, ("last",), is_girl))

    def _arc(self, tail: int, head: int, cost: int, target: SlotKey | int | None) -> None:
        arc = self.graph.add_one(tail, head, 1, cost)
        self.student_arcs.append((tail, arc, target))

    def _join_pool(self, idx: int, key: PoolKey) -> None:
        if key not in self.pools:
            self.pools[key] = self.node()
        node = self.pools[key]
        self.pool_members[node].append(idx)
        arc = self.graph.add_one(idx, node, 1, 0)
        self.student_arcs.append((idx, arc, node))

    def add_pool_arcs(self) -> None:
        """Arcs from each pool to the slots its students accept, cost per (school, offer)."""
        ctx, kind = self.ctx, self.data.kind
        for key, node in sorted(self.pools.items(), key=lambda kv: kv[1]):
            school_id, grade, periods, tag, is_girl = key
            ra = self.arrays(school_id, ctx.reach(school_id, grade, kind, periods))
            if tag[0] == "field":
                mask = ra.field_mask(ctx, tag[1])
                rank = tag[2]
            else:
                mask, rank = np.ones(len(ra.slots), dtype=bool), LAST_RESORT_RANK
            if not mask.any():
                continue
            costs = rank_cost(self.iw, rank) + ra.travel[mask] - (ra.bonus[mask] if is_girl else 0)
            heads = ra.nodes[mask]
            cap = len(self.pool_members[node])
            arcs = self.graph.add(np.full(len(heads), node), heads, cap, costs)
            slots = [ra.slots[j] for j in np.flatnonzero(mask)]
            self.pool_arcs.append((node, arcs, slots))

    def add_slot_arcs(self) -> None:
        """(school, slot) -> slot arcs with the share caps, slot -> sink with capacity."""
        slot_node: dict[SlotKey, int] = {}
        keys = sorted(self.sot, key=lambda k: (k[0], str(k[1])))
        for _, slot in keys:
            if slot not in slot_node:
                slot_node[slot] = self.node()
        caps = [self.data.share_cap[k] for k in keys]
        tails = [self.sot[k] for k in keys]
        self.graph.add(tails, [slot_node[k[1]] for k in keys], caps, 0)
        ordered = sorted(slot_node, key=str)
        left = [self.data.capacity[s] for s in ordered]
        self.graph.add([slot_node[s] for s in ordered], np.full(len(ordered), self.sink), left, 0)


def _solve(smcf: min_cost_flow.SimpleMinCostFlow) -> int:
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return int(smcf.optimal_cost())


def solve_flow(ctx: Context, iw: IntWeights, data: FlowInput) -> FlowResult:
    """Optimal placements of a component under per-(school, slot) share caps."""
    builder = _Builder(ctx, iw, data)
    for idx, student in enumerate(data.students):
        builder.add_student(idx, student)
    builder.add_pool_arcs()
    builder.add_slot_arcs()
    smcf = builder.graph.build()
    n = builder.n_students
    nodes = np.arange(n + 1, dtype=np.int64)
    supplies = np.ones(n + 1, dtype=np.int64)
    supplies[n] = -n
    smcf.set_nodes_supplies(nodes, supplies)
    cost = _solve(smcf)
    return FlowResult(_decode(builder, smcf), cost)


def _decode(builder: _Builder, smcf: min_cost_flow.SimpleMinCostFlow) -> dict[str, SlotKey]:
    """Turn arc flows back into one slot per placed student (pools in id order)."""
    students = builder.data.students
    result: dict[str, SlotKey] = {}
    in_pool: dict[int, list[int]] = defaultdict(list)
    arcs = np.array([a for _, a, _ in builder.student_arcs], dtype=np.int64)
    flows = smcf.flows(arcs) if len(arcs) else np.array([], dtype=np.int64)
    for (idx, _, target), f in zip(builder.student_arcs, flows, strict=True):
        if f <= 0 or target is None:
            continue
        if isinstance(target, tuple):
            result[students[idx].id] = target
        else:
            in_pool[target].append(idx)
    for node, arcs_of_pool, slots in builder.pool_arcs:
        members = sorted(in_pool.get(node, []), key=lambda i: students[i].id)
        pos = 0
        for slot, f in zip(slots, smcf.flows(arcs_of_pool), strict=True):
            for _ in range(int(f)):
                result[students[members[pos]].id] = slot
                pos += 1
    return result
