"""The user's calendar page (their activities and the private feed link) and the feed."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.bookings.forms import ConfirmForm
from app.calendar import services
from app.core.model_base import utcnow
from app.core.paging import page_of

bp = Blueprint("calendar", __name__, template_folder="templates", url_prefix="/calendar")


PER_PAGE = 20


@bp.route("/")
@login_required
def index():
    """The user's coming confirmed activities (or, with ?earlier=1, the past ones, newest
    first), a page at a time, and the private feed link with buttons to renew or turn it off."""
    is_earlier = request.args.get("earlier") == "1"
    now = utcnow()
    events = [e for e in services.user_events(current_user) if (e.end_utc <= now) == is_earlier]
    events.sort(key=lambda e: (e.start_utc, e.uid), reverse=is_earlier)
    return render_template(
        "calendar/index.html",
        form=ConfirmForm(),
        events=page_of(events, request.args.get("page", 1, type=int), PER_PAGE),
        is_earlier=is_earlier,
        link=services.relative_link,
        when=services.when_text,
    )


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
