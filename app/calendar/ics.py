"""iCalendar invites (RFC 5546 iTIP) and subscription feeds for confirmed activities."""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vRecur,
)
from icalendar.parser import Parameters

PRODID = "-//Skolebro//Skolebro invites 1.0//EN"
# Both zones follow the EU rule since 1996: last Sunday of March/October at 01:00 UTC.
EU_RULE_ZONES = ("Europe/Oslo", "Europe/Copenhagen")
EU_RULE_FIRST_YEAR = 1996
ROLES = ("CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT")
STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f\"]")
_EMAIL = re.compile(r"[^@\s\"<>:;,]+@[^@\s\"<>:;,]+")


class _QuotedCnParameters(Parameters):
    """Parameters that always double-quote CN, so non-ASCII names survive every parser."""

    always_quoted = (*Parameters.always_quoted, "CN")


@dataclass(frozen=True)
class Attendee:
    """One invited person: the only address a single invite message carries."""

    email: str
    name: str
    role: str = "REQ-PARTICIPANT"

    def __post_init__(self) -> None:
        """Refuse addresses and roles that would corrupt the calendar data."""
        _check_email(self.email)
        if self.role not in ROLES:
            raise ValueError(f"unknown attendee role {self.role!r}")


@dataclass(frozen=True)
class CalendarEvent:
    """A confirmed activity as one iCalendar event; times are aware UTC datetimes."""

    uid: str
    sequence: int
    summary: str
    description: str
    location: str
    start_utc: datetime
    end_utc: datetime
    tz_name: str
    organizer_email: str
    organizer_name: str
    attendees: tuple[Attendee, ...] = field(default=())
    url: str | None = None
    status: str = "CONFIRMED"

    def __post_init__(self) -> None:
        """Refuse events no calendar client could show correctly."""
        if not self.uid or _CONTROL.search(self.uid) or "\n" in self.uid:
            raise ValueError("uid must be a non-empty single line")
        if self.sequence < 0:
            raise ValueError("sequence must be >= 0")
        for moment in (self.start_utc, self.end_utc):
            if moment.utcoffset() != timedelta(0):
                raise ValueError("start_utc and end_utc must be aware UTC datetimes")
        if self.end_utc <= self.start_utc:
            raise ValueError("end_utc must be after start_utc")
        if self.tz_name not in EU_RULE_ZONES:
            raise ValueError(f"unsupported time zone {self.tz_name!r}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        _check_email(self.organizer_email)


def build_request(event: CalendarEvent, attendee: Attendee) -> bytes:
    """Return a METHOD:REQUEST invite for one attendee (new event or a change)."""
    calendar = _calendar(method="REQUEST")
    vevent = _vevent(event, status=event.status)
    vevent.add("attendee", _attendee_address(attendee, is_request=True))
    calendar.add_component(vevent)
    return _with_vtimezone(calendar, event.tz_name)


def build_cancel(event: CalendarEvent, attendee: Attendee) -> bytes:
    """Return a METHOD:CANCEL for one attendee; pass the event with a raised SEQUENCE."""
    calendar = _calendar(method="CANCEL")
    vevent = _vevent(event, status="CANCELLED")
    vevent.add("attendee", _attendee_address(attendee, is_request=False))
    calendar.add_component(vevent)
    return _with_vtimezone(calendar, event.tz_name)


def build_feed(events: list[CalendarEvent], calendar_name: str) -> bytes:
    """Return a subscription feed: no METHOD and no attendee addresses, many VEVENTs."""
    calendar = _calendar(method=None)
    calendar.add("x-wr-calname", clean_text(calendar_name))
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    # X- properties are text to icalendar: a timedelta would be written as "1:00:00".
    calendar.add("x-published-ttl", "PT1H")
    for tz_name in sorted({event.tz_name for event in events}):
        calendar.add_component(vtimezone(tz_name))
    for event in sorted(events, key=lambda e: (e.start_utc, e.uid)):
        calendar.add_component(_vevent(event, status=event.status))
    return calendar.to_ical()


def vtimezone(tz_name: str) -> Timezone:
    """Return the VTIMEZONE for an EU-rule zone in RRULE form (not RDATE lists)."""
    if tz_name not in EU_RULE_ZONES:
        raise ValueError(f"unsupported time zone {tz_name!r}")
    timezone = Timezone()
    timezone.add("tzid", tz_name)
    timezone.add_component(
        _transition(TimezoneDaylight(), "CEST", 3, 31, timedelta(hours=1), timedelta(hours=2))
    )
    timezone.add_component(
        _transition(TimezoneStandard(), "CET", 10, 27, timedelta(hours=2), timedelta(hours=1))
    )
    return timezone


@cache
def _vtimezone_ical(tz_name: str) -> bytes:
    """The zone's VTIMEZONE as iCalendar text, built once: it is the same in every invite and
    was nearly half of the text icalendar rendered per invite (a national publication renders
    some 50,000)."""
    return vtimezone(tz_name).to_ical()


def _with_vtimezone(calendar: Calendar, tz_name: str) -> bytes:
    """The calendar's text with the zone's VTIMEZONE before its one VEVENT, where RFC 5545
    and the parsers expect it; the same bytes as adding the component before the event."""
    text = calendar.to_ical()
    at = text.index(b"\r\nBEGIN:VEVENT\r\n") + 2
    return text[:at] + _vtimezone_ical(tz_name) + text[at:]


def clean_text(value: str) -> str:
    """Drop control characters (keeping newline and tab); icalendar escapes the rest."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_name(value: str) -> str:
    """Make a display name safe for a CN parameter: no quotes, no control characters."""
    return " ".join(_NAME_UNSAFE.sub(" ", value).split())


def _transition(
    part: TimezoneDaylight | TimezoneStandard,
    tz_abbrev: str,
    month: int,
    first_day: int,
    offset_from: timedelta,
    offset_to: timedelta,
) -> TimezoneDaylight | TimezoneStandard:
    """Fill one yearly transition at 01:00 UTC on the last Sunday of `month`."""
    local_hour = 1 + int(offset_from.total_seconds()) // 3600
    part.add("tzname", tz_abbrev)
    part.add("dtstart", datetime(EU_RULE_FIRST_YEAR, month, first_day, local_hour))
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    part.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
    return part


def _calendar(method: str | None) -> Calendar:
    """Return an empty VCALENDAR, with METHOD only for iTIP messages."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method is not None:
        calendar.add("method", method)
    return calendar


def _vevent(event: CalendarEvent, status: str) -> Event:
    """Return the VEVENT shared by invites, cancellations and feeds (no attendees)."""
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", datetime.now(UTC))
    vevent.add("dtstart", local_time(event.start_utc, event.tz_name))
    vevent.add("dtend", local_time(event.end_utc, event.tz_name))
    vevent.add("summary", clean_text(event.summary))
    if event.description:
        vevent.add("description", clean_text(event.description))
    if event.location:
        vevent.add("location", clean_text(event.location))
    if event.url:
        vevent.add("url", clean_text(event.url).strip())
    vevent.add("status", status)
    vevent.add("transp", "OPAQUE")
    vevent.add("organizer", _address(event.organizer_email, event.organizer_name))
    return vevent


def local_time(moment_utc: datetime, tz_name: str) -> datetime:
    """Return wall-clock time with TZID, or UTC when the wall-clock time is ambiguous."""
    local = moment_utc.astimezone(ZoneInfo(tz_name))
    # RFC 5545 reads an ambiguous TZID time as its first occurrence; keep the instant.
    if local.replace(fold=0).astimezone(UTC) != moment_utc.astimezone(UTC):
        return moment_utc.astimezone(UTC)
    return local


def _address(email: str, name: str) -> vCalAddress:
    """Return a mailto: address whose CN is cleaned and always quoted."""
    _check_email(email)
    address = vCalAddress(f"mailto:{email.strip()}")
    address.params = _QuotedCnParameters()
    cn = clean_name(name)
    if cn:
        address.params["CN"] = cn
    return address


def _attendee_address(attendee: Attendee, is_request: bool) -> vCalAddress:
    """Return the ATTENDEE value; a REQUEST asks for a reply, a CANCEL does not."""
    address = _address(attendee.email, attendee.name)
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = attendee.role
    if is_request:
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
    return address


def _check_email(email: str) -> None:
    """Refuse anything that is not one plain address (no quotes, spaces or separators)."""
    if not _EMAIL.fullmatch(email.strip()):
        raise ValueError(f"not a plain e-mail address: {email!r}")


__all__ = [
    "Attendee",
    "CalendarEvent",
    "build_cancel",
    "build_feed",
    "build_request",
    "clean_name",
    "clean_text",
    "local_time",
    "vtimezone",
]
