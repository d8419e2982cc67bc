"""Teachers: the class requests of the season, and who in the class has not ranked yet."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError, apply_to_form
from app.core.permissions import TEACHER, authorize, roles_required
from app.extensions import db
from app.schools.models import SchoolClass
from app.seasons import requests as class_requests
from app.seasons import services, wishes
from app.seasons.blueprint import bp
from app.seasons.forms import ConfirmForm, RequestForm
from app.seasons.labels import REQUEST_KINDS, REQUEST_MODES, STATUS_LABELS
from app.seasons.models import ClassRequest, Season

# "done" too: teachers give feedback on their classes' visits from the requests page.
TEACHER_VISIBLE = ("offers_open", "requests_open", "closed", "matched", "published", "done")
VALUES = (
    "kind",
    "window_start",
    "window_end",
    "mode",
    "visit_at",
    "visit_minutes",
    "fields",
    "max_travel_km",
)


def _teacher_season() -> Season | None:
    schools = [t.school for t in current_user.teachers if t.is_approved]
    return services.open_season_for(schools[0].region, TEACHER_VISIBLE) if schools else None


@bp.route("/requests")
@roles_required(TEACHER)
def requests():
    """The season's requests of the teacher's classes, and each class's missing wishes."""
    season = _teacher_season()
    classes = class_requests.teacher_classes(current_user)
    missing = {c.id: wishes.students_without_wishes(season, c) for c in classes} if season else {}
    items = class_requests.requests_of(current_user, season) if season else []
    return render_template(
        "seasons/requests.html",
        season=season,
        classes=classes,
        missing=missing,
        items=items,
        outcomes=class_requests.published_outcomes(season, items) if items else {},
        is_open=season is not None and class_requests.is_open_for_requests(season),
        kinds=REQUEST_KINDS,
        modes=REQUEST_MODES,
        labels=STATUS_LABELS,
        button=ConfirmForm(),
    )


def _form(obj=None) -> RequestForm:
    form = RequestForm(obj=obj)
    form.class_id.choices = [(c.id, c.name) for c in class_requests.teacher_classes(current_user)]
    return form


def _save(season: Season, form: RequestForm, item: ClassRequest | None):
    """Check the class is the teacher's, validate, save; None when the form must show again.
    The window is checked against the season with the other fields, so every error shows
    at once; another school's class is refused before anything else is said about it."""
    if not form.is_submitted():
        return None
    school_class = None
    if isinstance(form.class_id.data, int):
        school_class = db.session.get(SchoolClass, form.class_id.data) or abort(404)
        authorize(current_user, "class.manage", school_class)
    is_valid = form.validate()
    if form.window_start.data and form.window_end.data:
        try:
            class_requests.check_window(season, form.window_start.data, form.window_end.data)
        except DomainError as error:
            apply_to_form(form, error)
            is_valid = False
    if not is_valid or school_class is None:
        return None
    values = {name: getattr(form, name).data for name in VALUES}
    try:
        return class_requests.save_request(current_user, season, school_class, values, item)
    except DomainError as error:
        apply_to_form(form, error)
        return None


@bp.route("/<int:season_id>/requests/new", methods=["GET", "POST"])
@roles_required(TEACHER)
def new_request(season_id: int):
    """A new request for one of the teacher's classes."""
    season = db.session.get(Season, season_id) or abort(404)
    form = _form()
    if request.method == "GET":
        form.window_start.data, form.window_end.data = season.starts_on, season.ends_on
    if _save(season, form, None) is not None:
        flash(_("The request is saved."), "success")
        return redirect(url_for("seasons.requests"))
    return render_template("seasons/request_form.html", form=form, season=season, item=None)


def _request(request_id: int) -> ClassRequest:
    """The request or 404, and 403 unless it is for a class of the teacher's school."""
    item = db.session.get(ClassRequest, request_id) or abort(404)
    authorize(current_user, "class.manage", item.school_class)
    return item


@bp.route("/requests/<int:request_id>/edit", methods=["GET", "POST"])
@roles_required(TEACHER)
def edit_request(request_id: int):
    """Change a request while the season is open."""
    item = _request(request_id)
    form = _form(obj=item)
    if _save(item.season, form, item) is not None:
        flash(_("The request is saved."), "success")
        return redirect(url_for("seasons.requests"))
    return render_template("seasons/request_form.html", form=form, season=item.season, item=item)


@bp.route("/requests/<int:request_id>/delete", methods=["POST"])
@roles_required(TEACHER)
def delete_request(request_id: int):
    """Delete a request while the season is open."""
    item = _request(request_id)
    if ConfirmForm().validate_on_submit():
        try:
            class_requests.delete_request(current_user, item)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The request is deleted."), "success")
    return redirect(url_for("seasons.requests"))
