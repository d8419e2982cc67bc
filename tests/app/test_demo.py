"""The demo region: realistic, deterministic, and a second run changes nothing."""

import sqlalchemy as sa

from app.models import Booking, Company, Offer, School, Student, User


def counts(db) -> dict[str, int]:
    return {
        m.__name__: db.session.scalar(sa.select(sa.func.count(m.id)))
        for m in (User, School, Company, Offer, Student, Booking)
    }


def test_seed_demo_twice_changes_nothing(runner, db):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "admin@skolebro.no" in first.output
    before = counts(db)
    assert before["School"] >= 40 and before["Company"] >= 100
    assert db.session.scalar(sa.select(sa.func.count(School.id)).where(School.is_rural)) >= 10
    kinds = set(db.session.scalars(sa.select(Offer.kind).distinct()))
    assert kinds == {"role_model_visit", "company_visit", "job_shadowing", "work_week"}
    statuses = set(db.session.scalars(sa.select(Booking.status).distinct()))
    assert {"confirmed", "requested"} <= statuses
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert counts(db) == before


def test_every_demo_login_reaches_its_dashboard(runner, client):
    runner.invoke(args=["seed-demo"])
    for login in (
        "admin@skolebro.no",
        "kontakt@nidaros-programvare.no",
        "ingrid.aune@nidaros-programvare.no",
        "laerer@huseby.skole.no",
        "nora.demo",
    ):
        response = client.post("/login", data={"login": login, "password": "Skolebro-demo-2026"})
        assert response.status_code == 302, login
        assert client.get("/").status_code == 200, login
        client.post("/logout")
