"""The API classes, one module each: ``from openapi_client.api import v1alpha_user_api``."""
