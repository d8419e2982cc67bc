"""The archive page warns before students lose placements that have not taken place yet."""

from __future__ import annotations

from datetime import date, timedelta

from app.extensions import db

WARNING = "arkiverer du nå, mister elevene plasseringene sine før de har funnet sted"


def test_archiving_before_the_activities_are_over_warns(login, admin, season):
    season.status, season.starts_on = "published", date.today()
    season.ends_on = date.today() + timedelta(days=60)
    season.archive_on = date.today() + timedelta(days=120)
    db.session.commit()

    page = login(admin).get(f"/matching/seasons/{season.id}/archive").get_data(as_text=True)

    assert WARNING in page
    assert "Planlagt dato for å slette elevenes data er" in page


def test_archiving_after_the_activities_has_no_warning(login, admin, season):
    season.status = "published"
    season.starts_on = date.today() - timedelta(days=90)
    season.ends_on = date.today() - timedelta(days=1)
    db.session.commit()

    page = login(admin).get(f"/matching/seasons/{season.id}/archive").get_data(as_text=True)

    assert WARNING not in page
    assert "Ja, arkiver og slett" in page
    assert ">Avbryt</a>" in page and "Avlys" not in page  # leave the form, not call off an event
