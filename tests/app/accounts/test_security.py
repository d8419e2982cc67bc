"""CSRF, rate limits, cookies and security headers."""

import pytest

from app import create_app
from app.extensions import limiter
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD


@pytest.fixture
def strict_client(app, client, monkeypatch):
    """The test client with CSRF and login rate limits on, as in production."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ACCOUNT", "3 per 15 minutes")
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_ADDRESS", "5 per 15 minutes")
    limiter.reset()
    return client


def test_post_without_csrf_token_is_refused(strict_client):
    user = UserFactory()
    response = strict_client.post("/login", data={"login": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Skjemaet var utløpt" in response.get_data(as_text=True)


def test_login_is_limited_per_account(strict_client, app):
    user = UserFactory()
    app.config["WTF_CSRF_ENABLED"] = False
    for _ in range(3):
        strict_client.post("/login", data={"login": user.email, "password": "wrong-one"})
    blocked = strict_client.post("/login", data={"login": user.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert "For mange forsøk" in blocked.get_data(as_text=True)


def test_login_is_limited_per_address(strict_client, app):
    app.config["WTF_CSRF_ENABLED"] = False
    for i in range(5):
        strict_client.post("/login", data={"login": f"x{i}@example.no", "password": "wrong"})
    response = strict_client.post("/login", data={"login": "y@example.no", "password": "w"})
    assert response.status_code == 429


def test_security_headers_allow_only_own_origin(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in csp


def test_session_cookie_is_httponly_and_samesite(client, login):
    user = UserFactory()
    response = client.post("/login", data={"login": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_load_no_third_party_assets(client):
    html = client.get("/login").get_data(as_text=True)
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_production_refuses_to_start_without_secrets(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        create_app("production")
