"""The schools domain; re-exports its blueprint lazily so models import without routes."""


def __getattr__(name: str):
    if name == "bp":
        from app.schools.routes import bp

        return bp
    raise AttributeError(name)
