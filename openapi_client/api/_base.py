"""What every API class shares: its client, generated-style endpoints, methods built from declarations.

An API class declares its operations (:class:`~openapi_client.operation.OperationSpec`) and turns
each into a method with :func:`operation_method`; the typed short names go through
:meth:`ApiBase._call_typed`. Type checkers read the methods' signatures from
:mod:`openapi_client.api._signatures`.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, Optional, Tuple, TypeVar

from openapi_client.api_client import ApiClient
from openapi_client.exceptions import ApiTypeError
from openapi_client.operation import CALL_OPTIONS, RESULT_CHANGING_OPTIONS, OperationSpec


class Endpoint:
    """A python-prior ``Endpoint`` view of one operation on one client: ``settings``, ``openapi_types``,
    ``attribute_map``, ``location_map``, ``params_map``, ``headers_map``, ``call_with_http_info(**kwargs)``."""

    def __init__(self, operation: OperationSpec, api_client: ApiClient) -> None:
        self.operation = operation
        self.api_client = api_client
        self.settings = {"response_type": operation.response_type, "auth": list(operation.auth),
                         "endpoint_path": operation.path, "operation_id": operation.operation_id,
                         "http_method": operation.method, "servers": None}
        names = [p.name for p in operation.params]
        self.params_map = {"all": names + list(CALL_OPTIONS), "required": [], "nullable": ["_request_timeout"],
                           "enum": [], "validation": []}
        self.openapi_types: Dict[str, Tuple[Any, ...]] = {p.name: p.spec for p in operation.params}
        self.openapi_types.update(CALL_OPTIONS)
        self.attribute_map = {p.name: p.wire_name for p in operation.params}
        self.location_map = {p.name: p.location for p in operation.params}
        self.collection_format_map: Dict[str, str] = {}
        self.allowed_values: Dict[Any, Any] = {}
        self.validations: Dict[Any, Any] = {}
        self.headers_map = {"accept": [operation.accept], "content_type": []}

    def call_with_http_info(self, **kwargs: Any) -> Any:
        """Call the operation with keyword arguments, as a generated client's endpoint does."""
        return self.operation.invoke(self.api_client, kwargs)

    def __call__(self, **kwargs: Any) -> Any:
        return self.call_with_http_info(**kwargs)


def operation_method(operation: OperationSpec, returns: str) -> Any:
    """A method that calls ``operation`` with the caller's keyword arguments (the generated clients' long name)."""

    def call(self: ApiBase, **kwargs: Any) -> Any:
        return operation.invoke(self.api_client, kwargs)

    call.__name__ = call.__qualname__ = operation.name
    call.__doc__ = operation.docstring(returns)
    return call


F = TypeVar("F", bound=Callable[..., Any])


def short_name(operation: OperationSpec, returns: str) -> Callable[[F], F]:
    """Give a typed short name (``balance``) the docstring of ``operation``, written for it."""

    def document(method: F) -> F:
        method.__doc__ = operation.docstring(returns, short_name=True)
        return method

    return document


class ApiBase:
    """An API class: operations declared as data, methods that hand them to the ``ApiClient``."""

    _operations: Tuple[OperationSpec, ...] = ()

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = ApiClient() if api_client is None else api_client
        for operation in self._operations:
            setattr(self, f"{operation.name}_endpoint", Endpoint(operation, self.api_client))

    def _call_typed(self, operation: OperationSpec, arguments: Mapping[str, Any]) -> Any:
        """Call ``operation`` for a typed short name: ``None`` arguments are left out, and the options that
        would change what the call returns are refused."""
        if arguments:
            changing = RESULT_CHANGING_OPTIONS.intersection(arguments)
            if changing:
                raise ApiTypeError(
                    f"'{sorted(changing)[0]}' changes what the call returns; use {operation.name}() for it"
                )
            if None in arguments.values():
                arguments = {k: v for k, v in arguments.items() if v is not None}
        return operation.invoke(self.api_client, arguments)  # type: ignore[arg-type]  # **options: a fresh dict

