"""Matching for administrators: settings, run with progress, review, publish, archive."""

from __future__ import annotations

from datetime import date

import click
from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError, apply_to_form
from app.core.navigation import is_safe_path
from app.core.permissions import ADMIN, authorize, roles_required
from app.extensions import db
from app.matching import (
    archive,
    changes,
    jobs,
    late,
    moves,
    publish,
    review,
    routes_feedback,  # noqa: F401  (its routes join the blueprint)
    runs,
    settings,
)
from app.matching.blueprint import bp
from app.matching.forms import (
    CancelPlacementForm,
    ConfirmForm,
    MoveForm,
    MovePublishedForm,
    SettingsForm,
)
from app.matching.params import GRADES, WEIGHT_HELP, WEIGHT_LABELS, weight_names
from app.matching.phases import PHASE_LABELS
from app.matching.problem_builder import build_problem
from app.matching.reasons import run_notes
from app.schools.models import Student
from app.seasons.labels import RUN_LABELS
from app.seasons.models import MatchRun, Placement, Season
from scheduler import WORK_WEEK


def _season(season_id: int) -> Season:
    season = db.session.get(Season, season_id) or abort(404)
    authorize(current_user, "season.manage", season)
    return season


def _run(run_id: int) -> MatchRun:
    run = db.session.get(MatchRun, run_id) or abort(404)
    authorize(current_user, "season.manage", run.season)
    return run


def _placement(placement_id: int) -> Placement:
    placement = db.session.get(Placement, placement_id) or abort(404)
    authorize(current_user, "season.manage", placement.run.season)
    return placement


@bp.route("/seasons/<int:season_id>/settings", methods=["GET", "POST"], endpoint="settings")
@roles_required(ADMIN)
def settings_page(season_id: int):
    """The soft goals' weights with explanations, and the run settings."""
    season = _season(season_id)
    form = SettingsForm(data=settings.form_data(season))
    if form.validate_on_submit():
        settings.save_settings(current_user, season, form.data)
        flash(_("The weights and settings are saved."), "success")
        return redirect(url_for("seasons.show", season_id=season.id))
    return render_template(
        "matching/settings.html",
        season=season,
        form=form,
        names=weight_names(),
        help=WEIGHT_HELP,
        grades=GRADES,
    )


@bp.route("/seasons/<int:season_id>/run", methods=["POST"])
@roles_required(ADMIN)
def run(season_id: int):
    """Queue a run and show its progress (run in-process after the response, or by a worker)."""
    season = _season(season_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        new_run = runs.start_run(current_user, season)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("seasons.show", season_id=season.id))
    jobs.start_run_job(new_run.id)
    return redirect(url_for("matching.progress", run_id=new_run.id))


@bp.route("/runs/<int:run_id>")
@roles_required(ADMIN)
def progress(run_id: int):
    """The run's progress, solving or publishing; refreshes itself until done, then moves on."""
    match_run = _run(run_id)
    if match_run.status == "published" and request.args.get("after") == "publish":
        invites = match_run.figures.get("invites", 0)
        flash(_("Published. %(n)s invitations are in the outbox.", n=invites), "success")
        return redirect(url_for("seasons.show", season_id=match_run.season_id))
    if match_run.status in ("finished", "published"):
        return redirect(url_for("matching.review", run_id=run_id))
    is_working = match_run.status in runs.ACTIVE_RUNS
    page = render_template(
        "matching/progress.html",
        run=match_run,
        is_unclaimed=runs.waits_for_a_worker(match_run),
        phases=PHASE_LABELS,
        run_labels=RUN_LABELS,
        is_working=is_working,
        placements=publish.progress_counts(match_run),
        format_decimal=format_decimal,
    )
    response = make_response(page)
    if is_working:
        response.headers["Refresh"] = "2"  # CSP forbids scripts; the browser reloads itself
    return response


UNMATCHED_PAGES = ("groups", "requests", "offers")  # the review's lists of unmatched, paged


@bp.route("/runs/<int:run_id>/review", endpoint="review")
@roles_required(ADMIN)
def review_page(run_id: int):
    """Figures against the previous run, the objective by term, placements and unmatched."""
    match_run = _run(run_id)
    q = request.args.get("q", "").strip()
    page = db.paginate(
        review.placements_query(match_run, q),
        page=request.args.get("page", 1, type=int),
        per_page=25,
    )
    return render_template(
        "matching/review.html",
        run=match_run,
        previous=review.previous_run(match_run),
        page=page,
        q=q,
        unmatched=review.unmatched_summary(
            match_run, {name: request.args.get(name, 1, type=int) for name in UNMATCHED_PAGES}
        ),
        button=ConfirmForm(),
        is_editable=match_run.status == "finished" and match_run.season.status == "matched",
        stopped=publish.stop_reason(match_run),
        changed=review.after_publication(match_run),
        notes=run_notes(match_run.figures or {}),
        run_labels=RUN_LABELS,
        goal_labels=WEIGHT_LABELS,
        format_percent=format_percent,
        format_decimal=format_decimal,
    )


@bp.route("/placements/<int:placement_id>/<any(pin, unpin):action>", methods=["POST"])
@roles_required(ADMIN)
def pin(placement_id: int, action: str):
    """Pin or unpin a placement; a re-run keeps pinned placements."""
    placement = _placement(placement_id)
    if ConfirmForm().validate_on_submit():
        try:
            publish.refuse_while_publishing(placement.run.season)
            review.set_pinned(current_user, placement, action == "pin")
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Pinned.") if action == "pin" else _("Unpinned."), "success")
    target = request.form.get("next")
    if is_safe_path(target):
        return redirect(target)
    return redirect(url_for("matching.review", run_id=placement.run_id))


@bp.route("/placements/<int:placement_id>/move", methods=["GET", "POST"])
@roles_required(ADMIN)
def move(placement_id: int):
    """Move a placement to another slot, refused with a clear message if a rule breaks."""
    placement = _placement(placement_id)
    if placement.run.status == "published":
        return _move_published(placement)
    form = MoveForm()
    form.slot_id.choices = review.move_options(placement)
    if form.validate_on_submit():
        try:
            publish.refuse_while_publishing(placement.run.season)
            review.move_placement(current_user, placement, form.slot_id.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The placement is moved and pinned."), "success")
            return redirect(url_for("matching.review", run_id=placement.run_id))
    return render_template("matching/move.html", placement=placement, form=form)


def _move_published(placement: Placement):
    """Move a published placement: calendars get the change, the old place comes free."""
    form = MovePublishedForm()
    is_open = moves.can_move(placement)
    # Built once for the check and the choices: at national size a build takes seconds.
    built = build_problem(placement.run.season, with_history=False) if is_open else None
    if is_open and form.validate_on_submit():
        try:
            moves.move_published(
                current_user, placement, form.slot_id.data, form.reason.data, built
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The placement is moved and the people concerned are told."), "success")
            return redirect(
                url_for(
                    "matching.review", run_id=placement.run_id, _anchor=f"placement-{placement.id}"
                )
            )
    form.slot_id.choices = moves.move_options(placement, built) if is_open else []
    return render_template(
        "matching/move.html", placement=placement, form=form, is_open=is_open, is_published=True
    )


@bp.route("/placements/<int:placement_id>/cancel", methods=["GET", "POST"])
@roles_required(ADMIN)
def cancel_placement(placement_id: int):
    """Cancel a published placement: the place is given back and calendars are told."""
    placement = _placement(placement_id)
    form = CancelPlacementForm()
    if form.validate_on_submit():
        try:
            changes.cancel_placement(current_user, placement, form.reason.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The placement is cancelled and the people concerned are told."), "success")
            return redirect(url_for("matching.review", run_id=placement.run_id))
    return render_template(
        "matching/cancel.html",
        placement=placement,
        form=form,
        can_cancel=changes.can_cancel(placement),
    )


@bp.route("/runs/<int:run_id>/students/<int:student_id>/place", methods=["GET", "POST"])
@roles_required(ADMIN)
def place_student(run_id: int, student_id: int):
    """Place a student by hand in a published run: a place that came free, or again after a
    cancellation."""
    match_run = _run(run_id)
    student = db.session.get(Student, student_id) or abort(404)
    kind = request.args.get("kind", WORK_WEEK)
    if kind not in late.STUDENT_KINDS:
        abort(404)
    form = MoveForm()
    is_open = match_run.status == "published" and not late.has_placement(match_run, student, kind)
    # Built once for the check and the choices: at national size a build takes seconds.
    built = build_problem(match_run.season, with_history=False) if is_open else None
    if is_open and form.validate_on_submit():
        try:
            late.place_student(current_user, match_run, student, kind, form.slot_id.data, built)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(
                _("%(name)s is placed; the host and the teacher are told.", name=student.label),
                "success",
            )
            return redirect(
                url_for("matching.review", run_id=match_run.id, q=student.user.username or "")
            )
    form.slot_id.choices = late.place_options(match_run, student, kind, built) if is_open else []
    return render_template(
        "matching/place.html", run=match_run, student=student, kind=kind, form=form, is_open=is_open
    )


@bp.route("/runs/<int:run_id>/publish", methods=["GET", "POST"], endpoint="publish")
@roles_required(ADMIN)
def publish_page(run_id: int):
    """Confirm, then publish in a job: capacity taken, invites queued, the season published."""
    match_run, form = _run(run_id), ConfirmForm()
    if form.validate_on_submit():
        try:
            publish.start_publish(current_user, match_run)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            jobs.start_publish_job(match_run.id)
            return redirect(url_for("matching.progress", run_id=match_run.id, after="publish"))
    return render_template("matching/publish.html", run=match_run, form=form)


@bp.route("/seasons/<int:season_id>/archive", methods=["GET", "POST"], endpoint="archive")
@roles_required(ADMIN)
def archive_page(season_id: int):
    """Confirm, then remove the season's student data."""
    season, form = _season(season_id), ConfirmForm()
    if form.validate_on_submit():
        try:
            archive.archive_season(current_user, season)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The season is archived and the students' data is removed."), "success")
            return redirect(url_for("seasons.show", season_id=season.id))
    return render_template(
        "matching/archive.html",
        season=season,
        form=form,
        activities_ahead=date.today() <= season.ends_on,
    )


@bp.cli.command("match-run")
@click.argument("season_id", type=int)
def match_run_command(season_id: int) -> None:
    """Run the matching of a season now (a queued run, or a new one)."""
    season = db.session.get(Season, season_id)
    if season is None:
        raise click.ClickException(f"no season {season_id}")
    queued = runs.active_run(season)
    try:
        match_run = queued if queued and queued.status == "queued" else runs.start_run(None, season)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    done = runs.execute_run(match_run.id)
    click.echo(f"run {done.id}: {done.status} {done.error or ''}".strip())


@bp.cli.command("match-publish")
@click.argument("run_id", type=int)
def match_publish_command(run_id: int) -> None:
    """Publish a run now (one the page queued for publishing, or a finished one)."""
    match_run = db.session.get(MatchRun, run_id)
    if match_run is None:
        raise click.ClickException(f"no run {run_id}")
    try:
        done = publish.publish_run(None, match_run)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    if done.status == "published":
        click.echo(f"run {done.id}: published, {done.figures.get('invites', 0)} messages queued")
    else:  # stopped ("place_gone:<placement id>", ...) or another worker has it
        click.echo(f"run {done.id}: {done.status} {done.error or ''}".strip())
