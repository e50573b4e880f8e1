"""One TLS context per set of TLS settings, built on first use and shared by every pool.

Given a CA *path*, urllib3 builds a new ``SSLContext`` and parses the whole CA bundle for every
new connection: most of the cost of a fresh HTTPS connection. Here the context is built once per
set of settings (CA file or folder, client certificate and key, ``verify_ssl``, hostname rules),
with urllib3's own defaults, so verification is exactly as strict: certificate chain, hostname,
SNI. It is built lazily (nothing at import, nothing for plain HTTP), cached by the settings and
the CA files' modification times, and rebuilt when any of them changes.
"""

from __future__ import annotations

import os
import ssl
import threading
from collections import OrderedDict
from typing import Any, Optional, Tuple

from openapi_client.exceptions import ApiValueError

_CACHE_SIZE = 16
_lock = threading.Lock()
_contexts: OrderedDict[Tuple[Any, ...], ssl.SSLContext] = OrderedDict()


class TLSSettings:
    """The TLS settings of one configuration, read once when its client is created."""

    __slots__ = ("verify", "ca_file", "cert_file", "key_file", "assert_hostname", "server_hostname")

    def __init__(self, configuration: Any) -> None:
        self.verify = bool(configuration.verify_ssl)
        self.ca_file: Optional[str] = configuration.ssl_ca_cert
        self.cert_file: Optional[str] = configuration.cert_file
        self.key_file: Optional[str] = configuration.key_file
        self.assert_hostname = configuration.assert_hostname
        self.server_hostname: Optional[str] = configuration.tls_server_name

    def context(self) -> ssl.SSLContext:
        """The shared context for these settings (built now if it is not cached)."""
        ca_file = self.ca_file
        if self.verify and ca_file is None:
            import certifi

            ca_file = certifi.where()
        key = (self.verify, ca_file, _stamp(ca_file), self.cert_file, _stamp(self.cert_file), self.key_file,
               _stamp(self.key_file), self.assert_hostname)
        with _lock:
            context = _contexts.get(key)
            if context is not None:
                _contexts.move_to_end(key)
                return context
        context = self._build(ca_file)
        with _lock:
            _contexts[key] = context
            while len(_contexts) > _CACHE_SIZE:
                _contexts.popitem(last=False)
        return context

    def _build(self, ca_file: Optional[str]) -> ssl.SSLContext:
        from urllib3.util.ssl_ import create_urllib3_context

        context = create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED if self.verify else ssl.CERT_NONE)
        try:
            if self.verify and ca_file is not None:
                if os.path.isdir(ca_file):
                    context.load_verify_locations(capath=ca_file)
                else:
                    context.load_verify_locations(cafile=ca_file)
            if self.cert_file:
                context.load_cert_chain(self.cert_file, self.key_file)
        except (OSError, ssl.SSLError, ValueError) as exc:
            raise ApiValueError(f"cannot load the TLS files (ssl_ca_cert, cert_file, key_file): {exc}") from None
        return context


def _reset_lock_after_fork() -> None:
    global _lock
    _lock = threading.Lock()  # another thread may have held it when the process forked


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_lock_after_fork)


def _stamp(path: Optional[str]) -> Optional[Tuple[int, int]]:
    """A file's (modification time, size), so a changed file gives a new context."""
    if not path:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)
