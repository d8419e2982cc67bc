"""Routes of the matching domain."""

from flask import Blueprint

bp = Blueprint("matching", __name__, template_folder="templates", url_prefix="/matching")
