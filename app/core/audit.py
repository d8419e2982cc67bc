"""Record changes that matter in the audit log (inside the caller's transaction)."""

from __future__ import annotations

from app.admin.models import AuditLog
from app.extensions import db


def record(actor, action: str, obj=None, **detail) -> None:
    """Add an audit entry to the session; the calling service commits."""
    db.session.add(
        AuditLog(
            actor_id=getattr(actor, "id", None),
            action=action,
            object_type=type(obj).__name__ if obj is not None else "",
            object_id=getattr(obj, "id", None),
            detail={k: str(v) for k, v in detail.items()},
        )
    )
