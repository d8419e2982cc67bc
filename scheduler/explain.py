"""Reasons, from explicit checks, for every unplaced student, unmet request and unused offer,
and for every placed student not at their first wish."""

from __future__ import annotations

from collections import Counter, defaultdict

from scheduler.context import Context, SlotKey, week_of
from scheduler.costs import participants, placement_rank
from scheduler.eligibility import (
    company_visit_problem,
    role_model_fit_problem,
)
from scheduler.explain_text import Coded, no_reach_reason, whole_km
from scheduler.problem import (
    COMPANY_VISIT,
    LAST_RESORT_RANK,
    ROLE_MODEL_VISIT,
    STUDENT_KINDS,
    ClassRequest,
    Placement,
    Student,
    Wish,
)
from scheduler.reasons import inner_params, make, period_params
from scheduler.solution import Reason


class _Usage:
    """Seats used per slot and the ranks of the students in them."""

    def __init__(self, ctx: Context, placements: list[Placement]) -> None:
        self.ctx = ctx
        self.used: Counter[SlotKey] = Counter(ctx.booked)
        self.ranks: dict[SlotKey, list[int]] = defaultdict(list)
        self.share: Counter[tuple[str, str, str, int]] = Counter(ctx.booked_school)
        for p in placements:
            slot = p.slot
            if slot is None:
                continue
            is_group = p.kind == COMPANY_VISIT
            self.used[slot] += ctx.requests[p.subject_id].group_size if is_group else 1
            if p.kind in STUDENT_KINDS:
                self.ranks[slot].append(placement_rank(ctx, p))
                school = ctx.classes[ctx.students[p.subject_id].class_id].school_id
                company = ctx.offers[slot[0]].company_id
                self.share[(school, company, p.kind, week_of(slot[1]))] += 1

    def is_full(self, slot: SlotKey) -> bool:
        """True if no seat is left."""
        return self.used[slot] >= self.ctx.slots[slot].capacity

    def share_reached(self, school_id: str, slot: SlotKey, kind: str) -> bool:
        """True if the school has its share of the slot's company that week."""
        company, week = self.ctx.offers[slot[0]].company_id, week_of(slot[1])
        key = (school_id, company, kind, week)
        return self.share[key] >= self.ctx.school_limit(company, kind, week)


def _blocked_text(
    ctx: Context, usage: _Usage, student: Student, kind: str, slots: list[SlotKey], rank: int
) -> Coded:
    """Why every slot in `slots` was closed to the student."""
    school_id = ctx.classes[student.class_id].school_id
    full = [s for s in slots if usage.is_full(s)]
    shared = [s for s in slots if not usage.is_full(s) and usage.share_reached(school_id, s, kind)]
    offers = len({s[0] for s in slots})
    if len(full) == len(slots):
        seats = sum(ctx.slots[s].capacity for s in full)
        better = sum(1 for s in full for r in usage.ranks[s] if r <= rank)
        return "full_ranked_higher", (("offers", offers), ("better", better), ("seats", seats))
    if shared:
        company = ctx.offers[shared[0][0]].company_id
        percent = int(f"{ctx.params.max_school_share * 100:.0f}")
        return "school_share", (("company", company), ("max_share_percent", percent))
    return "kept_for_higher_rank", ()


def _unplaced_reason(ctx: Context, usage: _Usage, student: Student, kind: str) -> Coded:
    school_id = ctx.classes[student.class_id].school_id
    grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
    reach = ctx.reach(school_id, grade, kind, periods)
    if not reach.slots:
        return no_reach_reason(ctx, student, kind)
    open_slots = list(reach.slots)
    if not ctx.params.is_last_resort_enabled:
        open_slots = [
            s for s in open_slots if ctx.rank(student, kind, ctx.offers[s[0]]) is not None
        ]
    if not open_slots:
        where = period_params(periods)
        return "no_wish_in_reach_no_last_resort", (*where, ("offers", len(reach.slots)))
    return _blocked_text(ctx, usage, student, kind, open_slots, LAST_RESORT_RANK)


def _wish_params(wish: Wish) -> tuple[str, str]:
    return ("wish_offer", wish.offer_id) if wish.offer_id else ("wish_field", str(wish.field))


def _first_wish_reason(ctx: Context, usage: _Usage, student: Student, kind: str) -> Coded:
    wish = ctx.wishes(student, kind)[0]
    school_id = ctx.classes[student.class_id].school_id
    grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
    reach = ctx.reach(school_id, grade, kind, periods)
    slots = [
        s
        for s in reach.slots
        if s[0] == wish.offer_id
        or (wish.field is not None and wish.field in ctx.offers[s[0]].fields)
    ]
    what = _wish_params(wish)
    if not slots:
        limit = whole_km(ctx.params.travel_limit(grade))
        where = period_params(periods)
        return "first_wish_out_of_reach", (what, ("grade", grade), ("limit_km", limit), *where)
    inner = _blocked_text(ctx, usage, student, kind, slots, 1)
    return "first_wish_blocked", (what, *inner_params(*inner))


def _student_reasons(ctx: Context, usage: _Usage, placements: list[Placement]) -> list[Reason]:
    out = []
    placed = {(p.subject_id, p.kind): p for p in placements}
    for kind in STUDENT_KINDS:
        for student in participants(ctx, kind):
            p = placed.get((student.id, kind))
            if p is None:
                code, params = _unplaced_reason(ctx, usage, student, kind)
            elif ctx.wishes(student, kind) and placement_rank(ctx, p) > 1:
                code, params = _first_wish_reason(ctx, usage, student, kind)
            else:
                continue
            out.append(make("student", student.id, kind, code, params))
    return out


def _company_visit_reason(ctx: Context, usage: _Usage, request: ClassRequest) -> Coded:
    checks: Counter[str] = Counter()
    fitting = []
    for offer in ctx.offers_of_kind(COMPANY_VISIT):
        for slot in offer.slots:
            if slot.date is None:
                continue  # checks.py refuses a company-visit slot without a date
            problem = company_visit_problem(ctx, request, offer, slot.date)
            checks[problem or "ok"] += 1
            if problem is None:
                fitting.append((offer.id, slot.date))
    if not fitting:
        if checks["travel_limit"]:
            return "no_company_visit_within_travel", ()
        if checks["capacity"]:
            return "group_too_large", (("group_size", request.group_size),)
        return "no_company_visit_fits", ()
    return "company_visit_dates_full", (("dates", len(fitting)),)


def _role_model_reason(ctx: Context, request: ClassRequest, placements: list[Placement]) -> Coded:
    visits = Counter(p.role_model_id for p in placements if p.kind == ROLE_MODEL_VISIT)
    fit = [
        rm for rm in ctx.role_models.values() if role_model_fit_problem(ctx, request, rm) is None
    ]
    if not fit:
        return "no_role_model_fits", ()
    left = [rm for rm in fit if visits[rm.id] + len(ctx.rm_booked.get(rm.id, [])) < rm.visits_left]
    if not left:
        return "role_models_no_visits_left", (("role_models", len(fit)),)
    return "role_models_busy", (("role_models", len(left)),)


def _request_reasons(ctx: Context, usage: _Usage, placements: list[Placement]) -> list[Reason]:
    placed = {p.subject_id for p in placements if p.kind not in STUDENT_KINDS}
    out = []
    for request in sorted(ctx.requests.values(), key=lambda r: r.id):
        if request.id in placed:
            continue
        if request.kind == COMPANY_VISIT:
            code, params = _company_visit_reason(ctx, usage, request)
        else:
            code, params = _role_model_reason(ctx, request, placements)
        out.append(make("request", request.id, request.kind, code, params))
    return out


def _offer_reasons(ctx: Context, usage: _Usage, placements: list[Placement]) -> list[Reason]:
    used_offers = {p.offer_id for p in placements} | {k[0] for k, v in ctx.booked.items() if v}
    reachable: dict[str, int] = Counter()
    for reach in ctx.computed_reaches():
        for offer_id in {s[0] for s in reach.slots}:
            reachable[offer_id] += 1
    out = []
    for offer in sorted(ctx.offers.values(), key=lambda o: o.id):
        if offer.id in used_offers or offer.kind not in STUDENT_KINDS:
            continue
        if not sum(s.capacity for s in offer.slots):
            code = "offer_no_places"
        elif not reachable[offer.id]:
            code = "offer_out_of_reach"
        else:
            code = "offer_ranked_lower"
        out.append(make("offer", offer.id, offer.kind, code, ()))
    return out


def explain(ctx: Context, placements: list[Placement]) -> tuple[Reason, ...]:
    """Every reason, students first, then requests, then unused offers."""
    usage = _Usage(ctx, placements)
    reasons = _student_reasons(ctx, usage, placements)
    reasons += _request_reasons(ctx, usage, placements)
    reasons += _offer_reasons(ctx, usage, placements)
    return tuple(reasons)
