"""No school takes more than a set share of one company's places in a week."""

from __future__ import annotations

from scheduler import school_shares, solve, validate


def _problem(f):
    return f.problem(
        classes=(f.klass(), f.klass("C2", school_id="S2")),
        schools=(f.school(), f.school("S2")),
        students=(
            f.student("A", wishes=("O1",)),
            f.student("B", wishes=("O1",)),
            f.student("C", class_id="C2", wishes=("O1",)),
        ),
        offers=(f.work_offer("O1", capacity=2),),
    )


def test_share_spreads_places_over_schools(f, params) -> None:
    problem = _problem(f)
    solution = solve(problem, params)
    assert sorted(p.subject_id for p in solution.assignments) in (["A", "C"], ["B", "C"])
    assert validate(problem, solution, params) == []


def test_one_school_taking_all_places_is_caught(f, params) -> None:
    problem = _problem(f)
    greedy = f.hand(
        f.placement("A", "work_week", offer_id="O1", week=f.week),
        f.placement("B", "work_week", offer_id="O1", week=f.week),
    )
    assert [v.rule for v in validate(problem, greedy, params)] == ["school_share"]


def test_share_counts_all_offers_of_the_company(f, params) -> None:
    problem = f.problem(
        students=(f.student("A"), f.student("B")),
        offers=(
            f.work_offer("O1", capacity=1, company_id="K"),
            f.work_offer("O2", capacity=1, company_id="K"),
        ),
    )
    solution = solve(problem, params)
    assert len(solution.assignments) == 1
    assert validate(problem, solution, params) == []


def test_flow_repairs_a_share_broken_over_several_slots(f, params) -> None:
    problem = f.problem(
        students=tuple(f.student(f"P{i}", wishes=("it",)) for i in range(4)),
        offers=(
            f.work_offer("O1", capacity=2, company_id="K"),
            f.work_offer("O2", capacity=2, company_id="K", km_north=2),
        ),
    )
    params = f.replace(params, exact_option_limit=0)
    solution = solve(problem, params)
    assert len(solution.assignments) == 2  # half of the company's 4 places
    assert validate(problem, solution, params) == []
    assert solution.bound <= solution.objective


def test_school_shares_say_what_each_school_took_against_its_limit(f, params) -> None:
    problem = _problem(f)
    placements = [f.placement("A", "work_week", offer_id="O1", week=f.week)]
    company = problem.offers[0].company_id
    shares = school_shares(problem, placements, params)
    assert shares == {("S1", company, "work_week", f.week): (1, 1)}  # half of 2 places: full
    assert school_shares(problem, [], params) == {}
