"""The matching blueprint, shared by its route modules."""

from flask import Blueprint

from app.matching.reasons import reason_html

bp = Blueprint(
    "matching", __name__, template_folder="templates", url_prefix="/matching", cli_group=None
)
bp.add_app_template_filter(reason_html, "reason")
