"""Settings for the SDK: host, API key, TLS, proxy, timeouts, retries, logging.

A leaf module: it imports nothing from the rest of the package but the version and the exceptions.

Transport settings (TLS, proxy, pool size, timeouts, retries) are read when an ``ApiClient`` is
created; the host, the API key and the client id/version are read on every call.

Example::

    configuration = openapi_client.Configuration(host="https://api.stability.ai")
    configuration.api_key["api_key_header_Authorization"] = "sk-..."
"""

import copy
import logging
import os
import sys
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from openapi_client._version import __version__
from openapi_client.exceptions import ApiValueError

DEFAULT_HOST = "https://api.stability.ai"
API_VERSION = "0.1"

#: The security schemes of the two API versions. Both send the key in ``Authorization``.
V1ALPHA_AUTH = "api_key_header_Authorization"
V1_AUTH = "STABILITY_API_KEY"
#: scheme name -> (where the key goes, header name, prefix used when ``api_key_prefix`` has none)
AUTH_SCHEMES: Dict[str, Tuple[str, str, str]] = {
    V1ALPHA_AUTH: ("header", "Authorization", ""),
    V1_AUTH: ("header", "Authorization", "Bearer"),
}

ENV_API_KEY = "STABILITY_API_KEY"
ENV_API_HOST = "STABILITY_API_HOST"
ENV_LOG = "STABILITY_LOG"

TimeoutValue = Union[None, float, Tuple[Optional[float], Optional[float]]]

_LOGGER_NAMES = ("openapi_client", "urllib3")
_handler_tag = "_openapi_client_handler"


class SecretDict(Dict[str, str]):
    """A dict of secrets whose ``repr`` shows the keys but never the values."""

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{k!r}: '***'" for k in self) + "}"

    __str__ = __repr__


class Configuration:
    """All the settings of one API client.

    :param host: base URL, default ``https://api.stability.ai`` (or ``$STABILITY_API_HOST``).
    :param api_key: ``{scheme name: key}``; a plain string sets the key for every scheme.
        When no key is configured, ``$STABILITY_API_KEY`` is used.
    :param api_key_prefix: ``{scheme name: prefix}``, e.g. ``{"api_key_header_Authorization": "Bearer"}``.
    :param discard_unknown_keys: drop response fields the spec does not declare.
    :param ssl_ca_cert: a CA bundle file to verify the server with (default: certifi's bundle).
    :param max_retries: how often a failed call is tried again (connection errors, read
        timeouts, 408/409/429/5xx); 0 turns retries off.
    :param timeout: seconds, or ``(connect, read)``; ``None`` waits forever (not advised).
    :param client_id: sent as ``Stability-Client-ID`` on every v1 call.
    :param client_version: sent as ``Stability-Client-Version`` on every v1 call.
    """

    _default: Optional["Configuration"] = None

    def __init__(
        self,
        host: Optional[str] = None,
        api_key: Union[str, Mapping[str, str], None] = None,
        api_key_prefix: Optional[Mapping[str, str]] = None,
        discard_unknown_keys: bool = False,
        server_index: Optional[int] = None,
        server_variables: Optional[Mapping[str, str]] = None,
        ssl_ca_cert: Optional[str] = None,
        *,
        max_retries: int = 2,
        timeout: TimeoutValue = (5.0, 60.0),
        client_id: Optional[str] = None,
        client_version: Optional[str] = None,
    ) -> None:
        self._base_path = (host or os.environ.get(ENV_API_HOST) or DEFAULT_HOST).rstrip("/")
        self.server_index = server_index
        self.server_variables = dict(server_variables or {})
        self.api_key = api_key  # type: ignore[assignment,unused-ignore]  # the setter takes str too
        self.api_key_prefix: Dict[str, str] = dict(api_key_prefix or {})
        self.discard_unknown_keys = discard_unknown_keys
        self.client_side_validation = True
        # TLS
        self.verify_ssl = True
        self.ssl_ca_cert = ssl_ca_cert
        self.cert_file: Optional[str] = None
        self.key_file: Optional[str] = None
        self.assert_hostname: Union[bool, str, None] = None
        self.tls_server_name: Optional[str] = None
        # connections
        self.connection_pool_maxsize = (os.cpu_count() or 1) * 5
        self.proxy: Optional[str] = None
        self.proxy_headers: Optional[Dict[str, str]] = None
        self.no_proxy: Optional[str] = None
        self.socket_options: Optional[List[Tuple[int, int, int]]] = None
        self.safe_chars_for_path_param = ""
        # resilience
        self.timeout: TimeoutValue = timeout
        self.max_retries = max_retries
        self.retries: Any = None  # an int or a urllib3 Retry, as in generated clients; wins over max_retries
        self.retry_backoff = 0.5
        self.retry_backoff_max = 8.0
        self.retry_after_max = 60.0
        # v1 client identification
        self.client_id = client_id
        self.client_version = client_version
        # logging
        self.logger_format = "%(asctime)s %(levelname)s %(name)s: %(message)s"
        self._logger_file: Optional[str] = None
        self._debug = False
        self._apply_log_env()

    # --- secrets -----------------------------------------------------------------------------

    @property
    def api_key(self) -> Dict[str, str]:
        """``{security scheme name: API key}``; its ``repr`` hides the values."""
        return self._api_key

    @api_key.setter
    def api_key(self, value: Union[str, Mapping[str, str], None]) -> None:
        if isinstance(value, str):
            value = {V1ALPHA_AUTH: value, V1_AUTH: value}
        self._api_key = SecretDict(value or {})

    def _find_key(self, identifier: str, alias: Optional[str]) -> Optional[str]:
        for name in (identifier, alias):
            if name and self._api_key.get(name):
                return self._api_key[name]
        for name in AUTH_SCHEMES:  # one key configured once serves every scheme
            if self._api_key.get(name):
                return self._api_key[name]
        return os.environ.get(ENV_API_KEY) or None

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        """The ``Authorization`` value for security scheme ``identifier``, or ``None`` without a key.

        The key is the one set for this scheme, else the one set for any scheme, else
        ``$STABILITY_API_KEY``. The prefix is ``api_key_prefix[identifier]`` when set, else the
        scheme's default (none for v1alpha, ``Bearer`` for v1). Surrounding white space is
        dropped, and a key that already starts with its prefix is not prefixed twice.
        """
        key = self._find_key(identifier, alias)
        if key is None:
            return None
        key = key.strip()  # a key read from a file often ends in a newline
        prefix = self.api_key_prefix.get(identifier)
        if prefix is None:
            prefix = AUTH_SCHEMES.get(identifier, ("", "", ""))[2]
        if prefix and not key.startswith(prefix + " "):
            return f"{prefix} {key}"
        return key

    def auth_settings(self) -> Dict[str, Dict[str, Any]]:
        """``{scheme name: {'type', 'in', 'key', 'value'}}`` for each scheme that has a key."""
        settings = {}
        for name, (location, header, _) in AUTH_SCHEMES.items():
            value = self.get_api_key_with_prefix(name)
            if value is not None:
                settings[name] = {"type": "api_key", "in": location, "key": header, "value": value}
        return settings

    # --- hosts -------------------------------------------------------------------------------

    @property
    def host(self) -> str:
        """The base URL calls go to."""
        return self.get_host_from_settings(self.server_index, variables=self.server_variables)

    @host.setter
    def host(self, value: str) -> None:
        self._base_path = value.rstrip("/")
        self.server_index = None

    def get_host_settings(self) -> List[Dict[str, Any]]:
        """The servers the spec lists."""
        return [{"url": DEFAULT_HOST, "description": "The Stability.ai REST API", "variables": {}}]

    def get_host_from_settings(
        self,
        index: Optional[int],
        variables: Optional[Mapping[str, str]] = None,
        servers: Optional[List[Dict[str, Any]]] = None,
    ) -> str:
        """The URL of server ``index`` (``None``: the configured host); raises ApiValueError for a bad index."""
        if index is None:
            return self._base_path
        servers = self.get_host_settings() if servers is None else servers
        if not 0 <= index < len(servers):
            raise ApiValueError(
                f"Invalid index {index} when selecting the host settings. Must be less than {len(servers)}"
            )
        server = servers[index]
        url: str = server["url"]
        for name, spec in server.get("variables", {}).items():
            value = (variables or {}).get(name, spec["default_value"])
            url = url.replace("{" + name + "}", value)
        return url

    # --- logging -----------------------------------------------------------------------------

    @property
    def debug(self) -> bool:
        """When true, the ``openapi_client`` and ``urllib3`` loggers log at DEBUG to stderr.

        Request headers are logged with ``Authorization`` redacted. Unlike generated clients,
        this does not switch on ``http.client``'s own printing, which would show the key.
        """
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = bool(value)
        _set_log_level(logging.DEBUG if value else logging.WARNING, self.logger_format, value)

    @property
    def logger_file(self) -> Optional[str]:
        """A file the SDK's log records are also written to."""
        return self._logger_file

    @logger_file.setter
    def logger_file(self, path: Optional[str]) -> None:
        self._logger_file = path
        if path:
            handler = logging.FileHandler(path)
            handler.setFormatter(logging.Formatter(self.logger_format))
            for name in _LOGGER_NAMES:
                logging.getLogger(name).addHandler(handler)

    def _apply_log_env(self) -> None:
        level = os.environ.get(ENV_LOG, "").strip().lower()
        if level == "debug":
            self.debug = True
        elif level == "info":
            _set_log_level(logging.INFO, self.logger_format, True)

    # --- defaults and copies -----------------------------------------------------------------

    @classmethod
    def set_default(cls, default: Optional["Configuration"]) -> None:
        """Make (a copy of) ``default`` the configuration of clients created without one."""
        cls._default = copy.deepcopy(default)

    @classmethod
    def get_default_copy(cls) -> "Configuration":
        """A copy of the default set with :meth:`set_default`, or a new ``Configuration()``."""
        return copy.deepcopy(cls._default) if cls._default is not None else cls()

    def to_debug_report(self) -> str:
        """Facts for a bug report: platform and versions. Holds no secrets."""
        import platform
        from importlib.metadata import version

        urllib3_version = version("urllib3")

        has_key = "yes" if self._find_key(V1ALPHA_AUTH, None) else "no"
        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform}\n"
            f"Python Version: {platform.python_version()}\n"
            f"Version of the API: {API_VERSION}\n"
            f"SDK Package Version: {__version__}\n"
            f"urllib3 Version: {urllib3_version}\n"
            f"Host: {self.host}\n"
            f"API key configured: {has_key}"
        )

    def __repr__(self) -> str:
        return (
            f"Configuration(host={self.host!r}, api_key={self._api_key!r}, "
            f"api_key_prefix={self.api_key_prefix!r}, max_retries={self.max_retries!r}, "
            f"timeout={self.timeout!r})"
        )


def _set_log_level(level: int, fmt: str, with_handler: bool) -> None:
    """Set the SDK's loggers to ``level``; add (or remove) one shared stderr handler."""
    for name in _LOGGER_NAMES:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        ours = [h for h in logger.handlers if getattr(h, _handler_tag, False)]
        if with_handler and not ours:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter(fmt))
            setattr(handler, _handler_tag, True)
            logger.addHandler(handler)
        elif not with_handler:
            _remove(logger, ours)


def _remove(logger: logging.Logger, handlers: Iterable[logging.Handler]) -> None:
    for handler in handlers:
        logger.removeHandler(handler)
