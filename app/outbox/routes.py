"""The outbox as an administrator reads it: every e-mail, sent or waiting."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from app.core.errors import DomainError
from app.core.permissions import ADMIN, roles_required
from app.core.search import containing
from app.extensions import db
from app.outbox.models import OUTBOX_STATUSES, OutboxMessage
from app.outbox.services import deliver_after_response, retry

bp = Blueprint("outbox", __name__, template_folder="templates", url_prefix="/admin/outbox")
# With JOBS_INLINE and a MAIL_SERVER, mail queued by a request goes out after its response.
bp.after_app_request(deliver_after_response)


@bp.route("/")
@roles_required(ADMIN)
def index():
    """All messages, newest first, searchable by recipient or subject, filtered by status."""
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id.desc())
    q, status = request.args.get("q", "").strip(), request.args.get("status", "")
    query = containing(query, q, OutboxMessage.recipient, OutboxMessage.subject)
    if status in OUTBOX_STATUSES:
        query = query.where(OutboxMessage.status == status)
    page = db.paginate(query, page=request.args.get("page", 1, type=int), per_page=30)
    return render_template("outbox/index.html", page=page, q=q, status=status)


@bp.route("/<int:message_id>")
@roles_required(ADMIN)
def show(message_id: int):
    """One message with its text and calendar part."""
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    return render_template("outbox/show.html", message=message, form=FlaskForm())


@bp.route("/<int:message_id>/retry", methods=["POST"])
@roles_required(ADMIN)
def retry_message(message_id: int):
    """Put a failed message back in the queue, e.g. after its address was corrected."""
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    if FlaskForm().validate_on_submit():
        try:
            retry(current_user, message)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The message will be sent again."), "success")
    return redirect(url_for("outbox.show", message_id=message.id))
