"""The companies blueprint, shared by its route modules."""

from flask import Blueprint

bp = Blueprint("companies", __name__, template_folder="templates", url_prefix="/companies")
