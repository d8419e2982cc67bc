"""Each role against each guarded route: allowed roles get the page, others a 403."""

import pytest

from app.core.permissions import ALL_ROLES, can, roles_of
from tests.factories import (
    AdminFactory,
    ContactPersonFactory,
    OfferFactory,
    RoleModelFactory,
    StudentFactory,
    TeacherFactory,
)

MAKERS = {
    "admin": lambda: AdminFactory(),
    "contact": lambda: ContactPersonFactory().user,
    "role_model": lambda: RoleModelFactory().user,
    "teacher": lambda: TeacherFactory().user,
    "student": lambda: StudentFactory().user,
}


def guarded_get_routes(app) -> list[tuple[str, frozenset]]:
    """Every parameterless GET route that declares its roles through roles_required."""
    routes = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        roles = getattr(view, "required_roles", None)
        if roles and "GET" in rule.methods and not rule.arguments:
            routes.append((rule.rule, roles))
    return sorted(routes)


def test_the_matrix_covers_routes(app):
    assert len(guarded_get_routes(app)) >= 2


@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_every_guarded_route(app, client, login, role):
    user = MAKERS[role]()
    assert roles_of(user) == {role}
    login(user)
    for path, allowed in guarded_get_routes(app):
        status = client.get(path).status_code
        if role in allowed:
            assert status in (200, 302), f"{role} should reach {path}, got {status}"
        else:
            assert status == 403, f"{role} must not reach {path}, got {status}"


def test_anonymous_is_sent_to_login_from_every_guarded_route(app, client):
    for path, _roles in guarded_get_routes(app):
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/login" in response.headers["Location"]


def test_forbidden_page_is_friendly_and_in_norwegian_by_default(client, login):
    login(StudentFactory().user)
    response = client.get("/admin/")
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and 'lang="nb"' in html


def test_contact_person_manages_only_own_company():
    mine = ContactPersonFactory()
    other_offer = OfferFactory()
    own_offer = OfferFactory(company=mine.company)
    assert can(mine.user, "offer.manage", own_offer)
    assert not can(mine.user, "offer.manage", other_offer)
    assert not can(None, "offer.manage", own_offer)
    assert not can(mine.user, "no.such.action", own_offer)


def test_unknown_action_is_denied_even_for_admin():
    assert not can(AdminFactory(), "made.up", None)
