"""Routes of the companies domain."""

from flask import Blueprint

bp = Blueprint("companies", __name__, template_folder="templates", url_prefix="/companies")
