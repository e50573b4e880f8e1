"""When to try a call again, and how long to wait first.

:class:`RetryPolicy` holds numbers and answers two questions: "after this status, wait how long
(or give up)?" and "after this network error, wait how long (or give up)?". The loop that asks
them is ``RESTClientObject.request`` in :mod:`openapi_client.rest`. This module imports only
the exceptions module.

Example::

    policy = RetryPolicy(max_retries=5, backoff=0.1)
    policy.delay_after_status(503, {}, attempt=0)   # about 0.1 s
    policy.delay_after_status(404, {}, attempt=0)   # None: not retryable
"""

import random
import time
from email.utils import parsedate_to_datetime
from typing import Any, FrozenSet, Iterable, Mapping, Optional

from openapi_client.exceptions import header_value

#: Statuses worth another try: timeout, conflict, rate limit, and the server's transient failures.
RETRY_STATUSES: FrozenSet[int] = frozenset({408, 409, 429, 500, 502, 503, 504})
#: Methods that may be sent again after the request may have reached the server.
IDEMPOTENT_METHODS: FrozenSet[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})


class RetryPolicy:
    """How many times to retry, which statuses to retry, and the backoff between tries.

    :param max_retries: retries after the first try; 0 turns retrying off.
    :param backoff: the first wait in seconds; it doubles each retry, up to ``backoff_max``,
        and is shortened by up to a quarter at random (jitter) so clients do not retry in step.
    :param retry_after_max: the longest ``Retry-After`` honoured; a server asking for more makes
        the call give up at once with the status exception.
    :param statuses: the statuses that are retried.
    """

    __slots__ = ("max_retries", "backoff", "backoff_max", "retry_after_max", "statuses")

    def __init__(
        self,
        max_retries: int = 2,
        backoff: float = 0.5,
        backoff_max: float = 8.0,
        retry_after_max: float = 60.0,
        statuses: Iterable[int] = RETRY_STATUSES,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.max_retries = int(max_retries)
        self.backoff = float(backoff)
        self.backoff_max = float(backoff_max)
        self.retry_after_max = float(retry_after_max)
        self.statuses = frozenset(statuses)

    @classmethod
    def from_configuration(cls, configuration: Any) -> "RetryPolicy":
        """The policy a ``Configuration`` describes; its ``retries`` (int or urllib3 ``Retry``) wins when set."""
        policy = cls(
            configuration.max_retries,
            configuration.retry_backoff,
            configuration.retry_backoff_max,
            configuration.retry_after_max,
        )
        return policy.new(configuration.retries) if configuration.retries is not None else policy

    def new(self, retries: Any) -> "RetryPolicy":
        """A copy changed by ``retries``: an int (max retries), a RetryPolicy, or a urllib3 ``Retry``.

        From a urllib3 ``Retry`` it takes ``total`` (or ``status``), ``backoff_factor`` and
        ``status_forcelist``, so settings written for generated clients keep their meaning.
        """
        if isinstance(retries, RetryPolicy):
            return retries
        if retries is False or retries is None:
            return RetryPolicy(0, self.backoff, self.backoff_max, self.retry_after_max, self.statuses)
        if isinstance(retries, int):
            return RetryPolicy(retries, self.backoff, self.backoff_max, self.retry_after_max, self.statuses)
        total = retries.total if isinstance(retries.total, int) else retries.status
        return RetryPolicy(
            max_retries=total if isinstance(total, int) and total is not True else self.max_retries,
            backoff=retries.backoff_factor or self.backoff,
            backoff_max=self.backoff_max,
            retry_after_max=self.retry_after_max,
            statuses=retries.status_forcelist or self.statuses,
        )

    def backoff_delay(self, attempt: int) -> float:
        """The wait before retry number ``attempt + 1``: exponential, capped, with jitter."""
        delay = min(self.backoff * (2.0**attempt), self.backoff_max)
        return delay * (1.0 - 0.25 * random.random())

    def delay_after_status(self, status: int, headers: Mapping[str, str], attempt: int) -> Optional[float]:
        """Seconds to wait before retrying after ``status``, or ``None`` to stop and report it."""
        if attempt >= self.max_retries or status not in self.statuses:
            return None
        asked = retry_after(headers)
        if asked is None:
            return self.backoff_delay(attempt)
        return asked if asked <= self.retry_after_max else None

    def delay_after_error(self, attempt: int, method: str, request_sent: bool) -> Optional[float]:
        """Seconds to wait before retrying after a network error, or ``None`` to raise it.

        An error before the request was sent is always safe to retry; after, only for
        idempotent methods.
        """
        if attempt >= self.max_retries or (request_sent and method.upper() not in IDEMPOTENT_METHODS):
            return None
        return self.backoff_delay(attempt)

    def __repr__(self) -> str:
        return (
            f"RetryPolicy(max_retries={self.max_retries}, backoff={self.backoff}, "
            f"backoff_max={self.backoff_max}, retry_after_max={self.retry_after_max})"
        )


def retry_after(headers: Mapping[str, str]) -> Optional[float]:
    """The wait a response asks for: ``retry-after-ms``, or ``Retry-After`` in seconds or as an HTTP-date."""
    millis = header_value(headers, "retry-after-ms")
    if millis is not None:
        try:
            return max(float(millis) / 1000.0, 0.0)
        except ValueError:
            pass
    value = header_value(headers, "retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(when.timestamp() - time.time(), 0.0)
