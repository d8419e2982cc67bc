"""Every reason carries a known code and parameters, and its English text is their rendering."""

from __future__ import annotations

import json

import pytest

from scheduler import Params, solve
from scheduler.jsonio import solution_from_dict, solution_to_dict
from scheduler.reasons import TEMPLATES, render
from scheduler.synthetic import generate


def _solutions(f, params):
    """A few solved problems that between them give most kinds of reason."""
    schools = (f.school(), f.school("S2"))
    classes = (f.klass(), f.klass("C2", school_id="S2"))
    yield solve(generate("tiny", 1), Params(seed=1))
    yield solve(generate("tiny", 2), Params(seed=2, is_last_resort_enabled=False))
    yield solve(
        f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", km_north=40),)), params
    )
    yield solve(
        f.problem(
            schools=schools,
            classes=classes,
            students=(
                f.student("A", wishes=("O1", "O2")),
                f.student("B", class_id="C2", wishes=("O1",), has_no_network=True),
            ),
            offers=(f.work_offer("O1"), f.work_offer("O2")),
        ),
        params,
    )
    yield solve(
        f.problem(
            role_models=(f.role_model("R1", visits_left=0),),
            requests=(f.request("Q1", "role_model_visit", mode="digital"),),
        ),
        params,
    )


def test_every_reason_has_a_known_code_and_its_text_is_the_rendering(f, params) -> None:
    reasons = [r for s in _solutions(f, params) for r in s.reasons]
    assert len({r.code for r in reasons}) >= 5
    for r in reasons:
        assert r.code in TEMPLATES
        assert r.text == render(r.code, r.params)
        hash(r)


def test_ids_stay_ids_and_numbers_stay_numbers(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", km_north=40),))
    reason = next(r for r in solve(problem, params).reasons if r.subject_id == "A")
    assert reason.code == "no_offer_within_km"
    assert dict(reason.params) == {
        "kind": "work_week",
        "period": "week",
        "week": 10,
        "limit_km": 35,
        "nearest_km": 52,
    }


def test_first_wish_nests_the_inner_reason_with_a_prefix(f, params) -> None:
    solution = list(_solutions(f, params))[3]
    reason = next(r for r in solution.reasons if r.subject_id == "A")
    values = dict(reason.params)
    assert reason.code == "first_wish_blocked"
    assert values["wish_offer"] == "O1" and values["inner_code"] == "full_ranked_higher"
    assert values["inner_offers"] == 1


@pytest.mark.parametrize(
    ("code", "params", "text"),
    [
        ("school_share", (("company", "company:12"), ("max_share_percent", 50)), "company:12's"),
        ("no_offer_in_period", (("kind", "job_shadowing"), ("period", "none")), "in no week"),
        (
            "no_offer_for_grade",
            (("kind", "work_week"), ("period", "dates"), ("first_date", "2026-03-02"))
            + (("last_date", "2026-03-06"), ("grade", 9)),
            "between 2026-03-02 and 2026-03-06 is open to grade 9",
        ),
    ],
)
def test_render_fills_the_parameters(code, params, text) -> None:
    assert text in render(code, params)


def test_codes_and_params_survive_the_json_form(f, params) -> None:
    solution = list(_solutions(f, params))[3]
    data = json.loads(json.dumps(solution_to_dict(solution)))
    assert data["reasons"][0]["params"]["inner_code"] == "full_ranked_higher"
    assert solution_from_dict(data) == solution
