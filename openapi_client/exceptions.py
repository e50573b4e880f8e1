"""Every error the SDK raises, in one hierarchy under :class:`OpenApiException`.

This module is a leaf: it imports nothing else from the package, so every other
module can raise these without import cycles.

::

    OpenApiException
    ├── ApiTypeError (TypeError)          a value has the wrong type (argument or response field)
    ├── ApiValueError (ValueError)        a value is wrong or missing (argument or response field)
    ├── ApiAttributeError (AttributeError) a model has no such attribute
    ├── ApiKeyError (KeyError)            a model has no such key
    └── ApiException                      the call failed: an HTTP status, the network, or the body
        ├── BadRequestException           400
        ├── UnauthorizedException         401
        ├── ForbiddenException            403
        ├── NotFoundException             404
        ├── ConflictException             409
        ├── UnprocessableEntityException  422
        ├── TooManyRequestsException      429
        ├── ServiceException              5xx
        ├── ApiDecodeError (ValueError)   a 2xx body that is not the JSON it should be
        └── ApiConnectionError            no HTTP response: refused, reset, DNS, TLS, proxy
            └── ApiTimeoutError           connect or read timed out, or no free pooled connection
"""

from typing import Any, Mapping, Optional, Sequence, Tuple, Type, Union

PathItem = Union[str, int]

#: Response headers that carry the server's id for a request, in the order they are looked up.
REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "cf-ray")

_MAX_MESSAGE_CHARS = 200


def render_path(path_to_item: Optional[Sequence[PathItem]]) -> str:
    """Render a path such as ``['received_data', 'organizations', 0]`` as ``['received_data']['organizations'][0]``."""
    if not path_to_item:
        return ""
    return "".join(f"[{item}]" if isinstance(item, int) else f"['{item}']" for item in path_to_item)


class OpenApiException(Exception):
    """The base class of every exception this SDK raises."""


class _PathError(OpenApiException):
    """Shared body of the errors that point at one item by its path."""

    def __init__(self, msg: str, path_to_item: Optional[Sequence[PathItem]] = None,
                 context: Optional[str] = None) -> None:
        self.msg = msg
        self.path_to_item = list(path_to_item) if path_to_item else None
        self.context = context
        full_msg = f"{msg} at {render_path(path_to_item)}" if path_to_item else msg
        super().__init__(f"{full_msg} ({context})" if context else full_msg)


class ApiTypeError(_PathError, TypeError):
    """Raised when an argument or a response field has the wrong type."""

    def __init__(
        self,
        msg: str,
        path_to_item: Optional[Sequence[PathItem]] = None,
        valid_classes: Optional[Tuple[type, ...]] = None,
        key_type: Optional[bool] = None,
        context: Optional[str] = None,
    ) -> None:
        self.valid_classes = valid_classes
        self.key_type = key_type
        super().__init__(msg, path_to_item, context)


class ApiValueError(_PathError, ValueError):
    """Raised when an argument or a response field has a wrong value, or a required one is missing."""


class ApiAttributeError(_PathError, AttributeError):
    """Raised when a model is asked for an attribute it does not have."""


class ApiKeyError(_PathError, KeyError):
    """Raised when a model is asked for a key it does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ApiException(OpenApiException):
    """Raised when a call fails: an HTTP error status, a network fault, or an unreadable body.

    Attributes: ``status`` and ``reason`` (``None`` when no response came), ``body`` (the raw
    bytes), ``headers``, ``error`` (the API's JSON error body as a model, when it sent one),
    ``request_id`` (from the response headers or the error body) and ``http_resp``.
    ``str(e)`` is one short line; the full body and the headers stay on the attributes.
    """

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        *,
        body: Optional[bytes] = None,
        headers: Optional[Mapping[str, str]] = None,
        error: Any = None,
        message: Optional[str] = None,
    ) -> None:
        if http_resp is not None:
            status = http_resp.status if status is None else status
            reason = http_resp.reason if reason is None else reason
            body = http_resp.data if body is None else body
            headers = http_resp.getheaders() if headers is None else headers
        self.status = status
        self.reason = reason
        self.http_resp = http_resp
        self.body = body
        self.headers = headers
        self.error = error
        self.message = message if message is not None else _message_from(error, body, headers)
        self.request_id = _request_id_from(headers, error)
        super().__init__(self._summary())

    def _summary(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"({self.status})" + (f" {self.reason}" if self.reason else ""))
        text = " ".join(parts)
        if self.message:
            text = f"{text}: {self.message}" if text else self.message
        if self.request_id:
            text += f" [request id: {self.request_id}]"
        return text

    def __str__(self) -> str:
        return self._summary()


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


class ApiDecodeError(ApiException, ValueError):
    """Raised when a successful response's body is not the JSON the operation returns."""


class ApiConnectionError(ApiException):
    """Raised when no HTTP response came: connection refused or reset, DNS, TLS or proxy failure."""

    def __init__(self, message: str) -> None:
        super().__init__(message=message)


class ApiTimeoutError(ApiConnectionError):
    """Raised when connecting or reading timed out, or no pooled connection came free in time."""


_STATUS_EXCEPTIONS = {
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
    if status >= 500:
        return ServiceException
    return _STATUS_EXCEPTIONS.get(status, ApiException)


def header_value(headers: Optional[Mapping[str, str]], name: str) -> Optional[str]:
    """Header ``name`` (lower case) from any mapping: case-insensitive ones, or a plain dict."""
    if not headers:
        return None
    getter = getattr(headers, "get", None)
    value = getter(name) if getter else None
    if value is None:  # a plain dict is case-sensitive
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


def _request_id_from(headers: Optional[Mapping[str, str]], error: Any) -> Optional[str]:
    for name in REQUEST_ID_HEADERS:
        value = header_value(headers, name)
        if value:
            return value
    error_id = getattr(error, "id", None) if error is not None else None
    return error_id if isinstance(error_id, str) and error_id else None


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE_CHARS else text[: _MAX_MESSAGE_CHARS - 3] + "..."


def _message_from(error: Any, body: Optional[bytes], headers: Optional[Mapping[str, str]]) -> Optional[str]:
    """One short line describing the body: the API's message, an HTML page's title, or the first characters."""
    message = getattr(error, "message", None) if error is not None else None
    if isinstance(message, str) and message:
        return _one_line(message)
    if not body:
        return None
    text = body.decode("utf-8", "replace") if isinstance(body, (bytes, bytearray)) else str(body)
    content_type = (header_value(headers, "content-type") or "").lower()
    if "html" in content_type or text.lstrip()[:1] == "<":
        return _html_summary(text)
    return _one_line(text)


def _html_summary(text: str) -> str:
    lower = text.lower()
    start = lower.find("<title>")
    end = lower.find("</title>", start)
    if start != -1 and end != -1:
        title = _one_line(text[start + len("<title>") : end])
        if title:
            return f"HTML page '{title}' ({len(text)} characters)"
    return f"HTML page ({len(text)} characters)"
