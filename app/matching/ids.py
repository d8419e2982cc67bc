"""Prefixed string ids for the engine ("student:12", "offer:7") and back to integers."""

from __future__ import annotations


def key(prefix: str, number: int) -> str:
    """The engine id of a row: prefix and primary key."""
    return f"{prefix}:{number}"


def number(engine_id: str | None) -> int | None:
    """The primary key inside an engine id, or None."""
    if not engine_id:
        return None
    return int(engine_id.split(":", 1)[1])
