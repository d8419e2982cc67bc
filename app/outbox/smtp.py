"""Hand finished outbox messages to an SMTP server; the outbox worker owns retries."""

import smtplib
import ssl


class DeliveryError(Exception):
    """A message was not accepted for every recipient; the outbox should retry later."""

    def __init__(
        self, message: str, is_permanent: bool = False, is_unreachable: bool = False
    ) -> None:
        """Keep whether the server refused for good (5xx) or only for now, and whether it
        could not be reached or refused our TLS or login (so every other message would fail
        the same way, and none of them is at fault)."""
        super().__init__(message)
        self.is_permanent = is_permanent
        self.is_unreachable = is_unreachable


def deliver(
    raw_message: bytes,
    sender: str,
    recipients: list[str],
    host: str,
    port: int,
    timeout: float = 10.0,
    use_tls: bool = False,
    starttls: bool = False,
    username: str | None = None,
    password: str | None = None,
) -> None:
    """Send raw RFC 5322 bytes to every envelope recipient or raise DeliveryError."""
    if not recipients:
        raise ValueError("deliver needs at least one recipient")
    if use_tls and starttls:
        raise ValueError("use_tls (implicit TLS) and starttls exclude each other")
    where = f"SMTP {host}:{port}"
    try:
        with _connect(host, port, timeout, use_tls) as client:
            try:
                _secure_and_login(client, starttls, username, password)
            except OSError as error:  # the settings are wrong, not this message
                message = f"{where} refused TLS or our login ({error}); check the mail settings"
                raise DeliveryError(message, is_unreachable=True) from error
            options = _mail_options(raw_message, sender, recipients)
            refused = client.sendmail(sender, recipients, raw_message, options)
    except OSError as error:  # every smtplib error is an OSError too
        raise _delivery_error(where, error) from error
    if refused:
        raise _refused(where, refused)


def _secure_and_login(
    client: smtplib.SMTP, starttls: bool, username: str | None, password: str | None
) -> None:
    """Upgrade to TLS if asked, then log in if credentials are configured."""
    if starttls:
        client.starttls(context=ssl.create_default_context())
    if username:
        client.login(username, password or "")


def _delivery_error(where: str, error: OSError) -> DeliveryError:
    """Translate an smtplib or socket failure; 5xx answers are permanent.

    No answer at all (refused, timed out, name not found, connection lost, TLS broken) or a
    refused greeting means the server is unreachable: the message was never the problem."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _refused(where, error.recipients)
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return DeliveryError(f"{where} cannot take this message: {error}", True)
    if isinstance(error, smtplib.SMTPConnectError):
        code, answer = error.smtp_code, _text(error.smtp_error)
        return DeliveryError(f"{where} refused the connection ({code}: {answer})", False, True)
    if isinstance(error, smtplib.SMTPResponseException):
        code, answer = error.smtp_code, _text(error.smtp_error)
        return DeliveryError(f"{where} answered {code}: {answer}", 500 <= code < 600)
    return DeliveryError(f"{where} unreachable or failed: {error!r}", is_unreachable=True)


def _mail_options(raw_message: bytes, sender: str, recipients: list[str]) -> list[str]:
    """Ask for SMTPUTF8 (RFC 6531) only when an address or a header is not ASCII."""
    if raw_message.isascii() and all(a.isascii() for a in (sender, *recipients)):
        return []
    return ["SMTPUTF8", "BODY=8BITMIME"]


def _connect(host: str, port: int, timeout: float, use_tls: bool) -> smtplib.SMTP:
    """Open a plain or implicit-TLS connection."""
    if use_tls:
        context = ssl.create_default_context()
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    return smtplib.SMTP(host, port, timeout=timeout)


def _refused(where: str, refused: dict[str, tuple[int, bytes]]) -> DeliveryError:
    """Describe refused recipients; permanent only if every one got a 5xx."""
    is_permanent = all(500 <= code < 600 for code, _ in refused.values())
    return DeliveryError(f"{where} refused recipients {sorted(refused)}", is_permanent)


def _text(smtp_error: bytes | str) -> str:
    """Decode an SMTP server answer for the error message."""
    if isinstance(smtp_error, bytes):
        return smtp_error.decode("utf-8", "replace")
    return smtp_error
