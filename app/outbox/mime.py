"""RFC 5322 message bytes for the outbox, with an optional iTIP calendar part.

A plain function on `email.message.EmailMessage`, not a Flask-Mail `Message` subclass:
the outbox stores finished bytes in the same transaction as the change and a worker sends
them later without an app context, and Flask-Mail 0.10 needs `current_app`, drops
`alts={"html": ...}`, writes no `method=`/`charset` on text/calendar and, on import,
re-registers utf-8 as 8bit (`email.charset.add_charset`) for the whole process. Every
content-transfer-encoding here is explicit, so the bytes are 7-bit ASCII either way
(unless an address itself is not ASCII: then headers are raw UTF-8, RFC 6532).
"""

from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8, EmailPolicy
from email.utils import format_datetime, make_msgid, parseaddr

ICS_METHODS = ("REQUEST", "CANCEL", "REPLY", "PUBLISH")


def build_mime(
    sender: str,
    recipient: str,
    subject: str,
    text: str,
    html: str | None,
    ics_bytes: bytes | None,
    ics_method: str | None,
) -> bytes:
    """Return one message for one recipient: mixed > alternative [plain, html, calendar]."""
    _check_calendar(ics_bytes, ics_method)
    body = EmailMessage(policy=_policy(sender, recipient))
    body.set_content(text, subtype="plain", cte="quoted-printable")
    if html is not None:
        body.add_alternative(html, subtype="html", cte="quoted-printable")
    if ics_bytes is not None and ics_method is not None:
        # Bytes + base64 keep the CRLF line endings iCalendar requires.
        body.add_alternative(
            ics_bytes,
            maintype="text",
            subtype="calendar",
            cte="base64",
            params={"method": ics_method, "charset": "utf-8"},
        )
        body.make_mixed()
    for part in body.walk():
        if part is not body:
            del part["MIME-Version"]  # EmailMessage parts add it; it belongs on top only
    _add_headers(body, sender, recipient, subject)
    return body.as_bytes()


def _add_headers(message: EmailMessage, sender: str, recipient: str, subject: str) -> None:
    """Set the envelope-visible headers; only the one recipient ever appears."""
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=_domain(sender))


def _policy(*addresses: str) -> EmailPolicy:
    """SMTP (7-bit headers), or SMTPUTF8 when an address itself is not ASCII (RFC 6532)."""
    # email would otherwise put RFC 2047 encoded-words inside the addr-spec, which no
    # server delivers; smtp.deliver then asks the server for SMTPUTF8.
    is_ascii = all(parseaddr(address)[1].isascii() for address in addresses)
    return SMTP if is_ascii else SMTPUTF8


def _domain(address: str) -> str:
    """Return the domain of an address, for Message-IDs without a DNS lookup."""
    _, email = parseaddr(address)
    return email.rpartition("@")[2] or "localhost"


def _check_calendar(ics_bytes: bytes | None, ics_method: str | None) -> None:
    """Refuse a calendar without a method, or a method without a calendar."""
    if (ics_bytes is None) != (ics_method is None):
        raise ValueError("ics_bytes and ics_method go together")
    if ics_method is not None and ics_method not in ICS_METHODS:
        raise ValueError(f"unknown iTIP method {ics_method!r}")
    if ics_bytes is not None and f"METHOD:{ics_method}\r\n".encode() not in ics_bytes:
        raise ValueError("ics_method does not match the calendar's METHOD")
