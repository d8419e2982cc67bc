"""Baselines for the benchmark: first-come-first-served greedy and student-proposing
deferred acceptance (a stable matching), both under the same hard rules as the engine."""

from __future__ import annotations

import heapq
import random
from collections import Counter, defaultdict
from collections.abc import Iterator

from scheduler.context import Context, Reach, SlotKey, week_of
from scheduler.costs import participants
from scheduler.problem import LAST_RESORT_RANK, Placement, Student
from scheduler.students import _to_placement


class _Lists:
    """Each student's options in order of rank, then distance (shared per reach)."""

    def __init__(self, ctx: Context, kind: str) -> None:
        self.ctx, self.kind = ctx, kind
        self.by_km: dict[int, list[SlotKey]] = {}

    def sorted_reach(self, reach: Reach) -> list[SlotKey]:
        """Slots of a reach, nearest first."""
        key = id(reach)
        if key not in self.by_km:
            order = sorted(
                range(len(reach.slots)), key=lambda i: (reach.km[i], str(reach.slots[i]))
            )
            self.by_km[key] = [reach.slots[i] for i in order]
        return self.by_km[key]

    def reach(self, student: Student) -> Reach:
        """The student's reach for the kind."""
        ctx = self.ctx
        school_id = ctx.classes[student.class_id].school_id
        return ctx.reach(
            school_id, ctx.grade_of(student), self.kind, ctx.periods(student, self.kind)
        )

    def options(self, student: Student) -> Iterator[tuple[int, SlotKey]]:
        """(rank, slot) in preference order, each slot once."""
        ctx, seen = self.ctx, set()
        slots = self.sorted_reach(self.reach(student))
        for rank, wish in enumerate(ctx.wishes(student, self.kind)[:5], start=1):
            for slot in slots:
                fields = ctx.offers[slot[0]].fields
                if slot not in seen and (wish.offer_id == slot[0] or wish.field in fields):
                    seen.add(slot)
                    yield rank, slot
        if ctx.params.is_last_resort_enabled:
            for slot in slots:
                if slot not in seen:
                    yield LAST_RESORT_RANK, slot


# (negated lottery key, student id); heap[0] is the worst student held at a slot.
_HeapEntry = tuple[tuple[int, float], str]


class _Rules:
    """Capacity and school share, counted as placements are made."""

    def __init__(self, ctx: Context, kind: str) -> None:
        self.ctx, self.kind = ctx, kind
        self.used: Counter[SlotKey] = Counter(ctx.booked)
        self.share: Counter[tuple[str, str, str, int]] = Counter(ctx.booked_school)

    def group(self, student: Student, slot: SlotKey) -> tuple[str, str, str, int]:
        """(school, company, kind, week) of a student at a slot."""
        school_id = self.ctx.classes[student.class_id].school_id
        return (school_id, self.ctx.offers[slot[0]].company_id, self.kind, week_of(slot[1]))

    def has_room(self, student: Student, slot: SlotKey) -> bool:
        """True if the slot has a seat and the school has share left."""
        group = self.group(student, slot)
        limit = self.ctx.school_limit(group[1], self.kind, group[3])
        return self.used[slot] < self.ctx.slots[slot].capacity and self.share[group] < limit

    def take(self, student: Student, slot: SlotKey, n: int = 1) -> None:
        """Count a placement (n=-1 to undo)."""
        self.used[slot] += n
        self.share[self.group(student, slot)] += n


def greedy(ctx: Context, kind: str, seed: int) -> list[Placement]:
    """First come, first served: students in a random arrival order take their best option."""
    students = list(participants(ctx, kind))
    random.Random(seed).shuffle(students)
    lists, rules = _Lists(ctx, kind), _Rules(ctx, kind)
    out = []
    for student in students:
        for _, slot in lists.options(student):
            if rules.has_room(student, slot):
                rules.take(student, slot)
                out.append(_to_placement(kind, student.id, slot))
                break
    return out


def deferred_acceptance(ctx: Context, kind: str, seed: int) -> list[Placement]:
    """Student-proposing deferred acceptance; offers prefer students without a network,
    then a lottery; a school's share is enforced per slot."""
    rng = random.Random(seed)
    students = list(participants(ctx, kind))
    lottery = {s.id: (not s.has_no_network, rng.random()) for s in students}
    lists, rules = _Lists(ctx, kind), _Rules(ctx, kind)
    proposals = {s.id: lists.options(s) for s in students}
    held: dict[SlotKey, list[_HeapEntry]] = defaultdict(list)  # max-heap by priority (worst on top)
    where: dict[str, SlotKey] = {}
    by_id = {s.id: s for s in students}
    free = [s.id for s in reversed(students)]
    while free:
        sid = free.pop()
        student = by_id[sid]
        for _, slot in proposals[sid]:
            rejected = _propose(ctx, rules, held, student, slot, lottery, by_id)
            if rejected != sid:
                where[sid] = slot
                if rejected is not None:
                    del where[rejected]
                    free.append(rejected)
                break
    return [_to_placement(kind, sid, slot) for sid, slot in sorted(where.items())]


def _propose(
    ctx: Context,
    rules: _Rules,
    held: dict[SlotKey, list[_HeapEntry]],
    student: Student,
    slot: SlotKey,
    lottery: dict[str, tuple[bool, float]],
    by_id: dict[str, Student],
) -> str | None:
    """Hold the student at the slot; returns whoever is rejected (maybe the student)."""
    group = rules.group(student, slot)
    limit = ctx.school_limit(group[1], rules.kind, group[3])
    heap = held[slot]
    key = lottery[student.id]
    heapq.heappush(heap, ((-key[0], -key[1]), student.id))
    rules.take(student, slot)
    if rules.share[group] > limit:
        same = [e for e in heap if rules.group(by_id[e[1]], slot) == group]
        worst = min(same)
        return _drop(rules, heap, worst, by_id, slot)
    if rules.used[slot] > ctx.slots[slot].capacity:
        return _drop(rules, heap, heap[0], by_id, slot)
    return None


def _drop(
    rules: _Rules,
    heap: list[_HeapEntry],
    entry: _HeapEntry,
    by_id: dict[str, Student],
    slot: SlotKey,
) -> str:
    heap.remove(entry)
    heapq.heapify(heap)
    rules.take(by_id[entry[1]], slot, -1)
    return entry[1]
