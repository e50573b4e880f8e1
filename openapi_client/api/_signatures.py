"""The API methods' signatures as type checkers see them (this module is read by type checkers only).

At run time the long names take ``**kwargs`` and check them as generated clients do (an unknown
keyword raises ``ApiTypeError: Got an unexpected parameter ...``). For a type checker they have
explicit keyword parameters, so a typo is an error, and overloads on the three options that change
what a call returns: a plain call returns the model, ``async_req=True`` a ``multiprocessing``
``ApplyResult`` of it, ``_return_http_data_only=False`` ``(model, status, headers)``, and
``_preload_content=False`` the raw urllib3 response.
"""

from multiprocessing.pool import ApplyResult
from typing import Any, Dict, List, Literal, Optional, Protocol, Tuple, TypedDict, Union, overload

import urllib3
from typing_extensions import Unpack
from urllib3 import HTTPResponse
from urllib3._collections import HTTPHeaderDict

from openapi_client.model.account_response_body import AccountResponseBody
from openapi_client.model.balance_response_body import BalanceResponseBody
from openapi_client.retry import RetryPolicy

Timeout = Union[float, Tuple[Optional[float], Optional[float]], urllib3.Timeout, None]


class CallOptions(TypedDict, total=False):
    """The per-call options that do not change what a call returns."""

    _request_timeout: Timeout
    _retries: Union[int, RetryPolicy, urllib3.Retry, None]
    _check_input_type: bool
    _check_return_type: bool
    _spec_property_naming: bool
    _content_type: Optional[str]
    _host_index: Optional[int]
    _request_auths: Optional[List[Dict[str, Any]]]


class AlphaBalanceOptions(CallOptions, total=False):
    """v1alpha balance's parameter, with the per-call options."""

    organization: str


class V1BalanceOptions(CallOptions, total=False):
    """v1 balance's parameters, with the per-call options."""

    organization: str
    stability_client_id: str
    stability_client_version: str


class AccountCall(Protocol):
    """``v1alpha_user_account`` / ``v1_user_account``: no parameters."""

    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: Literal[True] = ...,
                 _preload_content: Literal[True] = ..., **options: Unpack[CallOptions]) -> AccountResponseBody: ...
    @overload
    def __call__(self, *, async_req: Literal[True], _return_http_data_only: Literal[True] = ...,
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[CallOptions]) -> "ApplyResult[AccountResponseBody]": ...
    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: Literal[False],
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[CallOptions]) -> Tuple[AccountResponseBody, int, HTTPHeaderDict]: ...
    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: bool = ...,
                 _preload_content: Literal[False], **options: Unpack[CallOptions]) -> HTTPResponse: ...
    @overload
    def __call__(self, *, async_req: bool = ..., _return_http_data_only: bool = ..., _preload_content: bool = ...,
                 **options: Unpack[CallOptions]) -> Any: ...


class AlphaBalanceCall(Protocol):
    """``v1alpha_user_balance``: ``organization``."""

    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: Literal[True] = ...,
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[AlphaBalanceOptions]) -> BalanceResponseBody: ...
    @overload
    def __call__(self, *, async_req: Literal[True], _return_http_data_only: Literal[True] = ...,
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[AlphaBalanceOptions]) -> "ApplyResult[BalanceResponseBody]": ...
    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: Literal[False],
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[AlphaBalanceOptions]) -> Tuple[BalanceResponseBody, int, HTTPHeaderDict]: ...
    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: bool = ...,
                 _preload_content: Literal[False], **options: Unpack[AlphaBalanceOptions]) -> HTTPResponse: ...
    @overload
    def __call__(self, *, async_req: bool = ..., _return_http_data_only: bool = ..., _preload_content: bool = ...,
                 **options: Unpack[AlphaBalanceOptions]) -> Any: ...


class V1BalanceCall(Protocol):
    """``v1_user_balance``: ``organization``, ``stability_client_id``, ``stability_client_version``."""

    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: Literal[True] = ...,
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[V1BalanceOptions]) -> BalanceResponseBody: ...
    @overload
    def __call__(self, *, async_req: Literal[True], _return_http_data_only: Literal[True] = ...,
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[V1BalanceOptions]) -> "ApplyResult[BalanceResponseBody]": ...
    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: Literal[False],
                 _preload_content: Literal[True] = ...,
                 **options: Unpack[V1BalanceOptions]) -> Tuple[BalanceResponseBody, int, HTTPHeaderDict]: ...
    @overload
    def __call__(self, *, async_req: Literal[False] = ..., _return_http_data_only: bool = ...,
                 _preload_content: Literal[False], **options: Unpack[V1BalanceOptions]) -> HTTPResponse: ...
    @overload
    def __call__(self, *, async_req: bool = ..., _return_http_data_only: bool = ..., _preload_content: bool = ...,
                 **options: Unpack[V1BalanceOptions]) -> Any: ...
