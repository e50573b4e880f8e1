"""openapi_client: the Python SDK for the Stability.ai REST API's user endpoints.

    import openapi_client
    from openapi_client.api import v1_user_api

    configuration = openapi_client.Configuration()   # key from $STABILITY_API_KEY
    with openapi_client.ApiClient(configuration) as api_client:
        print(v1_user_api.V1UserApi(api_client).balance().credits)
"""

from openapi_client._version import __version__
from openapi_client.api_client import ApiClient
from openapi_client.configuration import Configuration
from openapi_client.exceptions import (
    ApiAttributeError,
    ApiConnectionError,
    ApiDecodeError,
    ApiException,
    ApiKeyError,
    ApiRedirectError,
    ApiResponseTooLargeError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    ConflictException,
    ForbiddenException,
    NotFoundException,
    OpenApiException,
    ServiceException,
    TooManyRequestsException,
    UnauthorizedException,
    UnprocessableEntityException,
)
from openapi_client.retry import RetryPolicy

__all__ = [
    "ApiAttributeError",
    "ApiClient",
    "ApiConnectionError",
    "ApiDecodeError",
    "ApiException",
    "ApiKeyError",
    "ApiRedirectError",
    "ApiResponseTooLargeError",
    "ApiTimeoutError",
    "ApiTypeError",
    "ApiValueError",
    "BadRequestException",
    "Configuration",
    "ConflictException",
    "ForbiddenException",
    "NotFoundException",
    "OpenApiException",
    "RetryPolicy",
    "ServiceException",
    "TooManyRequestsException",
    "UnauthorizedException",
    "UnprocessableEntityException",
    "__version__",
]
