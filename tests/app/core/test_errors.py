"""Error pages: friendly, in the user's language, never a traceback."""

import pytest
from flask import Blueprint

from app import create_app
from config import TestingConfig


@pytest.fixture(scope="module")
def failing_client():
    """A separate app with one route that raises, as production would run it."""
    failing = create_app(TestingConfig)
    failing.config["PROPAGATE_EXCEPTIONS"] = False
    bp = Blueprint("boom", __name__)
    bp.add_url_rule("/boom", "explode", lambda: 1 / 0)
    failing.register_blueprint(bp)
    return failing.test_client()


def test_404_page_in_norwegian(client):
    response = client.get("/finnes-ikke", headers={"Accept-Language": "nb-NO"})
    assert response.status_code == 404
    assert 'lang="nb"' in response.get_data(as_text=True)


def test_500_page_never_shows_traceback(failing_client):
    response = failing_client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in html and "ZeroDivisionError" not in html
    assert "ingenting du har lagret, er tapt" in html


def test_english_browser_gets_english_pages(client):
    response = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Log in to Skolebro" in response.get_data(as_text=True)
