"""Every way a try can fail below HTTP, as an SDK exception and what the retry loop needs to know.

:func:`translate` maps a urllib3, socket or ``http.client`` error to an
:class:`~openapi_client.exceptions.ApiConnectionError` (or its subclass ``ApiTimeoutError``) with
a one-line message naming the host, and says whether trying again is worthwhile and whether the
request may have reached the server. A failure after the try's deadline is always a timeout.
"""

from __future__ import annotations

import contextlib
import http.client
import time
import zlib
from typing import Any, Optional, Tuple

from urllib3 import exceptions as u3

from openapi_client._display import LazyRegex
from openapi_client.exceptions import ApiConnectionError, ApiDecodeError, ApiException, ApiTimeoutError

#: The exceptions a try may raise from below that :func:`translate` turns into SDK exceptions.
TRANSPORT_ERRORS = (u3.HTTPError, OSError, http.client.HTTPException, ValueError, OverflowError, zlib.error,
                    EOFError, LookupError)

# After a fault, is trying again worthwhile, and might the request have reached the server?
BEFORE_SEND, AFTER_SEND, FINAL = (True, False), (True, True), (False, True)


class Fault(Exception):
    """Internal: a try failed below HTTP; ``error`` is the SDK exception to raise if no retry follows."""

    def __init__(self, error: ApiException, retryable: bool, request_sent: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.retryable = retryable
        self.request_sent = request_sent


_CONNECTION_PREFIX = LazyRegex(r"^(?:<[\w.]+ object at 0x[0-9a-fA-F]+>|\w+\(host=[^)]*\)): ")


def _reason(exc: BaseException) -> str:
    """urllib3's message without its "HTTPConnection(host=..., port=...): " or "<... object at 0x..>: " prefix."""
    inner = getattr(exc, "reason", None)
    text = _CONNECTION_PREFIX.get().sub("", str(inner if isinstance(inner, BaseException) else exc))
    return text.replace("Failed to establish a new connection: ", "") or type(exc).__name__


def translate(exc: BaseException, host: str, deadline: Optional[float]) -> Fault:
    """The :class:`Fault` for ``exc``, raised while talking to ``host`` within ``deadline`` (a monotonic instant)."""
    if isinstance(exc, u3.MaxRetryError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, u3.ProxyError) and isinstance(exc.original_error, BaseException):
        return Fault(ApiConnectionError(f"proxy error on the way to {host}: {_reason(exc.original_error)}"),
                     *BEFORE_SEND)
    error, (retryable, sent) = _classify(exc, host)
    if deadline is not None and time.monotonic() >= deadline - 0.005 and not isinstance(error, ApiDecodeError):
        error, retryable = ApiTimeoutError(f"the request to {host} did not finish in time (connect, headers "
                                           f"and body together)"), True
    error.__cause__ = exc
    return Fault(error, retryable, sent)


def _classify(exc: BaseException, host: str) -> Tuple[ApiException, Tuple[bool, bool]]:
    if isinstance(exc, u3.NewConnectionError):  # before ConnectTimeoutError: urllib3 2 derives one from the other
        return ApiConnectionError(f"cannot connect to {host}: {_reason(exc)}"), BEFORE_SEND
    if isinstance(exc, u3.ConnectTimeoutError):
        return ApiTimeoutError(f"connecting to {host} timed out"), BEFORE_SEND
    if isinstance(exc, (u3.ReadTimeoutError, TimeoutError)):
        return ApiTimeoutError(f"reading the response from {host} timed out"), AFTER_SEND
    if isinstance(exc, u3.EmptyPoolError):
        return ApiTimeoutError(f"no free connection to {host} in the pool in time (connection_pool_maxsize)"), FINAL
    if isinstance(exc, u3.SSLError):
        return ApiConnectionError(f"TLS error talking to {host}: {_reason(exc)}"), FINAL
    if isinstance(exc, u3.ProxyError):
        return ApiConnectionError(f"proxy error on the way to {host}: {_reason(exc)}"), BEFORE_SEND
    if isinstance(exc, (u3.DecodeError, zlib.error)):
        return ApiDecodeError(f"cannot decode the response body from {host}: {_reason(exc)}"), FINAL
    if isinstance(exc, (u3.ProtocolError, http.client.HTTPException, ConnectionError, EOFError)):
        return ApiConnectionError(f"connection to {host} broken: {_reason(exc)}"), AFTER_SEND
    if isinstance(exc, (u3.LocationValueError, u3.LocationParseError)):
        return ApiConnectionError(f"cannot use the URL for {host}: {_reason(exc)}"), FINAL
    if isinstance(exc, (ValueError, OverflowError, LookupError)):
        return ApiConnectionError(f"the response from {host} could not be read: {type(exc).__name__}: "
                                  f"{_reason(exc)}"), FINAL
    return ApiConnectionError(f"request to {host} failed: {_reason(exc)}"), AFTER_SEND


def discard(response: Any) -> None:
    """Give a response's connection back without reusing it: close it, then return the slot to its pool."""
    with contextlib.suppress(OSError, u3.HTTPError, http.client.HTTPException):
        response.close()
    release = getattr(response, "release_conn", None)
    if release is not None:
        release()
