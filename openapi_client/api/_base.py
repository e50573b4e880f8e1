"""What every API class shares: its client, and the typed short-name calls."""

from typing import Any, Dict, Optional, Type, TypeVar, cast

from openapi_client.api_client import ApiClient
from openapi_client.exceptions import ApiTypeError
from openapi_client.operation import OperationSpec

T = TypeVar("T")

#: Per-call options that change what a call returns; the typed short names refuse them.
RESULT_CHANGING_OPTIONS = frozenset({"async_req", "_return_http_data_only", "_preload_content"})


class ApiBase:
    """An API class: operations declared as data, methods that hand them to the ``ApiClient``."""

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = ApiClient() if api_client is None else api_client

    def _call_typed(self, operation: OperationSpec, returns: Type[T], kwargs: Dict[str, Any]) -> T:
        """Call ``operation``, which returns ``returns``; options that would change that are refused."""
        changing = RESULT_CHANGING_OPTIONS.intersection(kwargs)
        if changing:
            raise ApiTypeError(
                f"'{sorted(changing)[0]}' changes what the call returns; use {operation.name}() for it"
            )
        return cast(T, self.api_client.invoke(operation, kwargs))
