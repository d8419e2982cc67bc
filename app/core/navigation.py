"""Safe redirects: only to paths on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, request, url_for


def is_safe_path(target: str | None) -> bool:
    """True for a local path such as /x?y, never for another host or scheme."""
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target


def redirect_back(default_endpoint: str = "dashboard.index", target: str | None = None):
    """Redirect to `target` or the `next` argument when it is local, else the default page."""
    target = target or request.args.get("next") or request.form.get("next")
    if is_safe_path(target):
        return redirect(target)
    return redirect(url_for(default_endpoint))
