"""The front page: a landing page, or a dashboard with one section per role of the user."""

from flask import Blueprint, render_template
from flask_login import current_user

from app.core.permissions import roles_of
from app.dashboard import services
from app.matching import feedback
from app.matching.invites import school_class_of

bp = Blueprint("dashboard", __name__, template_folder="templates")


@bp.route("/")
def index():
    """Landing page for visitors; each role's dashboard section for a logged-in user."""
    if not current_user.is_authenticated:
        return render_template("dashboard/landing.html", figures=services.public_figures())
    sections = services.sections_for(current_user, roles_of(current_user))
    return render_template(
        "dashboard/index.html",
        sections=sections,
        waiting=feedback.waiting_for(current_user),
        company_of=feedback.company_of,
        class_of=school_class_of,
    )


@bp.route("/healthz")
def health():
    """Liveness probe for the process manager."""
    return {"status": "ok"}
