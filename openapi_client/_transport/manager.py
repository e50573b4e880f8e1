"""Our pool managers: routing, the one retry loop, redirects, bounded reads, fork safety.

:class:`SDKPoolManager` (and :class:`SDKProxyManager`, when ``Configuration.proxy`` is set) is
what ``RESTClientObject.pool_manager`` holds. They *are* urllib3 managers (a mock of
``urllib3.PoolManager.request`` intercepts their calls, and their ``connection_pool_kw`` hold
python-prior's settings), but their ``urlopen`` is this SDK's request path for one call:

1. find the connection pool for the URL's origin once, then call it directly (or the proxy
   manager the origin goes through, see :mod:`.proxy`);
2. run each try within its deadline (:mod:`.deadline`), follow redirects itself (never carrying
   ``Authorization``, ``Cookie`` or ``Proxy-Authorization`` to another origin, never to a
   non-http(s) URL or one with credentials), and read the body within ``max_response_bytes``
   (:mod:`.body`);
3. retry in one loop, as :class:`~openapi_client.retry.RetryPolicy` says, within the call's
   total time budget when the policy has one;
4. raise only SDK exceptions (:mod:`.faults`).

Evicted pools are closed at once, the route cache is bounded, :meth:`close` closes every socket
the manager opened, and after ``os.fork()`` a child process starts with fresh pools.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
import weakref
from collections import OrderedDict
from typing import Any, Dict, Mapping, Optional, Tuple
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3 import exceptions as u3
from urllib3._collections import RecentlyUsedContainer

from openapi_client._display import one_line, redact_headers
from openapi_client._transport.body import read_body
from openapi_client._transport.connection import POOL_CLASSES, ConnectionRegistry
from openapi_client._transport.deadline import _local as deadline_local
from openapi_client._transport.faults import TRANSPORT_ERRORS, Fault, discard, translate
from openapi_client._transport.proxy import proxy_for, with_credentials_as_header
from openapi_client._transport.tls import TLSSettings
from openapi_client.exceptions import ApiException, ApiRedirectError, ApiValueError
from openapi_client.retry import RetryPolicy

logger = logging.getLogger("openapi_client")

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
#: Headers that never follow a redirect to another origin.
CROSS_ORIGIN_STRIPPED = frozenset({"authorization", "cookie", "proxy-authorization"})
_REDIRECT_BODY_LIMIT = 64 * 1024
_ROUTES_KEPT = 32
_UNSET: Any = object()

# urllib3 must neither retry nor follow redirects nor read bodies: all of that happens here.
_NO_URLLIB3_RETRY = urllib3.Retry(total=False, redirect=False, raise_on_status=False, respect_retry_after_header=False)
_POOL_URLOPEN = {"retries": _NO_URLLIB3_RETRY, "redirect": False, "assert_same_host": False,
                 "preload_content": False, "decode_content": False, "release_conn": False,
                 "enforce_content_length": True}
_PROXY_URLOPEN = {k: v for k, v in _POOL_URLOPEN.items() if k not in ("redirect", "assert_same_host")}


class TransportSettings:
    """What the managers need from a ``Configuration``, read once when its client is created."""

    __slots__ = ("timeout", "budget", "retry_policy", "max_response_bytes", "proxy", "no_proxy", "proxy_headers",
                 "pool_timeout", "tls", "pool_kw")

    def __init__(self, configuration: Any, pool_kw: Mapping[str, Any]) -> None:
        self.timeout = to_timeout(configuration.timeout)
        self.budget = budget_of(self.timeout)
        self.retry_policy = RetryPolicy.from_configuration(configuration)
        self.max_response_bytes: int = configuration.max_response_bytes
        self.proxy: Optional[str] = configuration.proxy or None
        self.no_proxy: Optional[str] = configuration.no_proxy
        self.proxy_headers: Optional[Dict[str, str]] = configuration.proxy_headers
        # a thread that finds every pooled connection busy waits at most this long for one
        self.pool_timeout = budget_of(self.timeout) or 65.0
        self.tls = TLSSettings(configuration)
        self.pool_kw = dict(pool_kw)


def to_timeout(value: Any) -> urllib3.Timeout:
    """A urllib3 ``Timeout`` from seconds (for the whole try), a ``(connect, read)`` pair, ``None`` or a ``Timeout``."""
    if isinstance(value, urllib3.Timeout):
        parts = (value.total, getattr(value, "_connect", None), getattr(value, "_read", None))
        if any(isinstance(p, (int, float)) and not math.isfinite(p) for p in parts):
            raise ApiValueError(f"a timeout must be finite, not {value!r}")
        return value
    if value is None:
        return urllib3.Timeout(connect=None, read=None)
    if isinstance(value, (tuple, list)):
        return urllib3.Timeout(connect=value[0], read=value[1])
    return urllib3.Timeout(total=value)


def budget_of(timeout: Any) -> Optional[float]:
    """The longest one try may take under ``timeout``: its total, else connect plus read (``None``: unbounded)."""
    total = getattr(timeout, "total", None)
    if isinstance(total, (int, float)):
        return float(total)
    connect, read = getattr(timeout, "_connect", None), getattr(timeout, "_read", None)
    if isinstance(connect, (int, float)) and isinstance(read, (int, float)):
        return float(connect) + float(read)
    return None


_splits: Dict[str, Tuple[str, str]] = {}  # URLs repeat: each is split once


def _close_pool(pool: Any) -> None:
    """What an evicted pool gets: its idle connections closed (the ones in use close when released)."""
    pool.close()


def _origin_and_path(url: str) -> Tuple[str, str]:
    """``'https://h:1/a/b?q'`` -> ``('https://h:1', '/a/b?q')``."""
    split = _splits.get(url)
    if split is None:
        split = _split(url)
        if len(_splits) < 256:
            _splits[url] = split
    return split


def _split(url: str) -> Tuple[str, str]:
    start = url.find("//")
    cut = url.find("/", start + 2) if start != -1 else -1
    if cut == -1:
        query = url.find("?", start + 2) if start != -1 else -1
        return (url, "/") if query == -1 else (url[:query], "/" + url[query:])
    return url[:cut], url[cut:]


def _host_of(origin: str) -> str:
    return origin.split("//", 1)[-1]


class _PoolHooks:
    """What every manager of one client shares: our pool classes, the TLS context, the registry."""

    _sdk: TransportSettings
    _registry: ConnectionRegistry
    connection_pool_kw: Dict[str, Any]
    pools: Any

    def _adopt(self, sdk: TransportSettings, registry: ConnectionRegistry) -> None:
        self._sdk = sdk
        self._registry = registry
        self.pool_classes_by_scheme = POOL_CLASSES
        self.pools = RecentlyUsedContainer(self.pools._maxsize, dispose_func=_close_pool)

    def _new_pool(self, scheme: str, host: str, port: int, request_context: Optional[Dict[str, Any]] = None) -> Any:
        context = dict(self.connection_pool_kw if request_context is None else request_context)
        if scheme == "https":
            context["ssl_context"] = self._sdk.tls.context()
        pool = super()._new_pool(scheme, host, port, context)  # type: ignore[misc]
        pool.registry = self._registry
        return pool


class _SidePoolManager(_PoolHooks, urllib3.PoolManager):
    """The direct route of a client whose ``pool_manager`` is a proxy manager (for ``no_proxy`` hosts)."""


class _SideProxyManager(_PoolHooks, urllib3.ProxyManager):
    """A proxy from the environment (``HTTPS_PROXY``...) that some origins of a client go through."""


class _SDKManager(_PoolHooks):
    """The request path shared by :class:`SDKPoolManager` and :class:`SDKProxyManager`."""

    headers: Mapping[str, str]

    def _start(self, sdk: TransportSettings) -> None:
        self._adopt(sdk, ConnectionRegistry())
        self._routes: OrderedDict[str, Tuple[Any, Any]] = OrderedDict()
        self._routes_lock = threading.Lock()
        self._side: Dict[Optional[str], Any] = {}
        _live_managers.add(self)

    # --- the call ------------------------------------------------------------------------

    def urlopen(self, method: str, url: str, redirect: bool = True, **kw: Any) -> Any:
        """Send one call (retries and redirects included); the final urllib3 response, whatever its status.

        Takes urllib3's keywords: ``headers``, ``body``, ``timeout`` (``None``: the configured
        one), ``retries`` (an int, urllib3 ``Retry`` or :class:`RetryPolicy`; default: the
        configured policy), ``preload_content`` and ``decode_content``. The body is read (within
        ``max_response_bytes``) unless ``preload_content=False`` and the status is below 400.
        Raises only SDK exceptions.
        """
        sdk = self._sdk
        headers = kw.get("headers")
        if headers is None:
            headers = self.headers
        timeout = kw.get("timeout")
        timeout = sdk.timeout if timeout is None else to_timeout(timeout)
        retries = kw.get("retries", _UNSET)
        policy = sdk.retry_policy if retries is _UNSET else sdk.retry_policy.new(retries)
        method, body = method.upper(), kw.get("body")
        preload, decode = kw.get("preload_content", True), kw.get("decode_content", True)
        budget = sdk.budget if timeout is sdk.timeout else budget_of(timeout)
        call_deadline = None if policy.total_timeout is None else time.monotonic() + policy.total_timeout
        attempt = 0
        while True:
            try_deadline = None if budget is None else time.monotonic() + budget
            if call_deadline is not None and (try_deadline is None or call_deadline < try_deadline):
                try_deadline = call_deadline
            try:
                response = self._try(method, url, headers, body, timeout, try_deadline, preload, decode, redirect)
            except Fault as fault:
                delay = policy.delay_after_error(attempt, method, fault.request_sent) if fault.retryable else None
                if delay is None or (call_deadline is not None and time.monotonic() + delay >= call_deadline):
                    raise fault.error from fault.error.__cause__
                cause = str(fault.error)
            else:
                delay = policy.delay_after_status(response.status, response.headers, attempt, method) \
                    if response.status >= 400 else None
                if delay is None or (call_deadline is not None and time.monotonic() + delay >= call_deadline):
                    return response
                discard(response)
                cause = f"HTTP {response.status}"
            attempt += 1
            logger.info("retrying %s %s in %.2fs (retry %d of %d) after: %s",
                        method, url, delay, attempt, policy.max_retries, cause)
            time.sleep(delay)

    def _try(self, method: str, url: str, headers: Mapping[str, str], body: Any, timeout: Any,
             deadline: Optional[float], preload: bool, decode: bool, redirect: bool) -> Any:
        """One try: send, follow redirects, read the body, all before ``deadline``. Raises Fault or SDK errors."""
        origin, path = first_origin, _ = _origin_and_path(url)
        local = deadline_local
        previous = local.deadline
        local.deadline = deadline
        response: Any = None
        try:
            for _ in range(MAX_REDIRECTS + 1):
                response = self._send(method, url, origin, path, headers, body, timeout, deadline)
                location = response.headers.get("location") if redirect and \
                    response.status in REDIRECT_STATUSES else None
                if not location:
                    if preload or response.status >= 400:  # an error body is read: the caller will raise
                        self._preload(response, decode)
                    return response
                url = _redirect_target(url, location, response)
                self._drain(response)
                origin, path = _origin_and_path(url)
                if origin != first_origin:
                    headers = {k: v for k, v in headers.items() if k.lower() not in CROSS_ORIGIN_STRIPPED}
                if response.status == 303 and method != "HEAD":
                    method, body = "GET", None
            raise ApiRedirectError(status=response.status, reason=response.reason, headers=response.headers,
                                   message=f"more than {MAX_REDIRECTS} redirects, the last to {one_line(url, 200)}")
        except ApiException:
            raise
        except TRANSPORT_ERRORS as exc:
            raise translate(exc, _host_of(origin), deadline, timeout) from exc
        finally:
            local.deadline = previous

    def _send(self, method: str, url: str, origin: str, path: str, headers: Mapping[str, str], body: Any,
              timeout: Any, deadline: Optional[float]) -> Any:
        pool, manager = self._routes.get(origin) or self._route(origin)
        waited = self._sdk.pool_timeout
        if deadline is not None:
            waited = min(waited, max(deadline - time.monotonic(), 0.001))
        debug = logger.isEnabledFor(logging.DEBUG)
        if debug:
            logger.debug("request: %s %s headers=%s", method, one_line(url, 2000), redact_headers(headers))
        try:
            if pool is not None:
                response = pool.urlopen(method, path, body=body, headers=headers, timeout=timeout,
                                        pool_timeout=waited, **_POOL_URLOPEN)
            else:
                response = urllib3.ProxyManager.urlopen(manager, method, url, redirect=False, body=body,
                                                        headers=headers, timeout=timeout, pool_timeout=waited,
                                                        **_PROXY_URLOPEN)
        except u3.ClosedPoolError:  # the pool was evicted (and closed) meanwhile: look it up again
            with self._routes_lock:
                self._routes.pop(origin, None)
            return self._send(method, url, origin, path, headers, body, timeout, deadline)
        if debug:
            logger.debug("response: %s %s for %s %s headers=%s", response.status, one_line(str(response.reason), 100),
                         method, one_line(url, 2000), redact_headers(response.headers))
        return response

    def _preload(self, response: Any, decode: bool) -> None:
        """Read the whole body into ``response.data`` and give the connection back; on failure, close it."""
        try:
            data = read_body(response, self._sdk.max_response_bytes, decode)
        except BaseException:
            discard(response)
            raise
        response._body = data
        response.release_conn()

    def _drain(self, response: Any) -> None:
        """Read a redirect's (small) body so its connection can be reused; close a large one instead."""
        try:
            read_body(response, _REDIRECT_BODY_LIMIT, decode=False)
        except Exception:  # any failure: the connection is simply not reused
            discard(response)
            return
        response.release_conn()

    # --- routing -------------------------------------------------------------------------

    def _route(self, origin: str) -> Tuple[Any, Any]:
        """(the pool to call directly, or None; the proxy manager otherwise) for ``origin``."""
        scheme, _, authority = origin.partition("://")
        scheme = scheme.lower()
        if scheme not in ("http", "https") or not authority:
            raise ApiValueError(f"the host must be an http:// or https:// URL, not {one_line(origin, 200)!r}")
        sdk = self._sdk
        proxy = proxy_for(scheme, authority, sdk.proxy, sdk.no_proxy)
        try:
            route = (self._direct().connection_from_url(origin), None) if proxy is None \
                else (None, self._proxied(proxy))
        except (u3.LocationValueError, u3.LocationParseError, ValueError) as exc:
            raise ApiValueError(f"cannot use the host {one_line(origin, 200)!r}: {exc}") from None
        with self._routes_lock:
            self._routes[origin] = route
            while len(self._routes) > _ROUTES_KEPT:
                self._routes.popitem(last=False)
        return route

    def _direct(self) -> Any:
        if not isinstance(self, urllib3.ProxyManager):
            return self
        manager = self._side.get(None)
        if manager is None:
            manager = _SidePoolManager(num_pools=10, **self._sdk.pool_kw)
            manager._adopt(self._sdk, self._registry)
            self._side[None] = manager
        return manager

    def _proxied(self, proxy: str) -> Any:
        if isinstance(self, urllib3.ProxyManager) and proxy == self._sdk.proxy:
            return self
        manager = self._side.get(proxy)
        if manager is None:
            url, proxy_headers = with_credentials_as_header(proxy, None)
            manager = _SideProxyManager(url, num_pools=10, proxy_headers=proxy_headers, **self._sdk.pool_kw)
            manager._adopt(self._sdk, self._registry)
            self._side[proxy] = manager
        return manager

    # --- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        """Close every connection this manager (and its side managers) opened, idle or in use."""
        with self._routes_lock:
            self._routes.clear()
        self.clear()  # type: ignore[attr-defined]
        for manager in list(self._side.values()):
            manager.clear()
        self._registry.close_all()

    def _after_fork(self) -> None:
        """In a child process: forget every pool and connection the parent had (their sockets are shared)."""
        self._registry.abandon()
        self._routes = OrderedDict()
        self._routes_lock = threading.Lock()
        self._side = {}
        self._adopt(self._sdk, ConnectionRegistry())


class SDKPoolManager(_SDKManager, urllib3.PoolManager):  # type: ignore[misc]  # urlopen: as PoolManager's
    """``RESTClientObject.pool_manager`` without ``Configuration.proxy``: a urllib3 ``PoolManager``."""

    def __init__(self, sdk: TransportSettings, num_pools: int = 10, headers: Optional[Mapping[str, str]] = None,
                 **connection_pool_kw: Any) -> None:
        super().__init__(num_pools=num_pools, headers=headers, **connection_pool_kw)
        self._start(sdk)


class SDKProxyManager(_SDKManager, urllib3.ProxyManager):  # type: ignore[misc]  # urlopen: as PoolManager's
    """``RESTClientObject.pool_manager`` with ``Configuration.proxy``: a urllib3 ``ProxyManager``."""

    def __init__(self, sdk: TransportSettings, proxy_url: str, num_pools: int = 10,
                 headers: Optional[Mapping[str, str]] = None, proxy_headers: Optional[Mapping[str, str]] = None,
                 **connection_pool_kw: Any) -> None:
        url, with_auth = with_credentials_as_header(proxy_url, dict(proxy_headers or {}))
        super().__init__(url, num_pools=num_pools, headers=headers, proxy_headers=with_auth, **connection_pool_kw)
        self._start(sdk)


def _redirect_target(url: str, location: str, response: Any) -> str:
    """The absolute URL a redirect points to; raises ApiRedirectError for one the SDK will not follow."""

    def refuse(what: str) -> ApiRedirectError:
        return ApiRedirectError(status=response.status, reason=response.reason, headers=response.headers,
                                message=f"the server redirected to {what}")

    if len(location) > 8192:
        raise refuse("a URL longer than 8192 characters; not followed")
    try:
        target = urljoin(url, location.strip())
        parts = urlsplit(target)
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number
    except ValueError:
        raise refuse(f"an invalid URL ({one_line(location, 100)}); not followed") from None
    if parts.scheme not in ("http", "https"):
        raise refuse(f"a {one_line(parts.scheme, 20) or 'relative'}: URL; only http and https are followed")
    if parts.username is not None or parts.password is not None:
        raise refuse("a URL with credentials in it; not followed")
    if not parts.hostname:
        raise refuse(f"a URL without a host ({one_line(location, 100)}); not followed")
    return target.split("#", 1)[0]


_live_managers: weakref.WeakSet[_SDKManager] = weakref.WeakSet()


def _reset_after_fork() -> None:
    for manager in list(_live_managers):
        manager._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)
