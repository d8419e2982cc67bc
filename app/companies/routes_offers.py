"""Routes for offers and their dates or weeks."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.companies import offers
from app.companies.access import managed_company, managed_offer, managed_slot, site_choices
from app.companies.blueprint import bp
from app.companies.forms_offers import CapacityForm, OfferForm, SlotForm
from app.companies.models import OFFER_KINDS
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import CONTACT, roles_required
from app.extensions import db


def _offer_form(company, offer=None) -> OfferForm:
    form = OfferForm(obj=offer)
    form.site_id.choices = site_choices(company, _("No site (digital only)"))
    approved = [rm for rm in company.role_models if rm.status in ("approved", "pending")]
    form.role_model_id.choices = [(0, _("Any of our role models"))] + [
        (rm.id, rm.user.name) for rm in approved
    ]
    if request.method == "GET" and offer is None:
        form.site_id.data = company.sites[0].id if company.sites else 0
    return form


def _slot_form(offer) -> SlotForm:
    """The date form, labelled for a work week's Monday or an ordinary date."""
    form = SlotForm()
    is_week = offer.kind == "work_week"
    form.first_date.label.text = _("The Monday of the week") if is_week else _("Date")
    return form


def _offer_data(form: OfferForm, kind: str) -> offers.OfferData:
    return offers.OfferData(
        kind=kind,
        title=form.title.data or "",
        site_id=form.site_id.data or None,
        mode=form.mode.data,
        description=form.description.data or "",
        fields=form.fields.data or [],
        grades=form.grades.data or [],
        duration_minutes=form.duration_minutes.data,
        group_size=form.group_size.data,
        role_model_id=form.role_model_id.data or None,
        supervisor_name=form.supervisor_name.data or "",
        school_contact_info=form.school_contact_info.data or "",
        what_to_bring=form.what_to_bring.data or "",
        safety_notes=form.safety_notes.data or "",
    )


@bp.route("/<int:company_id>/offers")
@roles_required(CONTACT, "admin")
def offer_list(company_id: int):
    """The company's offers with capacity used and left, searchable and paginated."""
    company = managed_company(company_id)
    search, kind = request.args.get("q", ""), request.args.get("kind", "")
    page = db.paginate(
        offers.offers_query(company, search, kind),
        page=request.args.get("page", 1, type=int),
        per_page=20,
    )
    return render_template(
        "companies/offers.html",
        company=company,
        page=page,
        search=search,
        kind=kind,
        capacity_of=offers.capacity_of,
    )


@bp.route("/<int:company_id>/offers/new", methods=["GET", "POST"])
@roles_required(CONTACT, "admin")
def new_offer(company_id: int):
    """Create an offer of one kind (chosen first)."""
    company = managed_company(company_id)
    kind = request.args.get("kind", "")
    if kind not in OFFER_KINDS:
        return render_template("companies/offer_kind.html", company=company)
    form = _offer_form(company)
    if form.validate_on_submit():
        try:
            offer = offers.save_offer(current_user, company, _offer_data(form, kind))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The offer is saved. Add its dates."), "success")
            return redirect(url_for("companies.offer_detail", offer_id=offer.id))
    return render_template(
        "companies/offer_form.html", company=company, form=form, kind=kind, offer=None
    )


@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
@roles_required(CONTACT, "admin")
def edit_offer(offer_id: int):
    """Change an offer."""
    offer = managed_offer(offer_id)
    form = _offer_form(offer.company, offer)
    if form.validate_on_submit():
        try:
            offers.save_offer(current_user, offer.company, _offer_data(form, offer.kind), offer)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The offer is saved."), "success")
            return redirect(url_for("companies.offer_detail", offer_id=offer.id))
    return render_template(
        "companies/offer_form.html", company=offer.company, form=form, kind=offer.kind, offer=offer
    )


@bp.route("/offers/<int:offer_id>")
@roles_required(CONTACT, "admin")
def offer_detail(offer_id: int):
    """An offer with its dates, capacity used and left, and a form to add dates."""
    offer = managed_offer(offer_id)
    return render_template(
        "companies/offer.html",
        offer=offer,
        slot_form=_slot_form(offer),
        capacity_form=CapacityForm(),
    )


@bp.route("/offers/<int:offer_id>/slots", methods=["POST"])
@roles_required(CONTACT, "admin")
def add_slots(offer_id: int):
    """Add a date or week, optionally repeated weekly."""
    offer = managed_offer(offer_id)
    form = _slot_form(offer)
    if form.validate_on_submit():
        try:
            added = offers.add_slots(
                current_user,
                offer,
                form.first_date.data,
                form.last_date.data,
                form.capacity.data,
                form.start_time.data,
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            if offer.kind == "work_week":
                message = ngettext("%(num)s week added.", "%(num)s weeks added.", added)
            else:
                message = ngettext("%(num)s date added.", "%(num)s dates added.", added)
            flash(message, "success")
            return redirect(url_for("companies.offer_detail", offer_id=offer.id))
    return render_template(
        "companies/offer.html", offer=offer, slot_form=form, capacity_form=CapacityForm()
    ), 400


@bp.route("/slots/<int:slot_id>/capacity", methods=["POST"])
@roles_required(CONTACT, "admin")
def change_capacity(slot_id: int):
    """Change one date's capacity, never below what is taken."""
    slot = managed_slot(slot_id)
    form = CapacityForm()
    if form.validate_on_submit():
        try:
            offers.change_capacity(current_user, slot, form.capacity.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("The capacity is changed."), "success")
            return redirect(url_for("companies.offer_detail", offer_id=slot.offer_id))
    return render_template(
        "companies/offer.html",
        offer=slot.offer,
        slot_form=SlotForm(),
        capacity_form=form,
        failed_slot_id=slot.id,
    ), 400


@bp.route("/slots/<int:slot_id>/delete", methods=["POST"])
@roles_required(CONTACT, "admin")
def delete_slot(slot_id: int):
    """Remove a date nobody has taken."""
    slot = managed_slot(slot_id)
    offer_id = slot.offer_id
    try:
        offers.delete_slot(current_user, slot)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("The date is removed."), "success")
    return redirect(url_for("companies.offer_detail", offer_id=offer_id))


@bp.route("/offers/<int:offer_id>/active", methods=["POST"])
@roles_required(CONTACT, "admin")
def toggle_offer(offer_id: int):
    """Open or close an offer for bookings."""
    offer = managed_offer(offer_id)
    if request.form.get("active") not in ("0", "1"):
        abort(400)
    offers.set_active(current_user, offer, request.form["active"] == "1")
    return redirect(url_for("companies.offer_detail", offer_id=offer.id))
