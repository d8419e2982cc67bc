"""Routes of the bookings domain."""

from flask import Blueprint

bp = Blueprint("bookings", __name__, template_folder="templates", url_prefix="/bookings")
