"""A page of a list already in memory, shaped like Flask-SQLAlchemy's pagination, so the
pagination macro in templates/_forms.html pages it like a query."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class ListPage(Generic[T]):
    """One page of items, with what the pagination macro reads."""

    items: list[T]
    page: int
    total: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))

    has_prev = property(lambda self: self.page > 1)
    has_next = property(lambda self: self.page < self.pages)
    prev_num = property(lambda self: self.page - 1)
    next_num = property(lambda self: self.page + 1)


def page_of(items: Sequence[T], page: int, per_page: int) -> ListPage[T]:
    """The page'th page of the items (a page out of range gives the nearest one)."""
    pages = max(1, math.ceil(len(items) / per_page))
    page = min(max(page, 1), pages)
    start = (page - 1) * per_page
    return ListPage(list(items[start : start + per_page]), page, len(items), per_page)
