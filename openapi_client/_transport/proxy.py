"""Which proxy a request goes through, and the proxy's credentials.

The rules, in order:

1. ``Configuration.proxy``, unless the host matches ``Configuration.no_proxy``;
2. otherwise the environment, read with the standard library's rules
   (``urllib.request.getproxies_environment``: lower case wins, and in a CGI context, where
   ``REQUEST_METHOD`` is set, ``HTTP_PROXY`` is ignored, as httpoxy demands), unless the host is a
   loopback address (the SDK's own fake server, a local service) or matches ``NO_PROXY``.

``NO_PROXY``/``no_proxy`` entries are matched as the standard library matches them (``*``, a
host, a domain suffix, ``host:port``), and also as this module adds: IP networks in CIDR form
(``10.0.0.0/8``) and IPv6 literals with or without brackets (``[::1]``, ``::1``).

A proxy URL may carry ``user:password@``: the credentials are taken out of the URL (so no urllib3
message can show them) and sent as ``Proxy-Authorization: Basic ...``, on plain requests and on
the ``CONNECT`` that tunnels HTTPS, held as a :class:`~openapi_client._display.Secret`.
"""

from __future__ import annotations

import ipaddress
from typing import Dict, Optional, Tuple
from urllib.parse import unquote

from openapi_client._display import Secret
from openapi_client.exceptions import ApiValueError

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def split_host_port(authority: str) -> Tuple[str, Optional[str]]:
    """``'[::1]:8080'`` -> ``('::1', '8080')``, ``'example.com'`` -> ``('example.com', None)``."""
    authority = authority.lower()
    if authority.startswith("["):
        host, _, rest = authority[1:].partition("]")
        return host, rest[1:] if rest.startswith(":") else None
    if authority.count(":") == 1:
        host, port = authority.split(":")
        return host, port
    return authority, None


def is_loopback(host: str) -> bool:
    """Whether ``host`` (no port, no brackets) is this machine: ``localhost``, 127.0.0.0/8 or ``::1``."""
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bypasses(authority: str, no_proxy: Optional[str]) -> bool:
    """Whether ``authority`` (``host[:port]``) matches a ``no_proxy`` list."""
    if not no_proxy:
        return False
    import urllib.request  # the standard library's rules; imported on the first new origin only

    host, port = split_host_port(authority)
    plain = f"{host}:{port}" if port and ":" not in host else host
    stdlib_bypass = getattr(urllib.request, "proxy_bypass_environment")  # noqa: B009  # not in typeshed
    if stdlib_bypass(plain, {"no": no_proxy}):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    for entry in (e.strip().strip("[]") for e in no_proxy.split(",")):
        try:
            if entry and address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def proxy_for(scheme: str, authority: str, proxy: Optional[str], no_proxy: Optional[str]) -> Optional[str]:
    """The proxy URL for a request to ``scheme://authority``, or ``None`` to go direct."""
    if proxy:
        return None if bypasses(authority, no_proxy) else proxy
    host, _ = split_host_port(authority)
    if is_loopback(host):
        return None
    import urllib.request

    environment = urllib.request.getproxies_environment()
    if bypasses(authority, environment.get("no")):
        return None
    return environment.get(scheme) or environment.get("all")


def with_credentials_as_header(proxy_url: str, proxy_headers: Optional[Dict[str, str]]) -> Tuple[str, Dict[str, str]]:
    """``(proxy URL without user:password, proxy headers with Proxy-Authorization for them)``.

    Raises ApiValueError for a URL that is not an ``http://`` or ``https://`` proxy; the message
    never repeats the URL, which may hold a password.
    """
    from urllib3.util import make_headers, parse_url

    try:
        url = parse_url(proxy_url)
    except ValueError:
        raise ApiValueError("the proxy URL (Configuration.proxy or *_PROXY) is not a valid URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ApiValueError(f"the proxy URL must be http:// or https:// with a host, not {url.scheme or 'no'} scheme")
    headers = dict(proxy_headers or {})
    if url.auth:
        user, _, password = url.auth.partition(":")
        credentials = make_headers(proxy_basic_auth=f"{unquote(user)}:{unquote(password)}")["proxy-authorization"]
        if not any(name.lower() == "proxy-authorization" for name in headers):
            headers["Proxy-Authorization"] = Secret(credentials)
    return url._replace(auth=None).url, headers
