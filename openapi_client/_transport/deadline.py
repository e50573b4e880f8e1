"""A time limit for a whole try, enforced on every socket read.

urllib3's read timeout bounds each ``recv`` on its own, so a server that trickles one byte just
inside it can stretch a call forever. Here the transport sets a *deadline* (a ``time.monotonic()``
instant) for the current thread while a try runs; connections opened by the SDK read through
sockets whose ``recv_into`` never waits past it and raises ``socket.timeout`` once it has passed.
Outside a try (for instance a caller reading a streamed response later) sockets behave as usual.

Example::

    with deadline_scope(time.monotonic() + 5):
        ...  # every read on an armed socket ends within 5 s from now
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional


class _Deadlines(threading.local):
    deadline: Optional[float] = None  # each thread starts without one


_local = _Deadlines()
_monotonic = time.monotonic


def current_deadline() -> Optional[float]:
    """The deadline of the try running on this thread, or ``None``."""
    return _local.deadline


@contextmanager
def deadline_scope(deadline: Optional[float]) -> Iterator[None]:
    """Run the block with ``deadline`` as this thread's deadline (``None``: no deadline)."""
    previous = _local.deadline
    _local.deadline = deadline
    try:
        yield
    finally:
        _local.deadline = previous


def remaining(deadline: Optional[float]) -> Optional[float]:
    """Seconds left until ``deadline`` (never below 1 ms, so it can serve as a socket timeout)."""
    return None if deadline is None else max(deadline - _monotonic(), 0.001)


def _bounded(recv_into: Callable[..., int]) -> Callable[..., int]:
    """``recv_into`` that waits no longer than this thread's deadline allows."""

    def bounded_recv_into(sock: Any, *args: Any) -> int:
        deadline = _local.deadline
        if deadline is None:
            return recv_into(sock, *args)
        left = deadline - _monotonic()
        if left <= 0:
            raise socket.timeout("the try's time limit passed")
        timeout = sock.gettimeout()
        if timeout is not None and timeout <= left:
            return recv_into(sock, *args)
        sock.settimeout(left)
        try:
            return recv_into(sock, *args)
        finally:
            sock.settimeout(timeout)

    return bounded_recv_into


class _DeadlineSocket(socket.socket):
    """A plain socket whose reads respect the thread's deadline."""

    __slots__ = ()
    recv_into = _bounded(socket.socket.recv_into)


class _DeadlineSSLSocket(ssl.SSLSocket):
    """A TLS socket whose reads respect the thread's deadline."""

    recv_into = _bounded(ssl.SSLSocket.recv_into)


def arm(sock: Any) -> None:
    """Make ``sock`` respect deadlines (sockets of other types, such as TLS-in-TLS, are left alone)."""
    kind = type(sock)
    if kind is socket.socket:
        sock.__class__ = _DeadlineSocket
    elif kind is ssl.SSLSocket:
        sock.__class__ = _DeadlineSSLSocket
