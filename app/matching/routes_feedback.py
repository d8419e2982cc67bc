"""Routes for feedback on a season's placements and the season's report."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from app.bookings.forms import FeedbackForm
from app.core.errors import DomainError, apply_to_form
from app.core.navigation import is_safe_path
from app.core.permissions import (
    ADMIN,
    CONTACT,
    ROLE_MODEL,
    STUDENT,
    TEACHER,
    authorize,
    roles_required,
)
from app.extensions import db
from app.matching import feedback
from app.matching.blueprint import bp
from app.matching.invites import school_class_of
from app.seasons.models import FEEDBACK_ROLES, Placement, Season


@bp.route("/placements/<int:placement_id>/feedback", methods=["GET", "POST"])
@roles_required(STUDENT, TEACHER, CONTACT, ROLE_MODEL)
def give_feedback(placement_id: int):
    """A score and a comment on a placement after it happened, from any side of it."""
    placement = db.session.get(Placement, placement_id) or abort(404)
    role = feedback.role_of(current_user, placement)
    if role is None:
        abort(403)
    form = FeedbackForm()
    target = request.values.get("next", "")
    if feedback.can_give(current_user, placement) and form.validate_on_submit():
        try:
            feedback.give_feedback(current_user, placement, form.score.data, form.comment.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Thank you for your feedback."), "success")
            return redirect(target if is_safe_path(target) else url_for("dashboard.index"))
    return render_template(
        "matching/feedback.html",
        placement=placement,
        school_class=school_class_of(placement),
        company=feedback.company_of(placement),
        form=form,
        given=feedback.given_by(current_user, placement),
        is_over=feedback.is_over(placement),
        role=role,
        target=target if is_safe_path(target) else "",
    )


@bp.route("/seasons/<int:season_id>/report")
@roles_required(ADMIN)
def report(season_id: int):
    """The season's report: placements by kind and what the people concerned answered."""
    season = db.session.get(Season, season_id) or abort(404)
    authorize(current_user, "season.manage", season)
    run, rows = feedback.report(season)
    q = request.args.get("q", "").strip()
    role = request.args.get("role", "")
    role = role if role in FEEDBACK_ROLES else ""
    comments = None
    if run is not None:
        comments = db.paginate(
            feedback.comments_query(season, q, role),
            page=request.args.get("page", 1, type=int),
            per_page=25,
            error_out=False,
        )
    return render_template(
        "matching/report.html",
        season=season,
        run=run,
        rows=rows,
        comments=comments,
        q=q,
        role=role,
        role_labels=feedback.ROLE_LABELS,
        format_decimal=format_decimal,
    )


@bp.app_template_global("feedback_state")
def feedback_state(placement: Placement) -> tuple[str, int] | None:
    """For a page listing placements: ("given", score) once the current user answered,
    ("open", 0) when they can answer now, None otherwise (not theirs, or not over yet)."""
    if not current_user.is_authenticated or feedback.role_of(current_user, placement) is None:
        return None
    given = feedback.given_by(current_user, placement)
    if given is not None:
        return ("given", given.score)
    return ("open", 0) if feedback.is_over(placement) else None
