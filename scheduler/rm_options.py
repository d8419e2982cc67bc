"""Options of role-model visits, pruned without losing the optimum.

Two exchange arguments keep the model small and exact (costs do not depend on the date):
- per request, only the cheapest role models are kept, as many as there are requests: in
  any solution one of them is unused by the others and can take the request at no
  higher cost (and no more repeats of one role model at one school);
- per (request, role model), only the first v free dates are kept, v the visits left: the
  role model's other visits occupy at most v - 1 of them.
The previous run's role model and date are always kept.
"""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np

from scheduler.context import BoolArray, Context, IntArray, road_km_many
from scheduler.eligibility import request_school
from scheduler.problem import ROLE_MODEL_VISIT, ClassRequest, Placement
from scheduler.variables import Option, requests_of


class _RoleModels:
    """Role models as arrays for vectorised filtering."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.items = sorted(ctx.role_models.values(), key=lambda r: r.id)
        self.lat = np.array([r.lat for r in self.items], dtype=float)
        self.lon = np.array([r.lon for r in self.items], dtype=float)
        booked = [len(ctx.rm_booked.get(r.id, [])) for r in self.items]
        self.left = np.array([r.visits_left for r in self.items], dtype=np.int64) - booked
        self.range = np.array([r.travel_range_km for r in self.items], dtype=float)
        self.physical = np.array(["physical" in r.modes for r in self.items], dtype=bool)
        self.digital = np.array(["digital" in r.modes for r in self.items], dtype=bool)
        self._masks: dict[tuple[tuple[str, ...], str | None], BoolArray] = {}
        self.first_day = ctx.problem.season.start
        n_days = (ctx.problem.season.end - self.first_day).days + 1
        self.free = np.zeros((len(self.items), max(n_days, 0)), dtype=bool)
        for i, rm in enumerate(self.items):
            self.free[i] = not rm.free_dates
            for day in rm.free_dates:
                self._set(i, day, True)
            for day in (*rm.blocked_dates, *ctx.rm_booked.get(rm.id, [])):
                self._set(i, day, False)

    def _set(self, i: int, day: dt.date, value: bool) -> None:
        offset = (day - self.first_day).days
        if 0 <= offset < self.free.shape[1]:
            self.free[i, offset] = value

    def days(self, request: ClassRequest, rows: IntArray) -> tuple[list[dt.date], BoolArray]:
        """Window dates inside the season, and for each row the first v free ones."""
        lo = max(0, (request.start - self.first_day).days)
        hi = min(self.free.shape[1], (request.end - self.first_day).days + 1)
        if hi <= lo:
            return [], np.zeros((len(rows), 0), dtype=bool)
        sub = self.free[rows, lo:hi]
        keep = sub & (np.cumsum(sub, axis=1) <= self.left[rows][:, None])
        dates = [self.first_day + dt.timedelta(days=d) for d in range(lo, hi)]
        return dates, keep

    def fit_mask(self, request: ClassRequest) -> np.ndarray:
        """Role models sharing a field (if asked) and speaking the language (if asked)."""
        key = (request.fields, request.language)
        if key not in self._masks:
            wanted = set(request.fields)
            self._masks[key] = np.array(
                [
                    (not wanted or bool(wanted & set(r.fields)))
                    and (request.language is None or request.language in r.languages)
                    for r in self.items
                ],
                dtype=bool,
            )
        return self._masks[key] & (self.left > 0)


def _keep_role_models(
    order: np.ndarray, n: int, prev: Placement | None, rms: _RoleModels, request: ClassRequest
) -> np.ndarray:
    """The n cheapest role models with a free date in the window, plus the previous one."""
    _, keep = rms.days(request, order)
    usable = order[keep.any(axis=1)] if len(order) else order
    chosen = list(usable[:n])
    if prev is not None:
        chosen += [i for i in usable[n:] if rms.items[int(i)].id == prev.role_model_id]
    return np.array(chosen, dtype=np.int64)


def role_model_visit_options(ctx: Context) -> list[Option]:
    """Eligible (request, role model, date, mode) options after exact pruning."""
    previous = ctx.previous_of
    options: list[Option] = []
    requests = requests_of(ctx, ROLE_MODEL_VISIT, options)
    rms = _RoleModels(ctx)
    for request in requests:
        school = request_school(ctx, request)
        prev = previous.get((request.id, ROLE_MODEL_VISIT))
        km = road_km_many(school.lat, school.lon, rms.lat, rms.lon, ctx.params.road_factor)
        fit = rms.fit_mask(request)
        physical = fit & rms.physical & (km <= rms.range + 1e-9) & (request.mode != "digital")
        digital = fit & rms.digital & (request.mode != "physical")
        cost = np.where(digital, 0.0, km)
        candidates = np.flatnonzero(physical | digital)
        order = candidates[np.lexsort((candidates, cost[candidates]))]
        chosen = _keep_role_models(order, len(requests), prev, rms, request)
        dates, keep = rms.days(request, chosen)
        for row, i in enumerate(chosen):
            rm = rms.items[int(i)]
            days = [dates[d] for d in np.flatnonzero(keep[row])]
            prev_day = prev.date if prev is not None and prev.role_model_id == rm.id else None
            if (
                prev_day is not None
                and prev_day in dates
                and rms.free[int(i), (prev_day - rms.first_day).days]
            ):
                days = sorted(set(days) | {prev_day})
            modes = [m for m, ok in (("physical", physical[i]), ("digital", digital[i])) if ok]
            for day, mode in itertools.product(days, modes):
                distance = float(km[i]) if mode == "physical" else 0.0
                p = Placement(
                    request.id, ROLE_MODEL_VISIT, date=day, role_model_id=rm.id, mode=mode
                )
                options.append(Option(p, school.id, rm.company_id, 0, distance, 1))
    return options
