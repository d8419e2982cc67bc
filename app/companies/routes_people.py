"""Routes for role models: invitations and approval by the company, the role model's profile."""

import re
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.companies import role_models
from app.companies.access import (
    approvable_role_model,
    managed_company,
    own_role_model,
    site_choices,
)
from app.companies.blueprint import bp
from app.companies.forms import InviteForm
from app.companies.forms_offers import ProfileForm
from app.companies.models import ROLE_MODEL_STATUSES
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import CONTACT, ROLE_MODEL, roles_required
from app.extensions import db


def _list_page(company, invite_form, status_code=200):
    search, status = request.args.get("q", ""), request.args.get("status", "")
    status = status if status in ROLE_MODEL_STATUSES else ""
    page = db.paginate(
        role_models.role_models_query(company, search, status),
        page=request.args.get("page", 1, type=int),
        per_page=20,
    )
    return render_template(
        "companies/role_models.html",
        company=company,
        page=page,
        search=search,
        status=status,
        invite_form=invite_form,
        invitations=role_models.open_invitations(company),
        year=date.today().year,
        year_capacity=role_models.year_capacity,
    ), status_code


@bp.route("/<int:company_id>/role-models")
@roles_required(CONTACT, "admin")
def role_model_list(company_id: int):
    """The company's role models, waiting ones first, with open invitations."""
    return _list_page(managed_company(company_id), InviteForm())


@bp.route("/<int:company_id>/role-models/invite", methods=["POST"])
@roles_required(CONTACT, "admin")
def invite_role_model(company_id: int):
    """Invite an employee as role model by e-mail."""
    company = managed_company(company_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            role_models.invite(current_user, company, form.email.data, form.name.data or "")
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("companies.role_model_list", company_id=company.id))
    return _list_page(company, form, 400)


@bp.route("/<int:company_id>/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@roles_required(CONTACT, "admin")
def withdraw_invitation(company_id: int, invitation_id: int):
    """Withdraw a role-model or contact-person invitation that is not yet accepted."""
    company = managed_company(company_id)
    back = "companies.role_model_list"
    try:
        invitation = role_models.withdraw_invitation(current_user, company, invitation_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The invitation to %(email)s is withdrawn.", email=invitation.email), "success")
        back = "companies.contact_list" if invitation.kind == "contact" else back
    return redirect(url_for(back, company_id=company.id))


@bp.route("/role-models/<int:rm_id>/status", methods=["POST"])
@roles_required(CONTACT, "admin")
def role_model_status(rm_id: int):
    """Approve, pause or remove a role model."""
    rm = approvable_role_model(rm_id)
    action = request.form.get("action", "")
    if action not in ("approve", "pause", "remove"):
        abort(400)
    company_id, name = rm.company_id, rm.user.name
    role_models.set_status(current_user, rm, action)
    messages = {
        "approve": _("%(name)s is approved.", name=name),
        "pause": _("%(name)s is paused.", name=name),
        "remove": _("%(name)s is removed.", name=name),
    }
    flash(messages[action], "success")
    return redirect(url_for("companies.role_model_list", company_id=company_id))


@bp.route("/profile")
@login_required
def my_profile():
    """The role model's own profile (the first one, if several companies)."""
    if not current_user.role_models:
        abort(404)
    return redirect(url_for("companies.profile", rm_id=current_user.role_models[0].id))


def _typed_date(text: str) -> date:
    """2027-12-24, or the day first as people in Norway and Denmark write it: 24.12.2027."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pieces = re.split(r"[./-]", text)
        if len(pieces) != 3 or len(pieces[2]) != 4:
            raise
        day, month, year = (int(p) for p in pieces)
        return date(year, month, day)


def _blocked_dates(text: str) -> list[date]:
    """Dates typed one per line (or comma-separated); a bad one is named at the field."""
    parts = [p.strip() for p in text.replace(",", "\n").splitlines() if p.strip()]
    blocked, bad = [], []
    for part in parts:
        try:
            blocked.append(_typed_date(part))
        except ValueError:
            bad.append(part)
    if bad:
        raise DomainError(
            "blocked_dates",
            _("Write dates as 24.12.2027 or 2027-12-24: %(bad)s", bad=", ".join(bad)),
        )
    return blocked


def _profile_data(form: ProfileForm) -> role_models.ProfileData:
    names = (
        "job_title",
        "education_path",
        "about",
        "fields",
        "languages",
        "modes",
        "travel_km",
        "visits_per_year",
        "weekdays",
        "available_from",
        "available_until",
        "has_diversity_consent",
        "gender",
        "background",
    )
    return role_models.ProfileData(
        **{name: getattr(form, name).data for name in names},
        site_id=form.site_id.data or None,
        blocked_dates=_blocked_dates(form.blocked_dates.data or ""),
    )


@bp.route("/role-models/<int:rm_id>/profile", methods=["GET", "POST"])
@roles_required(ROLE_MODEL)
def profile(rm_id: int):
    """A role model edits their own profile."""
    rm = own_role_model(rm_id)
    form = ProfileForm(obj=rm)
    if request.method == "GET":
        form.blocked_dates.data = "\n".join(rm.blocked_dates or [])
    form.site_id.choices = site_choices(rm.company, _("No home site"))
    if form.validate_on_submit():
        try:
            role_models.save_profile(current_user, rm, _profile_data(form))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("companies/profile.html", rm=rm, form=form)


@bp.route("/role-models/<int:rm_id>/delete", methods=["POST"])
@roles_required(ROLE_MODEL)
def delete_profile(rm_id: int):
    """A role model deletes their own profile."""
    rm = own_role_model(rm_id)
    role_models.delete_profile(current_user, rm)
    flash(_("Your role-model profile is deleted."), "success")
    return redirect(url_for("dashboard.index"))
