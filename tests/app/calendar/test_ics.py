"""Invites, cancellations and feeds read back by icalendar and vobject, checked by zoneinfo."""

import dataclasses
import json
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from app.calendar.ics import (
    Attendee,
    CalendarEvent,
    build_cancel,
    build_feed,
    build_request,
    clean_name,
    local_time,
)

ZONES = ("Europe/Oslo", "Europe/Copenhagen")
# vobject keeps the first VTIMEZONE per TZID for the whole process, so every vobject
# parse runs in a fresh interpreter: an earlier test can never mask a wrong VTIMEZONE.
VOBJECT_SCRIPT = """
import json, sys, vobject
from datetime import timezone
calendar = vobject.readOne(sys.stdin.buffer.read().decode("utf-8"))
print(json.dumps([
    [e.uid.value, e.dtstart.value.astimezone(timezone.utc).isoformat(),
     e.dtend.value.astimezone(timezone.utc).isoformat()]
    for e in calendar.vevent_list
]))
"""


def vobject_instants(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    """Parse with vobject in a fresh process; return UTC start and end per UID."""
    run = subprocess.run(
        [sys.executable, "-c", VOBJECT_SCRIPT], input=ics, capture_output=True, check=True
    )
    rows = json.loads(run.stdout)
    return {uid: (datetime.fromisoformat(s), datetime.fromisoformat(e)) for uid, s, e in rows}


def icalendar_instants(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    """Parse with icalendar, reading wall times through the file's own VTIMEZONE."""
    calendar = icalendar.Calendar.from_ical(ics)
    zones = {tz["TZID"]: tz.to_tz(lookup_tzid=False) for tz in calendar.walk("VTIMEZONE")}

    def instant(value: datetime) -> datetime:
        """Return the UTC instant of a parsed DTSTART/DTEND."""
        zone = getattr(value.tzinfo, "key", "UTC")
        if zone not in zones:  # written in UTC
            return value.astimezone(UTC)
        return value.replace(tzinfo=zones[zone]).astimezone(UTC)

    return {
        str(e["UID"]): (instant(e.decoded("DTSTART")), instant(e.decoded("DTEND")))
        for e in calendar.walk("VEVENT")
    }


@pytest.fixture
def student() -> Attendee:
    """An attendee whose name needs quoting and cleaning."""
    return Attendee(email="aase@example.no", name='Åse "Ærø"\x07 Øvreås')


@pytest.fixture
def company() -> Attendee:
    """A second attendee who must never see the student's address."""
    return Attendee(email="kontakt@alesund-aero.no", name="Ålesund Ærø AS", role="CHAIR")


@pytest.fixture
def event(student: Attendee, company: Attendee) -> CalendarEvent:
    """A winter visit in Oslo: 2027-01-14 09:00-11:00 local."""
    oslo = ZoneInfo("Europe/Oslo")
    start = datetime(2027, 1, 14, 9, tzinfo=oslo).astimezone(UTC)
    return CalendarEvent(
        uid="booking-42@skolebro.no",
        sequence=0,
        summary="Bedriftsbesøk hos Ålesund Ærø AS; robotikk, 8B",
        description="Møt rollemodellen.\nTa med: PC, nysgjerrighet\\spørsmål",
        location="Storgata 1, 6002 Ålesund",
        start_utc=start,
        end_utc=start + timedelta(hours=2),
        tz_name="Europe/Oslo",
        organizer_email="booking@skolebro.no",
        organizer_name="Skolebro",
        attendees=(student, company),
        url="https://skolebro.no/bookings/42",
    )


def test_request_is_itip_request_for_one_attendee(event: CalendarEvent, student: Attendee):
    """A REQUEST carries METHOD, UID, SEQUENCE, the organizer and only its recipient."""
    calendar = icalendar.Calendar.from_ical(build_request(event, student))
    (vevent,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert (str(vevent["UID"]), vevent["SEQUENCE"]) == ("booking-42@skolebro.no", 0)
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["ORGANIZER"] == "mailto:booking@skolebro.no"
    attendee = vevent["ATTENDEE"]
    assert attendee == "mailto:aase@example.no"
    assert dict(attendee.params) == {
        "CN": "Åse Ærø Øvreås",
        "CUTYPE": "INDIVIDUAL",
        "ROLE": "REQ-PARTICIPANT",
        "PARTSTAT": "NEEDS-ACTION",
        "RSVP": "TRUE",
    }
    assert str(vevent["URL"]) == "https://skolebro.no/bookings/42"


def test_no_other_address_leaks(event: CalendarEvent, student: Attendee, company: Attendee):
    """Each message names only its own attendee, never the other participants."""
    assert b"kontakt@alesund-aero.no" not in build_request(event, student)
    assert b"kontakt@alesund-aero.no" not in build_cancel(event, student)
    assert b"aase@example.no" not in build_request(event, company)


def test_cancel_is_itip_cancel(event: CalendarEvent, student: Attendee):
    """A CANCEL keeps the UID, carries the given SEQUENCE and STATUS:CANCELLED, no RSVP."""
    cancelled = dataclasses.replace(event, sequence=2)
    calendar = icalendar.Calendar.from_ical(build_cancel(cancelled, student))
    (vevent,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL"
    assert (str(vevent["UID"]), vevent["SEQUENCE"]) == ("booking-42@skolebro.no", 2)
    assert vevent["STATUS"] == "CANCELLED"
    assert "RSVP" not in vevent["ATTENDEE"].params


def test_text_survives_escaping(event: CalendarEvent, student: Attendee):
    """Commas, semicolons, backslashes, newlines and Norwegian letters come back intact."""
    vevent = icalendar.Calendar.from_ical(build_request(event, student)).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.summary
    assert str(vevent["DESCRIPTION"]) == event.description
    assert str(vevent["LOCATION"]) == event.location


def test_control_characters_are_dropped(event: CalendarEvent, student: Attendee):
    """Control characters never reach the calendar text; newlines stay escaped."""
    noisy = dataclasses.replace(event, summary="Besøk\x00\x1b[31m\r\nneste linje")
    ics = build_request(noisy, student)
    assert b"\x00" not in ics and b"\x1b" not in ics
    vevent = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Besøk[31m\nneste linje"


def test_cn_is_quoted_and_cleaned(event: CalendarEvent):
    """A non-ASCII CN without spaces is quoted; quotes and control characters are gone."""
    ics = build_request(event, Attendee(email="aase@example.no", name="Åse"))
    assert b'CN="\xc3\x85se"' in ics
    assert clean_name('Ola "Boss"\r\nATTENDEE:mailto:x@y\x7f') == "Ola Boss ATTENDEE:mailto:x@y"


def test_lines_end_in_crlf_and_are_folded(event: CalendarEvent, student: Attendee):
    """Every line ends in CRLF and no line exceeds 75 octets (RFC 5545 3.1)."""
    long_event = dataclasses.replace(event, description="Rollemodell " * 40)
    ics = build_request(long_event, student)
    assert ics.endswith(b"\r\n") and b"\r\n " in ics
    assert ics.count(b"\n") == ics.count(b"\r\n")
    assert max(len(line) for line in ics.split(b"\r\n")) <= 75


def test_dtstamp_is_now_in_utc(event: CalendarEvent, student: Attendee):
    """DTSTAMP is the moment the message is built, in UTC."""
    before = datetime.now(UTC).replace(microsecond=0)
    vevent = icalendar.Calendar.from_ical(build_request(event, student)).walk("VEVENT")[0]
    stamp = vevent.decoded("DTSTAMP")
    assert stamp.utcoffset() == timedelta(0)
    assert before <= stamp <= datetime.now(UTC)


def test_vtimezone_uses_rrule_not_rdate(event: CalendarEvent, student: Attendee):
    """The VTIMEZONE is the compact RRULE form every parser reads alike."""
    ics = build_request(event, student)
    assert b"RDATE" not in ics
    assert ics.count(b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n") == 1
    assert ics.count(b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n") == 1
    assert b"DTSTART;TZID=Europe/Oslo:20270114T090000\r\n" in ics


def test_feed_has_no_method_and_no_attendees(event: CalendarEvent):
    """A subscription feed has a name, many events, no METHOD and no addresses."""
    later = dataclasses.replace(event, uid="booking-43@skolebro.no", tz_name="Europe/Copenhagen")
    ics = build_feed([later, event], "Skolebro – Åse")
    calendar = icalendar.Calendar.from_ical(ics)
    assert "METHOD" not in calendar and b"METHOD" not in ics
    assert str(calendar["X-WR-CALNAME"]) == "Skolebro – Åse"
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
        "booking-42@skolebro.no",
        "booking-43@skolebro.no",
    ]
    assert sorted(tz["TZID"] for tz in calendar.walk("VTIMEZONE")) == sorted(ZONES)
    assert b"ATTENDEE" not in ics and b"aase@example.no" not in ics


def test_invalid_events_are_refused(event: CalendarEvent):
    """Naive or non-UTC times, unknown zones and unsafe addresses never become invites."""
    naive = event.start_utc.replace(tzinfo=None)
    oslo = event.start_utc.astimezone(ZoneInfo("Europe/Oslo"))
    for changes in (
        {"start_utc": naive},
        {"start_utc": oslo},
        {"end_utc": event.start_utc},
        {"tz_name": "Europe/London"},
        {"organizer_email": "x@y.no\r\nATTENDEE:mailto:z@w.no"},
        {"sequence": -1},
    ):
        with pytest.raises(ValueError):
            dataclasses.replace(event, **changes)
    with pytest.raises(ValueError):
        Attendee(email='"a"@b.no', name="A")


def days_and_transitions(tz_name: str) -> list[datetime]:
    """Every day 2025-2030 at 10:00 local, plus every 30 minutes around each switch."""
    zone = ZoneInfo(tz_name)
    day, moments = date(2025, 1, 1), []
    while day.year <= 2030:
        moments.append(datetime.combine(day, time(10), zone).astimezone(UTC))
        is_switch_day = day.month in (3, 10) and day.weekday() == 6 and day.day > 24
        if is_switch_day:
            midnight = datetime.combine(day, time(0), UTC) - timedelta(hours=2)
            moments += [midnight + timedelta(minutes=30 * i) for i in range(12)]
        day += timedelta(days=1)
    return moments


@pytest.mark.parametrize("tz_name", ZONES)
def test_vtimezone_agrees_with_zoneinfo(tz_name: str, event: CalendarEvent):
    """Both parsers, reading our VTIMEZONE, give zoneinfo's instant for 2025-2030."""
    moments = days_and_transitions(tz_name)
    events = [
        dataclasses.replace(
            event, uid=f"e{i}", start_utc=m, end_utc=m + timedelta(hours=1), tz_name=tz_name
        )
        for i, m in enumerate(moments)
    ]
    ics = build_feed(events, "check")
    expected = {e.uid: (e.start_utc, e.end_utc) for e in events}
    assert icalendar_instants(ics) == expected
    assert vobject_instants(ics) == expected


def test_ambiguous_wall_time_is_written_in_utc():
    """02:30 occurs twice on the October switch: the second one is written in UTC."""
    first = datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = first + timedelta(hours=1)  # 02:30 CET
    assert local_time(first, "Europe/Oslo").tzinfo == ZoneInfo("Europe/Oslo")
    assert local_time(second, "Europe/Oslo") == second
    assert local_time(second, "Europe/Oslo").tzinfo == UTC


@pytest.mark.parametrize(
    ("build", "method"), [(build_request, "REQUEST"), (build_cancel, "CANCEL")]
)
def test_the_reused_vtimezone_gives_the_text_icalendar_writes(event, student, build, method):
    """The zone's VTIMEZONE text is built once and set before the event: the message equals
    the one icalendar writes with the zone added as a component (DTSTAMP aside)."""
    from app.calendar import ics as module

    ics = build(event, student)
    reference = module._calendar(method=method)
    reference.add_component(module.vtimezone(event.tz_name))
    vevent = module._vevent(event, status="CANCELLED" if method == "CANCEL" else event.status)
    vevent.add("attendee", module._attendee_address(student, is_request=method == "REQUEST"))
    reference.add_component(vevent)

    def without_dtstamp(text: bytes) -> list[bytes]:
        return [line for line in text.split(b"\r\n") if not line.startswith(b"DTSTAMP")]

    assert without_dtstamp(reference.to_ical()) == without_dtstamp(ics)
    assert [c.name for c in icalendar.Calendar.from_ical(ics).subcomponents] == [
        "VTIMEZONE",
        "VEVENT",
    ]
