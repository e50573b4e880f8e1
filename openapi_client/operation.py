"""What an API operation is, as data: method, path, parameters, auth, response type.

An API class declares one :class:`OperationSpec` per operation; ``ApiClient.invoke`` does the
rest. Everything that can be worked out once (accepted keywords, static headers, converters)
is worked out here, when the declaration is made, not on every call.
"""

from typing import Any, Dict, FrozenSet, Tuple

from openapi_client.model_utils import Converter, converter_for

#: Per-call keywords every operation accepts, as in generated clients.
CALL_OPTIONS: FrozenSet[str] = frozenset({
    "async_req",
    "_return_http_data_only",
    "_preload_content",
    "_request_timeout",
    "_check_input_type",
    "_check_return_type",
    "_spec_property_naming",
    "_content_type",
    "_host_index",
    "_request_auths",
    "_retries",
})


class Param:
    """One parameter: its keyword name, where it goes (``header`` or ``query``), its wire name and type."""

    __slots__ = ("name", "wire_name", "location", "type", "description", "convert")

    def __init__(self, name: str, wire_name: str, location: str = "header", type: Any = str,
                 description: str = "") -> None:
        if location not in ("header", "query"):
            raise ValueError(f"unsupported parameter location {location!r}")
        self.name = name
        self.wire_name = wire_name
        self.location = location
        self.type = type
        self.description = description
        self.convert: Converter = converter_for(type, name)

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.wire_name!r}, {self.location!r})"


class OperationSpec:
    """One operation of the API, declared once at import time."""

    __slots__ = ("name", "method", "path", "response_type", "params", "auth", "summary", "description",
                 "accept", "config_headers", "accepted_kwargs", "static_headers", "param_names")

    def __init__(
        self,
        name: str,
        method: str,
        path: str,
        response_type: Any,
        params: Tuple[Param, ...] = (),
        auth: Tuple[str, ...] = (),
        summary: str = "",
        description: str = "",
        accept: str = "application/json",
        config_headers: Tuple[Tuple[str, str], ...] = (),
    ) -> None:
        self.name = name
        self.method = method.upper()
        self.path = path
        self.response_type = response_type
        self.params = params
        self.auth = auth
        self.summary = summary
        self.description = description
        self.accept = accept
        #: (header, Configuration attribute): sent on every call when the attribute is set,
        #: unless a parameter of the same header name is given
        self.config_headers = config_headers
        self.param_names = frozenset(p.name for p in params)
        self.accepted_kwargs = CALL_OPTIONS | self.param_names
        self.static_headers: Dict[str, str] = {"Accept": accept}

    def __repr__(self) -> str:
        return f"OperationSpec({self.name!r}, {self.method} {self.path})"
