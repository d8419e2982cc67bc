"""Administration: figures, invitations, audit log."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import services
from app.admin.audit_labels import action_label, object_label
from app.admin.forms import InviteForm
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import ADMIN, roles_required
from app.extensions import db

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/admin")


@bp.route("/", methods=["GET", "POST"])
@roles_required(ADMIN)
def index():
    """Administration front page with the invitation form."""
    form = InviteForm()
    form.school_id.choices = services.school_choices()
    if form.validate_on_submit():
        try:
            services.invite(
                current_user,
                form.kind.data,
                form.email.data,
                form.name.data,
                form.school_id.data or None,
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/index.html", form=form)


@bp.route("/audit")
@roles_required(ADMIN)
def audit():
    """The audit log, newest first, searchable, paginated."""
    q = request.args.get("q", "").strip()
    page = db.paginate(
        services.audit_query(q), page=request.args.get("page", 1, type=int), per_page=50
    )
    return render_template(
        "admin/audit.html", page=page, q=q, action_label=action_label, object_label=object_label
    )
