"""Review a run: compare with the previous run, search placements, pin, unpin and move."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, replace

import sqlalchemy as sa
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.companies.models import Company, Offer, OfferSlot, RoleModel
from app.core import audit
from app.core.errors import DomainError
from app.core.search import containing
from app.extensions import db
from app.matching.figures import recount_after_hand_change
from app.matching.ids import key
from app.matching.params import params_for
from app.matching.problem_builder import Built, build_problem
from app.matching.rows import DONE_RUNS, engine_placement
from app.matching.store import travel_km, wish_rank
from app.schools.models import School, SchoolClass, Student
from app.seasons.models import ClassRequest, MatchRun, Season
from app.seasons.models import Placement as PlacementRow
from scheduler import WORK_WEEK, Placement, Solution, validate

RULE_MESSAGES = {
    "capacity": lambda: _("That place is full."),
    "school_share": lambda: _("The school already has its share of this company's places."),
    "dates_and_weeks": lambda: _("That place is not in the class's week or window."),
    "season": lambda: _("That place is outside the season."),
    "grade": lambda: _("That offer is not open to the class's grade."),
    "travel_limit": lambda: _("That place is too far from the school."),
    "not_wished": lambda: _("The student did not wish for it, and the last resort is off."),
}


def previous_run(run: MatchRun) -> MatchRun | None:
    """The season's run with a result before this one."""
    query = (
        sa.select(MatchRun)
        .where(MatchRun.season_id == run.season_id, MatchRun.id < run.id)
        .where(MatchRun.status.in_(DONE_RUNS))
        .order_by(MatchRun.id.desc())
    )
    return db.session.scalar(query.limit(1))


def after_publication(run: MatchRun) -> dict[str, int] | None:
    """How a published run changed by hand since: placements cancelled, moved (and not
    cancelled after), students placed."""
    if run.published_at is None:
        return None
    rows = db.session.execute(
        sa.select(
            sa.func.count(PlacementRow.cancelled_at),
            sa.func.count(PlacementRow.id).filter(PlacementRow.created_at > run.published_at),
            sa.func.count(PlacementRow.changed_at).filter(PlacementRow.cancelled_at.is_(None)),
        ).where(PlacementRow.run_id == run.id)
    ).one()
    return {"cancelled": rows[0], "placed": rows[1], "moved": rows[2]}


def placements_query(run: MatchRun, q: str = "") -> sa.Select:
    """The run's placements, searchable by school, company, student's display or user name."""
    query = with_school_and_company(sa.select(PlacementRow).where(PlacementRow.run_id == run.id))
    query = query.outerjoin(User, User.id == Student.user_id)
    query = containing(query, q, School.name, Company.name, Student.display_name, User.username)
    return query.order_by(School.name, PlacementRow.kind, PlacementRow.id).options(
        selectinload(PlacementRow.student).selectinload(Student.user)
    )


def with_school_and_company(query: sa.Select) -> sa.Select:
    """The query (over placements) joined to each placement's student or request, class,
    school, slot, offer, role model and company, to search or sort by them."""
    class_id = sa.func.coalesce(Student.class_id, ClassRequest.class_id)
    return (
        query.outerjoin(Student, PlacementRow.student_id == Student.id)
        .outerjoin(ClassRequest, PlacementRow.request_id == ClassRequest.id)
        .outerjoin(SchoolClass, SchoolClass.id == class_id)
        .outerjoin(School, School.id == SchoolClass.school_id)
        .outerjoin(OfferSlot, PlacementRow.slot_id == OfferSlot.id)
        .outerjoin(Offer, Offer.id == OfferSlot.offer_id)
        .outerjoin(RoleModel, RoleModel.id == PlacementRow.role_model_id)
        .outerjoin(Company, Company.id == sa.func.coalesce(Offer.company_id, RoleModel.company_id))
    )


def _check_editable(run: MatchRun) -> None:
    if run.status != "finished" or run.season.status != "matched":
        raise DomainError(
            None, _("Only the result of the latest run before publishing can change.")
        )


def set_pinned(actor, placement: PlacementRow, is_pinned: bool) -> PlacementRow:
    """Pin a placement (a re-run keeps it) or unpin it."""
    _check_editable(placement.run)
    placement.is_pinned = is_pinned
    audit.record(actor, "matching.pin" if is_pinned else "matching.unpin", placement)
    db.session.commit()
    return placement


def _engine_move(built: Built, placement: PlacementRow, slot: OfferSlot) -> Placement:
    old = engine_placement(placement)
    offer_id = key("offer", slot.offer_id)
    if placement.kind == WORK_WEEK:
        return replace(old, offer_id=offer_id, week=slot.date.isocalendar()[1], date=None)
    return replace(old, offer_id=offer_id, date=slot.date, week=None)


def _violations(built: Built, placements: list[Placement], season: Season) -> set:
    problem = replace(built.problem, pins=(), previous=())
    solution = Solution("feasible", tuple(placements), (), 0.0, 0.0, 0.0, 0.0)
    return set(validate(problem, solution, params_for(season)))


def move_options(placement: PlacementRow, built: Built | None = None) -> list[tuple[int, str]]:
    """Slots of the same kind the placement could move to (the engine's periods only), those
    with free places and nearest the school first, each with its distance and free places."""
    if placement.slot_id is None:
        return []
    built = built or build_problem(placement.run.season, with_history=False)
    week = placement.slot.date.isocalendar()[1] if placement.kind == WORK_WEEK else None
    road = params_for(placement.run.season).road_factor
    used = Counter(p.slot_id for p in placement.run.placements if p.slot_id is not None)
    options = []
    for (offer_id, period), slot_id in built.slot_ids.items():
        offer = built.offers[offer_id]
        if offer.kind != placement.kind or slot_id == placement.slot_id:
            continue
        if week is not None and period != week:
            continue
        slot = db.session.get(OfferSlot, slot_id)
        km = travel_km(built, _engine_move(built, placement, slot), road)
        free = slot.capacity - slot.taken + built.booked.get(slot.id, 0) - used[slot.id]
        label = option_label(offer, slot, km, free)
        options.append((free <= 0, math.inf if km is None else km, label, slot_id))
    return [(slot_id, label) for *_order, label, slot_id in sorted(options)[:200]]


def option_label(offer: Offer, slot: OfferSlot, km: float | None, free: int) -> str:
    """An offer slot in a list of places: company, title, date, distance, free places."""
    parts = [f"{offer.company.name}: {offer.title}, {format_date(slot.date)}"]
    if km is not None:
        parts.append(_("%(km)s km", km=format_decimal(round(km))))
    parts.append(_("free places: %(n)s", n=free) if free > 0 else _("no free places"))
    return " · ".join(parts)


def move_placement(actor, placement: PlacementRow, slot_id: int) -> PlacementRow:
    """Move a placement to another slot if every hard rule still holds; it becomes pinned."""
    _check_editable(placement.run)
    slot = db.session.get(OfferSlot, slot_id)
    built = build_problem(placement.run.season, with_history=False)
    if slot is None or placement.slot_id is None or slot_id not in built.slot_ids.values():
        raise DomainError("slot_id", _("Choose a place that is open in this season."))
    others = [engine_placement(p) for p in placement.run.placements if p.id != placement.id]
    moved = _engine_move(built, placement, slot)
    before = _violations(built, [*others, engine_placement(placement)], placement.run.season)
    new = _violations(built, [*others, moved], placement.run.season) - before
    if new:
        rule = sorted(v.rule for v in new)[0]
        message = RULE_MESSAGES.get(rule, lambda: _("The move breaks a rule of the matching."))
        raise DomainError("slot_id", message())
    road = params_for(placement.run.season).road_factor
    placement.slot_id, placement.on_date, placement.is_pinned = slot.id, slot.date, True
    placement.preference_rank = wish_rank(built, moved) if placement.student_id else None
    placement.travel_km, placement.reason = travel_km(built, moved, road), ""
    placement.reason_code, placement.reason_params = "", None  # moved by hand: no reason
    audit.record(actor, "matching.move", placement, slot=slot.id)
    db.session.flush()
    recount_after_hand_change(placement.run)
    db.session.commit()
    return placement


@dataclass
class StudentGroup:
    """Unmatched students of one class who share one reason: one line for the administrator."""

    school_class: SchoolClass
    rows: list  # Unmatched rows, in id order


GROUPS_PER_PAGE = 20
UNMATCHED_PER_PAGE = 25  # class requests and offers with unused places


@dataclass
class GroupPage:
    """One page of the unmatched students' groups, with what the pagination macro reads."""

    items: list[StudentGroup]
    page: int
    pages: int
    students: int  # unmatched students in every group

    has_prev = property(lambda self: self.page > 1)
    has_next = property(lambda self: self.page < self.pages)
    prev_num = property(lambda self: self.page - 1)
    next_num = property(lambda self: self.page + 1)


def unmatched_summary(run: MatchRun, pages: dict[str, int] | None = None) -> dict:
    """Unmatched students grouped by class and reason, requests, and offers with unused
    places, each a page at a time (`pages`: "groups", "requests", "offers" -> page)."""
    from app.seasons.models import Unmatched

    pages = pages or {}
    out: dict = {"students": student_groups(run, pages.get("groups", 1))}
    for name, column in (("requests", Unmatched.request_id), ("offers", Unmatched.offer_id)):
        query = sa.select(Unmatched).where(Unmatched.run_id == run.id, column.is_not(None))
        out[name] = db.paginate(
            query.order_by(Unmatched.id),
            page=pages.get(name, 1),
            per_page=UNMATCHED_PER_PAGE,
            error_out=False,
        )
    return out


def student_groups(run: MatchRun, page: int = 1) -> GroupPage:
    """The unmatched students' groups by class and reason, largest first, one page of them
    loaded with names (grouping reads plain columns: 15,000 unmatched at national scale)."""
    from app.seasons.models import Unmatched

    light = (
        sa.select(
            Unmatched.id,
            Student.class_id,
            Unmatched.reason_code,
            Unmatched.reason_params,
            Unmatched.reason,
        )
        .join(Student, Unmatched.student_id == Student.id)
        .where(Unmatched.run_id == run.id)
        .order_by(Unmatched.id)
    )
    ids_by_group: dict[tuple, list[int]] = {}
    for row_id, class_id, code, params, text in db.session.execute(light):
        detail = json.dumps(params, sort_keys=True) if params else text
        ids_by_group.setdefault((class_id, code, detail), []).append(row_id)
    names = _class_names({class_id for class_id, _, _ in ids_by_group})
    ordered = sorted(ids_by_group.items(), key=lambda kv: (-len(kv[1]), *names[kv[0][0]]))
    pages = max(1, math.ceil(len(ordered) / GROUPS_PER_PAGE))
    page = min(max(1, page), pages)
    shown = ordered[(page - 1) * GROUPS_PER_PAGE : page * GROUPS_PER_PAGE]
    query = (
        sa.select(Unmatched)
        .where(Unmatched.id.in_([i for _, ids in shown for i in ids]))
        .options(
            selectinload(Unmatched.student)
            .selectinload(Student.school_class)
            .selectinload(SchoolClass.school),
            selectinload(Unmatched.student).selectinload(Student.user),
        )
    )
    rows = {u.id: u for u in db.session.scalars(query)}
    items = [
        StudentGroup(rows[ids[0]].student.school_class, [rows[i] for i in ids]) for _, ids in shown
    ]
    return GroupPage(items, page, pages, sum(len(ids) for ids in ids_by_group.values()))


def _class_names(class_ids: set[int]) -> dict[int, tuple[str, str]]:
    """(school name, class name) of each class."""
    query = (
        sa.select(SchoolClass.id, School.name, SchoolClass.name)
        .join(School, SchoolClass.school_id == School.id)
        .where(SchoolClass.id.in_(class_ids))
    )
    return {class_id: (school, name) for class_id, school, name in db.session.execute(query)}
