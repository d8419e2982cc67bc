"""The admin domain; re-exports its blueprint lazily so models import without routes."""


def __getattr__(name: str):
    if name == "bp":
        from app.admin import routes_users  # noqa: F401  (registers its views on bp)
        from app.admin.routes import bp

        return bp
    raise AttributeError(name)
