"""The MIME tree calendar clients understand, with UTF-8 and CRLF intact."""

import email
import importlib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default

import pytest

from app.calendar.ics import Attendee, CalendarEvent, build_cancel, build_request
from app.outbox.mime import build_mime

SENDER = "Skolebro <booking@skolebro.no>"
RECIPIENT = "Åse Ærø <aase@example.no>"
SUBJECT = "Bedriftsbesøk hos Ålesund Ærø AS"
TEXT = "Hei Åse!\nBesøket er bekreftet.\n"
HTML = "<p>Hei Åse! Besøket er <b>bekreftet</b>.</p>"


@pytest.fixture
def attendee() -> Attendee:
    """The only person the message goes to."""
    return Attendee(email="aase@example.no", name="Åse Ærø")


@pytest.fixture
def event(attendee: Attendee) -> CalendarEvent:
    """A summer visit in Copenhagen."""
    start = datetime(2027, 6, 10, 7, tzinfo=UTC)
    return CalendarEvent(
        uid="booking-7@skolebro.no",
        sequence=0,
        summary=SUBJECT,
        description="Møt rollemodellen",
        location="Ærøskøbing",
        start_utc=start,
        end_utc=start + timedelta(hours=1),
        tz_name="Europe/Copenhagen",
        organizer_email="booking@skolebro.no",
        organizer_name="Skolebro",
        attendees=(attendee,),
    )


def lf(text: str) -> str:
    """Undo the CRLF that text bodies carry on the wire, as a mail client does."""
    return text.replace("\r\n", "\n")


def parse(raw: bytes) -> EmailMessage:
    """Parse raw bytes as a mail client would."""
    return email.message_from_bytes(raw, policy=default)


def tree(part: EmailMessage) -> list:
    """Return the MIME tree as nested content types."""
    if part.is_multipart():
        return [part.get_content_type(), [tree(child) for child in part.iter_parts()]]
    return part.get_content_type()


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_invite_tree(method: str, event: CalendarEvent, attendee: Attendee):
    """mixed > alternative [plain, html, calendar; method; charset], one calendar part."""
    build = build_request if method == "REQUEST" else build_cancel
    ics = build(event, attendee)
    message = parse(build_mime(SENDER, RECIPIENT, SUBJECT, TEXT, HTML, ics, method))
    assert tree(message) == [
        "multipart/mixed",
        [["multipart/alternative", ["text/plain", "text/html", "text/calendar"]]],
    ]
    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    (calendar,) = calendars
    assert calendar.get_param("method") == method
    assert calendar.get_param("charset") == "utf-8"
    assert calendar.get_content_disposition() is None
    assert calendar.get_payload(decode=True) == ics


def test_utf8_headers_and_bodies_survive(event: CalendarEvent, attendee: Attendee):
    """Subject, display names and bodies come back exactly; the raw bytes are 7-bit CRLF."""
    raw = build_mime(
        SENDER, RECIPIENT, SUBJECT, TEXT, HTML, build_request(event, attendee), "REQUEST"
    )
    assert raw.isascii() and raw.count(b"\n") == raw.count(b"\r\n")
    message = parse(raw)
    assert message["Subject"] == SUBJECT
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Åse Ærø", "aase@example.no")
    assert message["From"].addresses[0].addr_spec == "booking@skolebro.no"
    assert message["Message-ID"].endswith("@skolebro.no>")
    assert message["Date"].datetime.utcoffset() == timedelta(0)
    plain, html, _ = message.get_payload(0).iter_parts()
    assert lf(plain.get_content()) == TEXT
    assert lf(html.get_content()).rstrip("\n") == HTML
    assert "Cc" not in message and "Bcc" not in message


def test_flask_mail_import_does_not_change_encoding(event: CalendarEvent, attendee: Attendee):
    """flask_mail re-registers utf-8 as 8bit on import; our bytes stay 7-bit anyway."""
    importlib.import_module("flask_mail")
    raw = build_mime(
        SENDER, RECIPIENT, SUBJECT, TEXT, HTML, build_request(event, attendee), "REQUEST"
    )
    assert raw.isascii()
    assert parse(raw)["Subject"] == SUBJECT


def test_mail_without_calendar():
    """Without a calendar: alternative [plain, html]; without html either: plain text."""
    with_html = parse(build_mime(SENDER, RECIPIENT, SUBJECT, TEXT, HTML, None, None))
    assert tree(with_html) == ["multipart/alternative", ["text/plain", "text/html"]]
    text_only = parse(build_mime(SENDER, RECIPIENT, SUBJECT, TEXT, None, None, None))
    assert tree(text_only) == "text/plain"
    assert lf(text_only.get_content()) == TEXT


def test_inconsistent_calendar_is_refused(event: CalendarEvent, attendee: Attendee):
    """A method that disagrees with the calendar, or one without the other, is refused."""
    ics = build_request(event, attendee)
    for ics_bytes, method in ((ics, "CANCEL"), (ics, None), (None, "REQUEST"), (ics, "BOGUS")):
        with pytest.raises(ValueError):
            build_mime(SENDER, RECIPIENT, SUBJECT, TEXT, HTML, ics_bytes, method)


def test_header_injection_is_refused():
    """A newline in a header value can never add a header such as Bcc."""
    with pytest.raises(ValueError):
        build_mime(SENDER, RECIPIENT, "Hei\r\nBcc: eve@example.com", TEXT, None, None, None)


def test_non_ascii_address_uses_utf8_headers():
    """An address that is not ASCII is written as RFC 6532 UTF-8, never as encoded-words."""
    raw = build_mime(SENDER, "Åse <lærer.åse@skøle.no>", SUBJECT, TEXT, None, None, None)
    assert "To: Åse <lærer.åse@skøle.no>\r\n".encode() in raw
    message = email.message_from_string(raw.decode("utf-8"), policy=default)
    assert message["To"].addresses[0].addr_spec == "lærer.åse@skøle.no"
    assert message["Subject"] == SUBJECT
