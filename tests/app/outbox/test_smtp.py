"""Invites delivered through a real SMTP server on 127.0.0.1 and read back by two parsers."""

import dataclasses
import email
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from zoneinfo import ZoneInfo

import icalendar
import pytest

from app.calendar.ics import Attendee, CalendarEvent, build_cancel, build_request
from app.outbox.mime import build_mime
from app.outbox.smtp import DeliveryError, deliver
from tests.app.calendar.test_ics import vobject_instants
from tests.app.outbox.smtp_server import ReceivedMessage, SmtpServer

SENDER = "booking@skolebro.no"
TEACHER = Attendee(email="lærer.aase@skole.no", name="Åse Ærø")
COMPANY = Attendee(email="kontakt@alesund-aero.no", name="Ålesund Ærø AS")
SUBJECT = "Bedriftsbesøk hos Ålesund Ærø AS"


def allow_port(request: pytest.FixtureRequest, port: int) -> None:
    """Tell the suite's SMTP guard (tests/conftest.py `allow_smtp`) this port is expected."""
    try:
        allow_smtp = request.getfixturevalue("allow_smtp")
    except pytest.FixtureLookupError:
        return  # run with --noconftest: there is no guard to tell
    allow_smtp(port)


@pytest.fixture
def smtp_server(request: pytest.FixtureRequest) -> Iterator[SmtpServer]:
    """A real SMTP server on a free port of 127.0.0.1 for the length of one test."""
    with SmtpServer() as server:
        allow_port(request, server.port)
        yield server


def booking(tz_name: str, local_start: datetime) -> CalendarEvent:
    """A confirmed visit starting at `local_start` wall time in `tz_name`."""
    start = local_start.replace(tzinfo=ZoneInfo(tz_name)).astimezone(UTC)
    return CalendarEvent(
        uid="booking-42@skolebro.no",
        sequence=0,
        summary=SUBJECT,
        description="Klasse 8B møter rollemodellen.",
        location="Storgata 1, Ålesund",
        start_utc=start,
        end_utc=start + timedelta(hours=2),
        tz_name=tz_name,
        organizer_email=SENDER,
        organizer_name="Skolebro",
        attendees=(TEACHER, COMPANY),
    )


def send_one_per_recipient(server: SmtpServer, event: CalendarEvent, method: str) -> None:
    """Send the event to every attendee, one message each, as the outbox worker will."""
    build = build_request if method == "REQUEST" else build_cancel
    for attendee in event.attendees:
        ics = build(event, attendee)
        to = f"{attendee.name} <{attendee.email}>"
        raw = build_mime(SENDER, to, SUBJECT, "Hei!", "<p>Hei!</p>", ics, method)
        deliver(raw, SENDER, [attendee.email], server.host, server.port, timeout=5)


def calendar_part(received: ReceivedMessage) -> tuple[EmailMessage, bytes]:
    """Check the exact MIME tree and return the message and its calendar bytes."""
    # RFC 6532 headers are raw UTF-8; message_from_bytes would leave surrogate escapes.
    message = email.message_from_string(received.raw.decode("utf-8"), policy=default)
    assert message.get_content_type() == "multipart/mixed"
    (alternative,) = message.iter_parts()
    parts = list(alternative.iter_parts())
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html", "text/calendar"]
    assert parts[2].get_param("charset") == "utf-8"
    return message, parts[2].get_payload(decode=True)


def check_received(received: ReceivedMessage, method: str, sequence: int, start: datetime):
    """One recipient only, the right iTIP method and SEQUENCE, times as zoneinfo says."""
    message, ics = calendar_part(received)
    (recipient,) = received.rcpt_tos
    assert message["Subject"] == SUBJECT
    assert [a.addr_spec for a in message["To"].addresses] == [recipient]
    assert message.get_payload(0).get_payload(2).get_param("method") == method
    calendar = icalendar.Calendar.from_ical(ics)
    (vevent,) = calendar.walk("VEVENT")
    assert (calendar["METHOD"], vevent["SEQUENCE"]) == (method, sequence)
    assert str(vevent["UID"]) == "booking-42@skolebro.no"
    assert str(vevent["SUMMARY"]) == SUBJECT
    assert vevent["ATTENDEE"] == f"mailto:{recipient}"
    unfolded = ics.replace(b"\r\n ", b"")
    assert recipient.encode() in unfolded and unfolded.count(b"mailto:") == 2  # organizer + one
    utc_start = start.astimezone(UTC)
    assert vevent.decoded("DTSTART") == start and vevent.decoded("DTSTART").hour == 9
    expected = (utc_start, utc_start + timedelta(hours=2))
    assert vobject_instants(ics) == {"booking-42@skolebro.no": expected}


@pytest.mark.parametrize(
    ("tz_name", "local_start"),
    [
        ("Europe/Oslo", datetime(2027, 1, 14, 9)),  # winter, CET
        ("Europe/Copenhagen", datetime(2027, 6, 10, 9)),  # summer, CEST
    ],
)
def test_booking_reschedule_cancel(smtp_server: SmtpServer, tz_name: str, local_start: datetime):
    """Booking, reschedule (same UID, SEQUENCE+1) and cancel arrive correct to each person."""
    event = booking(tz_name, local_start)
    moved = dataclasses.replace(
        event,
        sequence=1,
        start_utc=event.start_utc + timedelta(days=7),
        end_utc=event.end_utc + timedelta(days=7),
    )
    cancelled = dataclasses.replace(moved, sequence=2, status="CANCELLED")
    steps = [(event, "REQUEST"), (moved, "REQUEST"), (cancelled, "CANCEL")]
    for step_event, method in steps:
        send_one_per_recipient(smtp_server, step_event, method)
    received = smtp_server.received()
    assert len(received) == 6
    zone = ZoneInfo(tz_name)
    for index, message in enumerate(received):
        step_event, method = steps[index // 2]
        start = step_event.start_utc.astimezone(zone)
        assert start.replace(tzinfo=None) == local_start + timedelta(days=7 * (index >= 2))
        check_received(message, method, step_event.sequence, start)
    assert [m.rcpt_tos for m in received[:2]] == [(TEACHER.email,), (COMPANY.email,)]


def test_raw_bytes_arrive_unchanged(smtp_server: SmtpServer):
    """What the outbox stored is exactly what the server receives."""
    event = booking("Europe/Oslo", datetime(2027, 1, 14, 9))
    raw = build_mime(
        SENDER, TEACHER.email, SUBJECT, "Hei", None, build_request(event, TEACHER), "REQUEST"
    )
    deliver(raw, SENDER, [TEACHER.email], smtp_server.host, smtp_server.port, timeout=5)
    (received,) = smtp_server.received()
    assert (received.mail_from, received.rcpt_tos, received.raw) == (SENDER, (TEACHER.email,), raw)


def test_server_down_then_up(smtp_server: SmtpServer):
    """A stopped server gives a temporary DeliveryError; after restart it gets the mail once."""
    raw = build_mime(SENDER, COMPANY.email, SUBJECT, "Hei", None, None, None)
    smtp_server.stop()
    with pytest.raises(DeliveryError) as failure:
        deliver(raw, SENDER, [COMPANY.email], smtp_server.host, smtp_server.port, timeout=5)
    assert not failure.value.is_permanent
    assert failure.value.is_unreachable  # every other message would fail the same way
    assert smtp_server.received() == []
    smtp_server.start()
    deliver(raw, SENDER, [COMPANY.email], smtp_server.host, smtp_server.port, timeout=5)
    assert [m.raw for m in smtp_server.received()] == [raw]


def test_refused_recipient_is_permanent(smtp_server: SmtpServer):
    """A 550 for the recipient is reported as permanent, so the worker stops retrying."""
    smtp_server.refused_recipients.add("gone@example.no")
    raw = build_mime(SENDER, "gone@example.no", SUBJECT, "Hei", None, None, None)
    with pytest.raises(DeliveryError, match="gone@example.no") as failure:
        deliver(raw, SENDER, ["gone@example.no"], smtp_server.host, smtp_server.port, timeout=5)
    assert failure.value.is_permanent
    assert not failure.value.is_unreachable  # the server answered: the next message may go
    assert smtp_server.received() == []


def test_partly_refused_recipients_raise(smtp_server: SmtpServer):
    """If one of several recipients is refused, the caller hears about it."""
    smtp_server.refused_recipients.add("gone@example.no")
    raw = build_mime(SENDER, COMPANY.email, SUBJECT, "Hei", None, None, None)
    recipients = [COMPANY.email, "gone@example.no"]
    with pytest.raises(DeliveryError, match="gone@example.no"):
        deliver(raw, SENDER, recipients, smtp_server.host, smtp_server.port, timeout=5)
    assert [m.rcpt_tos for m in smtp_server.received()] == [(COMPANY.email,)]


def test_tls_against_plain_server_fails_clearly(smtp_server: SmtpServer):
    """Implicit TLS to a plain-text server is a DeliveryError, not a hang or a crash."""
    raw = build_mime(SENDER, COMPANY.email, SUBJECT, "Hei", None, None, None)
    with pytest.raises(DeliveryError, match="unreachable or failed"):
        deliver(raw, SENDER, [COMPANY.email], smtp_server.host, smtp_server.port, 5, use_tls=True)


def test_bad_arguments_are_refused():
    """No recipients, or both TLS modes at once, are programming errors."""
    with pytest.raises(ValueError):
        deliver(b"x", SENDER, [], "127.0.0.1", 25)
    with pytest.raises(ValueError):
        deliver(b"x", SENDER, ["a@b.no"], "127.0.0.1", 25, use_tls=True, starttls=True)


@pytest.fixture
def ascii_only_server(request: pytest.FixtureRequest) -> Iterator[SmtpServer]:
    """A real SMTP server that does not offer SMTPUTF8."""
    with SmtpServer(is_smtputf8=False) as server:
        allow_port(request, server.port)
        yield server


def test_non_ascii_address_needs_smtputf8(ascii_only_server: SmtpServer):
    """A non-ASCII address to a server without SMTPUTF8 fails for good, not retried forever."""
    raw = build_mime(SENDER, TEACHER.email, SUBJECT, "Hei", None, None, None)
    server = ascii_only_server
    with pytest.raises(DeliveryError, match="cannot take this message") as failure:
        deliver(raw, SENDER, [TEACHER.email], server.host, server.port, timeout=5)
    assert failure.value.is_permanent
    assert server.received() == []
