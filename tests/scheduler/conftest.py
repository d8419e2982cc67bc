"""Fixtures for the scheduler tests: a factory of tiny problems, no mocks."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest
from scheduler_parts import (
    DAY,
    WEEK,
    hand_made,
    make_class,
    make_day_offer,
    make_problem,
    make_request,
    make_role_model,
    make_school,
    make_student,
    make_work_offer,
)

from scheduler import Params, Placement


@pytest.fixture
def f() -> SimpleNamespace:
    """Factory of tiny problem parts around one Oslo school with a class in week 10."""
    return SimpleNamespace(
        school=make_school,
        klass=make_class,
        student=make_student,
        work_offer=make_work_offer,
        day_offer=make_day_offer,
        role_model=make_role_model,
        request=make_request,
        problem=make_problem,
        hand=hand_made,
        placement=Placement,
        replace=replace,
        week=WEEK,
        day=DAY,
    )


@pytest.fixture
def params() -> Params:
    """Default parameters with a short deterministic time budget."""
    return Params(seed=7, deterministic_time_s=5.0, time_limit_s=10.0)
