"""Domain errors and friendly error pages in the user's language."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule broken by user input; `field` names the form field it belongs to."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class DomainErrors(DomainError):
    """Several rules broken by one form at once, each shown at its own field together (a
    person fixing one date should not meet the next error only after sending again)."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].field, errors[0].message)
        self.errors = errors


def raise_all(errors: list[DomainError]) -> None:
    """Raise the errors found, one or several; nothing when the list is empty."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DomainErrors(errors)


def apply_to_form(form, error: DomainError) -> None:
    """Put a domain error (or each of several) on its form field, else the form's errors."""
    for each in getattr(error, "errors", [error]):
        field = getattr(form, each.field, None) if each.field else None
        if field is not None:
            field.errors = [*field.errors, each.message]
        else:
            form.form_errors.append(each.message)


def register_error_handlers(app: Flask) -> None:
    """Render 400, 403, 404, 405, 413, 429 and 500 as friendly pages, never tracebacks."""

    def handle_http(error: HTTPException):
        code = error.code or 500
        return render_template("errors/error.html", code=code, error=error), code

    def handle_unexpected(error: Exception):
        log.exception("unhandled error")
        return render_template("errors/error.html", code=500, error=None), 500

    for code in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(code, handle_http)
    app.register_error_handler(500, handle_unexpected)
    app.register_error_handler(Exception, _passthrough_http(handle_http, handle_unexpected))


def _passthrough_http(handle_http, handle_unexpected):
    """Route HTTP exceptions to the HTTP handler and everything else to the 500 page."""

    def handler(error: Exception):
        if isinstance(error, HTTPException):
            return handle_http(error)
        return handle_unexpected(error)

    return handler
