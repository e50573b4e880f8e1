"""The one request path: headers and auth in, transport call, status and JSON out.

``ApiClient.invoke`` serves every declared operation (see :mod:`openapi_client.operation`);
``call_api`` is the generated clients' general entry and runs through the same steps. The
client holds no HTTP details (those are in :mod:`openapi_client.rest`) and no model internals
(those are in :mod:`openapi_client.model_utils`).

One ``ApiClient`` may be shared by many threads. ``last_response`` is the response of the last
call made through it, from whichever thread.
"""

import json
import sys
from datetime import date, datetime
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import quote

from openapi_client import rest
from openapi_client._version import __version__
from openapi_client.configuration import AUTH_SCHEMES, Configuration
from openapi_client.exceptions import (
    ApiDecodeError,
    ApiException,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    OpenApiException,
    exception_class_for_status,
)
from openapi_client.model.error import Error
from openapi_client.model.rest_error import RESTError
from openapi_client.model_utils import ModelNormal, check_value, deserialize, model_to_dict
from openapi_client.operation import OperationSpec, Param

#: The API's error bodies, tried in order when a call fails: v1alpha's, then v1's.
ERROR_MODELS = (Error, RESTError)
DEFAULT_USER_AGENT = (
    f"openapi_client/{__version__} (Stability.ai SDK; python/{sys.version_info[0]}.{sys.version_info[1]})"
)
_FORBIDDEN_IN_HEADERS = frozenset("\r\n\0")


class AsyncResult:
    """The pending result of an ``async_req=True`` call; ``get()`` waits for it."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def get(self, timeout: Optional[float] = None) -> Any:
        """The call's result (or its exception, raised); ApiTimeoutError if ``timeout`` seconds pass."""
        from concurrent.futures import TimeoutError as FutureTimeout

        try:
            return self._future.result(timeout)
        except FutureTimeout:
            raise ApiTimeoutError(f"the call did not finish within {timeout}s") from None

    def ready(self) -> bool:
        """Whether the call has finished."""
        return bool(self._future.done())

    def successful(self) -> bool:
        """Whether the call finished without an exception (ValueError while it runs, as in multiprocessing)."""
        if not self._future.done():
            raise ValueError("the call has not finished")
        return self._future.exception() is None

    def wait(self, timeout: Optional[float] = None) -> None:
        """Wait until the call finishes, or ``timeout`` seconds."""
        from concurrent.futures import wait

        wait([self._future], timeout)


class ApiClient:
    """Sends the API's requests and turns their responses into models or exceptions.

    :param configuration: settings; default ``Configuration.get_default_copy()``.
    :param header_name: a header sent with every call (with ``header_value``).
    :param cookie: a ``Cookie`` header sent with every call.
    :param pool_threads: threads for ``async_req=True`` calls (the pool starts on first use).

    Use it as a context manager, or call :meth:`close`, to release its connections and threads.
    """

    PRIMITIVE_TYPES = (float, bool, bytes, str, int)

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
        pool_threads: int = 1,
    ) -> None:
        self.configuration = Configuration.get_default_copy() if configuration is None else configuration
        self.pool_threads = pool_threads
        self.rest_client = rest.RESTClientObject(self.configuration)
        self.default_headers: Dict[str, str] = {"Accept-Encoding": "gzip, deflate"}
        if header_name is not None:
            self.default_headers[header_name] = str(header_value)
        self.cookie = cookie
        self.user_agent = DEFAULT_USER_AGENT
        self.last_response: Any = None
        self._pool: Any = None

    # --- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> "ApiClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections and stop the ``async_req`` threads (after their calls finish)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self.rest_client.close()

    @property
    def pool(self) -> Any:
        """The thread pool behind ``async_req=True``, created on first use."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self.pool_threads, thread_name_prefix="openapi_client")
        return self._pool

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` header sent with every call."""
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send ``header_name: header_value`` with every call."""
        self.default_headers[header_name] = header_value

    # --- the request path --------------------------------------------------------------

    def invoke(self, operation: OperationSpec, kwargs: Dict[str, Any]) -> Any:
        """Call ``operation`` with the caller's keywords (parameters and per-call options)."""
        if len(kwargs) > len(operation.param_names):
            unknown = kwargs.keys() - operation.accepted_kwargs
            if unknown:
                raise ApiTypeError(
                    f"Got an unexpected keyword argument '{sorted(unknown)[0]}' to method {operation.name}"
                )
        if kwargs.get("async_req"):
            return self._submit(self.invoke, operation, {**kwargs, "async_req": False})
        config = self.configuration
        headers = self._headers(operation.static_headers)
        for header, attribute in operation.config_headers:
            value = getattr(config, attribute, None)
            if value:
                headers[header] = value
        query = self._set_params(operation.params, kwargs, headers)
        self._apply_auth(headers, query, operation.auth, kwargs.get("_request_auths"))
        host_index = kwargs.get("_host_index")
        host = config.host if host_index is None else config.get_host_from_settings(host_index)
        return self._perform(operation.method, host + operation.path, headers, None, query,
                             operation.response_type, kwargs)

    def _headers(self, extra: Mapping[str, str]) -> Dict[str, str]:
        """A fresh dict: the default headers, the cookie, then ``extra``."""
        headers = {**self.default_headers, **extra}
        if self.cookie:
            headers["Cookie"] = self.cookie
        return headers

    def _set_params(self, params: Sequence[Param], kwargs: Mapping[str, Any],
                    headers: Dict[str, str]) -> Optional[List[Tuple[str, Any]]]:
        """Put the given parameters in ``headers``; return the query parameters."""
        query: Optional[List[Tuple[str, Any]]] = None
        check = kwargs.get("_check_input_type", True)
        for param in params:
            value = kwargs.get(param.name)
            if value is None:
                continue
            if check:
                value = check_value(param.convert, value, [param.name])
            if param.location == "header":
                headers[param.wire_name] = _header_value(param.name, value)
            else:
                query = (query or []) + [(param.wire_name, value)]
        return query

    def _apply_auth(self, headers: Dict[str, str], query: Optional[List[Tuple[str, Any]]],
                    schemes: Sequence[str], request_auths: Optional[Sequence[Mapping[str, Any]]]) -> None:
        """Add the credentials: ``request_auths`` when given, else the first scheme that has a key."""
        if request_auths:
            for setting in request_auths:
                _apply_auth_setting(headers, query, setting)
            return
        config = self.configuration
        for scheme in schemes:
            value = config.get_api_key_with_prefix(scheme)
            if value is not None:
                _apply_auth_setting(headers, query, {"in": AUTH_SCHEMES[scheme][0],
                                                     "key": AUTH_SCHEMES[scheme][1], "value": value})
                return

    def _perform(self, method: str, url: str, headers: Dict[str, str], body: Any,
                 query: Optional[List[Tuple[str, Any]]], response_type: Any, options: Mapping[str, Any]) -> Any:
        """Send through the transport; raise for an error status; decode the body as ``response_type``."""
        retries = options.get("_retries")
        policy = None if retries is None else self.rest_client.retry_policy.new(retries)
        preload = options.get("_preload_content", True)
        response = self.rest_client.request(
            method, url, query_params=query, headers=headers, body=body, _preload_content=preload,
            _request_timeout=options.get("_request_timeout"), retry_policy=policy,
        )
        self.last_response = response
        if not 200 <= response.status < 300:
            raise self._status_error(response)
        if not preload:
            return response
        data = self._decode(response, response_type, options.get("_check_return_type", True))
        if options.get("_return_http_data_only", True):
            return data
        return data, response.status, response.headers

    def _status_error(self, response: Any) -> ApiException:
        """The exception for an error response, with the API's error body parsed when it sent one."""
        body = response.data
        error_cls = exception_class_for_status(response.status)
        return error_cls(status=response.status, reason=response.reason, http_resp=response, body=body,
                         headers=response.headers, error=parse_error(body))

    def _decode(self, response: Any, response_type: Any, check: bool) -> Any:
        if response_type is None:
            return None
        data = response.data
        try:
            parsed = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise ApiDecodeError(
                status=response.status, reason=response.reason, body=data, headers=response.headers,
                message=f"the response body is not JSON ({_describe_body(response)})",
            ) from exc
        try:
            return deserialize(parsed, response_type, check=check,
                               discard_unknown=self.configuration.discard_unknown_keys)
        except (ApiTypeError, ApiValueError) as exc:
            raise type(exc)(exc.msg, exc.path_to_item, context=_describe_body(response)) from None

    def _submit(self, function: Callable[..., Any], *args: Any) -> AsyncResult:
        return AsyncResult(self.pool.submit(function, *args))

    # --- the generated clients' general entry points -----------------------------------

    def call_api(
        self,
        resource_path: str,
        method: str,
        path_params: Optional[Mapping[str, Any]] = None,
        query_params: Optional[List[Tuple[str, Any]]] = None,
        header_params: Optional[Mapping[str, str]] = None,
        body: Any = None,
        post_params: Optional[List[Tuple[str, Any]]] = None,
        files: Optional[Mapping[str, Any]] = None,
        response_type: Any = None,
        auth_settings: Optional[Sequence[str]] = None,
        async_req: Optional[bool] = None,
        _return_http_data_only: Optional[bool] = None,
        collection_formats: Optional[Mapping[str, str]] = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
        _host: Optional[str] = None,
        _check_type: Optional[bool] = None,
        _content_type: Optional[str] = None,
        _request_auths: Optional[Sequence[Mapping[str, Any]]] = None,
    ) -> Any:
        """Call any path of the API; ``response_type`` is a model class (or a 1-tuple of one)."""
        if async_req:
            return self._submit(lambda: self.call_api(
                resource_path, method, path_params, query_params, header_params, body, post_params, files,
                response_type, auth_settings, False, _return_http_data_only, collection_formats,
                _preload_content, _request_timeout, _host, _check_type, _content_type, _request_auths))
        if files:
            raise ApiValueError("file uploads are not supported by this API")
        safe = self.configuration.safe_chars_for_path_param
        for name, value in (path_params or {}).items():
            resource_path = resource_path.replace("{" + name + "}", quote(str(value), safe=safe))
        headers = self._headers({k: _header_value(k, v) for k, v in (header_params or {}).items()})
        if _content_type:
            headers["Content-Type"] = _content_type
        query = list(query_params or [])
        self._apply_auth(headers, query, auth_settings or (), _request_auths)
        if isinstance(response_type, tuple):
            response_type = response_type[0] if response_type else None
        options = {
            "_return_http_data_only": True if _return_http_data_only is None else _return_http_data_only,
            "_preload_content": _preload_content,
            "_request_timeout": _request_timeout,
            "_check_return_type": True if _check_type is None else _check_type,
        }
        body = None if body is None else self.sanitize_for_serialization(body)
        return self._perform(method.upper(), (_host or self.configuration.host) + resource_path, headers, body,
                             query, response_type, options)

    def request(self, method: str, url: str, query_params: Optional[List[Tuple[str, Any]]] = None,
                headers: Optional[Dict[str, str]] = None, post_params: Optional[List[Tuple[str, Any]]] = None,
                body: Any = None, _preload_content: bool = True, _request_timeout: Any = None) -> Any:
        """Send a raw request through the transport (no auth, no status check, no decoding)."""
        return self.rest_client.request(method.upper(), url, query_params=query_params, headers=headers,
                                        body=body, post_params=post_params, _preload_content=_preload_content,
                                        _request_timeout=_request_timeout)

    def update_params_for_auth(self, headers: Dict[str, str], queries: List[Tuple[str, Any]],
                               auth_settings: Sequence[str], resource_path: str = "", method: str = "",
                               body: Any = None, request_auths: Optional[Sequence[Mapping[str, Any]]] = None) -> None:
        """Add the credentials of ``auth_settings`` (scheme names) to ``headers``/``queries``."""
        self._apply_auth(headers, queries, auth_settings, request_auths)

    def sanitize_for_serialization(self, obj: Any) -> Any:
        """``obj`` as JSON-ready data: models by their JSON names, dates as ISO 8601 strings."""
        if obj is None or isinstance(obj, self.PRIMITIVE_TYPES):
            return obj
        if isinstance(obj, (datetime, date)):
            return obj.isoformat()
        if isinstance(obj, ModelNormal):
            return self.sanitize_for_serialization(model_to_dict(obj, serialize=True))
        if isinstance(obj, (list, tuple)):
            return [self.sanitize_for_serialization(item) for item in obj]
        if isinstance(obj, dict):
            return {key: self.sanitize_for_serialization(value) for key, value in obj.items()}
        raise ApiValueError(f"cannot serialize a {type(obj).__name__} to JSON")

    def deserialize(self, response: Any, response_type: Any, _check_type: bool = True) -> Any:
        """The body of ``response`` decoded as ``response_type`` (a model class or a 1-tuple of one)."""
        if isinstance(response_type, tuple):
            response_type = response_type[0] if response_type else None
        return self._decode(response, response_type, _check_type)


def parse_error(body: Any) -> Optional[ModelNormal]:
    """The API's JSON error body as a model (v1alpha ``Error`` or v1 ``RESTError``), or ``None``."""
    try:
        data = json.loads(body) if body else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    for model in ERROR_MODELS:
        try:
            return model._from_openapi_data(**data)
        except (OpenApiException, TypeError):
            continue
    return None


def _describe_body(response: Any) -> str:
    content_type = response.headers.get("content-type", "no content-type")
    return f"{response.status} response, {content_type}, body starts {bytes(response.data[:80])!r}"


def _header_value(name: str, value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if not _FORBIDDEN_IN_HEADERS.isdisjoint(text):
        raise ApiValueError(f"the value of '{name}' contains a line break or NUL, which HTTP headers cannot carry")
    return text


def _apply_auth_setting(headers: Dict[str, str], query: Optional[List[Tuple[str, Any]]],
                        setting: Mapping[str, Any]) -> None:
    location, key, value = setting.get("in"), setting["key"], setting["value"]
    if location == "header":
        headers[key] = _header_value("the API key", value)
    elif location == "query" and query is not None:
        query.append((key, value))
    elif location == "cookie":
        headers["Cookie"] = _header_value("the API key", value)
    else:
        raise ApiValueError("Authentication token must be in `query`, `header` or `cookie`")
