"""Names of a run's phases as the progress page shows them."""

from flask_babel import lazy_gettext as _l

PHASE_LABELS = {
    "queued": _l("Waiting to start"),
    "reading": _l("Reading the season"),
    "work_week": _l("Placing students in work weeks"),
    "job_shadowing": _l("Placing students in job shadowing"),
    "company_visit": _l("Matching company visits"),
    "role_model_visit": _l("Matching role-model visits"),
    "explain": _l("Writing the reasons"),
    "storing": _l("Saving the result"),
    "done": _l("Done"),
}
