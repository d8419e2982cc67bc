"""Administration of users: the list, one user's page, deactivation and the administrator role."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import commitments, services, users
from app.admin.audit_labels import action_label, object_label
from app.admin.forms import ButtonForm, DeactivateForm
from app.admin.routes import bp
from app.core.errors import DomainError, apply_to_form
from app.core.permissions import ADMIN, roles_required
from app.extensions import db


@bp.route("/users")
@roles_required(ADMIN)
def user_list():
    """Every user, searchable by name, e-mail, user name, school or company, with filters."""
    q = request.args.get("q", "").strip()
    role, status = request.args.get("role", ""), request.args.get("status", "")
    page = db.paginate(
        users.users_query(q, role, status),
        page=request.args.get("page", 1, type=int),
        per_page=users.PER_PAGE,
    )
    return render_template(
        "admin/users.html", page=page, q=q, role=role, status=status, users=users
    )


def _user_or_404(user_id: int):
    return users.load_user(user_id) or abort(404)


def _user_page(user, status_code: int = 200):
    return render_template(
        "admin/user.html",
        user=user,
        entries=users.recent_audit(user),
        form=ButtonForm(),
        action_label=action_label,
        object_label=object_label,
    ), status_code


@bp.route("/users/<int:user_id>")
@roles_required(ADMIN)
def user_detail(user_id: int):
    """One user: memberships with links, recent audit entries, and the actions."""
    return _user_page(_user_or_404(user_id))


@bp.route("/users/<int:user_id>/deactivate", methods=["GET", "POST"])
@roles_required(ADMIN)
def deactivate_user(user_id: int):
    """Ask for a reason and a confirmation that names the person, then deactivate."""
    user = _user_or_404(user_id)
    form, coming = DeactivateForm(), commitments.upcoming(user)
    if form.validate_on_submit():
        try:
            services.deactivate_user(current_user, user, form.reason.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            flash(_("%(name)s is deactivated and can no longer log in.", name=user.name), "success")
            if coming and form.cancel_visits.data:
                n = commitments.cancel_all(current_user, user, form.reason.data.strip())
                flash(_("Visits cancelled and teachers told: %(n)s.", n=n), "success")
            return redirect(url_for("admin.user_detail", user_id=user.id))
    return render_template("admin/deactivate.html", user=user, form=form, coming=coming)


@bp.route(
    "/users/<int:user_id>/<any(reactivate, grant_admin, remove_admin):action>", methods=["POST"]
)
@roles_required(ADMIN)
def change_user(user_id: int, action: str):
    """Reactivate the account, or grant or remove the administrator role."""
    user = _user_or_404(user_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        if action == "reactivate":
            services.reactivate_user(current_user, user)
        else:
            services.set_admin(current_user, user, action == "grant_admin")
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_done_message(action, user.name), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


def _done_message(action: str, name: str) -> str:
    """What the administrator reads after the change."""
    if action == "reactivate":
        return _("%(name)s is active again and can log in.", name=name)
    if action == "grant_admin":
        return _("%(name)s is now an administrator.", name=name)
    return _("%(name)s is no longer an administrator.", name=name)
