"""Company logos: PNG, JPEG or WebP by their magic bytes, at most 1 MB, stored by the app."""

from __future__ import annotations

import os
import secrets

from flask import current_app
from flask_babel import gettext as _

from app.companies.models import Company
from app.core import audit
from app.core.errors import DomainError
from app.extensions import db

MAX_LOGO_BYTES = 1024 * 1024


def sniff_image(data: bytes) -> str | None:
    """The file extension for PNG, JPEG or WebP content, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def logo_dir() -> str:
    """The folder of stored logos, created when missing."""
    path = os.path.join(current_app.config["UPLOAD_DIR"], "logos")
    os.makedirs(path, exist_ok=True)
    return path


def save_logo(actor, company: Company, stream) -> str:
    """Check and store an uploaded logo under a random name; the old one is removed."""
    data = stream.read(MAX_LOGO_BYTES + 1)
    if not data:
        raise DomainError("logo", _("Choose an image file."))
    if len(data) > MAX_LOGO_BYTES:
        raise DomainError("logo", _("The logo is larger than 1 MB. Choose a smaller image."))
    extension = sniff_image(data)
    if extension is None:
        raise DomainError("logo", _("The logo must be a PNG, JPEG or WebP image."))
    name = f"{secrets.token_hex(16)}.{extension}"
    with open(os.path.join(logo_dir(), name), "wb") as f:
        f.write(data)
    old = company.logo_path
    company.logo_path = name
    audit.record(actor, "company.logo", company)
    db.session.commit()
    if old:
        _remove(old)
    return name


def _remove(name: str) -> None:
    path = os.path.join(logo_dir(), os.path.basename(name))
    if os.path.exists(path):
        os.remove(path)
