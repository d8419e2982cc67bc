"""Students rank their work-week and job-shadowing wishes on a phone-friendly page."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.domain import STEM_FIELDS
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import STUDENT, roles_required
from app.seasons import services, wishes
from app.seasons.blueprint import bp
from app.seasons.forms import AboutMeForm, AddWishForm, ConfirmForm

VISIBLE = ("requests_open", "closed", "matched")


def _student_season():
    """The logged-in student and the season their school takes part in."""
    student = current_user.student
    season = services.open_season_for(student.school_class.school.region, VISIBLE)
    return student, season


def _add_form(kind: str) -> AddWishForm:
    """The add form of a kind; job shadowing's has a prefix (both are on one page)."""
    return AddWishForm(prefix="shadow" if kind == wishes.JOB_SHADOWING else "")


def _choice_list(choices) -> list[tuple[str, str]]:
    """Options of the wish select: offers (with km) then fields."""
    offers = [
        (f"offer:{c.offer.id}", f"{c.offer.company.name}: {c.offer.title} ({c.km:.0f} km)")
        for c in choices
    ]
    fields = [
        (f"field:{code}", _("Field: %(name)s", name=label)) for code, label in STEM_FIELDS.items()
    ]
    return [("", _("Choose…")), *offers, *fields]


def _page(student, season, forms=None, about_form=None, status=200):
    """Render the wishes page with the forms (keeping what the student typed)."""
    q = request.args.get("q", "").strip()
    days = wishes.shadowing_days(student, season) if season else None
    kinds = {}
    for kind in wishes.KINDS:
        if kind == wishes.JOB_SHADOWING and days is None:
            continue
        form = (forms or {}).get(kind) or _add_form(kind)
        every = wishes.choices_for(student, season, kind=kind) if season else []
        form.choice.choices = _choice_list(every)
        kinds[kind] = {
            "form": form,
            "wishes": wishes.wishes_of(student, season, kind) if season else [],
            "choices": wishes.choices_for(student, season, q, kind) if q else every,
        }
    about_form = about_form or AboutMeForm(
        has_own_network_placement=student.has_own_network_placement,
        has_consent=student.has_diversity_consent,
        gender=student.gender or "",
    )
    return render_template(
        "seasons/wishes.html",
        student=student,
        season=season,
        kinds=kinds,
        shadowing_days=days,
        q=q,
        about_form=about_form,
        button=ConfirmForm(),
        is_open=services.is_open_for_wishes(season),
        fields=STEM_FIELDS,
    ), status


@bp.route("/wishes")
@roles_required(STUDENT)
def my_wishes():
    """The student's ranked wishes, the offers within reach and the about-me form."""
    student, season = _student_season()
    return _page(student, season)


@bp.route("/wishes/add", methods=["POST"], defaults={"kind": wishes.WORK_WEEK})
@bp.route("/wishes/<any(job_shadowing):kind>/add", methods=["POST"])
@roles_required(STUDENT)
def add_wish(kind: str):
    """Add one wish of a kind at the end of its list."""
    student, season = _student_season()
    form = _add_form(kind)
    try:
        wishes.add_wish(current_user, student, season, form.choice.data, kind)
    except DomainError as error:
        apply_to_form(form, error)
        return _page(student, season, forms={kind: form}, status=400)
    flash(_("Your wish is saved."), "success")
    return redirect(url_for("seasons.my_wishes"))


@bp.route(
    "/wishes/<int:rank>/<any(remove, up):action>",
    methods=["POST"],
    defaults={"kind": wishes.WORK_WEEK},
)
@bp.route("/wishes/<any(job_shadowing):kind>/<int:rank>/<any(remove, up):action>", methods=["POST"])
@roles_required(STUDENT)
def change_wish(rank: int, action: str, kind: str):
    """Remove a wish, or move it one place up."""
    student, season = _student_season()
    if ConfirmForm().validate_on_submit():
        change = wishes.remove_wish if action == "remove" else wishes.move_wish_up
        try:
            change(current_user, student, season, rank, kind)
        except DomainError as error:
            flash(error.message, "error")
    return redirect(url_for("seasons.my_wishes"))


@bp.route("/wishes/about-me", methods=["POST"])
@roles_required(STUDENT)
def about_me():
    """Own-network placement and the optional gender, given with consent."""
    student, season = _student_season()
    form = AboutMeForm()
    if form.validate_on_submit():
        try:
            wishes.save_about_me(current_user, student, form.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("seasons.my_wishes"))
    return _page(student, season, about_form=form, status=400)
