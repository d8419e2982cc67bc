"""Words for a season's statuses and the moves an administrator may make by hand."""

from flask_babel import lazy_gettext as _l

from app.seasons.models import SEASON_STATUSES

STATUS_LABELS = {
    "draft": _l("Draft"),
    "offers_open": _l("Open for offers"),
    "requests_open": _l("Open for requests and wishes"),
    "closed": _l("Closed"),
    "matched": _l("Matched (a run to review)"),
    "published": _l("Published"),
    "done": _l("Done"),
    "archived": _l("Archived"),
}
# Moves by hand; running, publishing and archiving have their own pages.
MANUAL_MOVES = {
    ("draft", "forward"): "offers_open",
    ("offers_open", "forward"): "requests_open",
    ("requests_open", "forward"): "closed",
    ("offers_open", "back"): "draft",
    ("requests_open", "back"): "offers_open",
    ("closed", "back"): "requests_open",
    ("matched", "back"): "closed",
    ("published", "forward"): "done",
}
REQUEST_KINDS = {"company_visit": _l("Company visit"), "role_model_visit": _l("Role-model visit")}
REQUEST_MODES = {"physical": _l("Physical"), "digital": _l("Digital"), "any": _l("Either")}
GENDERS = {"female": _l("Girl"), "male": _l("Boy"), "other": _l("Other")}

__all__ = ["SEASON_STATUSES", "STATUS_LABELS", "MANUAL_MOVES"]
RUN_LABELS = {
    "queued": _l("Waiting"),
    "running": _l("Running"),
    "finished": _l("Ready to review"),
    "failed": _l("Failed"),
    "cancelled": _l("Cancelled"),
    "publishing": _l("Publishing"),
    "published": _l("Published"),
}
