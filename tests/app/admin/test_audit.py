"""The audit log as the administrator reads it: names of actions, not codes, and a search."""

from __future__ import annotations

import pathlib
import re

import pytest

from app.admin.audit_labels import ACTION_LABELS
from app.admin.models import AuditLog
from app.core import audit
from app.extensions import db
from tests.factories.accounts import AdminFactory


@pytest.fixture
def entries():
    """Two administrators' changes: one moved a placement, the other changed a phase."""
    kari, ola = AdminFactory(name="Kari Nordmann"), AdminFactory(name="Ola Hansen")
    audit.record(kari, "matching.move", None, slot=3)
    audit.record(ola, "season.status", None)
    db.session.add(AuditLog(action="matching.published", object_type="Season", object_id=7))
    db.session.commit()
    return kari, ola


def test_actions_are_named_in_the_users_language(login, entries):
    client = login(entries[0])
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Plassering flyttet" in page and "Sesongens fase endret" in page
    assert "matching.move" not in page
    assert "Sesong 7" in page and "Season 7" not in page
    assert "Skolebro (automatisk)" in page


def test_actions_are_named_in_danish_for_a_danish_administrator(login, entries):
    page = login(AdminFactory(language="da")).get("/admin/audit").get_data(as_text=True)
    assert "Placering flyttet" in page and "Sæsonens fase ændret" in page


@pytest.mark.parametrize("search", ["flyttet", "kari", "KARI NORD", "matching.move"])
def test_search_by_person_or_action(login, entries, search):
    page = login(entries[0]).get(f"/admin/audit?q={search}").get_data(as_text=True)
    assert "Plassering flyttet" in page
    assert "Sesongens fase endret" not in page


def test_search_that_finds_nothing_says_so(login, entries):
    page = login(entries[0]).get("/admin/audit?q=zzz").get_data(as_text=True)
    assert "Fant ingenting." in page
    assert 'value="zzz"' in page


def test_every_recorded_action_has_a_name():
    """A new audit.record code needs a label too, or the log shows the code."""
    app_dir = pathlib.Path(__file__).parents[3] / "app"
    source = "\n".join(p.read_text() for p in app_dir.rglob("*.py"))
    calls = re.findall(r"audit\.record\(\s*\w+,\s*([^\n]*)", source)
    recorded = {code for call in calls for code in re.findall(r'"([a-z_]+\.[a-z_]+)"', call)}
    assert len(recorded) > 40 and recorded - set(ACTION_LABELS) == set()
