"""Connections and pools of our own: final replies only, deadlines on every read, and a registry.

- :class:`FinalResponse` is ``http.client``'s response, except that it skips *every*
  informational reply (``102 Processing``, ``103 Early Hints``...), not only ``100 Continue``.
  Taking a 1xx as the answer would leave the real answer unread on a pooled connection, to be
  received by the next call; a ``101`` that nobody asked for is a protocol error.
- The connection classes arm their sockets for the try's deadline (:mod:`.deadline`), shorten
  their connect timeout to what is left of it, and register themselves so that closing the client
  closes every connection it opened, even one still held by an unread response.
"""

from __future__ import annotations

import contextlib
import http.client
import threading
import weakref
from typing import Any, List, Tuple

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from openapi_client._transport.deadline import arm, current_deadline, remaining

_MAX_INFORMATIONAL = 20
_MAX_LINE = 65536
_MAX_HEADERS = 100


class FinalResponse(http.client.HTTPResponse):
    """An ``http.client`` response that reads past informational (1xx) replies to the final one."""

    def _read_status(self) -> Tuple[str, int, str]:
        for _ in range(_MAX_INFORMATIONAL):
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if status == 101:
                raise http.client.HTTPException("the server switched protocols (101) without being asked")
            if not 100 < status < 200:
                return version, status, reason  # 100 Continue is skipped by begin() itself
            _skip_headers(self.fp)
        raise http.client.HTTPException(f"the server sent more than {_MAX_INFORMATIONAL} informational (1xx) replies")


def _skip_headers(fp: Any) -> None:
    """Read and drop one header block (bounded as ``http.client`` bounds its own)."""
    for _ in range(_MAX_HEADERS + 1):
        line = fp.readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE:
            raise http.client.LineTooLong("header line")
        if line in (b"\r\n", b"\n", b""):
            return
    raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")


class ConnectionRegistry:
    """Every live connection of one pool manager, so that :meth:`close_all` can close them now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()

    def add(self, connection: Any) -> None:
        """Track ``connection`` (until it is garbage-collected)."""
        with self._lock:
            self._connections.add(connection)

    def close_all(self) -> None:
        """Close every tracked connection's socket, idle or in use."""
        with self._lock:
            connections: List[Any] = list(self._connections)
            self._connections = weakref.WeakSet()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.close()

    def abandon(self) -> None:
        """In a child process after ``fork()``: release the parent's connections without taking the lock
        (another thread may have held it at the fork) and without shutting sockets down (the parent
        still uses them; closing the child's copy of a descriptor does not disturb the parent)."""
        try:
            connections = list(self._connections)
        except RuntimeError:  # the set was changing at the moment of the fork
            connections = []
        self._lock = threading.Lock()
        self._connections = weakref.WeakSet()
        for connection in connections:
            sock = getattr(connection, "sock", None)
            connection.sock = None
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.close()


class _Bounded:
    """What both connection classes add: the deadline on connect and on every read."""

    response_class: Any = FinalResponse
    timeout: Any

    def connect(self) -> None:
        left = remaining(current_deadline())
        if left is not None and (not isinstance(self.timeout, (int, float)) or self.timeout > left):
            self.timeout = left
        super().connect()  # type: ignore[misc]
        arm(self.sock)  # type: ignore[attr-defined]


class BoundedHTTPConnection(_Bounded, HTTPConnection):
    """A plain HTTP connection of this SDK."""


class BoundedHTTPSConnection(_Bounded, HTTPSConnection):
    """An HTTPS connection of this SDK."""


class _Registered:
    """What both pool classes add: their new connections join the manager's registry."""

    registry: ConnectionRegistry

    def _new_conn(self) -> Any:
        connection = super()._new_conn()  # type: ignore[misc]
        self.registry.add(connection)
        return connection


class SDKHTTPConnectionPool(_Registered, HTTPConnectionPool):
    """An HTTP connection pool of this SDK."""

    ConnectionCls = BoundedHTTPConnection  # pyright: ignore[reportAssignmentType]  # urllib3's stub is too narrow


class SDKHTTPSConnectionPool(_Registered, HTTPSConnectionPool):
    """An HTTPS connection pool of this SDK."""

    ConnectionCls = BoundedHTTPSConnection  # pyright: ignore[reportAssignmentType]  # urllib3's stub is too narrow


POOL_CLASSES = {"http": SDKHTTPConnectionPool, "https": SDKHTTPSConnectionPool}
