"""What an API operation is, as data, and how a call to it becomes ``ApiClient.call_api(...)``.

An API class declares one :class:`OperationSpec` per operation. :meth:`OperationSpec.invoke` does
what a python-prior ``Endpoint`` does with the caller's keywords, with the same wording for the
same mistakes: refuse unknown keywords, check types, gather header and query parameters, choose
the host, then call ``api_client.call_api(...)`` with exactly the arguments a generated client
passes. So ``mock.patch.object(ApiClient, "call_api")`` sees what it would see there. Everything
that can be worked out once (accepted keywords, converters, the ``Accept`` header, the docstring)
is worked out when the declaration is made, not on every call.
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from openapi_client._conversion import Invalid, Options, compile_spec, none_type
from openapi_client._version import __version__
from openapi_client.exceptions import ApiTypeError, ApiValueError

#: Per-call keywords every operation accepts, with their types (python-prior's, plus ``_retries``).
CALL_OPTIONS: Dict[str, Tuple[Any, ...]] = {
    "async_req": (bool,),
    "_host_index": (none_type, int),
    "_preload_content": (bool,),
    "_request_timeout": (none_type, float, (float,), [float], int, (int,), [int]),
    "_return_http_data_only": (bool,),
    "_check_input_type": (bool,),
    "_check_return_type": (bool,),
    "_spec_property_naming": (bool,),
    "_content_type": (none_type, str),
    "_request_auths": (none_type, list),
}
#: Options of this SDK that generated clients do not have; checked where they are used.
SDK_OPTIONS: FrozenSet[str] = frozenset({"_retries"})
#: Per-call options that change what a call returns.
RESULT_CHANGING_OPTIONS: FrozenSet[str] = frozenset({"async_req", "_return_http_data_only", "_preload_content"})
_NULLABLE = frozenset({"_request_timeout"})

_NO_EXTRA: Dict[str, Any] = {}
#: What a call without keywords gets: the generated clients' defaults.
_DEFAULTS: Dict[str, Any] = {"async_req": False, "_return_http_data_only": True, "_preload_content": True,
                             "_request_timeout": None, "_check_input_type": True, "_check_return_type": True,
                             "_spec_property_naming": False, "_content_type": None, "_host_index": None,
                             "_request_auths": None, "_retries": None}

_option_checks: Dict[str, Any] = {}


def _option_check(name: str) -> Any:
    """The converter that checks per-call option ``name`` (compiled on first use)."""
    check = _option_checks.get(name)
    if check is None:
        check = _option_checks[name] = compile_spec(CALL_OPTIONS[name])
    return check


#: How the SDK names itself in the v1 ``Stability-Client-ID``/``-Version`` headers by default.
SDK_CLIENT_ID = "stability-user-sdk"
SDK_CLIENT_VERSION = __version__


class Param:
    """One parameter: its keyword name, where it goes (``header`` or ``query``), its wire name and spec."""

    __slots__ = ("name", "wire_name", "location", "spec", "description", "convert")

    def __init__(self, name: str, wire_name: str, location: str = "header", spec: Tuple[Any, ...] = (str,),
                 description: str = "") -> None:
        if location not in ("header", "query"):
            raise ValueError(f"unsupported parameter location {location!r}")
        self.name = name
        self.wire_name = wire_name
        self.location = location
        self.spec = spec
        self.description = description
        self.convert = compile_spec(spec)

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.wire_name!r}, {self.location!r})"


class OperationSpec:
    """One operation of the API, declared once at import time.

    :param name: the method's name (``v1alpha_user_balance``).
    :param operation_id: the generated client's operation id, used in its error messages.
    :param response_type: a python-prior spec, e.g. ``(BalanceResponseBody,)``.
    :param client_headers: ``((header, Configuration attribute, default), ...)`` sent on every call
        unless a parameter of the same header is given (v1's ``Stability-Client-*``).
    """

    __slots__ = ("name", "operation_id", "method", "path", "response_type", "params", "auth", "summary",
                 "description", "accept", "client_headers", "accepted", "by_name")

    def __init__(
        self,
        name: str,
        method: str,
        path: str,
        response_type: Tuple[Any, ...],
        params: Tuple[Param, ...] = (),
        auth: Tuple[str, ...] = (),
        summary: str = "",
        description: str = "",
        accept: str = "application/json",
        operation_id: Optional[str] = None,
        client_headers: Tuple[Tuple[str, str, str], ...] = (),
    ) -> None:
        self.name = name
        self.operation_id = operation_id or name
        self.method = method.upper()
        self.path = path
        self.response_type = response_type
        self.params = params
        self.auth = list(auth)
        self.summary = summary
        self.description = description
        self.accept = accept
        self.client_headers = client_headers
        self.by_name = {p.name: p for p in params}
        self.accepted = frozenset(self.by_name) | frozenset(CALL_OPTIONS) | SDK_OPTIONS

    def invoke(self, api_client: Any, kwargs: Dict[str, Any]) -> Any:
        """Call this operation through ``api_client.call_api`` with the caller's keywords, as generated clients do."""
        if kwargs:
            self._check(api_client, kwargs)
            options = {**_DEFAULTS, **kwargs}
        else:
            options = _DEFAULTS
        config = api_client.configuration
        headers: Dict[str, Any] = {}
        query: List[Tuple[str, Any]] = []
        for param in self.params:
            value = options.get(param.name)
            if value is not None:
                if param.location == "header":
                    headers[param.wire_name] = value
                else:
                    query.append((param.wire_name, value))
        for header, attribute, default in self.client_headers:
            if header not in headers:
                value = getattr(config, attribute, None) or (None if config.client_id else default)
                if value:
                    headers[header] = value
        headers["Accept"] = self.accept
        if options["_content_type"]:
            headers["Content-Type"] = options["_content_type"]
        index = options["_host_index"]
        if index is None:
            index = config.server_operation_index.get(self.operation_id, config.server_index)
        host = config.get_host_from_settings(index, variables=config.server_operation_variables.get(
            self.operation_id, config.server_variables)) if index is not None else config._base_path
        retries = options["_retries"]
        return api_client.call_api(
            self.path, self.method, {}, query, headers,
            body=None,
            post_params=[],
            files={},
            response_type=self.response_type,
            auth_settings=self.auth,
            async_req=options["async_req"],
            _check_type=options["_check_return_type"],
            _return_http_data_only=options["_return_http_data_only"],
            _preload_content=options["_preload_content"],
            _request_timeout=options["_request_timeout"],
            _host=host,
            _request_auths=options["_request_auths"],
            collection_formats={},
            **(_NO_EXTRA if retries is None else {"_retries": retries}),
        )

    def _check(self, api_client: Any, kwargs: Dict[str, Any]) -> None:
        """Refuse unknown keywords and check the given ones' types, with generated clients' wording."""
        check = kwargs.get("_check_input_type", True)
        spec_naming = bool(kwargs.get("_spec_property_naming", False))
        opts = Options(check=True, from_server=True, spec_naming=spec_naming, owned=True,
                       configuration=api_client.configuration)
        for key, value in kwargs.items():
            if key not in self.accepted:
                raise ApiTypeError(f"Got an unexpected parameter '{key}' to method `{self.operation_id}`")
            if value is None and check is False and key not in _NULLABLE:
                raise ApiValueError(f"Value may not be None for non-nullable parameter `{key}` when calling "
                                    f"`{self.operation_id}`")
            if check is False or key in SDK_OPTIONS:
                continue
            param = self.by_name.get(key)
            convert = param.convert if param is not None else _option_check(key)
            try:
                kwargs[key] = convert(value, opts)
            except Invalid as exc:
                raise exc.to_api_error([key]) from None

    def docstring(self, returns: str, short_name: bool = False) -> str:
        """The method's docstring: summary, description, parameters, return type and the exceptions raised.

        ``short_name``: for the typed short name (``balance``), which has no result-changing options.
        """
        lines = [f"{self.summary}: {self.description}.", "", f"``{self.method} {self.path}``", ""]
        if short_name:
            lines[1:1] = ["", f"Typed short name of ``{self.name}``: the same call, typed to return the model."]
        if self.params:
            lines.append("Parameters (keyword arguments):")
            lines += [f"    {p.name} (str, optional): {p.description} Sent as the ``{p.wire_name}`` header."
                      for p in self.params]
            lines.append("")
        lines += [
            "Per-call options: _request_timeout (seconds per try, or (connect, read)), _retries (an int, a",
            "RetryPolicy or a urllib3 Retry: the retries of this call), _check_input_type, _check_return_type,",
            "_spec_property_naming, _content_type, _host_index, _request_auths"
            + ("." if short_name else "; and, as in generated clients,"),
        ]
        if not short_name:
            lines.append("async_req, _return_http_data_only and _preload_content, which change what is returned.")
        lines += [
            "",
            f"Returns: {returns}.",
            "",
            "Raises: UnauthorizedException (401), ForbiddenException (403), NotFoundException (404),",
            "TooManyRequestsException (429), ServiceException (5xx) or another ApiException for an error",
            "status; ApiConnectionError / ApiTimeoutError for network faults; ApiTypeError / ApiValueError",
            "for a bad argument or a response of the wrong shape. All are ApiException.",
        ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"OperationSpec({self.name!r}, {self.method} {self.path})"
