"""The one request path: headers and auth in, transport call, status and JSON out.

``ApiClient`` has a python-prior client's surface and seams: API methods call ``call_api`` with
the generated arguments, ``call_api`` builds headers and auth and calls ``request``, which calls
``rest_client.GET`` (or the method's verb). The helpers generated code calls are here too
(``sanitize_for_serialization``, ``parameters_to_tuples``, ``select_header_accept``,
``update_params_for_auth``, ``deserialize``...), with the same signatures and results.

What this layer adds, where headers are built: every header value is checked before anything is
sent (a value HTTP cannot carry raises ``ApiValueError`` naming the setting, never showing a
secret), and secrets are held as :class:`~openapi_client._display.Secret`, so no log line, error
tracker or debugger shows them. HTTP details are in :mod:`openapi_client.rest`, model internals
in :mod:`openapi_client.model_utils`.

One ``ApiClient`` may be shared by many threads. ``last_response`` is the response of the last
call made through it, from whichever thread.
"""

from __future__ import annotations

import atexit
import io
import json
import json.decoder
import json.scanner
import os
import weakref
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Match, Optional, Sequence, Tuple, Union

from openapi_client import rest
from openapi_client._conversion import Invalid, Options, compile_spec, deserialize_file, file_type
from openapi_client._display import SECRET_HEADERS, LazyRegex, Secret, one_line
from openapi_client.configuration import AUTH_SCHEMES, Configuration
from openapi_client.exceptions import (
    ApiDecodeError,
    ApiException,
    ApiTypeError,
    ApiValueError,
)
from openapi_client.model_utils import ModelNormal, ModelSimple, model_to_dict

if TYPE_CHECKING:
    from openapi_client.model.error import Error
    from openapi_client.model.rest_error import RESTError

#: The ``User-Agent`` of generated clients, which this SDK keeps (it names itself in v1's Stability-Client-* headers).
DEFAULT_USER_AGENT = "OpenAPI-Generator/1.0.0/python"
_VERBS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
_CHARSET = LazyRegex(r"charset=([a-zA-Z\-\d]+)[\s\;]?")
# what an HTTP header value may hold: tab, visible ASCII, and Latin-1 letters (no controls)
_HEADER_VALUE = LazyRegex("[\t\x20-\x7e\xa0-\xff]*")


def _first_charset_search(text: str) -> Optional[Match[str]]:
    global _charset_search
    _charset_search = _CHARSET.get().search  # from now on, the compiled pattern's own method
    return _charset_search(text)


def _first_value_check(text: str) -> Optional[Match[str]]:
    global _header_value_ok
    _header_value_ok = _HEADER_VALUE.get().fullmatch
    return _header_value_ok(text)


_charset_search: Callable[[str], Optional[Match[str]]] = _first_charset_search
_header_value_ok: Callable[[str], Optional[Match[str]]] = _first_value_check
_HEADER_NAME = LazyRegex(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_SETTINGS = {
    "authorization": "the API key (Configuration.api_key or $STABILITY_API_KEY)",
    "cookie": "the cookie (ApiClient.cookie)",
    "user-agent": "ApiClient.user_agent",
    "organization": "the organization argument",
    "stability-client-id": "Configuration.client_id or the stability_client_id argument",
    "stability-client-version": "Configuration.client_version or the stability_client_version argument",
}
_SERVER_DATA = Options(check=True, from_server=True, spec_naming=True, owned=True)


class ApiClient:
    """Sends the API's requests and turns their responses into models or exceptions.

    :param configuration: settings; default ``Configuration.get_default_copy()``.
    :param header_name: a header sent with every call (with ``header_value``).
    :param cookie: a ``Cookie`` header sent with every call.
    :param pool_threads: threads for ``async_req=True`` calls (the pool starts on first use).

    Use it as a context manager, or call :meth:`close`, to close its connections and threads.
    """

    PRIMITIVE_TYPES = (float, bool, bytes, str, int)
    _pool: Any = None

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
        self.default_headers: Dict[str, Any] = {}
        if header_name is not None:
            self.default_headers[header_name] = header_value
        self.cookie = cookie
        self.user_agent = DEFAULT_USER_AGENT
        self.last_response: Any = None
        self._pool_pid: Optional[int] = None
        self._server_options = Options(from_server=True, spec_naming=True, owned=True, configuration=self.configuration)
        self._atexit: Optional[Callable[[], None]] = None

    # --- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        """Stop the ``async_req`` threads (after their calls finish) and close every connection, now."""
        if self._pool is not None:
            if self._pool_pid == os.getpid():
                self._pool.close()
                self._pool.join()
            self._pool = None
        if self._atexit is not None:
            atexit.unregister(self._atexit)
            self._atexit = None
        self.rest_client.close()

    @property
    def pool(self) -> Any:
        """The ``multiprocessing.pool.ThreadPool`` behind ``async_req=True``, created on first use (and again
        in a child process after ``fork()``); closed by :meth:`close` or at interpreter exit."""
        if self._pool is None or self._pool_pid != os.getpid():
            from multiprocessing.pool import ThreadPool

            self._pool = ThreadPool(self.pool_threads)
            self._pool_pid = os.getpid()
            if self._atexit is None:
                self._atexit = _closer(weakref.ref(self))
                atexit.register(self._atexit)
        return self._pool

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` header sent with every call."""
        return str(self.default_headers["User-Agent"])

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send ``header_name: header_value`` with every call."""
        self.default_headers[header_name] = header_value

    # --- the request path --------------------------------------------------------------

    def call_api(
        self,
        resource_path: str,
        method: str,
        path_params: Optional[Mapping[str, Any]] = None,
        query_params: Optional[List[Tuple[str, Any]]] = None,
        header_params: Optional[Dict[str, Any]] = None,
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
        _request_auths: Optional[Sequence[Mapping[str, Any]]] = None,
        _content_type: Optional[str] = None,
        _retries: Any = None,
    ) -> Any:
        """Call any path of the API, as generated clients' ``call_api`` does; ``response_type`` is a spec.

        Returns the deserialized body; with ``_return_http_data_only=False`` ``(data, status,
        headers)``; with ``_preload_content=False`` the urllib3 response; with ``async_req=True``
        a ``multiprocessing`` ``ApplyResult`` whose ``get()`` returns one of those.
        """
        args = (resource_path, method, path_params, query_params, header_params, body, post_params, files,
                response_type, auth_settings, _return_http_data_only, collection_formats, _preload_content,
                _request_timeout, _host, _check_type, _request_auths, _content_type, _retries)
        if async_req:
            return self.pool.apply_async(self._call_api, args)
        return self._call_api(*args)

    def _call_api(
        self, resource_path: str, method: str, path_params: Optional[Mapping[str, Any]],
        query_params: Optional[List[Tuple[str, Any]]], header_params: Optional[Dict[str, Any]], body: Any,
        post_params: Optional[List[Tuple[str, Any]]], files: Optional[Mapping[str, Any]], response_type: Any,
        auth_settings: Optional[Sequence[str]], _return_http_data_only: Optional[bool],
        collection_formats: Optional[Mapping[str, str]], _preload_content: bool, _request_timeout: Any,
        _host: Optional[str], _check_type: Optional[bool], _request_auths: Optional[Sequence[Mapping[str, Any]]],
        _content_type: Optional[str], _retries: Any,
    ) -> Any:
        headers = dict(header_params or {})
        headers.update(self.default_headers)
        if self.cookie:
            headers["Cookie"] = Secret(self.cookie)
        if self.configuration.accept_gzip and "Accept-Encoding" not in headers:
            headers["Accept-Encoding"] = "gzip, deflate"
        if _content_type:
            headers["Content-Type"] = _content_type
        if path_params:
            safe = self.configuration.safe_chars_for_path_param
            from urllib.parse import quote

            for name, value in self.parameters_to_tuples(self.sanitize_for_serialization(path_params),
                                                         collection_formats):
                resource_path = resource_path.replace("{" + name + "}", quote(str(value), safe=safe))
        query = self.parameters_to_tuples(self.sanitize_for_serialization(query_params), collection_formats) \
            if query_params else query_params
        if post_params or files:
            post_params = self.parameters_to_tuples(self.sanitize_for_serialization(post_params or []),
                                                    collection_formats)
            post_params.extend(self.files_parameters(files))
            if str(headers.get("Content-Type", "")).startswith("multipart"):
                post_params = self.parameters_to_multipart(post_params, dict)
        if body:
            body = self.sanitize_for_serialization(body)
        self.update_params_for_auth(headers, query, auth_settings, resource_path, method, body,  # type: ignore[arg-type]
                                    request_auths=_request_auths)
        headers = checked_headers(headers)
        url = (self.configuration.host if _host is None else _host) + resource_path
        try:
            response = self.request(method, url, query_params=query, headers=headers, post_params=post_params,
                                    body=body, _preload_content=_preload_content,
                                    _request_timeout=_request_timeout,
                                    **({} if _retries is None else {"_retries": _retries}))
        except ApiException as exc:
            _complete_error(exc, headers)
            raise
        self.last_response = response
        if not _preload_content:
            return response
        if response_type:
            data = self._deserialize_response(response, response_type, True if _check_type is None else _check_type)
        else:
            data = None
        if _return_http_data_only is None or _return_http_data_only:
            return data
        return data, response.status, response.getheaders()

    def _deserialize_response(self, response: Any, response_type: Any, check: bool) -> Any:
        """Decode the body by its charset (as in generated clients, ``response.data`` becomes text), then
        deserialize it."""
        if response_type != (file_type,):
            content_type = response.getheader("content-type")
            match = _charset_search(content_type) if content_type else None
            encoding = match.group(1) if match else "utf-8"
            try:
                response.data = response.data.decode(encoding)
            except (UnicodeDecodeError, LookupError) as exc:
                raise _with_context(ApiDecodeError(f"the response body is not valid {encoding} text ({exc})"),
                                    response) from None
        return self.deserialize(response, response_type, check)

    def request(self, method: str, url: str, query_params: Optional[List[Tuple[str, Any]]] = None,
                headers: Optional[Dict[str, str]] = None, post_params: Optional[List[Tuple[str, Any]]] = None,
                body: Any = None, _preload_content: bool = True, _request_timeout: Any = None,
                **options: Any) -> Any:
        """Make the HTTP request through ``rest_client``'s method for ``method`` (``rest_client.GET``...)."""
        if method not in _VERBS:
            raise ApiValueError("http method must be `GET`, `HEAD`, `OPTIONS`, `POST`, `PATCH`, `PUT` or `DELETE`.")
        send = getattr(self.rest_client, method)
        if method in ("GET", "HEAD"):
            return send(url, query_params=query_params, _preload_content=_preload_content,
                        _request_timeout=_request_timeout, headers=headers, **options)
        if method == "DELETE":
            return send(url, query_params=query_params, headers=headers, _preload_content=_preload_content,
                        _request_timeout=_request_timeout, body=body, **options)
        return send(url, query_params=query_params, headers=headers, post_params=post_params,
                    _preload_content=_preload_content, _request_timeout=_request_timeout, body=body, **options)

    # --- the generated clients' helpers ------------------------------------------------

    def parameters_to_tuples(self, params: Any,
                             collection_formats: Optional[Mapping[str, str]]) -> List[Tuple[str, Any]]:
        """Parameters (a dict or a list of pairs) as a list of pairs, collections joined by their format."""
        formats = collection_formats or {}
        delimiters = {"ssv": " ", "tsv": "\t", "pipes": "|"}
        pairs: List[Tuple[str, Any]] = []
        for key, value in params.items() if isinstance(params, dict) else params:
            style = formats.get(key)
            if style == "multi":
                pairs.extend((key, item) for item in value)
            elif style:
                pairs.append((key, delimiters.get(style, ",").join(str(item) for item in value)))
            else:
                pairs.append((key, value))
        return pairs

    def parameters_to_multipart(self, params: Any, collection_types: Any) -> List[Any]:
        """Parameters as multipart fields; values of ``collection_types`` (default dict) sent as JSON parts."""
        from urllib3.fields import RequestField

        kinds = dict if collection_types is None else collection_types
        fields: List[Any] = []
        for key, value in params.items() if isinstance(params, dict) else params:
            if isinstance(value, kinds):
                field = RequestField(key, json.dumps(value, ensure_ascii=False).encode("utf-8"))
                field.make_multipart(content_type="application/json; charset=utf-8")
                fields.append(field)
            else:
                fields.append((key, value))
        return fields

    @staticmethod
    def get_file_data_and_close_file(file_instance: io.IOBase) -> bytes:
        """Read an open file to the end and close it."""
        data = file_instance.read()
        file_instance.close()
        return data  # type: ignore[no-any-return]

    def files_parameters(self, files: Optional[Mapping[str, Any]] = None) -> List[Tuple[str, Any]]:
        """``{field: [open files]}`` as multipart pairs ``(field, (filename, data, mimetype))``."""
        params: List[Tuple[str, Any]] = []
        for name, instances in (files or {}).items():
            for instance in instances or ():
                if instance is None:
                    continue
                if instance.closed:
                    raise ApiValueError(f"Cannot read a closed file. The passed in file_type for {name} must be open.")
                import mimetypes

                filename = os.path.basename(instance.name)
                mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
                params.append((name, (filename, self.get_file_data_and_close_file(instance), mimetype)))
        return params

    def select_header_accept(self, accepts: Sequence[str]) -> Optional[str]:
        """``application/json`` when it is among ``accepts``, else all of them joined (``None`` for none)."""
        if not accepts:
            return None
        lowered = [accept.lower() for accept in accepts]
        return "application/json" if "application/json" in lowered else ", ".join(lowered)

    def select_header_content_type(self, content_types: Sequence[str], method: Optional[str] = None,
                                   body: Any = None) -> Optional[str]:
        """The ``Content-Type`` to send: JSON when allowed (JSON Patch for a PATCH with a list), else the first."""
        if not content_types:
            return None
        lowered = [content_type.lower() for content_type in content_types]
        if method == "PATCH" and "application/json-patch+json" in lowered and isinstance(body, list):
            return "application/json-patch+json"
        if "application/json" in lowered or "*/*" in lowered:
            return "application/json"
        return lowered[0]

    def update_params_for_auth(self, headers: Dict[str, Any], queries: List[Tuple[str, Any]],
                               auth_settings: Optional[Sequence[str]], resource_path: Optional[str],
                               method: Optional[str], body: Any,
                               request_auths: Optional[Sequence[Mapping[str, Any]]] = None) -> None:
        """Add the credentials of ``auth_settings`` (scheme names), or of ``request_auths`` when given."""
        if not auth_settings:
            return
        if request_auths:
            for setting in request_auths:
                self._apply_auth_params(headers, queries, resource_path, method, body, setting)
            return
        config = self.configuration
        for scheme in auth_settings:
            if scheme in AUTH_SCHEMES:  # as in generated clients: a scheme the configuration lacks adds nothing
                value = config.get_api_key_with_prefix(scheme)
                if value is not None:  # both schemes are API keys in a header
                    headers[AUTH_SCHEMES[scheme][1]] = value if type(value) is Secret else Secret(value)

    def _apply_auth_params(self, headers: Dict[str, Any], queries: List[Tuple[str, Any]], resource_path: Any,
                           method: Any, body: Any, auth_setting: Mapping[str, Any]) -> None:
        location, key, value = auth_setting["in"], auth_setting["key"], auth_setting["value"]
        if type(value) is not Secret:
            value = Secret(value)
        if location == "cookie":
            headers["Cookie"] = Secret(f"{key}={value}")
        elif location == "header":
            if auth_setting.get("type") != "http-signature":
                headers[key] = value
        elif location == "query":
            queries.append((key, value))
        else:
            raise ApiValueError("Authentication token must be in `query` or `header`")

    @classmethod
    def sanitize_for_serialization(cls, obj: Any) -> Any:
        """``obj`` as JSON-ready data: models by their JSON names, dates as ISO 8601, files as their bytes."""
        if isinstance(obj, ModelNormal):
            return {key: cls.sanitize_for_serialization(value) for key, value in model_to_dict(obj).items()}
        if isinstance(obj, io.IOBase):
            return cls.get_file_data_and_close_file(obj)
        if obj is None or isinstance(obj, (str, int, float, bool)):
            return obj
        if isinstance(obj, (datetime, date)):
            return obj.isoformat()
        if isinstance(obj, ModelSimple):
            return cls.sanitize_for_serialization(getattr(obj, "value", None))
        if isinstance(obj, list):
            return [cls.sanitize_for_serialization(item) for item in obj]
        if isinstance(obj, tuple):
            return tuple(cls.sanitize_for_serialization(item) for item in obj)
        if isinstance(obj, dict):
            return {key: cls.sanitize_for_serialization(value) for key, value in obj.items()}
        raise ApiValueError(f"Unable to prepare type {type(obj).__name__} for serialization")

    def deserialize(self, response: Any, response_type: Any, _check_type: bool = True) -> Any:
        """The body of ``response`` (anything with ``.data``) as ``response_type``, a spec such as ``(Model,)``.

        As in generated clients, a body that is not JSON is taken as text; a body of the wrong
        shape raises ApiTypeError (ApiDecodeError when it was not JSON at all), whose ``status``,
        ``headers`` and ``context`` say which response caused it.
        """
        if response_type == (file_type,):
            disposition = response.getheader("Content-Disposition") if hasattr(response, "getheader") else None
            return deserialize_file(response.data, self.configuration, content_disposition=disposition)
        data = response.data
        try:
            received = json_value(data)
            is_json = True
        except (ValueError, TypeError, RecursionError):
            received, is_json = data, False
        opts = self._server_options
        if opts.configuration is not self.configuration or opts.check is not bool(_check_type):
            opts = self._server_options = Options(check=bool(_check_type), from_server=True, spec_naming=True,
                                                  owned=True, configuration=self.configuration)
        try:
            return compile_spec(response_type)(received, opts)
        except Invalid as exc:
            error = exc.to_api_error(["received_data"])
        if not is_json and isinstance(error, ApiTypeError) and not isinstance(error, ApiDecodeError):
            decode_error = ApiDecodeError(str(error.args[0]).rsplit(" at ", 1)[0], error.path_to_item,
                                          error.valid_classes)
            raise _with_context(decode_error, response) from None
        raise _with_context(error, response) from None


def json_value(text: Any) -> Any:
    """``json.loads(text)``, with the same results and errors, for text in one C call rather than three frames."""
    if not isinstance(text, str) or not text:
        return json.loads(text)
    start = 0 if text[0] not in _WHITESPACE else _skip_space(text, 0).end()
    try:
        value, end = _scan(text, start)
    except StopIteration:
        return json.loads(text)  # raises json's own JSONDecodeError, with its message
    if end != len(text) and _skip_space(text, end).end() != len(text):
        return json.loads(text)
    return value


_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # the C scanner json.loads uses
_skip_space = getattr(json.decoder, "WHITESPACE").match  # noqa: B009  # json's own pattern (not in typeshed)
_WHITESPACE = " \t\n\r"


def _closer(client: weakref.ref[ApiClient]) -> Callable[[], None]:
    """An exit hook that closes the client's thread pool, without keeping the client alive."""

    def close() -> None:
        live = client()
        if live is not None:
            live.close()

    return close


def checked_headers(headers: Dict[str, Any]) -> Dict[str, Any]:
    """``headers`` with values as ``str`` (secret ones as ``Secret``), each checked for the wire.

    A value outside Latin-1, or with a control character other than tab, raises ApiValueError
    naming the setting it came from and the offending character's position, never the value.
    """
    try:
        values_ok = _header_value_ok("".join(headers.values())) is not None
    except TypeError:  # a value that is not a str: make them all str, then check one by one
        values_ok = False
    for name, value in headers.items():
        secret = _NAMES.get(name)
        if secret is None:
            secret = _checked_name(name)
        if not values_ok:
            value = _checked_value(headers, name, value)
        if secret and type(value) is not Secret:
            headers[name] = Secret(value)
    return headers


_NAMES: Dict[str, bool] = {}  # header names already checked (they repeat on every call): is each a secret?


def _checked_name(name: str) -> bool:
    """Check a header name; whether its value is a secret."""
    if not isinstance(name, str) or not _HEADER_NAME.get().fullmatch(name):
        raise ApiValueError(f"{one_line(repr(name), 60)} is not a valid HTTP header name")
    secret = name.lower() in SECRET_HEADERS
    if len(_NAMES) < 1000:
        _NAMES[name] = secret
    return secret


def _checked_value(headers: Dict[str, Any], name: str, value: Any) -> str:
    if not isinstance(value, str):
        value = headers[name] = "" if value is None else str(value)
    text: str = value
    allowed = _HEADER_VALUE.get().fullmatch
    if not allowed(value):
        position = next(i for i, char in enumerate(value) if not allowed(char))
        setting = _HEADER_SETTINGS.get(name.lower(), f"the header {one_line(name, 60)!r}")
        raise ApiValueError(f"{setting} cannot be sent: HTTP headers cannot carry the character "
                            f"U+{ord(value[position]):04X} at position {position} (control characters and "
                            f"characters outside Latin-1 are not allowed)")
    return text


def parse_error(body: Any) -> Optional[Union[Error, RESTError]]:
    """The API's JSON error body as a model (v1alpha's ``Error`` tried first, then v1's ``RESTError``), or ``None``.

    The body's keys are data, never options: they go through the models' mapping path only.
    """
    try:
        data = json.loads(body) if body else None
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    from openapi_client.model.error import Error  # loaded with the first error body, not at import
    from openapi_client.model.rest_error import RESTError

    for model in (Error, RESTError):
        try:
            return model._from_mapping(dict(data), _SERVER_DATA)
        except Invalid:
            continue
    return None


def _complete_error(exc: ApiException, headers: Mapping[str, Any]) -> None:
    """As generated clients do, make ``e.body`` text; then parse the API's error body into ``e.error``, and take
    any secret this request carried out of what the server sent back."""
    body = exc.body
    if isinstance(body, (bytes, bytearray)):
        body = exc.body = bytes(body).decode("utf-8", "replace")
    secrets = [str(v) for k, v in headers.items() if k.lower() in SECRET_HEADERS and len(str(v)) >= 8]
    secrets += [part for v in list(secrets) for part in v.split(" ")[1:] if len(part) >= 8]
    if secrets and isinstance(body, str):
        for secret in secrets:
            body = body.replace(secret, "***")
        exc.body = body
    if exc.error is None and body:
        exc.error = parse_error(body)


def _with_context(error: Union[ApiTypeError, ApiValueError, Exception], response: Any) -> Any:
    """Attach what is known about the response that caused ``error``: status, headers, body, a short context."""
    status = getattr(response, "status", None)
    getheaders = getattr(response, "getheaders", None)
    headers: Any = getheaders() if callable(getheaders) else getattr(response, "headers", None)
    data = getattr(response, "data", None)
    content_type = (headers or {}).get("content-type", "no content-type") if headers is not None else "no content-type"
    start = data[:80] if isinstance(data, (str, bytes)) else data
    error.status = status  # type: ignore[union-attr]
    error.headers = headers  # type: ignore[union-attr]
    error.body = data  # type: ignore[union-attr]
    error.context = f"{status} response, {content_type}, body starts {start!r}"  # type: ignore[union-attr]
    return error
