"""Settings for the SDK: host, API key, TLS, proxy, timeouts, retries, size limits, logging.

A leaf module: it imports only the version, the exceptions and two helper leaves. The constructor
and attributes are those of a python-prior ``Configuration`` (same positional order), plus the
settings this SDK adds, which are keyword-only. Settings that can be wrong are checked when they
are assigned, so a bad value fails at once with an ``ApiValueError``/``ApiTypeError`` naming it.

Transport settings (TLS, proxy, pool size, timeouts, retries, size limit) are read when an
``ApiClient`` is created; the host, the API key and the client id/version are read on every call.

Example::

    configuration = openapi_client.Configuration()          # host and key from the environment
    configuration.api_key["api_key_header_Authorization"] = "sk-..."
    configuration.timeout = (3.05, 20)
"""

from __future__ import annotations

import logging
import math
import os
import sys
from typing import Any, Callable, Dict, Generic, Iterable, List, Mapping, Optional, Tuple, TypeVar, Union, overload

from openapi_client import _logsetup
from openapi_client._display import Secret
from openapi_client._version import __version__
from openapi_client.exceptions import ApiTypeError, ApiValueError

DEFAULT_HOST = "https://api.stability.ai"
API_VERSION = "0.1"
#: The largest response body accepted, as sent and once decompressed (a 1,000-organization account is ~90 KB).
DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024

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

#: The JSON schema keywords ``disabled_client_side_validations`` may name, as in generated clients.
JSON_SCHEMA_VALIDATION_KEYWORDS = frozenset({
    "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems",
})

TimeoutValue = Union[None, float, Tuple[Optional[float], Optional[float]]]


class SecretDict(Dict[str, str]):
    """A dict of secrets: values are stored as :class:`Secret`, and its ``repr`` shows only the keys."""

    def __init__(self, values: Union[Mapping[str, str], Iterable[Tuple[str, str]]] = ()) -> None:
        super().__init__()
        self.update(values)

    def __setitem__(self, key: str, value: str) -> None:
        super().__setitem__(key, Secret(value) if isinstance(value, str) else value)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{k!r}: '***'" for k in self) + "}"

    __str__ = __repr__

    def __deepcopy__(self, memo: Dict[int, Any]) -> SecretDict:
        return SecretDict(self)


#: The longest duration (seconds) a setting may ask for: beyond it the operating system's timers overflow.
MAX_SECONDS = 1_000_000.0


def check_number(value: Any, name: str, *, minimum: float = 0.0, inclusive: bool = True,
                 integer: bool = False, maximum: float = MAX_SECONDS) -> Any:
    """``value`` if it is a finite number (an int when ``integer``) from ``minimum`` to ``maximum``; else raise.

    ``inclusive=False`` asks for strictly more than ``minimum``. Raises ApiTypeError for a value
    that is not a number (a bool is not one) and ApiValueError for one out of range, naming ``name``.
    """
    wanted = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, wanted):
        kind = "a whole number" if integer else "a number"
        raise ApiTypeError(f"{name} must be {kind}, not {type(value).__name__} {value!r}")
    if not math.isfinite(value) or value < minimum or (not inclusive and value == minimum) or value > maximum:
        bound = f"{'at least' if inclusive else 'more than'} {minimum:g} and at most {maximum:g}"
        raise ApiValueError(f"{name} must be a finite number {bound}, not {value!r}")
    return value


N = TypeVar("N", int, float)


class CheckedNumber(Generic[N]):
    """A numeric setting of ``Configuration``, checked by :func:`check_number` on every assignment
    (named ``Configuration.<name>`` in the error); a float setting stores a float. The value lives in
    the instance's ``_<name>``, so copies and pickles of a configuration carry it."""

    def __init__(self, doc: str, *, integer: bool = False, minimum: float = 0.0,
                 maximum: float = MAX_SECONDS) -> None:
        self.__doc__ = doc
        self.integer, self.minimum, self.maximum = integer, minimum, maximum
        self.label = self.attribute = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.label, self.attribute = f"{owner.__name__}.{name}", f"_{name}"

    @overload
    def __get__(self, instance: None, owner: Any = None) -> CheckedNumber[N]: ...
    @overload
    def __get__(self, instance: object, owner: Any = None) -> N: ...
    def __get__(self, instance: Optional[object], owner: Any = None) -> Any:
        return self if instance is None else getattr(instance, self.attribute)

    def __set__(self, instance: object, value: N) -> None:
        checked = check_number(value, self.label, integer=self.integer, minimum=self.minimum, maximum=self.maximum)
        setattr(instance, self.attribute, checked if self.integer else float(checked))


def check_timeout(value: Any, name: str) -> Any:
    """A timeout as the SDK accepts it: ``None``, seconds (> 0, finite), a ``(connect, read)`` pair
    of those (either may be ``None``), or a urllib3 ``Timeout``. Raises ApiTypeError/ApiValueError."""
    if value is None or type(value).__name__ == "Timeout":
        return value
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ApiValueError(f"{name} must be seconds or a (connect, read) pair, not {value!r}")
        for part, label in zip(value, ("connect", "read")):
            if part is not None:
                check_number(part, f"the {label} part of {name}", inclusive=False)
        return tuple(value)
    return check_number(value, name, inclusive=False)


def _host_without_credentials(value: Any) -> str:
    """``value`` with its trailing ``/`` dropped; a URL with ``user:password@`` is refused (without echoing it)."""
    if not isinstance(value, str):
        raise ApiTypeError(f"the host must be a str, not {type(value).__name__}")
    authority = value.split("//", 1)[-1].split("/", 1)[0]
    if "@" in authority:
        value = authority = "***"  # not left in this frame for error trackers that record locals
        raise ApiValueError(
            "the host URL must not contain credentials (user:password@); set the API key in "
            "Configuration.api_key instead"
        )
    return value.rstrip("/")


class Configuration:
    """All the settings of one API client.

    The positional parameters are a python-prior ``Configuration``'s, in its order:

    :param host: base URL, default ``https://api.stability.ai`` (or ``$STABILITY_API_HOST``).
    :param api_key: ``{scheme name: key}``; a plain string sets the key for every scheme.
        When no key is configured, ``$STABILITY_API_KEY`` is used.
    :param api_key_prefix: ``{scheme name: prefix}``, e.g. ``{"api_key_header_Authorization": "Bearer"}``.
    :param access_token, username, password: kept for compatibility (these APIs use API keys).
    :param discard_unknown_keys: accepted as in generated clients; the API's schemas allow
        additional properties, so, as there, undeclared response fields are kept.
    :param disabled_client_side_validations: comma-separated JSON schema keywords.
    :param server_index, server_variables, server_operation_index, server_operation_variables:
        host selection from the spec's server list, as in generated clients.
    :param ssl_ca_cert: a CA bundle file to verify the server with (default: certifi's bundle).

    Keyword-only, this SDK's own:

    :param max_retries: how often a failed call is tried again; 0 turns retries off.
    :param timeout: seconds per try, or ``(connect, read)``; ``None`` waits forever (not advised).
    :param client_id, client_version: sent as ``Stability-Client-ID`` / ``-Version`` on v1 calls
        (default: this SDK's name and version).
    :param max_response_bytes: the largest response body accepted, as sent and decompressed.
    """

    _default: Optional[Configuration] = None

    def __init__(
        self,
        host: Optional[str] = None,
        api_key: Union[str, Mapping[str, str], None] = None,
        api_key_prefix: Optional[Mapping[str, str]] = None,
        access_token: Optional[str] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        discard_unknown_keys: bool = False,
        disabled_client_side_validations: str = "",
        server_index: Optional[int] = None,
        server_variables: Optional[Mapping[str, str]] = None,
        server_operation_index: Optional[Mapping[str, int]] = None,
        server_operation_variables: Optional[Mapping[str, Mapping[str, str]]] = None,
        ssl_ca_cert: Optional[str] = None,
        *,
        max_retries: int = 2,
        timeout: TimeoutValue = (5.0, 60.0),
        client_id: Optional[str] = None,
        client_version: Optional[str] = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        if host is None:
            host = os.environ.get(ENV_API_HOST) or None
            if host is None and server_index is None:
                server_index = 0
        try:
            self._base_path = _host_without_credentials(DEFAULT_HOST if host is None else host)
        except ApiValueError:
            host = "***"  # the refused URL may hold a password: not left in this frame either
            raise
        self.server_index = server_index
        self.server_variables: Dict[str, str] = dict(server_variables or {})
        self.server_operation_index: Dict[str, int] = dict(server_operation_index or {})
        self.server_operation_variables: Dict[str, Dict[str, str]] = {
            k: dict(v) for k, v in (server_operation_variables or {}).items()}
        self.temp_folder_path: Optional[str] = None
        # authentication
        self.access_token = access_token
        self.api_key = api_key  # the setter takes a plain str too
        self.api_key_prefix: Dict[str, str] = dict(api_key_prefix or {})
        self.refresh_api_key_hook: Optional[Callable[[Configuration], Any]] = None
        self.username = username
        self.password = password
        self.discard_unknown_keys = discard_unknown_keys
        self.disabled_client_side_validations = disabled_client_side_validations
        # logging
        self.logger = {"package_logger": logging.getLogger("openapi_client"),
                       "urllib3_logger": logging.getLogger("urllib3")}
        self.logger_format = "%(asctime)s %(levelname)s %(message)s"
        self.logger_stream_handler: Optional[logging.Handler] = None
        self.logger_file_handler: Optional[logging.FileHandler] = None
        self._logger_file: Optional[str] = None
        self._debug = False
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
        self.no_proxy: Optional[str] = None
        self.proxy_headers: Optional[Dict[str, str]] = None
        self.safe_chars_for_path_param = ""
        self.client_side_validation = True
        self.socket_options: Optional[List[Tuple[int, int, int]]] = None
        # resilience
        self.retries = None  # an int or a urllib3 Retry, as in generated clients; wins over max_retries
        self.timeout = timeout
        self.max_retries = max_retries
        self.retry_backoff = 0.5
        self.retry_backoff_max = 8.0
        self.retry_after_max = 60.0
        self.max_response_bytes = max_response_bytes
        self.accept_gzip = False
        # v1 client identification
        self.client_id = client_id
        self.client_version = client_version
        self._apply_log_env()

    # --- checked settings --------------------------------------------------------------------

    max_retries = CheckedNumber[int]("How many times a failed call is tried again (0: never).",
                                     integer=True, maximum=1000)
    retry_backoff = CheckedNumber[float]("The first wait between tries, in seconds; it doubles each retry.")
    retry_backoff_max = CheckedNumber[float]("The longest wait between tries, in seconds.")
    retry_after_max = CheckedNumber[float](
        "The longest ``Retry-After`` honoured, in seconds; a server asking for more gets no retry.")
    max_response_bytes = CheckedNumber[int]("The largest response body accepted, as sent and once decompressed.",
                                            integer=True, minimum=1, maximum=2**40)
    connection_pool_maxsize = CheckedNumber[int]("Connections kept alive per host; threads beyond it wait for a "
                                                 "free one.", integer=True, minimum=1, maximum=10_000)

    @property
    def timeout(self) -> TimeoutValue:
        """Seconds per try (connect, then headers and body together), or ``(connect, read)``."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: TimeoutValue) -> None:
        self._timeout: TimeoutValue = check_timeout(value, "Configuration.timeout")

    @property
    def retries(self) -> Any:
        """``None``, a number of retries, or a urllib3 ``Retry`` (as in generated clients)."""
        return self._retries

    @retries.setter
    def retries(self, value: Any) -> None:
        if value is not None and value is not False and type(value).__name__ not in ("Retry", "RetryPolicy"):
            check_number(value, "Configuration.retries", integer=True)
        self._retries = value

    @property
    def disabled_client_side_validations(self) -> str:
        """Comma-separated JSON schema keywords whose client-side checks are off."""
        return self._disabled_client_side_validations_text

    @disabled_client_side_validations.setter
    def disabled_client_side_validations(self, value: str) -> None:
        keywords = set(filter(None, value.split(",")))
        for keyword in keywords:
            if keyword not in JSON_SCHEMA_VALIDATION_KEYWORDS:
                raise ApiValueError(f"Invalid keyword: '{keyword}''")
        self._disabled_client_side_validations_text = value
        self._disabled_client_side_validations = keywords

    # --- secrets -----------------------------------------------------------------------------

    @property
    def api_key(self) -> Dict[str, str]:
        """``{security scheme name: API key}``; values are held as :class:`Secret`, its ``repr`` hides them."""
        return self._api_key

    @api_key.setter
    def api_key(self, value: Union[str, Mapping[str, str], None]) -> None:
        if isinstance(value, str):
            value = {V1ALPHA_AUTH: value, V1_AUTH: value}
        self._api_key = SecretDict(value or {})
        self._auth_value: Tuple[Optional[str], Optional[str], Optional[Secret]] = (None, None, None)

    def _find_key(self, identifier: str, alias: Optional[str]) -> Optional[str]:
        keys = self._api_key  # read once: another thread may replace it meanwhile
        value = keys.get(identifier)
        if value:
            return value
        shared = AUTH_SCHEMES if identifier in AUTH_SCHEMES else ()
        for name in (alias, *shared):  # one key configured once serves both of the API's schemes
            value = keys.get(name) if name else None
            if value:
                return value
        from_env = os.environ.get(ENV_API_KEY) if shared else None
        return Secret(from_env) if from_env else None

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        """The ``Authorization`` value for security scheme ``identifier`` (a :class:`Secret`), or ``None``.

        Calls ``refresh_api_key_hook(self)`` first when one is set. The key is the one set for this
        scheme (or ``alias``), else the one set for any scheme, else ``$STABILITY_API_KEY``. The
        prefix is ``api_key_prefix[identifier]`` when set, else the scheme's default (none for
        v1alpha, ``Bearer`` for v1). Surrounding white space is dropped, and a key that already
        starts with its prefix is not prefixed twice.
        """
        if self.refresh_api_key_hook is not None:
            self.refresh_api_key_hook(self)
        key = self._api_key.get(identifier) or self._find_key(identifier, alias)
        if key is None:
            return None
        prefix = self.api_key_prefix.get(identifier)
        if prefix is None:
            prefix = AUTH_SCHEMES.get(identifier, ("", "", ""))[2]
        cached = self._auth_value  # (key, prefix, value): the last value built, reused while both stay
        if cached[0] == key and cached[1] == prefix:
            return cached[2]
        bare = key.strip()  # a key read from a file often ends in a newline
        value = Secret(f"{prefix} {bare}" if prefix and not bare.startswith(prefix + " ") else bare)
        self._auth_value = (key, prefix, value)
        return value

    def get_basic_auth_token(self) -> Optional[str]:
        """HTTP basic authentication from ``username``/``password`` (a :class:`Secret`), as in generated clients."""
        import base64

        token = f"{self.username or ''}:{self.password or ''}".encode("latin-1", "replace")
        return Secret("Basic " + base64.b64encode(token).decode("ascii"))

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
        try:
            self._base_path = _host_without_credentials(value)
        except ApiValueError:
            value = "***"
            raise
        self.server_index = None

    def get_host_settings(self) -> List[Dict[str, Any]]:
        """The servers the spec lists."""
        return [{"url": DEFAULT_HOST, "description": "No description provided"}]

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
        if not isinstance(index, int) or not 0 <= index < len(servers):
            raise ApiValueError(
                f"Invalid index {index} when selecting the host settings. Must be less than {len(servers)}"
            )
        server = servers[index]
        url: str = server["url"]
        for name, spec in server.get("variables", {}).items():
            value = (variables or {}).get(name, spec["default_value"])
            if "enum_values" in spec and value not in spec["enum_values"]:
                raise ApiValueError(f"The variable `{name}` in the host URL has invalid value {value}. "
                                    f"Must be {spec['enum_values']}.")
            url = url.replace("{" + name + "}", str(value))
        return url

    # --- logging -----------------------------------------------------------------------------

    @property
    def logger_format(self) -> str:
        """The format of the SDK's log records (``logger_formatter`` follows it)."""
        return self._logger_format

    @logger_format.setter
    def logger_format(self, value: str) -> None:
        self._logger_format = value
        self.logger_formatter = logging.Formatter(value)

    @property
    def debug(self) -> bool:
        """When true, the ``openapi_client`` and ``urllib3`` loggers log at DEBUG to stderr.

        Request headers are logged with secrets as ``***``. Unlike generated clients, this does not
        switch on ``http.client``'s own printing, which would show the key. Turning it off gives the
        loggers back the levels they had (unless the application changed them meanwhile).
        """
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = bool(value)
        _logsetup.set_verbosity(self, logging.DEBUG if value else None, self.logger_format)

    @property
    def logger_file(self) -> Optional[str]:
        """A file the SDK's log records are also written to (one handler per file, removed when unset)."""
        return self._logger_file

    @logger_file.setter
    def logger_file(self, path: Optional[str]) -> None:
        if path == self._logger_file:
            return
        if self._logger_file:
            _logsetup.release_file_handler(self._logger_file)
            self.logger_file_handler = None
        self._logger_file = path
        if path:
            self.logger_file_handler = _logsetup.acquire_file_handler(path, self.logger_format)

    def _apply_log_env(self) -> None:
        """``$STABILITY_LOG`` (``debug`` or ``info``) asks for logs for the whole process, not for this object."""
        level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get(ENV_LOG, "").strip().lower())
        if level is not None:
            self._debug = level == logging.DEBUG
            _logsetup.set_verbosity(_logsetup.ENVIRONMENT, level, self.logger_format)

    # --- defaults and copies -----------------------------------------------------------------

    def __deepcopy__(self, memo: Dict[int, Any]) -> Configuration:
        import copy

        result = type(self).__new__(type(self))
        memo[id(self)] = result
        for name, value in self.__dict__.items():
            if name not in ("logger", "logger_file_handler", "_logger_file", "_debug"):
                result.__dict__[name] = copy.deepcopy(value, memo)
        result.logger = dict(self.logger)
        result._logger_file = None
        result.logger_file_handler = None
        result._debug = False
        result.logger_file = self.logger_file  # the setters register the copy as a user of the handlers
        result.debug = self.debug
        return result

    @classmethod
    def set_default(cls, default: Optional[Configuration]) -> None:
        """Make (a copy of) ``default`` the configuration of clients created without one."""
        import copy

        cls._default = copy.deepcopy(default)

    @classmethod
    def get_default_copy(cls) -> Configuration:
        """A copy of the default set with :meth:`set_default`, or a new ``Configuration()``."""
        import copy

        return copy.deepcopy(cls._default) if cls._default is not None else cls()

    def to_debug_report(self) -> str:
        """Facts for a bug report: platform and versions. Holds no secrets."""
        import platform
        from importlib.metadata import version

        has_key = "yes" if self._find_key(V1ALPHA_AUTH, None) else "no"
        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform}\n"
            f"Python Version: {platform.python_version()}\n"
            f"Version of the API: {API_VERSION}\n"
            f"SDK Package Version: {__version__}\n"
            f"urllib3 Version: {version('urllib3')}\n"
            f"Host: {self.host}\n"
            f"API key configured: {has_key}"
        )

    def __repr__(self) -> str:
        settings = vars(self)  # may be half-filled: a debugger or an error tracker can look mid-__init__
        return (
            f"Configuration(host={settings.get('_base_path')!r}, api_key={settings.get('_api_key', {})!r}, "
            f"api_key_prefix={settings.get('api_key_prefix')!r}, max_retries={settings.get('_max_retries')!r}, "
            f"timeout={settings.get('_timeout')!r})"
        )
