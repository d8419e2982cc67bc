"""Seasons for administrators: list, create, edit dates, move the status with a confirmation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.errors import DomainError, apply_to_form
from app.core.permissions import ADMIN, authorize, roles_required
from app.extensions import db
from app.matching import feedback_mail
from app.seasons import routes_students, routes_teachers, services  # noqa: F401  (registers their routes)
from app.seasons.blueprint import bp
from app.seasons.forms import ConfirmForm, SeasonForm
from app.seasons.labels import RUN_LABELS, STATUS_LABELS
from app.seasons.models import Season

FIELDS = ("name", "region", *services.DATE_ORDER, "archive_on")


def _season(season_id: int) -> Season:
    """The season or 404, and 403 unless the user may manage seasons."""
    season = db.session.get(Season, season_id) or abort(404)
    authorize(current_user, "season.manage", season)
    return season


@bp.route("/")
@roles_required(ADMIN)
def index():
    """All seasons, newest first, searchable and paginated."""
    q = request.args.get("q", "").strip()
    page = db.paginate(
        services.seasons_query(q), page=request.args.get("page", 1, type=int), per_page=20
    )
    return render_template("seasons/index.html", page=page, q=q, labels=STATUS_LABELS)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new():
    """Create a season as a draft."""
    form = SeasonForm()
    if form.validate_on_submit():
        try:
            season = services.save_season(current_user, None, _values(form))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The season is created as a draft."), "success")
            return redirect(url_for("seasons.show", season_id=season.id))
    return render_template("seasons/form.html", form=form, season=None)


def _values(form: SeasonForm) -> dict:
    return {name: getattr(form, name).data for name in FIELDS}


@bp.route("/<int:season_id>")
@roles_required(ADMIN)
def show(season_id: int):
    """The season's phases, status, moves and its runs."""
    season = _season(season_id)
    return render_template(
        "seasons/show.html",
        season=season,
        labels=STATUS_LABELS,
        run_labels=RUN_LABELS,
        forward=services.next_status(season, "forward"),
        back=services.next_status(season, "back"),
    )


@bp.route("/<int:season_id>/edit", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit(season_id: int):
    """Change the season's name, region and phase dates."""
    season = _season(season_id)
    form = SeasonForm(obj=season)
    if form.validate_on_submit():
        try:
            services.save_season(current_user, season, _values(form))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The season is saved."), "success")
            return redirect(url_for("seasons.show", season_id=season.id))
    return render_template("seasons/form.html", form=form, season=season)


@bp.route("/<int:season_id>/status/<any(forward, back):direction>", methods=["GET", "POST"])
@roles_required(ADMIN)
def move(season_id: int, direction: str):
    """Ask for confirmation, then move the season one phase forward or back."""
    season, form = _season(season_id), ConfirmForm()
    target = services.next_status(season, direction) or abort(404)
    if form.validate_on_submit():
        services.move_status(current_user, season, direction)
        flash(_("The season is now: %(status)s.", status=STATUS_LABELS[target]), "success")
        if target == "done":
            asked = feedback_mail.invite_to_answer(season)
            db.session.commit()
            flash(
                ngettext(
                    "%(num)d person was asked for feedback.",
                    "%(num)d people were asked for feedback.",
                    asked,
                ),
                "success",
            )
        return redirect(url_for("seasons.show", season_id=season.id))
    return render_template(
        "seasons/move.html", season=season, form=form, target=target, labels=STATUS_LABELS
    )
