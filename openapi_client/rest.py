"""The urllib3 transport: pools, TLS, proxies, timeouts, redirects and the retry loop.

``RESTClientObject.request`` sends one request and returns the final response, whatever its
status, after retrying what :class:`~openapi_client.retry.RetryPolicy` says to retry. It raises
only SDK exceptions: :class:`ApiConnectionError` / :class:`ApiTimeoutError` for network faults,
:class:`ApiValueError` for a host it cannot use. It knows nothing about models; turning a status
into an exception and a body into a model is the ``ApiClient``'s job.

Connections are kept alive and reused: one ``PoolManager`` per client, and for each host the
connection pool is looked up once and then called directly. Pools are bounded by
``connection_pool_maxsize``: a thread that finds every connection busy waits for one (at most
the read timeout). One ``RESTClientObject`` may be shared by any number of threads.
"""

import json
import logging
import os
import time
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlencode, urljoin

import urllib3
from urllib3 import exceptions as u3

from openapi_client.exceptions import ApiConnectionError, ApiException, ApiTimeoutError, ApiValueError
from openapi_client.retry import RetryPolicy

logger = logging.getLogger("openapi_client")

TimeoutArg = Union[None, float, int, Tuple[Optional[float], Optional[float]], urllib3.Timeout]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
#: Headers that never follow a redirect to another host.
CROSS_HOST_STRIPPED = frozenset({"authorization", "cookie", "proxy-authorization"})
#: Headers shown as '***' in debug logs.
REDACTED_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "set-cookie"})

# urllib3 must neither retry nor follow redirects: both happen in request() below.
_NO_URLLIB3_RETRY = urllib3.Retry(total=False, redirect=False, raise_on_status=False,
                                  respect_retry_after_header=False)


class RESTResponse:
    """A finished response: ``status``, ``reason``, ``data`` (bytes) and ``headers``."""

    __slots__ = ("urllib3_response", "status", "reason", "data", "headers")

    def __init__(self, resp: Any) -> None:
        self.urllib3_response = resp
        self.status: int = resp.status
        self.reason: Optional[str] = resp.reason
        self.data: bytes = resp.data
        self.headers: Mapping[str, str] = resp.headers

    def getheaders(self) -> Mapping[str, str]:
        """All response headers (case-insensitive mapping)."""
        return self.headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """One response header, or ``default``."""
        return self.headers.get(name, default)


def to_timeout(value: TimeoutArg) -> Any:
    """A urllib3 ``Timeout`` from seconds (total), a ``(connect, read)`` pair, or a ``Timeout``."""
    if value is None:
        return urllib3.Timeout(connect=None, read=None)
    if isinstance(value, urllib3.Timeout):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        return urllib3.Timeout(connect=value[0], read=value[1])
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return urllib3.Timeout(total=value)
    raise ApiValueError(f"a timeout must be seconds (> 0) or a (connect, read) pair, not {value!r}")


def timeout_seconds(timeout: Any, phase: str) -> Optional[float]:
    """The configured limit of a urllib3 ``Timeout`` for ``phase`` ('connect' or 'read'), or None.

    Unlike ``Timeout.read_timeout``, this never raises (that property does for a ``total``
    timeout whose timer has not started).
    """
    limits = [v for v in (getattr(timeout, "_" + phase, None), timeout.total)
              if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return float(min(limits)) if limits else None


def redact(headers: Mapping[str, str]) -> Dict[str, str]:
    """``headers`` with the values of secret ones replaced by ``***``, for logs."""
    return {k: ("***" if k.lower() in REDACTED_HEADERS else v) for k, v in headers.items()}


def _split(url: str) -> Tuple[str, str]:
    """``'https://h:1/a/b?q'`` -> ``('https://h:1', '/a/b?q')``."""
    start = url.find("//")
    cut = url.find("/", start + 2) if start != -1 else -1
    return (url, "/") if cut == -1 else (url[:cut], url[cut:])


def _env(name: str) -> Optional[str]:
    return os.environ.get(name.lower()) or os.environ.get(name.upper()) or None


def _bypasses_proxy(origin: str, no_proxy: Optional[str]) -> bool:
    """Whether ``origin``'s host matches a ``NO_PROXY`` entry (``*``, a host, ``.domain`` or ``domain``)."""
    if not no_proxy:
        return False
    hostport = origin.split("//", 1)[-1].lower()
    host = hostport.rsplit(":", 1)[0] if hostport.count(":") == 1 else hostport.strip("[]")
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        name = entry.lstrip(".")
        if entry in (host, hostport) or host.endswith("." + name) or host == name:
            return True
    return False


class RESTClientObject:
    """One client's HTTP machinery. Build it from a ``Configuration``; share it between threads."""

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None) -> None:
        self.configuration = configuration
        self.retry_policy = RetryPolicy.from_configuration(configuration)
        self.timeout = to_timeout(configuration.timeout)
        self._pool_kw = _pool_kwargs(configuration, maxsize)
        self._direct = urllib3.PoolManager(num_pools=max(pools_size, 8), **self._pool_kw)
        self._proxy_managers: Dict[str, Any] = {}
        self._routes: Dict[str, Tuple[Any, Any]] = {}
        self._urlopen_kw: Dict[str, Any] = {
            "retries": _NO_URLLIB3_RETRY,
            "redirect": False,
            "assert_same_host": False,
            "enforce_content_length": True,
            # a thread finding every pooled connection busy waits this long for one
            "pool_timeout": (timeout_seconds(self.timeout, "connect") or 5.0)
            + (timeout_seconds(self.timeout, "read") or 60.0),
        }
        if not configuration.verify_ssl:
            logger.warning("TLS certificate verification is off (verify_ssl=False): the server is not authenticated")

    # --- routing -----------------------------------------------------------------------

    def _route(self, origin: str) -> Tuple[Any, Any]:
        """(connection pool to call directly, or None; the manager that owns it) for ``origin``."""
        if not origin.startswith(("http://", "https://")) or len(origin) <= len("https://"):
            raise ApiValueError(f"the host must be an http:// or https:// URL, not {origin!r}")
        proxy_url = self._proxy_for(origin)
        try:
            if proxy_url is None:
                route: Tuple[Any, Any] = (self._direct.connection_from_url(origin), self._direct)
            else:
                route = (None, self._proxy_manager(proxy_url))
        except (u3.LocationValueError, ValueError) as exc:
            raise ApiValueError(f"cannot use the host {origin!r}: {exc}") from exc
        self._routes[origin] = route
        return route

    def _proxy_for(self, origin: str) -> Optional[str]:
        config = self.configuration
        if config.proxy:
            return None if _bypasses_proxy(origin, config.no_proxy) else str(config.proxy)
        if _bypasses_proxy(origin, _env("no_proxy")):
            return None
        scheme = origin.split(":", 1)[0]
        return _env(f"{scheme}_proxy") or _env("all_proxy")

    def _proxy_manager(self, proxy_url: str) -> Any:
        manager = self._proxy_managers.get(proxy_url)
        if manager is None:
            manager = urllib3.ProxyManager(
                proxy_url, proxy_headers=self.configuration.proxy_headers, **self._pool_kw
            )
            self._proxy_managers[proxy_url] = manager
        return manager

    # --- sending -----------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        query_params: Optional[List[Tuple[str, Any]]] = None,
        headers: Optional[Dict[str, str]] = None,
        body: Any = None,
        post_params: Optional[List[Tuple[str, Any]]] = None,
        _preload_content: bool = True,
        _request_timeout: TimeoutArg = None,
        retry_policy: Optional[RetryPolicy] = None,
    ) -> Any:
        """Send a request, retrying per ``retry_policy``; the final response, whatever its status.

        Returns a :class:`RESTResponse` (body read) or, with ``_preload_content=False``, the raw
        urllib3 response (body unread: read or release it). Raises ApiConnectionError,
        ApiTimeoutError or ApiValueError; never a urllib3 exception.
        """
        if post_params:
            raise ApiValueError("form parameters are not supported by this API")
        if query_params:
            url += ("&" if "?" in url else "?") + urlencode(query_params)
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        headers = {} if headers is None else headers
        policy = self.retry_policy if retry_policy is None else retry_policy
        timeout = self.timeout if _request_timeout is None else to_timeout(_request_timeout)
        attempt = 0
        while True:
            try:
                response = self._follow_redirects(method, url, headers, body, timeout, _preload_content)
            except _NetworkFault as fault:
                delay = policy.delay_after_error(attempt, method, fault.request_sent) if fault.retryable else None
                if delay is None:
                    raise fault.error from fault.error.__cause__
                cause: str = str(fault.error)
            else:
                if response.status < 300:
                    return response
                delay = policy.delay_after_status(response.status, response.headers, attempt)
                if delay is None:
                    return response
                cause = f"HTTP {response.status}"
                _discard(response, _preload_content)
            attempt += 1
            logger.info("retrying %s %s in %.2fs (retry %d of %d) after: %s",
                        method, url, delay, attempt, policy.max_retries, cause)
            time.sleep(delay)

    def _follow_redirects(self, method: str, url: str, headers: Dict[str, str], body: Any, timeout: Any,
                          preload: bool) -> Any:
        """Send once, following up to MAX_REDIRECTS redirects; secrets never go to another host."""
        origin = _split(url)[0]
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(method, url, headers, body, timeout, preload)
            location = response.headers.get("location") if response.status in REDIRECT_STATUSES else None
            if not location:
                return response
            _discard(response, preload)
            url = urljoin(url, location)
            if _split(url)[0] != origin:
                headers = {k: v for k, v in headers.items() if k.lower() not in CROSS_HOST_STRIPPED}
            if response.status == 303:
                method, body = "GET", None
        raise ApiException(message=f"more than {MAX_REDIRECTS} redirects, last to {url}")

    def _send(self, method: str, url: str, headers: Dict[str, str], body: Any, timeout: Any, preload: bool) -> Any:
        origin, path = _split(url)
        pool, manager = self._routes.get(origin) or self._route(origin)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("request: %s %s headers=%s", method, url, redact(headers))
        try:
            if pool is not None:
                raw = pool.urlopen(method, path, body=body, headers=headers, timeout=timeout,
                                   preload_content=preload, **self._urlopen_kw)
            else:
                raw = manager.urlopen(method, url, body=body, headers=headers, timeout=timeout,
                                      preload_content=preload, **self._urlopen_kw)
        except u3.ClosedPoolError:  # the manager evicted this host's pool: look it up again
            self._routes.pop(origin, None)
            return self._send(method, url, headers, body, timeout, preload)
        except (u3.HTTPError, OSError) as exc:
            raise _NetworkFault(exc, origin, timeout) from exc
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("response: %s %s for %s %s headers=%s", raw.status, raw.reason, method, url,
                         redact(raw.headers))
        return RESTResponse(raw) if preload else raw

    def close(self) -> None:
        """Close every pooled connection. The object stays usable: new connections open on demand."""
        self._routes.clear()
        self._direct.clear()
        for manager in self._proxy_managers.values():
            manager.clear()

    # the generated clients' one-method-per-verb API
    def GET(self, url: str, headers: Optional[Dict[str, str]] = None,
            query_params: Optional[List[Tuple[str, Any]]] = None, _preload_content: bool = True,
            _request_timeout: TimeoutArg = None) -> Any:
        """Send a GET request; see :meth:`request`."""
        return self.request("GET", url, query_params=query_params, headers=headers,
                            _preload_content=_preload_content, _request_timeout=_request_timeout)


def _discard(response: Any, preload: bool) -> None:
    """Give a response's connection back to the pool without using its body."""
    if not preload:
        response.drain_conn()
        response.release_conn()


def _pool_kwargs(configuration: Any, maxsize: Optional[int]) -> Dict[str, Any]:
    """The PoolManager settings a Configuration describes (TLS, pool size, socket options)."""
    kw: Dict[str, Any] = {"maxsize": maxsize or configuration.connection_pool_maxsize, "block": True}
    if configuration.verify_ssl:
        kw["cert_reqs"] = "CERT_REQUIRED"
        if configuration.ssl_ca_cert:
            kw["ca_certs"] = configuration.ssl_ca_cert
        else:
            import certifi

            kw["ca_certs"] = certifi.where()
    else:
        kw["cert_reqs"] = "CERT_NONE"
    for option, name in (("cert_file", "cert_file"), ("key_file", "key_file"),
                         ("assert_hostname", "assert_hostname"), ("server_hostname", "tls_server_name"),
                         ("socket_options", "socket_options")):
        value = getattr(configuration, name)
        if value is not None:
            kw[option] = value
    return kw


# After a fault, is trying again worthwhile, and might the request have reached the server?
_BEFORE_SEND, _AFTER_SEND, _FINAL = (True, False), (True, True), (False, True)


class _NetworkFault(Exception):
    """Internal: a network error translated to an SDK exception, with what the retry loop needs to know."""

    def __init__(self, exc: BaseException, origin: str, timeout: Any) -> None:
        super().__init__(str(exc))
        self.error, (self.retryable, self.request_sent) = _translate(exc, origin, timeout)
        self.error.__cause__ = exc


def _reason(exc: BaseException) -> str:
    """urllib3's message without the '<urllib3.connection... object at 0x..>: ' prefix."""
    inner = getattr(exc, "reason", None)
    text = str(inner if isinstance(inner, BaseException) else exc)
    if text.startswith("<") and ">: " in text:
        text = text.split(">: ", 1)[1]
    return text.replace("Failed to establish a new connection: ", "") or type(exc).__name__


def _translate(exc: BaseException, origin: str, timeout: Any) -> Tuple[ApiConnectionError, Tuple[bool, bool]]:
    """The SDK exception for a urllib3/socket error, and (retryable, may have reached the server)."""
    host = origin.split("//", 1)[-1]
    if isinstance(exc, u3.MaxRetryError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, u3.NewConnectionError):  # before ConnectTimeoutError: urllib3 2 derives one from the other
        return ApiConnectionError(f"cannot connect to {host}: {_reason(exc)}"), _BEFORE_SEND
    if isinstance(exc, u3.ConnectTimeoutError):
        limit = timeout_seconds(timeout, "connect")
        return ApiTimeoutError(f"connecting to {host} timed out after {limit}s"), _BEFORE_SEND
    if isinstance(exc, u3.ReadTimeoutError):
        limit = timeout_seconds(timeout, "read")
        return ApiTimeoutError(f"reading the response from {host} timed out after {limit}s"), _AFTER_SEND
    if isinstance(exc, u3.EmptyPoolError):
        return ApiTimeoutError(f"no free connection to {host} in the pool in time (connection_pool_maxsize)"), _FINAL
    if isinstance(exc, u3.SSLError):
        return ApiConnectionError(f"TLS error talking to {host}: {_reason(exc)}"), _FINAL
    if isinstance(exc, u3.ProxyError):
        return ApiConnectionError(f"proxy error on the way to {host}: {_reason(exc)}"), _BEFORE_SEND
    if isinstance(exc, u3.ProtocolError):
        return ApiConnectionError(f"connection to {host} broken: {_reason(exc)}"), _AFTER_SEND
    if isinstance(exc, u3.DecodeError):
        return ApiConnectionError(f"cannot decode the response body from {host}: {_reason(exc)}"), _FINAL
    return ApiConnectionError(f"request to {host} failed: {_reason(exc)}"), _AFTER_SEND
