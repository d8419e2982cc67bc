"""A real aiosmtpd server on 127.0.0.1 that records what it receives, for mail tests."""

import socket
import threading
from dataclasses import dataclass
from types import TracebackType

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

HOST = "127.0.0.1"


@dataclass(frozen=True)
class ReceivedMessage:
    """One accepted message: the SMTP envelope and the exact bytes of the DATA."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes


class _RecordingHandler:
    """aiosmtpd handler that appends every message to a shared list."""

    def __init__(
        self,
        messages: list[ReceivedMessage],
        lock: threading.Lock,
        refused: set[str],
        deferred: set[str],
    ) -> None:
        """Share the server's list, which outlives restarts."""
        self.messages = messages
        self.lock = lock
        self.refused = refused
        self.deferred = deferred

    async def handle_RCPT(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        """Refuse `refused` with a permanent 550, `deferred` with a passing 450, accept the rest."""
        if address.lower() in self.refused:
            return "550 5.1.1 No such user"
        if address.lower() in self.deferred:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        """Record the message and accept it."""
        raw = envelope.original_content or b""
        message = ReceivedMessage(envelope.mail_from or "", tuple(envelope.rcpt_tos), raw)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class SmtpServer:
    """Start/stop/restart on one fixed port; keeps messages; 550s `refused_recipients`."""

    def __init__(self, port: int | None = None, is_smtputf8: bool = True) -> None:
        """Pick the port once so a restarted server is found where the app expects it."""
        self.host = HOST
        self.is_smtputf8 = is_smtputf8
        self.port = port or free_port()
        self.messages: list[ReceivedMessage] = []
        self.refused_recipients: set[str] = set()
        self.deferred_recipients: set[str] = set()
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    @property
    def is_running(self) -> bool:
        """True while the server accepts connections."""
        return self._controller is not None

    def start(self) -> None:
        """Listen on the fixed port; returns once the server answers."""
        if self._controller is not None:
            return
        handler = _RecordingHandler(
            self.messages, self._lock, self.refused_recipients, self.deferred_recipients
        )
        controller = Controller(
            handler, hostname=self.host, port=self.port, enable_SMTPUTF8=self.is_smtputf8
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        """Stop listening; connections are refused until start() is called again."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def received(self) -> list[ReceivedMessage]:
        """Return a snapshot of the messages received so far."""
        with self._lock:
            return list(self.messages)

    def __enter__(self) -> "SmtpServer":
        """Start the server for a with-block."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server when the with-block ends."""
        self.stop()
