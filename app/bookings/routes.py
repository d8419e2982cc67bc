"""Search, ask for a visit, and answer, move, cancel or rate a booking."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.bookings import changes, queries, reminders, services
from app.bookings.forms import (
    AcceptForm,
    ConfirmForm,
    FeedbackForm,
    NewTimeForm,
    ReasonForm,
    SearchForm,
    SlotRequestForm,
    VisitRequestForm,
)
from app.bookings.models import Booking
from app.bookings.search import search as run_search
from app.companies.models import OfferSlot, RoleModel
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import CONTACT, ROLE_MODEL, TEACHER, authorize, roles_required
from app.extensions import db

bp = Blueprint(
    "bookings", __name__, template_folder="templates", url_prefix="/bookings", cli_group=None
)
bp.after_app_request(reminders.start_when_due)


@bp.cli.command("send-reminders")
def send_reminders_command() -> None:
    """Queue reminders 7 days and 1 day before confirmed activities (run daily, e.g. cron)."""
    import click

    click.echo(f"queued {changes.send_reminders()} reminders")


@bp.route("/search")
@roles_required(TEACHER)
def search():
    """Role models and offers near the teacher's school, nearest first."""
    form = SearchForm(request.args)
    schools = queries.teacher_schools(current_user)
    form.school_id.choices = [(s.id, s.name) for s in schools]
    school = next((s for s in schools if s.id == form.school_id.data), schools[0])
    results = None
    if form.validate():
        results = run_search(
            school, queries.filters_from(form), request.args.get("page", 1, type=int)
        )
    return render_template("bookings/search.html", form=form, results=results, school=school)


@bp.route("/")
@login_required
def index():
    """The user's bookings as teacher or provider, newest date first."""
    status = request.args.get("status", "")
    page = db.paginate(
        queries.bookings_of(current_user, status),
        page=request.args.get("page", 1, type=int),
        per_page=20,
    )
    return render_template("bookings/index.html", page=page, status=status)


@bp.route("/new/role-model/<int:role_model_id>", methods=["GET", "POST"])
@roles_required(TEACHER)
def new_role_model_visit(role_model_id: int):
    """Ask a role model for a visit to one of the teacher's classes."""
    role_model = db.session.get(RoleModel, role_model_id) or abort(404)
    form = VisitRequestForm(mode=(role_model.modes or ["physical"])[-1])
    form.class_id.choices = queries.class_choices(current_user)
    form.mode.choices = [c for c in form.mode.choices if c[0] in (role_model.modes or [])]
    if form.validate_on_submit():
        try:
            booking = services.request_role_model_visit(
                current_user, role_model, queries.visit_request(form)
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Your request is sent. You get an e-mail when it is answered."), "success")
            return redirect(url_for("bookings.show", booking_id=booking.id))
    return render_template("bookings/new_visit.html", form=form, role_model=role_model)


@bp.route("/new/slot/<int:slot_id>", methods=["GET", "POST"])
@roles_required(TEACHER)
def new_slot_booking(slot_id: int):
    """Ask for a place on one date of a company's offer."""
    slot = db.session.get(OfferSlot, slot_id) or abort(404)
    form = SlotRequestForm(at=queries.parse_time(slot.start_time))
    form.class_id.choices = queries.class_choices(current_user)
    if form.validate_on_submit():
        try:
            booking = services.request_offer_date(current_user, slot, queries.slot_request(form))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Your request is sent. You get an e-mail when it is answered."), "success")
            return redirect(url_for("bookings.show", booking_id=booking.id))
    return render_template("bookings/new_slot.html", form=form, slot=slot)


def _load(booking_id: int, action: str) -> Booking:
    """The booking or 404, and 403 unless the user may do the action."""
    booking = db.session.get(Booking, booking_id) or abort(404)
    authorize(current_user, action, booking)
    return booking


def _show(booking: Booking, **forms):
    """Render the booking page with its action forms (some may carry errors)."""
    defaults = {
        "accept": AcceptForm(prefix="accept"),
        "decline": ReasonForm(prefix="decline"),
        "propose": NewTimeForm(prefix="propose"),
        "take": ConfirmForm(prefix="take"),
        "reschedule": NewTimeForm(prefix="reschedule"),
        "cancel": ReasonForm(prefix="cancel"),
        "feedback": FeedbackForm(prefix="fb"),
    }
    defaults.update(forms)
    return render_template(
        "bookings/show.html",
        booking=booking,
        forms=defaults,
        view=queries.booking_view(current_user, booking),
    )


@bp.route("/<int:booking_id>")
@login_required
def show(booking_id: int):
    """One booking: times in the school's zone, history, and what the user can do next."""
    return _show(_load(booking_id, "booking.view"))


def _act(booking: Booking, name: str, form, call, done: str):
    """Validate the form, run one service, and redirect or re-render with the error."""
    if form.validate_on_submit():
        try:
            call(form)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(done, "success")
            return redirect(url_for("bookings.show", booking_id=booking.id))
    return _show(db.session.get(Booking, booking.id), **{name: form}), 400


@bp.route("/<int:booking_id>/accept", methods=["POST"])
@roles_required(ROLE_MODEL, CONTACT)
def accept(booking_id: int):
    """The provider accepts: capacity is taken and invites go out."""
    booking = _load(booking_id, "booking.provider")
    return _act(
        booking,
        "accept",
        AcceptForm(prefix="accept"),
        lambda f: services.accept(current_user, booking, f.use_alternative.data),
        _("The visit is confirmed. Calendar invitations are on their way."),
    )


@bp.route("/<int:booking_id>/decline", methods=["POST"])
@roles_required(ROLE_MODEL, CONTACT)
def decline(booking_id: int):
    """The provider declines with a reason."""
    booking = _load(booking_id, "booking.provider")
    return _act(
        booking,
        "decline",
        ReasonForm(prefix="decline"),
        lambda f: services.decline(current_user, booking, f.reason.data or ""),
        _("The request is declined. The teacher gets your reason."),
    )


@bp.route("/<int:booking_id>/propose", methods=["POST"])
@roles_required(ROLE_MODEL, CONTACT)
def propose(booking_id: int):
    """The provider proposes another time."""
    booking = _load(booking_id, "booking.provider")
    return _act(
        booking,
        "propose",
        NewTimeForm(prefix="propose"),
        lambda f: services.propose(
            current_user, booking, f.day.data, f.at.data, f.reason.data or ""
        ),
        _("Your proposal is sent to the teacher."),
    )


@bp.route("/<int:booking_id>/take", methods=["POST"])
@roles_required(TEACHER)
def take_proposal(booking_id: int):
    """The teacher accepts the proposed time."""
    booking = _load(booking_id, "booking.teacher")
    return _act(
        booking,
        "take",
        ConfirmForm(prefix="take"),
        lambda f: services.accept_proposal(current_user, booking),
        _("The visit is confirmed. Calendar invitations are on their way."),
    )


@bp.route("/<int:booking_id>/reschedule", methods=["POST"])
@login_required
def reschedule(booking_id: int):
    """Either side moves a confirmed activity; calendars update."""
    booking = _load(booking_id, "booking.party")
    return _act(
        booking,
        "reschedule",
        NewTimeForm(prefix="reschedule"),
        lambda f: changes.reschedule(
            current_user, booking, f.day.data, f.at.data, f.reason.data or ""
        ),
        _("The new time is sent to everybody's calendar."),
    )


@bp.route("/<int:booking_id>/cancel", methods=["POST"])
@login_required
def cancel(booking_id: int):
    """Either side cancels with a reason; calendars remove the event."""
    booking = _load(booking_id, "booking.party")
    return _act(
        booking,
        "cancel",
        ReasonForm(prefix="cancel"),
        lambda f: changes.cancel(current_user, booking, f.reason.data or ""),
        _("The booking is cancelled. Everybody is told."),
    )


@bp.route("/<int:booking_id>/feedback", methods=["POST"])
@login_required
def feedback(booking_id: int):
    """Either side rates the activity afterwards."""
    booking = _load(booking_id, "booking.party")
    return _act(
        booking,
        "feedback",
        FeedbackForm(prefix="fb"),
        lambda f: changes.give_feedback(current_user, booking, f.score.data, f.comment.data or ""),
        _("Thank you for your feedback."),
    )
