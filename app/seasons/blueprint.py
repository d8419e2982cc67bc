"""The seasons blueprint, shared by the route modules."""

from flask import Blueprint

bp = Blueprint("seasons", __name__, template_folder="templates", url_prefix="/seasons")
