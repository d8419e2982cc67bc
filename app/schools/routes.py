"""Routes of the schools domain."""

from flask import Blueprint

bp = Blueprint("schools", __name__, template_folder="templates", url_prefix="/schools")
