"""A role-model visit placed by the batch keeps the hour the teacher asked for."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import icalendar
import sqlalchemy as sa

from app.extensions import db
from app.matching.invites import placement_uid, queue_invites
from app.matching.runs import execute_run, start_run
from app.outbox.models import OutboxMessage
from tests.factories import RoleModelFactory
from tests.factories.seasons import ClassRequestFactory


def test_the_invite_starts_at_the_requested_hour_and_lasts_as_long(admin, season, region):
    school = region["schools"][0]
    RoleModelFactory(site__latitude=school.latitude, site__longitude=school.longitude)
    ClassRequestFactory(
        season=season,
        school_class=region["classes"][0],
        kind="role_model_visit",
        mode="digital",
        visit_at=time(10, 15),
        visit_minutes=45,
    )
    run = execute_run(start_run(admin, season).id)
    visit = next(p for p in run.placements if p.role_model_id is not None)
    visit.calendar_uid = placement_uid(visit)
    assert queue_invites(visit) >= 2  # the teacher and the role model
    db.session.commit()
    for message in db.session.scalars(sa.select(OutboxMessage)):
        event = next(iter(icalendar.Calendar.from_ical(message.calendar_ics).walk("VEVENT")))
        start = event.decoded("DTSTART").astimezone(ZoneInfo("Europe/Oslo"))
        end = event.decoded("DTEND").astimezone(ZoneInfo("Europe/Oslo"))
        assert start == datetime.combine(visit.on_date, time(10, 15), ZoneInfo("Europe/Oslo"))
        assert (end - start).total_seconds() == 45 * 60
        assert (
            "agree on another with the teacher" in message.body_text or "avtal" in message.body_text
        )
