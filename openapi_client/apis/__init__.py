"""Every API class, importable from one place: ``from openapi_client.apis import V1alphaUserApi``."""

from openapi_client.api.v1_user_api import V1UserApi
from openapi_client.api.v1alpha_user_api import V1alphaUserApi

__all__ = ["V1UserApi", "V1alphaUserApi"]
