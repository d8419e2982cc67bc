"""The student-to-place core as a min-cost flow, with pooled arcs to stay small.

Students of one school, grade and window who share a wish (a field at a rank, or the
last resort) share a pool node; the pool's arcs to the school's slot nodes carry the cost,
which depends only on (school, offer): this keeps the graph linear in students.
Each slot is reached through a (school, slot) node whose capacity is the school's share.

The girls' share rounds change only the cost of girls' arcs to slots of short fields, so a
built network keeps each arc's base cost and the slot whose bonus applies to it; the next
round re-costs the same arrays (`Network.solve`) instead of building the network again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from ortools.graph.python import min_cost_flow

from scheduler.context import Context, Reach, SlotKey
from scheduler.costs import (
    IntWeights,
    rank_cost,
    student_option_cost,
    unplaced_cost,
)
from scheduler.problem import FEMALE, LAST_RESORT_RANK, Student

# (school, id of the reach, ("field", field, rank) or ("last",), is_girl)
PoolKey = tuple[str, int, tuple[Literal["field"], str, int] | tuple[Literal["last"]], bool]


@dataclass
class FlowInput:
    """One component: free students, slot capacities left, school-share caps per slot."""

    kind: str
    students: list[Student]
    capacity: dict[SlotKey, int]
    share_cap: dict[tuple[str, SlotKey], int]  # the repair loop lowers caps in place
    girl_bonus: dict[str, int] = field(default_factory=dict)
    is_tight: bool = False
    split_girls: bool = False  # girls in pools of their own, so bonus rounds can re-cost them
    # `capacity` per slot of the kind, built once per round and shared by its components
    # (built per component it cost seconds and megabytes at national size)
    capacity_array: np.ndarray | None = None


@dataclass
class FlowResult:
    """Slots chosen per student and the optimum (solver units)."""

    placements: dict[str, SlotKey]
    cost: int


@dataclass
class _ReachArrays:
    """The open slots of a reach as arrays: kind-level slot index, node, travel cost."""

    index: np.ndarray
    nodes: np.ndarray
    travel: np.ndarray
    km: np.ndarray


class _Graph:
    """Arc arrays accumulated in chunks, then handed to SimpleMinCostFlow at once."""

    def __init__(self) -> None:
        self.pending: list[tuple[int, int, int, int, int]] = []
        # tails, heads, capacities, base costs, bonus slots (-1: no girls' bonus applies)
        self.columns: tuple[list[np.ndarray], ...] = ([], [], [], [], [])
        self.count = 0

    def add_one(self, tail: int, head: int, cap: int, cost: int, bonus_slot: int = -1) -> int:
        """Add one arc cheaply (buffered); returns its index."""
        self.pending.append((tail, head, cap, cost, bonus_slot))
        self.count += 1
        return self.count - 1

    def _flush(self) -> None:
        if self.pending:
            arr = np.array(self.pending, dtype=np.int64)
            self.pending = []
            for store, column in zip(self.columns, arr.T, strict=True):
                store.append(column)

    def add(
        self,
        tails: ArrayLike,
        heads: ArrayLike,
        caps: ArrayLike,
        costs: ArrayLike,
        bonus_slots: ArrayLike = -1,
    ) -> np.ndarray:
        """Add arcs; returns their indices."""
        self._flush()
        tails = np.asarray(tails, dtype=np.int64)
        n = len(tails)
        for store, values in zip(
            self.columns, (tails, heads, caps, costs, bonus_slots), strict=True
        ):
            store.append(np.broadcast_to(np.asarray(values, dtype=np.int64), (n,)))
        self.count += n
        return np.arange(self.count - n, self.count)

    def arrays(self) -> tuple[np.ndarray, ...]:
        """Every arc as columns: tails, heads, capacities, base costs, bonus slots."""
        self._flush()
        return tuple(np.concatenate(c) if c else np.zeros(0, dtype=np.int64) for c in self.columns)


def capacity_array(slots: list[SlotKey], capacity: dict[SlotKey, int]) -> np.ndarray:
    """Places left per slot, in the kind's slot order."""
    return np.array([capacity.get(s, 0) for s in slots], dtype=np.int64)


class _Builder:
    """Builds the flow network of one component with numpy, one school at a time."""

    def __init__(self, ctx: Context, iw: IntWeights, data: FlowInput) -> None:
        self.ctx, self.iw, self.data = ctx, iw, data
        self.ki = ctx.kind_index(data.kind)
        given = data.capacity_array
        self.cap = capacity_array(self.ki.slots, data.capacity) if given is None else given
        self.split_girls = data.split_girls or bool(data.girl_bonus)
        self.graph = _Graph()
        self.n_students = len(data.students)
        self.sink = self.n_students
        self.next_node = self.n_students + 1
        self.school_slots: dict[str, tuple[np.ndarray, int]] = {}
        self.pools: dict[PoolKey, int] = {}
        self.pool_members: dict[int, list[int]] = defaultdict(list)
        self.arc_student: list[int] = []
        self.arc_index: list[int] = []
        self.arc_target: list[int | None] = []  # slot index (direct), -1 - pool node, None
        # (pool node, its first arc, slot index per arc): a pool's arcs are consecutive, and
        # 32-bit indices halve what the kept networks hold
        self.pool_arcs: list[tuple[int, int, np.ndarray]] = []
        self.previous = ctx.previous_of
        self.reach_cache: dict[tuple[str, int], _ReachArrays] = {}
        self._plan_schools()

    def _reach_of(self, student: Student) -> tuple[str, Reach]:
        ctx, kind = self.ctx, self.data.kind
        school_id = ctx.classes[student.class_id].school_id
        return school_id, ctx.reach(
            school_id, ctx.grade_of(student), kind, ctx.periods(student, kind)
        )

    def _plan_schools(self) -> None:
        """One (school, slot) node per open slot any of the school's students can reach."""
        union: dict[str, list[np.ndarray]] = defaultdict(list)
        for student in self.data.students:
            school_id, reach = self._reach_of(student)
            union[school_id].append(reach.index)
        for school_id in sorted(union):
            idx = np.unique(np.concatenate(union[school_id]))
            idx = idx[self.cap[idx] > 0]
            self.school_slots[school_id] = (idx, self.next_node)
            self.next_node += len(idx)

    def node(self) -> int:
        """A fresh node id."""
        self.next_node += 1
        return self.next_node - 1

    def arrays(self, school_id: str, reach: Reach) -> _ReachArrays:
        """Open slots of a reach with their (school, slot) nodes and travel costs, cached."""
        key = (school_id, id(reach))
        if key not in self.reach_cache:
            is_open = self.cap[reach.index] > 0
            index, km = reach.index[is_open], reach.km_arr[is_open]
            union, base = self.school_slots[school_id]
            nodes = base + np.searchsorted(union, index)
            travel = self.iw.travel_per_centikm * np.rint(km * 100).astype(np.int64)
            self.reach_cache[key] = _ReachArrays(index, nodes, travel, km)
        return self.reach_cache[key]

    def add_student(self, idx: int, student: Student) -> None:
        """Arcs of one student: unplaced, named wishes, previous slot, pools."""
        ctx, kind = self.ctx, self.data.kind
        school_id, reach = self._reach_of(student)
        ra = self.arrays(school_id, reach)
        is_girl = student.gender == FEMALE and self.split_girls
        self._arc(idx, self.sink, unplaced_cost(self.iw, ctx, student), None)
        prev = self.previous.get((student.id, kind))
        wishes = ctx.wishes(student, kind)[:5]
        wanted = {w.offer_id for w in wishes if w.offer_id is not None}
        if prev is not None and prev.offer_id is not None:
            wanted.add(prev.offer_id)
        for offer_id in sorted(wanted):
            rank = ctx.rank(student, kind, ctx.offers[offer_id])
            if rank is None:
                continue
            for j in np.flatnonzero(self.ki.slot_offer[ra.index] == self._offer_pos(offer_id)):
                slot = self.ki.slots[ra.index[j]]
                is_prev = prev is not None and (prev.offer_id, prev.period) == slot
                cost = student_option_cost(self.iw, rank, float(ra.km[j]), is_prev)
                slot_i = int(ra.index[j])
                self._arc(idx, int(ra.nodes[j]), cost, slot_i, slot_i if is_girl else -1)
        for rank, wish in enumerate(wishes, start=1):
            if wish.field is not None:
                self._join_pool(idx, (school_id, id(reach), ("field", wish.field, rank), is_girl))
        if ctx.params.is_last_resort_enabled:
            self._join_pool(idx, (school_id, id(reach), ("last",), is_girl))

    def _offer_pos(self, offer_id: str) -> int:
        if not hasattr(self, "_offer_positions"):
            self._offer_positions = {o.id: i for i, o in enumerate(self.ki.offers)}
        return self._offer_positions.get(offer_id, -1)

    def _arc(
        self, tail: int, head: int, cost: int, target: int | None, bonus_slot: int = -1
    ) -> None:
        self.arc_student.append(tail)
        self.arc_index.append(self.graph.add_one(tail, head, 1, cost, bonus_slot))
        self.arc_target.append(target)

    def _join_pool(self, idx: int, key: PoolKey) -> None:
        if key not in self.pools:
            self.pools[key] = self.node()
        node = self.pools[key]
        self.pool_members[node].append(idx)
        self.arc_student.append(idx)
        self.arc_index.append(self.graph.add_one(idx, node, 1, 0))
        self.arc_target.append(-1 - node)

    def add_pool_arcs(self) -> None:
        """Arcs from each pool to the slots its students accept, cost per (school, offer)."""
        reaches = {id(r): r for r in self.ctx.computed_reaches()}
        for key, node in sorted(self.pools.items(), key=lambda kv: kv[1]):
            school_id, reach_id, tag, is_girl = key
            ra = self.arrays(school_id, reaches[reach_id])
            if tag[0] == "field":
                mask, rank = self.ki.field_mask(tag[1])[ra.index], tag[2]
            else:
                mask, rank = np.ones(len(ra.index), dtype=bool), LAST_RESORT_RANK
            if not mask.any():
                continue
            costs = rank_cost(self.iw, rank) + ra.travel[mask]
            heads = ra.nodes[mask]
            cap = len(self.pool_members[node])
            bonus_slots = ra.index[mask] if is_girl else -1
            arcs = self.graph.add(np.full(len(heads), node), heads, cap, costs, bonus_slots)
            self.pool_arcs.append((node, int(arcs[0]), ra.index[mask].astype(np.int32)))

    def add_slot_arcs(self) -> None:
        """(school, slot) -> slot arcs with the share caps, slot -> sink with capacity."""
        used = np.unique(
            np.concatenate([u for u, _ in self.school_slots.values()] or [np.zeros(1, np.int64)])
        )
        used = used[self.cap[used] > 0] if len(self.school_slots) else used[:0]
        slot_node = self.next_node + np.arange(len(used))
        self.next_node += len(used)
        for school_id, (union, base) in self.school_slots.items():
            limit = self.ki.tight_limit if self.data.is_tight else self.ki.limit
            caps = np.minimum(limit[union], self.cap[union])
            for j, slot_i in enumerate(union):
                key = (school_id, self.ki.slots[slot_i])
                if key in self.data.share_cap:
                    caps[j] = self.data.share_cap[key]
            heads = slot_node[np.searchsorted(used, union)]
            self.graph.add(base + np.arange(len(union)), heads, caps, 0)
        self.graph.add(slot_node, np.full(len(used), self.sink), self.cap[used], 0)


def _solve(smcf: min_cost_flow.SimpleMinCostFlow) -> int:
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return int(smcf.optimal_cost())


class Network:
    """A component's flow network, built once; solved with any girls' bonus."""

    def __init__(self, ctx: Context, iw: IntWeights, data: FlowInput) -> None:
        builder = _Builder(ctx, iw, data)
        for idx, student in enumerate(data.students):
            builder.add_student(idx, student)
        builder.add_pool_arcs()
        builder.add_slot_arcs()
        tails, heads, caps, self.base, bonus_slot = builder.graph.arrays()
        # Kept for later rounds, so kept small: node ids, capacities and slot indices fit in
        # 32 bits, and the builder's pieces and caches are dropped (decoding needs neither).
        self.tails, self.heads, self.caps = (a.astype(np.int32) for a in (tails, heads, caps))
        self.bonus = np.flatnonzero(bonus_slot >= 0).astype(np.int32)
        self.bonus_slot = bonus_slot[self.bonus].astype(np.int32)
        builder.graph, builder.reach_cache, builder.pool_members = _Graph(), {}, defaultdict(list)
        self.builder = builder

    def costs(self, girl_bonus: dict[str, int]) -> np.ndarray:
        """Arc costs with the bonus of each short field taken off girls' arcs to it."""
        if not girl_bonus:
            return self.base
        ki = self.builder.ki
        per_slot = np.zeros(len(ki.slots), dtype=np.int64)
        for name, value in sorted(girl_bonus.items()):
            per_slot = np.maximum(per_slot, ki.field_mask(name) * value)
        costs = self.base.copy()
        costs[self.bonus] -= per_slot[self.bonus_slot]
        return costs

    def solve(self, girl_bonus: dict[str, int]) -> FlowResult:
        """Optimal placements under this bonus."""
        smcf = min_cost_flow.SimpleMinCostFlow()
        if len(self.tails):
            smcf.add_arcs_with_capacity_and_unit_cost(
                self.tails, self.heads, self.caps, self.costs(girl_bonus)
            )
        n = self.builder.n_students
        supplies = np.ones(n + 1, dtype=np.int64)
        supplies[n] = -n
        smcf.set_nodes_supplies(np.arange(n + 1, dtype=np.int64), supplies)
        cost = _solve(smcf)
        return FlowResult(_decode(self.builder, smcf), cost)


def solve_flow(ctx: Context, iw: IntWeights, data: FlowInput) -> FlowResult:
    """Optimal placements of a component under per-(school, slot) share caps."""
    return Network(ctx, iw, data).solve(data.girl_bonus)


def _decode(builder: _Builder, smcf: min_cost_flow.SimpleMinCostFlow) -> dict[str, SlotKey]:
    """Turn arc flows back into one slot per placed student (pools in id order)."""
    students, slots = builder.data.students, builder.ki.slots
    result: dict[str, SlotKey] = {}
    in_pool: dict[int, list[int]] = defaultdict(list)
    arcs = np.array(builder.arc_index, dtype=np.int64)
    flows = smcf.flows(arcs) if len(arcs) else np.zeros(0, dtype=np.int64)
    for k in np.flatnonzero(flows > 0):
        target, idx = builder.arc_target[k], builder.arc_student[k]
        if target is None:
            continue
        if target >= 0:
            result[students[idx].id] = slots[target]
        else:
            in_pool[-1 - target].append(idx)
    for node, first, index in builder.pool_arcs:
        members = sorted(in_pool.get(node, []), key=lambda i: students[i].id)
        pos = 0
        pool_flows = smcf.flows(np.arange(first, first + len(index), dtype=np.int64))
        for k in np.flatnonzero(pool_flows > 0):
            for _ in range(int(pool_flows[k])):
                result[students[members[pos]].id] = slots[index[k]]
                pos += 1
    return result
