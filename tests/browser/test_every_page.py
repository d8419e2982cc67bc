"""Every page a user of each role reaches from the demo fits a 360-pixel phone screen and
passes axe-core (no moderate, serious or critical violation).

The crawl follows the links of each page (GET only, no downloads or feeds) from the
dashboard, so a new page is covered as soon as something links to it. It visits each kind
of page once (/offers/7 and /offers/8 are one kind), so deep pages are reached too.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from app.demo.seed import seed

PHONE = {"width": 360, "height": 780}
PAGES_PER_ROLE = 45
IMPACTS = ("moderate", "serious", "critical")
SKIP = ("logout", "export", ".csv", "/feed", "delete", ".ics", "/static/", "/language/")


@pytest.fixture
def browser_context_args(browser_context_args):
    """The narrowest common phone."""
    return {**browser_context_args, "viewport": PHONE}


def _links(page: Page, live_server: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    out = []
    for href in hrefs:
        url = urlparse(href)
        if url.netloc and live_server.endswith(url.netloc) is False:
            continue
        if url.path.startswith("/") and not any(s in url.path for s in SKIP):
            out.append(url.path + (f"?{url.query}" if url.query else ""))
    return out


def _kind(path: str) -> str:
    """The page's route with its ids left out: /offers/7/edit -> /offers/#/edit."""
    return re.sub(r"/\d+", "/#", urlparse(path).path)


def _too_wide(page: Page) -> list[str]:
    """The innermost elements sticking out to the right of the screen."""
    return page.evaluate(
        """(w) => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > w + 1
             && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
          .slice(0, 3).map(e => e.tagName.toLowerCase() + ' "' +
             (e.textContent || '').trim().slice(0, 30) + '"')""",
        PHONE["width"],
    )


def test_every_page_of_every_role_fits_a_phone_and_passes_axe(page: Page, live_server):
    logins = seed()
    axe = Axe()
    problems: list[str] = []
    for role in ("teacher", "student", "contact", "role model", "administrator"):
        page.context.clear_cookies()
        page.goto(live_server + "/login")
        page.locator("#login").fill(logins[role])
        page.locator("#password").fill(logins["password"])
        page.locator("#password").press("Enter")
        page.wait_for_url(live_server + "/")
        seen: set[str] = set()
        todo = ["/"]
        while todo and len(seen) < PAGES_PER_ROLE:
            path = todo.pop(0)
            if _kind(path) in seen:
                continue
            seen.add(_kind(path))
            response = page.goto(live_server + path)
            assert response is not None
            if response.status >= 500:
                problems.append(f"{role} {path}: HTTP {response.status}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{role} {path}: {width} px wide, {_too_wide(page)}")
            violations = axe.run(page).response["violations"]
            problems += [
                f"{role} {path}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes)"
                for v in violations
                if v["impact"] in IMPACTS
            ]
            todo += [
                link
                for link in _links(page, live_server)
                if _kind(link) not in seen and link not in todo
            ]
        assert len(seen) > 3, f"{role} reached only {seen}"
    assert problems == []
