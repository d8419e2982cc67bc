"""Routes of the companies domain: registration, profile, logo, sites, contact persons."""

import io
import os

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from app.companies import (
    role_models,
    routes_offers,
    routes_people,
    routes_plans,
    services,
    uploads,
)
from app.companies.access import company_data, managed_company, managed_site, site_data
from app.companies.blueprint import bp
from app.companies.forms import (
    CompanyForm,
    InviteForm,
    LogoForm,
    RegisterCompanyForm,
    RegisterWithAccountForm,
    SiteForm,
)
from app.companies.membership import current_membership
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import CONTACT, roles_required
from app.extensions import db

# The route modules register their views on bp when imported here.
__all__ = ["bp", "routes_offers", "routes_people", "routes_plans"]


@bp.route("/")
@login_required
def mine():
    """The user's own company, or the registration form when there is none."""
    companies = services.companies_of(current_user)
    if not companies:
        return redirect(url_for("companies.register"))
    return redirect(url_for("companies.show", company_id=companies[0].id))


def _new_account(form) -> services.NewAccount | None:
    """The visitor's account fields, or None for a logged-in user."""
    if not hasattr(form, "your_name"):
        return None
    return services.NewAccount(form.your_name.data, form.email.data, form.password.data)


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Register a company; a visitor creates the contact person's account at the same time."""
    is_visitor = not current_user.is_authenticated
    form = RegisterWithAccountForm() if is_visitor else RegisterCompanyForm()
    if form.validate_on_submit():
        actor = None if is_visitor else current_user._get_current_object()
        try:
            company, user = services.register_company(
                actor,
                company_data(form),
                _new_account(form),
                form.phone.data or "",
                session.get("lang", "nb"),
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            if is_visitor:
                login_user(user)
            flash(_("%(name)s is registered. Add a site next.", name=company.name), "success")
            return redirect(url_for("companies.new_site", company_id=company.id))
    return render_template("companies/register.html", form=form, is_visitor=is_visitor)


@bp.route("/<int:company_id>")
@roles_required(CONTACT, "admin")
def show(company_id: int):
    """The company's page: profile, sites, contact persons and membership."""
    company = managed_company(company_id)
    return render_template(
        "companies/company.html",
        company=company,
        membership=current_membership(company),
        invite_form=InviteForm(),
    )


@bp.route("/<int:company_id>/edit", methods=["GET", "POST"])
@roles_required(CONTACT, "admin")
def edit(company_id: int):
    """Change the company's profile."""
    company = managed_company(company_id)
    form = CompanyForm(obj=company)
    if form.validate_on_submit():
        try:
            services.update_company(current_user, company, company_data(form))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The profile is saved."), "success")
            return redirect(url_for("companies.show", company_id=company.id))
    return render_template("companies/edit.html", company=company, form=form, logo_form=LogoForm())


@bp.route("/<int:company_id>/logo", methods=["POST"])
@roles_required(CONTACT, "admin")
def upload_logo(company_id: int):
    """Store a new logo (type and size checked)."""
    company = managed_company(company_id)
    logo_form = LogoForm()
    if logo_form.validate_on_submit():
        try:
            upload = logo_form.logo.data
            uploads.save_logo(current_user, company, upload.stream if upload else io.BytesIO())
        except DomainError as error:
            apply_to_form(logo_form, error)
        else:
            flash(_("The logo is saved."), "success")
            return redirect(url_for("companies.edit", company_id=company.id))
    return render_template(
        "companies/edit.html", company=company, form=CompanyForm(obj=company), logo_form=logo_form
    ), 400


@bp.route("/logos/<name>")
def logo(name: str):
    """Serve a stored logo (from the app itself, never a CDN)."""
    if name != os.path.basename(name) or name.rsplit(".", 1)[-1] not in ("png", "jpg", "webp"):
        abort(404)
    return send_from_directory(uploads.logo_dir(), name, max_age=86400)


@bp.route("/<int:company_id>/contacts/invite", methods=["POST"])
@roles_required(CONTACT, "admin")
def invite_contact(company_id: int):
    """Invite another contact person by e-mail."""
    company = managed_company(company_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            services.invite_contact(current_user, company, form.email.data, form.name.data or "")
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("companies.show", company_id=company.id))
    return render_template(
        "companies/company.html",
        company=company,
        membership=current_membership(company),
        invite_form=form,
    ), 400


@bp.route("/<int:company_id>/sites")
@roles_required(CONTACT, "admin")
def site_list(company_id: int):
    """The company's sites, searchable by name or town and paginated."""
    company = managed_company(company_id)
    search = request.args.get("q", "")
    page = db.paginate(
        services.sites_query(company, search),
        page=request.args.get("page", 1, type=int),
        per_page=20,
    )
    return render_template("companies/sites.html", company=company, page=page, search=search)


@bp.route("/<int:company_id>/contacts")
@roles_required(CONTACT, "admin")
def contact_list(company_id: int):
    """The company's contact persons, searchable by name, e-mail or phone and paginated."""
    company = managed_company(company_id)
    search = request.args.get("q", "")
    page = db.paginate(
        services.contacts_query(company, search),
        page=request.args.get("page", 1, type=int),
        per_page=20,
    )
    return render_template(
        "companies/contacts.html",
        company=company,
        page=page,
        search=search,
        invitations=role_models.open_invitations(company, "contact"),
    )


@bp.route("/<int:company_id>/sites/new", methods=["GET", "POST"])
@roles_required(CONTACT, "admin")
def new_site(company_id: int):
    """Add a site; its position comes from the municipality or the user's coordinates."""
    company = managed_company(company_id)
    form = SiteForm()
    if form.validate_on_submit():
        try:
            services.save_site(current_user, company, site_data(form))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The site is saved."), "success")
            return redirect(url_for("companies.site_list", company_id=company.id))
    return render_template("companies/site_form.html", company=company, form=form, site=None)


@bp.route("/sites/<int:site_id>/edit", methods=["GET", "POST"])
@roles_required(CONTACT, "admin")
def edit_site(site_id: int):
    """Change a site or correct its position."""
    site = managed_site(site_id)
    form = SiteForm(obj=site)
    if form.validate_on_submit():
        try:
            services.save_site(current_user, site.company, site_data(form), site)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The site is saved."), "success")
            return redirect(url_for("companies.site_list", company_id=site.company_id))
    return render_template("companies/site_form.html", company=site.company, form=form, site=site)


@bp.route("/sites/<int:site_id>/delete", methods=["POST"])
@roles_required(CONTACT, "admin")
def delete_site(site_id: int):
    """Remove a site, unless offers still take place there."""
    site = managed_site(site_id)
    company_id = site.company_id
    try:
        services.delete_site(current_user, site)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("companies.edit_site", site_id=site.id))
    flash(_("The site is removed."), "success")
    return redirect(url_for("companies.site_list", company_id=company_id))
