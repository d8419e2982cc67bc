"""The private calendar feed and the page that shows (and renews) its link."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.bookings.forms import ConfirmForm
from app.calendar import services

bp = Blueprint("calendar", __name__, template_folder="templates", url_prefix="/calendar")


@bp.route("/")
@login_required
def index():
    """The user's private feed link, with buttons to renew or turn it off."""
    return render_template("calendar/index.html", form=ConfirmForm())


@bp.route("/feed/new", methods=["POST"])
@login_required
def new_feed():
    """Make a new private link; the old one stops working."""
    if ConfirmForm().validate_on_submit():
        had_link = current_user.feed_token is not None
        services.regenerate_feed_token(current_user)
        flash(
            _("Your calendar has a new private link. The old link no longer works.")
            if had_link
            else _("Your calendar link is ready. Add it to your calendar app."),
            "success",
        )
    return redirect(url_for("calendar.index"))


@bp.route("/feed/off", methods=["POST"])
@login_required
def feed_off():
    """Turn the private link off."""
    if ConfirmForm().validate_on_submit():
        services.revoke_feed_token(current_user)
        flash(_("Your calendar link is turned off."), "success")
    return redirect(url_for("calendar.index"))


@bp.route("/feed/<token>.ics")
def feed(token: str):
    """The confirmed activities of the token's owner; an unknown token is 404."""
    body = services.feed_for_token(token)
    if body is None:
        abort(404)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
