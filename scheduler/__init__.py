"""Skolebro's matching engine: pure Python and OR-Tools, no Flask, no database."""

from scheduler.checks import ProblemError
from scheduler.problem import (
    COMPANY_VISIT,
    JOB_SHADOWING,
    ROLE_MODEL_VISIT,
    WORK_WEEK,
    ClassRequest,
    ExistingBooking,
    Offer,
    OfferSlot,
    Params,
    Placement,
    Problem,
    RoleModel,
    School,
    SchoolClass,
    Season,
    Student,
    Weights,
    Wish,
)
from scheduler.solution import Reason, Solution, Term, Violation
from scheduler.solve import solve
from scheduler.validate import school_shares, validate

__all__ = [
    "COMPANY_VISIT",
    "JOB_SHADOWING",
    "ROLE_MODEL_VISIT",
    "WORK_WEEK",
    "ClassRequest",
    "ExistingBooking",
    "Offer",
    "OfferSlot",
    "Params",
    "Placement",
    "Problem",
    "ProblemError",
    "Reason",
    "RoleModel",
    "School",
    "SchoolClass",
    "Season",
    "Solution",
    "Student",
    "Term",
    "Violation",
    "Weights",
    "Wish",
    "school_shares",
    "solve",
    "validate",
]
