"""When to try a call again, and how long to wait first.

:class:`RetryPolicy` holds numbers and answers two questions: "after this status, wait how long
(or give up)?" and "after this network error, wait how long (or give up)?". The loop that asks
them is in the transport (``openapi_client._transport.manager``). This module imports only the
exceptions and the configuration's number checks.

What is never re-sent: a request whose method is not idempotent (``POST``, ``PATCH``) once it may
have reached the server. Such a request is retried after an error status only when the server
says it was not processed: a 429 or 503 with ``Retry-After`` and ``X-Should-Retry: true``.
``X-Should-Retry: false`` stops any retry.

Example::

    policy = RetryPolicy(max_retries=5, backoff=0.1)
    policy.delay_after_status(503, {}, attempt=0, method="GET")   # about 0.1 s
    policy.delay_after_status(404, {}, attempt=0, method="GET")   # None: not retryable
"""

from __future__ import annotations

import math
import random
import time
from email.utils import parsedate_to_datetime
from typing import Any, FrozenSet, Iterable, Mapping, Optional

from openapi_client.configuration import check_number
from openapi_client.exceptions import ApiTypeError, header_value

#: Statuses worth another try: timeout, conflict, rate limit, and the server's transient failures.
RETRY_STATUSES: FrozenSet[int] = frozenset({408, 409, 429, 500, 502, 503, 504})
#: Methods that may be sent again after the request may have reached the server.
IDEMPOTENT_METHODS: FrozenSet[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
#: Statuses after which a non-idempotent request may be re-sent, if the server says it was not processed.
NOT_PROCESSED_STATUSES: FrozenSet[int] = frozenset({429, 503})


class RetryPolicy:
    """How many times to retry, which statuses and methods to retry, and the waits between tries.

    :param max_retries: retries after the first try; 0 turns retrying off.
    :param backoff: the first wait in seconds; it doubles each retry, up to ``backoff_max``,
        and is shortened by up to a quarter at random (jitter) so clients do not retry in step.
    :param retry_after_max: the longest ``Retry-After`` honoured; a server asking for more makes
        the call give up at once with the status exception.
    :param statuses: the statuses that are retried.
    :param methods: the methods retried after the request may have reached the server
        (``None``: any method), as urllib3's ``Retry(allowed_methods=...)``.
    :param total_timeout: seconds the whole call may take, tries and waits included (``None``:
        no limit beyond each try's own timeout).
    """

    __slots__ = ("max_retries", "backoff", "backoff_max", "retry_after_max", "statuses", "methods", "total_timeout")

    def __init__(
        self,
        max_retries: int = 2,
        backoff: float = 0.5,
        backoff_max: float = 8.0,
        retry_after_max: float = 60.0,
        statuses: Iterable[int] = RETRY_STATUSES,
        methods: Optional[Iterable[str]] = IDEMPOTENT_METHODS,
        total_timeout: Optional[float] = None,
    ) -> None:
        self.max_retries: int = check_number(max_retries, "max_retries", integer=True, maximum=1000)
        self.backoff = float(check_number(backoff, "the retry backoff"))
        self.backoff_max = float(check_number(backoff_max, "the retry backoff maximum"))
        self.retry_after_max = float(check_number(retry_after_max, "retry_after_max"))
        self.statuses = frozenset(statuses)
        self.methods = None if methods is None else frozenset(m.upper() for m in methods)
        self.total_timeout = None if total_timeout is None else float(
            check_number(total_timeout, "total_timeout", inclusive=False))

    @classmethod
    def from_configuration(cls, configuration: Any) -> RetryPolicy:
        """The policy a ``Configuration`` describes; its ``retries`` (int or urllib3 ``Retry``) wins when set."""
        policy = cls(configuration.max_retries, configuration.retry_backoff, configuration.retry_backoff_max,
                     configuration.retry_after_max)
        return policy.new(configuration.retries) if configuration.retries is not None else policy

    def replace(self, **changes: Any) -> RetryPolicy:
        """A copy with some settings changed, e.g. ``policy.replace(total_timeout=10)``."""
        settings = {name: getattr(self, name) for name in self.__slots__}
        settings.update(changes)
        return RetryPolicy(**settings)

    def new(self, retries: Any) -> RetryPolicy:
        """A copy changed by ``retries``: an int (max retries), ``False``/``None`` (no retries), a RetryPolicy,
        or a urllib3 ``Retry``.

        From a urllib3 ``Retry`` it takes ``total`` (or ``status``), ``backoff_factor``,
        ``status_forcelist`` and ``allowed_methods``, so settings written for generated clients
        keep their meaning. Anything else raises ApiTypeError.
        """
        if isinstance(retries, RetryPolicy):
            return retries
        if retries is False or retries is None:
            return self.replace(max_retries=0)
        if isinstance(retries, int) and not isinstance(retries, bool):
            return self.replace(max_retries=retries)
        if isinstance(retries, bool) or type(retries).__name__ != "Retry":
            raise ApiTypeError(f"retries must be an int, a RetryPolicy or a urllib3 Retry, "
                               f"not {type(retries).__name__}")
        total = retries.total if isinstance(retries.total, int) and retries.total is not True else retries.status
        allowed = getattr(retries, "allowed_methods", IDEMPOTENT_METHODS)
        return self.replace(
            max_retries=max(total, 0) if isinstance(total, int) and not isinstance(total, bool) else self.max_retries,
            backoff=retries.backoff_factor or self.backoff,
            statuses=retries.status_forcelist or self.statuses,
            methods=None if allowed is False else allowed,
        )

    def backoff_delay(self, attempt: int) -> float:
        """The wait before retry number ``attempt + 1``: exponential, capped, with jitter."""
        delay = min(self.backoff * (2.0 ** min(attempt, 64)), self.backoff_max)
        return delay * (1.0 - 0.25 * random.random())

    def _idempotent(self, method: str) -> bool:
        return self.methods is None or method.upper() in self.methods

    def delay_after_status(self, status: int, headers: Mapping[str, str], attempt: int,
                           method: str = "GET") -> Optional[float]:
        """Seconds to wait before retrying after ``status``, or ``None`` to stop and report it."""
        if attempt >= self.max_retries or status not in self.statuses:
            return None
        should = (header_value(headers, "x-should-retry") or "").strip().lower()
        if should == "false":
            return None
        asked = retry_after(headers)
        if not self._idempotent(method) and not (status in NOT_PROCESSED_STATUSES and asked is not None
                                                 and should == "true"):
            return None
        if asked is None:
            return self.backoff_delay(attempt)
        return asked if asked <= self.retry_after_max else None

    def delay_after_error(self, attempt: int, method: str, request_sent: bool) -> Optional[float]:
        """Seconds to wait before retrying after a network error, or ``None`` to raise it.

        An error before the request was sent is always safe to retry; after, only for
        idempotent methods.
        """
        if attempt >= self.max_retries or (request_sent and not self._idempotent(method)):
            return None
        return self.backoff_delay(attempt)

    def __repr__(self) -> str:
        return (
            f"RetryPolicy(max_retries={self.max_retries}, backoff={self.backoff}, "
            f"backoff_max={self.backoff_max}, retry_after_max={self.retry_after_max}, "
            f"total_timeout={self.total_timeout})"
        )


def retry_after(headers: Mapping[str, str]) -> Optional[float]:
    """The wait a response asks for: ``retry-after-ms``, or ``Retry-After`` in seconds or as an HTTP-date.

    A value that cannot be read (garbage, an impossible date, infinity) counts as absent.
    """
    millis = _seconds(header_value(headers, "retry-after-ms"))
    if millis is not None:
        return millis / 1000.0
    value = header_value(headers, "retry-after")
    if value is None:
        return None
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(value.strip()).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        return None
    return max(when - time.time(), 0.0)


def _seconds(value: Optional[str]) -> Optional[float]:
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None
