"""The REST layer generated clients have: ``RESTClientObject`` and ``RESTResponse``, over our transport.

``RESTClientObject.request`` does what a python-prior client's does, with the same seams for
tests: it calls ``self.pool_manager.request(method, url, fields=..., preload_content=...,
timeout=..., headers=...)`` with python-prior's arguments, wraps a read response in a
:class:`RESTResponse`, and raises the status's exception for a status outside 2xx. A test may
replace ``pool_manager`` with a recording object, or patch ``request``, ``GET``, or urllib3's
``PoolManager.request``, and see exactly what it would see with a generated client.

Underneath, ``pool_manager`` is this SDK's own (see :mod:`openapi_client._transport`): retries,
per-try time limits, size limits, redirects, proxies and the shared TLS context live there, so the
arguments above stay python-prior's. This module knows nothing about models.
"""

from __future__ import annotations

import io
import json
import logging
import re
import ssl
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlencode

import urllib3
from urllib3 import exceptions as u3

from openapi_client._display import one_line
from openapi_client._transport.faults import TRANSPORT_ERRORS, translate
from openapi_client._transport.manager import SDKPoolManager, SDKProxyManager, TransportSettings
from openapi_client.configuration import check_timeout
from openapi_client.exceptions import ApiException, ApiValueError, exception_class_for_status

logger = logging.getLogger("openapi_client")

TimeoutArg = Union[None, float, int, Tuple[Optional[float], Optional[float]], urllib3.Timeout]
_METHODS = ("GET", "HEAD", "DELETE", "POST", "PUT", "PATCH", "OPTIONS")
_BODY_METHODS = ("POST", "PUT", "PATCH", "OPTIONS", "DELETE")
_NO_EXTRA: Dict[str, Any] = {}


class RESTResponse(io.IOBase):
    """A response whose body has been read: ``status``, ``reason``, ``data``, ``getheaders()``, ``getheader()``.

    As in generated clients, it wraps anything with ``status``, ``reason``, ``data`` and
    ``getheaders``/``getheader`` (a urllib3 response, or a test's stand-in).
    """

    def __init__(self, resp: Any) -> None:
        self.urllib3_response = resp
        self.status: int = resp.status
        self.reason: Optional[str] = resp.reason
        self.data: Any = resp.data

    def getheaders(self) -> Mapping[str, str]:
        """All response headers (urllib3's case-insensitive mapping)."""
        headers = getattr(self.urllib3_response, "headers", None)
        return headers if headers is not None else self.urllib3_response.getheaders()  # type: ignore[no-any-return]

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """One response header, or ``default``."""
        headers = getattr(self.urllib3_response, "headers", None)
        if headers is not None:
            return headers.get(name, default)  # type: ignore[no-any-return]
        return self.urllib3_response.getheader(name, default)  # type: ignore[no-any-return]


def _pool_kwargs(configuration: Any, maxsize: Optional[int]) -> Dict[str, Any]:
    """The pool settings python-prior passes to urllib3, plus bounded pools. The CA bundle and client
    certificate go into the shared TLS context instead (see :mod:`openapi_client._transport.tls`)."""
    kw: Dict[str, Any] = {
        "maxsize": maxsize or configuration.connection_pool_maxsize or 4,
        "block": True,
        "cert_reqs": ssl.CERT_REQUIRED if configuration.verify_ssl else ssl.CERT_NONE,
    }
    if configuration.assert_hostname is not None:
        kw["assert_hostname"] = configuration.assert_hostname
    if configuration.retries is not None:
        kw["retries"] = configuration.retries
    if configuration.tls_server_name:
        kw["server_hostname"] = configuration.tls_server_name
    if configuration.socket_options is not None:
        kw["socket_options"] = configuration.socket_options
    return kw


class RESTClientObject:
    """The HTTP side of one ``ApiClient``. Build it from a ``Configuration``; share it between threads.

    ``pool_manager`` is a urllib3 ``PoolManager`` (a ``ProxyManager`` when ``Configuration.proxy``
    is set), built as python-prior builds it, so ``pool_manager.connection_pool_kw`` holds
    ``maxsize``, ``retries``, ``socket_options``, ``assert_hostname``... A test may replace it.
    """

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None) -> None:
        kw = _pool_kwargs(configuration, maxsize)
        sdk = TransportSettings(configuration, kw)
        if not configuration.verify_ssl:
            logger.warning("TLS certificate verification is off (verify_ssl=False): the server is not authenticated")
        self.pool_manager: Any
        if configuration.proxy:
            self.pool_manager = SDKProxyManager(sdk, configuration.proxy, num_pools=pools_size,
                                                proxy_headers=configuration.proxy_headers, **kw)
        else:
            self.pool_manager = SDKPoolManager(sdk, num_pools=pools_size, **kw)

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
        _retries: Any = None,
    ) -> Any:
        """Send a request; a :class:`RESTResponse` (or, with ``_preload_content=False``, the urllib3 response).

        Raises the status's exception (``NotFoundException``, ``ServiceException``...) for a
        status outside 2xx, after the transport's retries; network faults raise
        ``ApiConnectionError``/``ApiTimeoutError``; a bad argument ``ApiValueError``/``ApiTypeError``.
        ``_request_timeout``: seconds for the whole try, a ``(connect, read)`` pair, or a urllib3
        ``Timeout``; ``_retries``: this SDK's per-call retries (an int, ``RetryPolicy`` or ``Retry``).
        """
        method = method.upper()
        if method not in _METHODS:
            raise ApiValueError(f"http method must be one of {', '.join(_METHODS)}, not {method!r}")
        if post_params and body:
            raise ApiValueError("body parameter cannot be used with post_params parameter.")
        post_params = post_params or {}  # type: ignore[assignment]
        headers = headers or {}
        timeout = None if _request_timeout is None else _to_timeout(check_timeout(_request_timeout, "_request_timeout"))
        extra = _NO_EXTRA if _retries is None else {"retries": _retries}
        try:
            if method in _BODY_METHODS:
                response = self._send_with_body(method, url, query_params, headers, body, post_params,
                                                _preload_content, timeout, extra)
            else:
                response = self.pool_manager.request(method, url, fields=query_params,
                                                     preload_content=_preload_content, timeout=timeout,
                                                     headers=headers, **extra)
        except ApiException:
            raise
        except TRANSPORT_ERRORS as exc:  # a pool manager of the user's own, raising urllib3's errors
            fault = translate(exc, url.split("//", 1)[-1].split("/", 1)[0], None)
            raise fault.error from exc
        if _preload_content:
            response = RESTResponse(response)
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("response body: %s", one_line(repr(response.data[:2000]), 2100))
        if not 200 <= response.status <= 299:
            raise exception_class_for_status(response.status)(http_resp=response)
        return response

    def _send_with_body(self, method: str, url: str, query_params: Any, headers: Dict[str, str], body: Any,
                        post_params: Any, preload: bool, timeout: Any, extra: Dict[str, Any]) -> Any:
        """POST, PUT, PATCH, OPTIONS, DELETE, as generated clients send them (JSON, form, multipart or raw)."""
        if method != "DELETE" and "Content-Type" not in headers:
            headers["Content-Type"] = "application/json"
        if query_params:
            url += "?" + urlencode(query_params)
        content_type = headers.get("Content-Type")
        options = {"preload_content": preload, "timeout": timeout, "headers": headers, **extra}
        if content_type is None or re.search("json", content_type, re.IGNORECASE):
            return self.pool_manager.request(method, url, body=None if body is None else json.dumps(body), **options)
        if content_type == "application/x-www-form-urlencoded":
            return self.pool_manager.request(method, url, fields=post_params, encode_multipart=False, **options)
        if content_type == "multipart/form-data":
            del headers["Content-Type"]  # urllib3 writes it, with the boundary
            return self.pool_manager.request(method, url, fields=post_params, encode_multipart=True, **options)
        if isinstance(body, (str, bytes)):
            return self.pool_manager.request(method, url, body=body, **options)
        raise ApiException(status=0, reason="Cannot prepare a request message for provided arguments. Please check "
                                            "that your arguments match declared content type.")

    def close(self) -> None:
        """Close every connection, idle or in use. The object stays usable: new connections open on demand."""
        close = getattr(self.pool_manager, "close", None) or getattr(self.pool_manager, "clear", None)
        if close is not None:
            close()

    # the generated clients' one-method-per-verb API
    def GET(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None,
            _preload_content: bool = True, _request_timeout: TimeoutArg = None, **options: Any) -> Any:
        """Send a GET request; see :meth:`request`."""
        return self.request("GET", url, headers=headers, _preload_content=_preload_content,
                            _request_timeout=_request_timeout, query_params=query_params, **options)

    def HEAD(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None,
             _preload_content: bool = True, _request_timeout: TimeoutArg = None, **options: Any) -> Any:
        """Send a HEAD request; see :meth:`request`."""
        return self.request("HEAD", url, headers=headers, _preload_content=_preload_content,
                            _request_timeout=_request_timeout, query_params=query_params, **options)

    def OPTIONS(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None,
                post_params: Any = None, body: Any = None, _preload_content: bool = True,
                _request_timeout: TimeoutArg = None, **options: Any) -> Any:
        """Send an OPTIONS request; see :meth:`request`."""
        return self.request("OPTIONS", url, headers=headers, query_params=query_params, post_params=post_params,
                            _preload_content=_preload_content, _request_timeout=_request_timeout, body=body, **options)

    def DELETE(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None, body: Any = None,
               _preload_content: bool = True, _request_timeout: TimeoutArg = None, **options: Any) -> Any:
        """Send a DELETE request; see :meth:`request`."""
        return self.request("DELETE", url, headers=headers, query_params=query_params,
                            _preload_content=_preload_content, _request_timeout=_request_timeout, body=body, **options)

    def POST(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None,
             post_params: Any = None, body: Any = None, _preload_content: bool = True,
             _request_timeout: TimeoutArg = None, **options: Any) -> Any:
        """Send a POST request; see :meth:`request`."""
        return self.request("POST", url, headers=headers, query_params=query_params, post_params=post_params,
                            _preload_content=_preload_content, _request_timeout=_request_timeout, body=body, **options)

    def PUT(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None,
            post_params: Any = None, body: Any = None, _preload_content: bool = True,
            _request_timeout: TimeoutArg = None, **options: Any) -> Any:
        """Send a PUT request; see :meth:`request`."""
        return self.request("PUT", url, headers=headers, query_params=query_params, post_params=post_params,
                            _preload_content=_preload_content, _request_timeout=_request_timeout, body=body, **options)

    def PATCH(self, url: str, headers: Optional[Dict[str, str]] = None, query_params: Any = None,
              post_params: Any = None, body: Any = None, _preload_content: bool = True,
              _request_timeout: TimeoutArg = None, **options: Any) -> Any:
        """Send a PATCH request; see :meth:`request`."""
        return self.request("PATCH", url, headers=headers, query_params=query_params, post_params=post_params,
                            _preload_content=_preload_content, _request_timeout=_request_timeout, body=body, **options)


def _to_timeout(value: Any) -> Optional[urllib3.Timeout]:
    """python-prior's conversion: seconds -> ``Timeout(total=...)``, a pair -> ``Timeout(connect, read)``."""
    if value is None or isinstance(value, urllib3.Timeout):
        return value
    if isinstance(value, tuple):
        return urllib3.Timeout(connect=value[0], read=value[1])
    return urllib3.Timeout(total=value)


__all__ = ["RESTClientObject", "RESTResponse", "u3"]
