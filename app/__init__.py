"""Skolebro: the application factory."""

from __future__ import annotations

import logging
import os
import sqlite3

from flask import Flask, has_request_context, request, session
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine

from config import CONFIGS, ProductionConfig

BLUEPRINTS = (
    "accounts",
    "dashboard",
    "companies",
    "schools",
    "bookings",
    "seasons",
    "matching",
    "calendar",
    "outbox",
    "admin",
)


def create_app(config: object | str | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, errors, CLI."""
    app = Flask(__name__, instance_relative_config=True)
    config = config or os.environ.get("SKOLEBRO_ENV", "development")
    config_class = CONFIGS[config] if isinstance(config, str) else config
    if config_class is ProductionConfig:
        ProductionConfig.check()
    app.config.from_object(config_class)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_directories(app))
    os.makedirs(app.instance_path, exist_ok=True)
    logging.basicConfig(level=logging.INFO)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    register_extensions(app)
    from app.core.form_messages import use_our_catalogs

    use_our_catalogs()
    register_blueprints(app)
    register_template_helpers(app)
    from app.core.errors import register_error_handlers

    register_error_handlers(app)
    from app.cli import register_commands

    register_commands(app)
    from app.core.after_response import AfterResponseMiddleware

    app.wsgi_app = AfterResponseMiddleware(app.wsgi_app)
    return app


def translation_directories(app: Flask) -> list[str]:
    """The core catalog plus one catalog per domain (app/<domain>/translations)."""
    root = app.root_path
    found = sorted(
        os.path.relpath(os.path.join(root, name, "translations"), root)
        for name in os.listdir(root)
        if os.path.isdir(os.path.join(root, name, "translations"))
    )
    return ["translations", *found]


SQLITE_BUSY_TIMEOUT_MS = 30_000


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    """SQLite ignores foreign keys unless asked on every connection, and its lower() knows
    only A to Z: searching "ørland" would miss "Ørland". Python's lower() knows Æ, Ø and Å.

    On the embedded default a background job (a matching run, publishing a region: several
    seconds in one transaction) writes beside the web requests: a request that also writes
    waits for it (up to 30 s, not the driver's 5 s, after which it got an error page), and
    write-ahead logging lets pages read while the job writes."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")  # an in-memory database stays "memory"
        cursor.close()
        dbapi_connection.create_function(
            "lower",
            1,
            lambda text: text.lower() if isinstance(text, str) else text,
            deterministic=True,
        )


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    from app import models  # noqa: F401  (every table known to SQLAlchemy and Alembic)
    from app.extensions import babel, csrf, db, limiter, login_manager, mail, migrate, talisman

    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    _init_login(app, login_manager)
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy={
            "default-src": "'self'",
            "img-src": "'self' data:",
            "style-src": "'self'",
            "script-src": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
            "base-uri": "'self'",
            "object-src": "'none'",
        },
        referrer_policy="same-origin",
    )


def _init_login(app: Flask, login_manager) -> None:
    from flask_babel import lazy_gettext as _l

    from app.accounts.models import User
    from app.extensions import db

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        """The session's user; a deactivated account's open session ends on its next request."""
        user = db.session.get(User, int(user_id))
        return user if user is not None and user.is_active else None


def select_locale() -> str:
    """The user's chosen language, else the session's, else the browser's, else bokmål."""
    languages = ("nb", "da", "en")
    if not has_request_context():  # CLI commands, workers and service tests: bokmål
        return "nb"
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("lang") in languages:
        return session["lang"]
    return (
        request.accept_languages.best_match(languages + ("no", "nn"), default="nb")
        .replace("no", "nb")
        .replace("nn", "nb")
    )


def select_timezone() -> str:
    """Show times in the time zone of the user's school or company."""
    from app.core.timezones import timezone_for

    return timezone_for(current_user)


def register_blueprints(app: Flask) -> None:
    """Register one blueprint per domain package."""
    import importlib

    for name in BLUEPRINTS:
        module = importlib.import_module(f"app.{name}")
        app.register_blueprint(module.bp)


def register_template_helpers(app: Flask) -> None:
    """Expose roles, permission checks and vocabularies to templates."""
    from flask_babel import get_locale

    from app.core import domain, formatting
    from app.core.permissions import can, roles_of

    @app.context_processor
    def inject():
        return {
            "roles": roles_of(current_user),
            "can": lambda action, obj=None: can(current_user, action, obj),
            "domain": domain,
            "current_locale": str(get_locale()),
        }

    formatting.register_filters(app)
