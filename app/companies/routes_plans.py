"""Routes for the annual plan, the membership and the administrator's members list."""

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from app.companies import hosted, members, membership, plans
from app.companies.access import managed_company
from app.companies.blueprint import bp
from app.companies.forms import DeadlineForm, PlanForm, TerminateForm
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import ADMIN, CONTACT, roles_required
from app.core.recipients import class_teachers
from app.core.settings import get_setting
from app.extensions import db
from app.matching import feedback


@bp.route("/<int:company_id>/plan", methods=["GET", "POST"])
@roles_required(CONTACT, ADMIN)
def plan(company_id: int):
    """Next year's plan (until the deadline) and a year's plan against actual (this year first)."""
    company = managed_company(company_id)
    state = plans.next_plan(company)
    form = PlanForm(obj=state.plan)
    if state.is_open and form.validate_on_submit():
        try:
            plans.submit_plan(current_user, company, form.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The annual plan for %(year)s is filed.", year=state.year), "success")
            return redirect(url_for("companies.plan", company_id=company.id))
    years = plans.report_years(company)
    year = request.args.get("year", type=int)
    year = year if year in years else years[0]
    return render_template(
        "companies/plan.html",
        company=company,
        state=state,
        form=form,
        this_year=year,
        years=years,
        rows=plans.plan_vs_actual(company, year),
    )


@bp.route("/<int:company_id>/season-placements")
@roles_required(CONTACT, ADMIN)
def hosted_list(company_id: int):
    """Students and classes coming from the season's matching, with their school contact."""
    company = managed_company(company_id)
    search = request.args.get("q", "").strip()
    when = request.args.get("when", "coming")
    when = when if when in hosted.WHEN else "coming"
    page = db.paginate(
        hosted.hosted_query(company, search, when),
        page=request.args.get("page", 1, type=int),
        per_page=25,
    )
    return render_template(
        "companies/hosted.html",
        company=company,
        page=page,
        search=search,
        when=when,
        day_of=hosted.day_of,
        class_of=hosted.class_of,
        teachers_of=class_teachers,
        scores=feedback.host_scores(company),
        role_labels=feedback.ROLE_LABELS,
        format_decimal=format_decimal,
    )


@bp.route("/<int:company_id>/membership")
@roles_required(CONTACT, ADMIN)
def membership_page(company_id: int):
    """Tier, yearly fee and renewal of the membership."""
    company = managed_company(company_id)
    today = date.today()
    return render_template(
        "companies/membership.html",
        company=company,
        membership=membership.current_membership(company, today),
        ends_after=membership.ends_after(company, today),
        deadline=membership.deadline_in(today.year),
        form=TerminateForm(),
        last_year=membership.last_year_of_membership(today),
    )


@bp.route("/<int:company_id>/membership/terminate", methods=["POST"])
@roles_required(CONTACT, ADMIN)
def terminate(company_id: int):
    """End the yearly renewal, after an explicit confirmation."""
    company = managed_company(company_id)
    form = TerminateForm()
    try:
        last_year = membership.terminate(current_user, company, form.confirm.data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The membership ends on 31 December %(year)s.", year=last_year), "success")
    return redirect(url_for("companies.membership_page", company_id=company.id))


@bp.route("/admin/members")
@roles_required(ADMIN)
def admin_members():
    """All member companies with tier, fee and plan status, searchable and paginated."""
    search = request.args.get("q", "")
    page = db.paginate(
        members.members_query(search), page=request.args.get("page", 1, type=int), per_page=25
    )
    return render_template(
        "companies/admin_members.html",
        page=page,
        search=search,
        rows=members.member_rows(page.items),
    )


@bp.route("/admin/members.csv")
@roles_required(ADMIN)
def admin_members_csv():
    """The members list as a CSV file."""
    text = members.members_csv(request.args.get("q", ""))
    return Response(
        text,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=skolebro-members-{date.today()}.csv"
        },
    )


@bp.route("/admin/settings", methods=["GET", "POST"])
@roles_required(ADMIN)
def admin_settings():
    """The annual plan deadline."""
    form = DeadlineForm(deadline=get_setting("annual_plan_deadline"))
    if form.validate_on_submit():
        try:
            plans.set_deadline(current_user, form.deadline.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The deadline is saved."), "success")
            return redirect(url_for("companies.admin_members"))
    return render_template("companies/admin_settings.html", form=form)


@bp.route("/admin/<int:company_id>/reopen-plan", methods=["POST"])
@roles_required(ADMIN)
def reopen_plan(company_id: int):
    """Let a company change next year's plan after the deadline."""
    company = managed_company(company_id)
    plans.reopen_plan(current_user, company)
    flash(_("The plan of %(name)s is open again.", name=company.name), "success")
    return redirect(url_for("companies.admin_members"))
