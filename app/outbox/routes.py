"""The outbox as an administrator reads it: every e-mail, sent or waiting."""

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request

from app.core.permissions import ADMIN, roles_required
from app.core.search import containing
from app.extensions import db
from app.outbox.models import OutboxMessage
from app.outbox.services import deliver_after_response

bp = Blueprint("outbox", __name__, template_folder="templates", url_prefix="/admin/outbox")
# With JOBS_INLINE and a MAIL_SERVER, mail queued by a request goes out after its response.
bp.after_app_request(deliver_after_response)


@bp.route("/")
@roles_required(ADMIN)
def index():
    """All messages, newest first, searchable by recipient or subject."""
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id.desc())
    q = request.args.get("q", "").strip()
    query = containing(query, q, OutboxMessage.recipient, OutboxMessage.subject)
    page = db.paginate(query, page=request.args.get("page", 1, type=int), per_page=30)
    return render_template("outbox/index.html", page=page, q=q)


@bp.route("/<int:message_id>")
@roles_required(ADMIN)
def show(message_id: int):
    """One message with its text and calendar part."""
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    return render_template("outbox/show.html", message=message)
