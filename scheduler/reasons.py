"""Reason codes with their parameters, and the one English rendering of them.

Every explanation is a stable code plus parameters; the English `text` of a Reason is
always `render(code, params)`, so a translation keyed by the code never disagrees with it.
Parameters that name things elsewhere: `kind` (a kind code), `period` (none, week, weeks,
date or dates, with week / weeks / date / first_date / last_date), `wish_offer` or
`wish_field` (the wish), and `inner_code` with `inner_`-prefixed parameters (a composite).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from scheduler.problem import COMPANY_VISIT, JOB_SHADOWING, ROLE_MODEL_VISIT, WORK_WEEK
from scheduler.solution import Note, Reason, ReasonParams

KIND_TEXT = {
    WORK_WEEK: "work-week",
    JOB_SHADOWING: "job-shadowing",
    COMPANY_VISIT: "company-visit",
    ROLE_MODEL_VISIT: "role-model",
}

PERIOD_TEXT = {
    "none": "in no week",
    "week": "in week %(week)s",
    "weeks": "in week %(weeks)s",
    "date": "on %(date)s",
    "dates": "between %(first_date)s and %(last_date)s",
}

WISH_TEXT = {"wish_offer": "offer %(wish_offer)s", "wish_field": "field %(wish_field)s"}

TEMPLATES = {
    "no_offer_in_period": "no %(kind)s offer has places %(period)s",
    "no_offer_for_grade": "no %(kind)s offer %(period)s is open to grade %(grade)s",
    "no_offer_within_km": (
        "no %(kind)s offer within %(limit_km)s km %(period)s "
        "(the nearest is %(nearest_km)s km away)"
    ),
    "no_wish_in_reach_no_last_resort": (
        "none of your wishes is within reach %(period)s and the last-resort setting is off; "
        "add a wish among the %(offers)s offers in reach"
    ),
    "full_ranked_higher": (
        "the %(offers)s offer(s) within reach were full: %(better)s of their %(seats)s "
        "places went to students who ranked them as high or higher"
    ),
    "school_share": (
        "the school already has its share of company %(company)s's places that week "
        "(at most %(max_share_percent)s%% per school)"
    ),
    "kept_for_higher_rank": (
        "the places left within reach were kept for students who ranked them higher"
    ),
    "first_wish_out_of_reach": (
        "first wish (%(wish)s) has no place for grade %(grade)s within %(limit_km)s km %(period)s"
    ),
    "first_wish_blocked": "first wish (%(wish)s): %(reason)s",
    "no_company_visit_within_travel": (
        "no company-visit date in the window is within the travel limit"
    ),
    "group_too_large": "no company-visit date in the window takes a group of %(group_size)s",
    "no_company_visit_fits": "no company-visit offer fits the window, grade and fields",
    "company_visit_dates_full": "all %(dates)s fitting company-visit dates were full",
    "no_role_model_fits": (
        "no role model fits the request's fields, language, mode and travel range"
    ),
    "role_models_no_visits_left": "the %(role_models)s role model(s) who fit have no visits left",
    "role_models_busy": (
        "the %(role_models)s fitting role model(s) with visits left are busy or blocked "
        "on every date in the window"
    ),
    "offer_no_places": "the offer has no places",
    "offer_out_of_reach": (
        "no class of an eligible grade is within its travel limit in its weeks or dates"
    ),
    "offer_ranked_lower": (
        "the students within reach were placed at offers they ranked higher or nearer"
    ),
}

# Notes on the run as a whole (Solution.notes), rendered the same way as reasons.
NOTE_TEMPLATES = {
    "bound_scope": (
        "The bound is the sum, per activity kind, of the min-cost-flow optimum with the "
        "school-share rule relaxed per offer (an exact LP optimum of that relaxation) or "
        "CP-SAT's proven bound, whichever is higher; it counts the girls' share and the "
        "role-model mix as zero where only the flow ran."
    ),
    "girls_round_skipped": (
        "the girls' share round %(round)s for %(kind)s placements was skipped: %(seconds_left)s s "
        "of the time limit were left and a round takes about %(round_seconds)s s; "
        "a longer time limit lets it run"
    ),
    "exact_pass_skipped": (
        "the time limit was spent before the exact pass over %(kind)s placements; "
        "the flow result is kept"
    ),
    "requests_fallback": (
        "no allocation was found in time for %(groups)s group(s) of %(kind)s requests; "
        "they keep a simple allocation and a longer time limit may place more"
    ),
    "run_cancelled": (
        "the run was cancelled: what was placed until then is kept, later steps did not run"
    ),
}
TEMPLATES.update(NOTE_TEMPLATES)

INNER = "inner_"


def period_params(periods: tuple[int | dt.date, ...]) -> ReasonParams:
    """The parameters of 'in week 12' or 'between 2026-03-02 and 2026-03-06'."""
    if not periods:
        return (("period", "none"),)
    if isinstance(periods[0], int):
        if len(periods) == 1:
            return (("period", "week"), ("week", periods[0]))
        return (("period", "weeks"), ("weeks", ", ".join(str(p) for p in periods)))
    dates = [p for p in periods if isinstance(p, dt.date)]
    assert len(dates) == len(periods), f"periods mix weeks and dates: {periods!r}"
    first, last = min(dates), max(dates)
    if first == last:
        return (("period", "date"), ("date", first.isoformat()))
    return (
        ("period", "dates"),
        ("first_date", first.isoformat()),
        ("last_date", last.isoformat()),
    )


def inner_params(code: str, params: ReasonParams) -> ReasonParams:
    """A reason nested in a composite: its code and parameters, prefixed."""
    return ((INNER + "code", code), *((INNER + k, v) for k, v in params))


def split_inner(values: Mapping[str, object]) -> tuple[str, ReasonParams]:
    """The nested reason's code and parameters back from a composite's parameters."""
    code = str(values[INNER + "code"])
    params = tuple(
        (k[len(INNER) :], v if isinstance(v, int | float) else str(v))
        for k, v in values.items()
        if k.startswith(INNER) and k != INNER + "code"
    )
    return code, params


def render(code: str, params: ReasonParams) -> str:
    """The English sentence for a code and its parameters."""
    values: dict[str, object] = dict(params)
    shown = dict(values)
    if "kind" in values:
        shown["kind"] = KIND_TEXT[str(values["kind"])]
    if "period" in values:
        shown["period"] = PERIOD_TEXT[str(values["period"])] % values
    for key, template in WISH_TEXT.items():
        if key in values:
            shown["wish"] = template % values
    if INNER + "code" in values:
        shown["reason"] = render(*split_inner(values))
    return TEMPLATES[code] % shown


def make_note(code: str, params: ReasonParams = ()) -> Note:
    """A Note whose text is the English rendering of its code and parameters."""
    return Note(code, render(code, params), params)


def make(subject: str, subject_id: str, kind: str, code: str, params: ReasonParams) -> Reason:
    """A Reason whose text is the English rendering of its code and parameters."""
    return Reason(subject, subject_id, kind, render(code, params), code, params)
