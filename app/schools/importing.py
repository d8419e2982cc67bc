"""Import schools from CSV with a per-row error report."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask_babel import gettext as _

from app.accounts.models import User
from app.core import audit
from app.core.geo import find_place
from app.extensions import db
from app.schools.models import School
from app.schools.services import ImportReport

REQUIRED = ("name", "municipality", "country")
TRUE_WORDS = {"1", "true", "yes", "ja", "j", "x", "rural", "distrikt"}


def import_schools(actor: User, text: str) -> ImportReport:
    """Create or update schools by name and municipality; bad rows are reported, not saved."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        report.errors.append((1, _("Missing columns: %(cols)s", cols=", ".join(missing))))
        return report
    for number, row in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        try:
            values = _row_values(row)
        except ValueError as error:
            report.errors.append((number, str(error)))
            continue
        _upsert(values, report)
    audit.record(
        actor,
        "school.import",
        None,
        created=report.created,
        updated=report.updated,
        errors=len(report.errors),
    )
    db.session.commit()
    return report


def _delimiter(text: str) -> str:
    """Semicolons (Excel in Norway and Denmark) or commas."""
    first = text.splitlines()[0] if text else ""
    return ";" if first.count(";") > first.count(",") else ","


def _row_values(row: dict[str, str]) -> dict:
    """Check one row and fill missing coordinates from the gazetteer."""
    if not row.get("name"):
        raise ValueError(_("The school has no name."))
    country = row.get("country", "").upper()
    if country not in ("NO", "DK"):
        raise ValueError(_('Country must be NO or DK, not "%(value)s".', value=country))
    if not row.get("municipality"):
        raise ValueError(_("The municipality is missing."))
    lat, lon = _coordinates(row, country)
    return {
        "name": row["name"],
        "municipality": row["municipality"],
        "country": country,
        "latitude": lat,
        "longitude": lon,
        "region": row.get("region", ""),
        "is_rural": row.get("rural", "").lower() in TRUE_WORDS,
    }


def _coordinates(row: dict[str, str], country: str) -> tuple[float, float]:
    """Coordinates from the row, else from the municipality's place in the gazetteer."""
    lat, lon = row.get("latitude", ""), row.get("longitude", "")
    if lat and lon:
        try:
            lat_f, lon_f = float(lat.replace(",", ".")), float(lon.replace(",", "."))
        except ValueError:
            raise ValueError(_("Latitude and longitude must be numbers.")) from None
        if not (54 <= lat_f <= 72 and 3 <= lon_f <= 32):
            raise ValueError(_("The coordinates are not in Norway or Denmark."))
        return lat_f, lon_f
    place = find_place(row["municipality"], country)
    if place is None:
        raise ValueError(
            _(
                '"%(name)s" is not a place we know. Add latitude and longitude.',
                name=row["municipality"],
            )
        )
    return place.latitude, place.longitude


def _upsert(values: dict, report: ImportReport) -> None:
    """Update the school with this name and municipality, or create it."""
    school = db.session.scalar(
        sa.select(School).where(
            School.name == values["name"], School.municipality == values["municipality"]
        )
    )
    if school is None:
        db.session.add(School(**values))
        report.created += 1
    else:
        for key, value in values.items():
            setattr(school, key, value)
        report.updated += 1
    db.session.flush()
