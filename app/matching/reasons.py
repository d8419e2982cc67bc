"""The engine's reasons in the viewer's language, with names instead of the engine's ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from flask_babel import format_date, format_decimal
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.core.domain import STEM_FIELDS
from app.extensions import db
from scheduler.reasons import INNER, split_inner

ENGINE_ID = re.compile(r"\b(company|offer|school):(\d+)")
DATE_PARAMS = {"date", "first_date", "last_date"}

# The English msgids equal scheduler.reasons.TEMPLATES (a test keeps them equal).
TEMPLATES = {
    "no_offer_in_period": _l("no %(kind)s offer has places %(period)s"),
    "no_offer_for_grade": _l("no %(kind)s offer %(period)s is open to grade %(grade)s"),
    "no_offer_within_km": _l(
        "no %(kind)s offer within %(limit_km)s km %(period)s "
        "(the nearest is %(nearest_km)s km away)"
    ),
    "no_wish_in_reach_no_last_resort": _l(
        "none of your wishes is within reach %(period)s and the last-resort setting is off; "
        "add a wish among the %(offers)s offers in reach"
    ),
    "full_ranked_higher": _l(
        "the %(offers)s offer(s) within reach were full: %(better)s of their %(seats)s "
        "places went to students who ranked them as high or higher"
    ),
    "school_share": _l(
        "the school already has its share of company %(company)s's places that week "
        "(at most %(max_share_percent)s%% per school)"
    ),
    "kept_for_higher_rank": _l(
        "the places left within reach were kept for students who ranked them higher"
    ),
    "first_wish_out_of_reach": _l(
        "first wish (%(wish)s) has no place for grade %(grade)s within %(limit_km)s km %(period)s"
    ),
    "first_wish_blocked": _l("first wish (%(wish)s): %(reason)s"),
    "no_company_visit_within_travel": _l(
        "no company-visit date in the window is within the travel limit"
    ),
    "group_too_large": _l("no company-visit date in the window takes a group of %(group_size)s"),
    "no_company_visit_fits": _l("no company-visit offer fits the window, grade and fields"),
    "company_visit_dates_full": _l("all %(dates)s fitting company-visit dates were full"),
    "no_role_model_fits": _l(
        "no role model fits the request's fields, language, mode and travel range"
    ),
    "role_models_no_visits_left": _l(
        "the %(role_models)s role model(s) who fit have no visits left"
    ),
    "role_models_busy": _l(
        "the %(role_models)s fitting role model(s) with visits left are busy or blocked "
        "on every date in the window"
    ),
    "offer_no_places": _l("the offer has no places"),
    "offer_out_of_reach": _l(
        "no class of an eligible grade is within its travel limit in its weeks or dates"
    ),
    "offer_ranked_lower": _l(
        "the students within reach were placed at offers they ranked higher or nearer"
    ),
    # Notes on the run as a whole (scheduler.reasons.NOTE_TEMPLATES).
    "bound_scope": _l(
        "The bound is the sum, per activity kind, of the min-cost-flow optimum with the "
        "school-share rule relaxed per offer (an exact LP optimum of that relaxation) or "
        "CP-SAT's proven bound, whichever is higher; it counts the girls' share and the "
        "role-model mix as zero where only the flow ran."
    ),
    "girls_round_skipped": _l(
        "the girls' share round %(round)s for %(kind)s placements was skipped: %(seconds_left)s s "
        "of the time limit were left and a round takes about %(round_seconds)s s; "
        "a longer time limit lets it run"
    ),
    "exact_pass_skipped": _l(
        "the time limit was spent before the exact pass over %(kind)s placements; "
        "the flow result is kept"
    ),
    "requests_fallback": _l(
        "no allocation was found in time for %(groups)s group(s) of %(kind)s requests; "
        "they keep a simple allocation and a longer time limit may place more"
    ),
    "run_cancelled": _l(
        "the run was cancelled: what was placed until then is kept, later steps did not run"
    ),
}
KIND_TEXT = {
    "work_week": _l("work-week"),
    "job_shadowing": _l("job-shadowing"),
    "company_visit": _l("company-visit"),
    "role_model_visit": _l("role-model"),
}
PERIOD_TEXT = {
    "none": _l("in no week"),
    "week": _l("in week %(week)s"),
    "weeks": _l("in week %(weeks)s"),
    "date": _l("on %(date)s"),
    "dates": _l("between %(first_date)s and %(last_date)s"),
}
WISH_TEXT = {"wish_offer": _l("offer %(wish_offer)s"), "wish_field": _l("field %(wish_field)s")}


def engine_name(ident: str) -> str:
    """The name a person knows for an engine id like 'company:12', else the id itself."""
    from app.companies.models import Company, Offer
    from app.schools.models import School

    match = ENGINE_ID.fullmatch(ident)
    if match is None:
        return ident
    model, attr = {"company": (Company, "name"), "offer": (Offer, "title")}.get(
        match[1], (School, "name")
    )
    row = db.session.get(model, int(match[2]))
    return getattr(row, attr) if row is not None else ident


def _shown(key: str, value: Any) -> Any:
    """One parameter as the viewer reads it: names for ids, local dates, field labels."""
    if key in DATE_PARAMS:
        return format_date(dt.date.fromisoformat(value))
    if key == "wish_field":
        return STEM_FIELDS.get(value, value)
    if isinstance(value, float):
        return format_decimal(value)
    if isinstance(value, str):
        return engine_name(value)
    return value


def render(code: str, params: Mapping[str, Any]) -> str:
    """A reason in the current language; raises KeyError for an unknown code or parameter."""
    shown: dict[str, Any] = {k: _shown(k, v) for k, v in params.items() if not k.startswith(INNER)}
    if "kind" in params:
        shown["kind"] = KIND_TEXT[params["kind"]]
    if "period" in params:
        shown["period"] = str(PERIOD_TEXT[params["period"]]) % shown
    for key, template in WISH_TEXT.items():
        if key in params:
            shown["wish"] = str(template) % shown
    if INNER + "code" in params:
        inner_code, inner = split_inner(params)
        shown["reason"] = render(inner_code, dict(inner))
    return str(TEMPLATES[code]) % shown


def reason_text(row: Any) -> str | None:
    """A stored placement's or unmatched row's reason in the viewer's language, else None."""
    code, params = row.reason_code, row.reason_params
    if code not in TEMPLATES or params is None:
        return None
    try:
        return render(code, params)
    except (KeyError, ValueError, TypeError):
        return None


def run_notes(figures: Mapping[str, Any]) -> tuple[str, list[str]]:
    """A run's notes in the viewer's language: what the bound covers, and each step the time
    limit or a cancel cut short. Runs stored before notes had codes give their English
    bound note and no steps."""
    scope, cut = str(figures.get("bound_note", "")), []
    for note in figures.get("notes", []):
        try:
            text = render(note["code"], note["params"])
        except (KeyError, ValueError, TypeError):
            continue
        if note["code"] == "bound_scope":
            scope = text
        else:
            cut.append(text[:1].upper() + text[1:])
    return scope, cut


def reason_html(row: Any) -> Markup:
    """The reason translated, or (rows stored before reasons had codes) the English text."""
    text = reason_text(row)
    if text is not None:
        return Markup.escape(text)
    return Markup('<span lang="en">%s</span>') % row.reason if row.reason else Markup("")
