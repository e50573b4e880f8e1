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


def translate(exc: BaseException, host: str, deadline: Optional[float], timeout: Any = None) -> Fault:
    """The :class:`Fault` for ``exc``, raised while talking to ``host`` within ``deadline`` (a monotonic instant)
    under ``timeout`` (a urllib3 ``Timeout``, for the limits the message names)."""
    if isinstance(exc, u3.MaxRetryError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, u3.ProxyError) and isinstance(exc.original_error, BaseException):
        return Fault(ApiConnectionError(f"proxy error on the way to {host}: {_reason(exc.original_error)}"),
                     *BEFORE_SEND)
    error, (retryable, sent) = _classify(exc, host, timeout)
    if deadline is not None and time.monotonic() >= deadline - 0.005 and not isinstance(error, ApiDecodeError):
        error, retryable = ApiTimeoutError(f"the request to {host} did not finish in time (connect, headers "
                                           f"and body together{_limit(timeout, 'total')})"), True
    error.__cause__ = without_frames(exc)
    return Fault(error, retryable, sent)


def without_frames(exc: BaseException) -> BaseException:
    """``exc`` and the errors chained to it, stripped of their tracebacks.

    Frames below the SDK (``http.client``'s ``send``, urllib3's request code) hold the request as
    bytes, ``Authorization`` included; an error tracker that records local variables would report
    them. The SDK exception keeps its own traceback and chains this one for its type and message.
    """
    seen = set()
    current: Optional[BaseException] = exc
    pending = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.__traceback__ = None
        pending += [current.__cause__, current.__context__]  # type: ignore[list-item]
        pending += [arg for arg in (getattr(current, "reason", None), getattr(current, "original_error", None))
                    if isinstance(arg, BaseException)]
    return exc


def _limit(timeout: Any, part: str) -> str:
    """``" after 5s"`` (or ``", within 5s"`` for the whole try) when ``timeout`` sets that limit, else ``""``."""
    if timeout is None:
        return ""
    values = {"total": [getattr(timeout, "total", None)],
              "connect": [getattr(timeout, "_connect", None), getattr(timeout, "total", None)],
              "read": [getattr(timeout, "_read", None), getattr(timeout, "total", None)]}[part]
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if part == "total":
        connect, read = getattr(timeout, "_connect", None), getattr(timeout, "_read", None)
        if not numbers and isinstance(connect, (int, float)) and isinstance(read, (int, float)):
            numbers = [connect + read]
        return f", within {min(numbers):g}s" if numbers else ""
    return f" after {min(numbers):g}s" if numbers else ""


def _classify(exc: BaseException, host: str, timeout: Any = None) -> Tuple[ApiException, Tuple[bool, bool]]:
    if isinstance(exc, u3.NewConnectionError):  # before ConnectTimeoutError: urllib3 2 derives one from the other
        return ApiConnectionError(f"cannot connect to {host}: {_reason(exc)}"), BEFORE_SEND
    if isinstance(exc, u3.ConnectTimeoutError):
        return ApiTimeoutError(f"connecting to {host} timed out{_limit(timeout, 'connect')}"), BEFORE_SEND
    if isinstance(exc, (u3.ReadTimeoutError, TimeoutError)):
        return ApiTimeoutError(f"reading the response from {host} timed out{_limit(timeout, 'read')}"), AFTER_SEND
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
