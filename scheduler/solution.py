"""Output of the matching engine: placements, the objective by term, bound, gap and reasons."""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.problem import Placement

ReasonParams = tuple[tuple[str, str | int | float], ...]

OPTIMAL = "optimal"
FEASIBLE = "feasible"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class Term:
    """One soft goal: raw value (its unit), weight, and weight times value."""

    name: str
    weight: float
    value: float
    weighted: float


@dataclass(frozen=True)
class Reason:
    """Why a student, request or offer slot ended where it did, for a person to act on."""

    subject: str  # "student", "request" or "offer"
    subject_id: str
    kind: str
    text: str  # always scheduler.reasons.render(code, params)
    code: str = ""
    params: ReasonParams = ()


@dataclass(frozen=True)
class Note:
    """Something about the run as a whole an administrator should know: what the bound covers,
    or a step the time limit or a cancel cut short. Same code and params scheme as Reason."""

    code: str
    text: str  # always scheduler.reasons.render(code, params)
    params: ReasonParams = ()


@dataclass(frozen=True)
class Violation:
    """A broken hard rule found by validate()."""

    rule: str
    subject_id: str
    message: str


@dataclass(frozen=True)
class PartBound:
    """Cost, proven lower bound and method of one activity kind."""

    kind: str
    cost: float
    bound: float
    method: str


@dataclass(frozen=True)
class Solution:
    """The result of one run; bound_note says which parts the bound is proven for, notes what
    an administrator should know about the run (also the bound note, as a code)."""

    status: str
    assignments: tuple[Placement, ...]
    terms: tuple[Term, ...]
    objective: float
    bound: float
    gap: float
    wall_time_s: float
    reasons: tuple[Reason, ...] = ()
    bound_note: str = ""
    parts: tuple[PartBound, ...] = ()
    notes: tuple[Note, ...] = ()

    def placement_of(self, subject_id: str, kind: str) -> Placement | None:
        """The placement of a student or request for a kind, if any."""
        for p in self.assignments:
            if p.subject_id == subject_id and p.kind == kind:
                return p
        return None

    def term(self, name: str) -> Term:
        """A term by name."""
        return next(t for t in self.terms if t.name == name)
