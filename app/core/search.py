"""The search box of every list: rows where any of some columns contains the typed text."""

from __future__ import annotations

import sqlalchemy as sa


def containing(query: sa.Select, search: str, *columns) -> sa.Select:
    """The query narrowed to rows where any column contains the text, in any case; an empty
    search keeps every row, and % or _ typed by the user match themselves."""
    text = search.strip()
    if not text:
        return query
    return query.where(sa.or_(*(column.icontains(text, autoescape=True) for column in columns)))
