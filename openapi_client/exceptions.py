"""Every error the SDK raises, in one hierarchy under :class:`OpenApiException`.

The names and constructors are those of OpenAPI Generator's python-prior clients, so code that
catches or builds them keeps working. This module imports only :mod:`openapi_client._display`.

::

    OpenApiException
    ├── ApiAttributeError (AttributeError) a model has no such attribute
    ├── ApiKeyError (KeyError)             a model has no such key
    └── ApiException                       a call failed: a status, the network, the body, an argument
        ├── BadRequestException            400
        ├── UnauthorizedException          401
        ├── ForbiddenException             403
        ├── NotFoundException              404
        ├── ConflictException              409
        ├── UnprocessableEntityException   422
        ├── TooManyRequestsException       429
        ├── ServiceException               5xx
        ├── ApiTypeError (TypeError)       a value has the wrong type: an argument, or a response field
        │   └── ApiDecodeError (ValueError) a body that is not the JSON (or text) it should be
        ├── ApiValueError (ValueError)     a value is wrong: an argument, a setting, or a response field
        ├── ApiResponseTooLargeError       a body above ``Configuration.max_response_bytes``
        ├── ApiRedirectError               a redirect the SDK will not follow (loop, bad or foreign URL)
        └── ApiConnectionError             no usable HTTP response: refused, reset, DNS, TLS, proxy
            └── ApiTimeoutError            a try ran out of time, or no pooled connection came free

``str(e)`` is always one printable line: text from the server is escaped and cut to a sane length,
and no key, cookie or password is ever part of it. Every exception pickles with its status,
reason, body, headers and parsed error (the raw ``http_resp`` is dropped on the way).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Type, Union

from openapi_client._display import one_line

if TYPE_CHECKING:
    from openapi_client.model.error import Error
    from openapi_client.model.rest_error import RESTError

PathItem = Union[str, int]

#: Response headers that carry the server's id for a request, in the order they are looked up.
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "cf-ray")

_REASON_CHARS = 80
_MESSAGE_CHARS = 200
_REQUEST_ID_CHARS = 80
_DETAIL_CHARS = 1000


def render_path(path_to_item: Optional[Sequence[PathItem]]) -> str:
    """Render a path such as ``['received_data', 'organizations', 0]`` as ``['received_data']['organizations'][0]``."""
    if not path_to_item:
        return ""
    return "".join(f"[{item}]" if isinstance(item, int) else f"['{item}']" for item in path_to_item)


class OpenApiException(Exception):
    """The base class of every exception this SDK raises."""

    def __reduce__(self) -> Tuple[Any, ...]:
        state = {k: v for k, v in vars(self).items() if k != "http_resp"}
        return (_rebuild, (type(self), self.args, state))


def _rebuild(cls: Type[OpenApiException], args: Tuple[Any, ...], state: Dict[str, Any]) -> OpenApiException:
    """Unpickle an SDK exception without calling its ``__init__`` (whose signatures differ)."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ApiAttributeError(OpenApiException, AttributeError):
    """Raised when a model is asked for an attribute (or item) it does not have."""

    def __init__(self, msg: str, path_to_item: Optional[Sequence[PathItem]] = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))

    def __str__(self) -> str:
        return one_line(str(self.args[0]) if self.args else "", _DETAIL_CHARS)


class ApiKeyError(OpenApiException, KeyError):
    """Raised when a model is asked for a key it does not have."""

    def __init__(self, msg: str, path_to_item: Optional[Sequence[PathItem]] = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))

    def __str__(self) -> str:  # KeyError would quote the message
        return one_line(str(self.args[0]) if self.args else "", _DETAIL_CHARS)


class ApiException(OpenApiException):
    """Raised when a call fails: an HTTP error status, a network fault, a bad body or argument.

    ``ApiException(status, reason, http_resp)`` as in generated clients. Attributes: ``status``
    and ``reason`` (``None`` when no response came), ``body`` (the raw body: ``str`` once it has
    passed through an ``ApiClient``, as in generated clients), ``headers``, ``error`` (the API's
    JSON error body as an :class:`Error` or :class:`RESTError`, when it sent one),
    ``request_id`` (from the headers or the error body) and ``http_resp``.
    """

    status: Optional[int] = None
    reason: Optional[str] = None
    body: Any = None
    headers: Optional[Mapping[str, str]] = None
    error: Optional[Union[Error, RESTError]] = None
    http_resp: Any = None
    _message: Optional[str] = None

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        *,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        error: Any = None,
        message: Optional[str] = None,
    ) -> None:
        if http_resp is not None:
            status = http_resp.status if status is None else status
            reason = http_resp.reason if reason is None else reason
            body = http_resp.data if body is None else body
            headers = _headers_of(http_resp) if headers is None else headers
        self.status = status
        self.reason = reason
        self.http_resp = http_resp
        self.body = body
        self.headers = headers
        self.error = error
        self._message = message

    @property
    def message(self) -> Optional[str]:
        """One line about what went wrong: the API's message, an HTML title, or the body's start."""
        if self._message is not None:
            return one_line(self._message, _MESSAGE_CHARS)
        return _message_from(self.error, self.body, self.headers)

    @property
    def request_id(self) -> Optional[str]:
        """The server's id for the request: from ``X-Request-Id`` and similar headers, else the error body."""
        for name in REQUEST_ID_HEADERS:
            value = header_value(self.headers, name)
            if value:
                return one_line(value, _REQUEST_ID_CHARS)
        error_id = getattr(self.error, "id", None)
        return one_line(error_id, _REQUEST_ID_CHARS) if isinstance(error_id, str) and error_id else None

    def __str__(self) -> str:
        parts: List[str] = []
        if self.status is not None:
            reason = one_line(str(self.reason), _REASON_CHARS) if self.reason else ""
            parts.append(f"({self.status}) {reason}".rstrip())
        message = self.message
        text = ": ".join([*parts, message]) if message else " ".join(parts)
        request_id = self.request_id
        return f"{text} [request id: {request_id}]" if request_id else text


class ApiTypeError(ApiException, TypeError):
    """Raised when an argument or a response field has the wrong type (``path_to_item`` names it).

    ``str(e)`` is the generated clients' sentence, e.g. ``Invalid type for variable 'credits'.
    Required value type is float and passed type was str at ['received_data']['credits']``. When a
    response caused it, ``status``, ``headers``, ``body`` and ``context`` (status, content type and
    the body's first bytes) say which.
    """

    context: Optional[str] = None

    def __init__(
        self,
        msg: str,
        path_to_item: Optional[Sequence[PathItem]] = None,
        valid_classes: Optional[Tuple[Any, ...]] = None,
        key_type: Optional[bool] = None,
    ) -> None:
        self.path_to_item = path_to_item
        self.valid_classes = valid_classes
        self.key_type = key_type
        Exception.__init__(self, _with_path(msg, path_to_item))

    def __str__(self) -> str:
        return one_line(str(self.args[0]) if self.args else "", _DETAIL_CHARS)


class ApiValueError(ApiException, ValueError):
    """Raised when an argument, a setting or a response field has a wrong value."""

    context: Optional[str] = None

    def __init__(self, msg: str, path_to_item: Optional[Sequence[PathItem]] = None) -> None:
        self.path_to_item = path_to_item
        Exception.__init__(self, _with_path(msg, path_to_item))

    def __str__(self) -> str:
        return one_line(str(self.args[0]) if self.args else "", _DETAIL_CHARS)


class ApiDecodeError(ApiTypeError, ValueError):
    """Raised when a response body is not the JSON (or text) the operation returns.

    A body that is not JSON at all reads, as in generated clients, ``Invalid type for variable
    'received_data'. Required value type is BalanceResponseBody and passed type was str``;
    ``context`` holds the status, the content type and the body's first bytes.
    """


class BadRequestException(ApiException):
    """Raised on HTTP 400: the server rejected the request as malformed."""


class UnauthorizedException(ApiException):
    """Raised on HTTP 401: the API key is missing or invalid."""


class ForbiddenException(ApiException):
    """Raised on HTTP 403: the key may not do this (for example, an organization it is not in)."""


class NotFoundException(ApiException):
    """Raised on HTTP 404: no such resource at this host and path."""


class ConflictException(ApiException):
    """Raised on HTTP 409: the request conflicts with the resource's state."""


class UnprocessableEntityException(ApiException):
    """Raised on HTTP 422: the request was well-formed but its content was refused."""


class TooManyRequestsException(ApiException):
    """Raised on HTTP 429 once retries are spent: the rate limit was hit."""


class ServiceException(ApiException):
    """Raised on HTTP 5xx once retries are spent: the server (or a proxy before it) failed."""


class ApiResponseTooLargeError(ApiException):
    """Raised when a response body (as sent, or once decompressed) exceeds ``max_response_bytes``."""


class ApiRedirectError(ApiException):
    """Raised when the server redirects in a way the SDK will not follow: too many hops, a URL that is
    not valid, not http(s), or that carries credentials."""


class ApiConnectionError(ApiException):
    """Raised when no usable HTTP response came: connection refused or reset, DNS, TLS or proxy failure,
    or a reply that breaks the HTTP protocol."""

    def __init__(self, message: str) -> None:
        super().__init__(message=message)


class ApiTimeoutError(ApiConnectionError):
    """Raised when a try ran out of time (connecting, or headers and body together), or no pooled
    connection came free in time."""


_STATUS_EXCEPTIONS: Dict[int, Type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
}


def exception_class_for_status(status: int) -> Type[ApiException]:
    """The exception class raised for an HTTP error ``status``."""
    if 500 <= status <= 599:
        return ServiceException
    return _STATUS_EXCEPTIONS.get(status, ApiException)


def header_value(headers: Optional[Mapping[str, str]], name: str) -> Optional[str]:
    """Header ``name`` (lower case) from any mapping: case-insensitive ones, or a plain dict."""
    if not headers:
        return None
    getter = getattr(headers, "get", None)
    value = getter(name) if getter else None
    if value is None:  # a plain dict is case-sensitive
        value = next((v for k, v in headers.items() if k.lower() == name), None)
    return value if isinstance(value, str) else None


def _headers_of(http_resp: Any) -> Optional[Mapping[str, str]]:
    getheaders = getattr(http_resp, "getheaders", None)
    headers: Any = getheaders() if callable(getheaders) else getattr(http_resp, "headers", None)
    return headers if isinstance(headers, Mapping) or headers is None else None


def _with_path(msg: str, path_to_item: Optional[Sequence[PathItem]]) -> str:
    return f"{msg} at {render_path(path_to_item)}" if path_to_item else msg


def _message_from(error: Any, body: Any, headers: Optional[Mapping[str, str]]) -> Optional[str]:
    """One short line describing the body: the API's message, an HTML page's title, or the first characters."""
    message = getattr(error, "message", None) if error is not None else None
    if isinstance(message, str) and message:
        return one_line(message, _MESSAGE_CHARS)
    if not body:
        return None
    if isinstance(body, (bytes, bytearray)):
        text = bytes(body[: 64 * 1024]).decode("utf-8", "replace")
    else:
        text = str(body)[: 64 * 1024]
    content_type = (header_value(headers, "content-type") or "").lower()
    if "html" in content_type or text.lstrip()[:1] == "<":
        return _html_summary(text, len(body))
    return one_line(text, _MESSAGE_CHARS)


def _html_summary(text: str, size: int) -> str:
    lower = text.lower()
    start = lower.find("<title>")
    end = lower.find("</title>", start)
    if start != -1 and end != -1:
        title = one_line(text[start + len("<title>") : end], 100)
        if title:
            return f"HTML page '{title}' ({size} characters)"
    return f"HTML page ({size} characters)"
