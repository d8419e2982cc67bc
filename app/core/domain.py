"""Fixed vocabularies of the domain: countries, STEM fields, activity kinds, modes."""

from flask_babel import lazy_gettext as _l

COUNTRIES = {"NO": _l("Norway"), "DK": _l("Denmark")}
TIME_ZONES = {"NO": "Europe/Oslo", "DK": "Europe/Copenhagen"}

STEM_FIELDS = {
    "ict": _l("IT and software"),
    "engineering": _l("Engineering"),
    "energy": _l("Energy and power"),
    "construction": _l("Construction"),
    "health_tech": _l("Health technology"),
    "biotech": _l("Biotechnology"),
    "chemistry": _l("Chemistry and process"),
    "physics": _l("Physics"),
    "mathematics": _l("Mathematics and statistics"),
    "environment": _l("Environment and climate"),
    "aquaculture": _l("Aquaculture and marine"),
    "manufacturing": _l("Manufacturing"),
    "electronics": _l("Electronics"),
    "geoscience": _l("Geoscience"),
}

ACTIVITY_KINDS = {
    "role_model_visit": _l("Role-model school visit"),
    "company_visit": _l("Company visit"),
    "job_shadowing": _l("Job shadowing"),
    "work_week": _l("Work week"),
}

MODES = {"digital": _l("Digital"), "physical": _l("Physical")}
GRADES = (8, 9, 10)
LANGUAGES = {"nb": "Norsk", "nn": "Nynorsk", "da": "Dansk", "en": "English", "se": "Sámi"}
