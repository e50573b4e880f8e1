"""FakeStabilityServer: a real local HTTP server that answers the user endpoints like the API does.

Standard library only. HTTP/1.1 with keep-alive, one thread per connection, on 127.0.0.1 and a
free port. Use it in tests, or to try the SDK without a key::

    from openapi_client.testing import FakeStabilityServer

    with FakeStabilityServer() as server:
        server.add_account("sk-test", email="me@example.com", credits=12.5)
        configuration = openapi_client.Configuration(host=server.url, api_key="sk-test")
        ...
        server.fail_next(503, times=2)           # scripted faults for retry tests
        assert server.requests[-1].path == "/v1/user/balance"

Behaviour (the fake's choices are marked):
- ``GET /v1/user/account`` and ``GET /v1alpha/user/account``: the account of the key.
- ``GET /v1/user/balance`` and ``GET /v1alpha/user/balance``: ``{"credits": n}`` of the
  organization named by the ``Organization`` header, else of the account's default organization.
- ``Authorization`` is the bare key or ``Bearer <key>``; a missing or unknown key gets 401.
- An organization the account is not a member of gets 403 (the fake's choice; the real service
  may answer differently). Another path gets 404, another method 405.
- Errors carry the API's JSON error body: v1alpha's (id, name, message, temporary, timeout,
  fault) on v1alpha paths, v1's (id, name, message) elsewhere.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from http.server import BaseHTTPRequestHandler
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

from openapi_client._display import SECRET_HEADERS
from openapi_client.exceptions import header_value
from openapi_client.testing._httpd import ThreadedHTTPServer


class Reply:
    """One scripted answer.

    :param status: the HTTP status.
    :param body: bytes, str, or anything JSON-serialisable (sent as ``application/json``).
    :param headers: extra response headers.
    :param delay: seconds to wait before answering (cut short when the server stops).
    :param drop: close the connection without answering.
    :param truncate: send only this many bytes of the body (with the full Content-Length), then close.
    :param gzip: gzip the body and say so in ``Content-Encoding``.
    """

    def __init__(self, status: int = 200, body: Any = b"", headers: Optional[Mapping[str, str]] = None,
                 delay: float = 0.0, drop: bool = False, truncate: Optional[int] = None, gzip: bool = False) -> None:
        self.status = status
        self.headers = dict(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode("utf-8")
            self.headers.setdefault("Content-Type", "application/json")
        self.body = bytes(body)
        self.delay = delay
        self.drop = drop
        self.truncate = truncate
        self.gzip = gzip


def _redacted(value: str) -> str:
    """A secret header's value with the secret hidden but its scheme kept: ``Bearer ***`` or ``***``."""
    scheme, _, rest = value.partition(" ")
    return f"{scheme} ***" if rest and scheme.lower() in ("bearer", "basic") else "***"


class RecordedRequest:
    """A request the server received: ``method``, ``path``, ``headers``.

    Secret headers are recorded with the secret hidden: ``Authorization: Bearer ***`` or ``***``.
    """

    def __init__(self, method: str, path: str, headers: Dict[str, str], connection: int) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.connection = connection  # the number of the TCP connection it came on

    def header(self, name: str) -> Optional[str]:
        """A header by case-insensitive name, or ``None``."""
        return header_value(self.headers, name.lower())

    def __repr__(self) -> str:
        return f"RecordedRequest({self.method} {self.path}, headers={self.headers})"


class Account:
    """An account the fake knows: its API key, profile, organizations and their balances."""

    def __init__(self, api_key: str, email: str, account_id: str, organizations: List[Dict[str, Any]],
                 balances: Dict[str, float], profile_picture: Optional[str]) -> None:
        self.api_key = api_key
        self.email = email
        self.id = account_id
        self.organizations = organizations
        self.balances = balances
        self.profile_picture = profile_picture

    def to_json(self) -> Dict[str, Any]:
        body: Dict[str, Any] = {"email": self.email, "id": self.id, "organizations": self.organizations}
        if self.profile_picture is not None:
            body["profile_picture"] = self.profile_picture
        return body

    def default_organization(self) -> Optional[str]:
        default = next((o for o in self.organizations if o["is_default"]), None)
        return (default or (self.organizations[0] if self.organizations else {})).get("id")


Script = Callable[[RecordedRequest], Optional[Reply]]


class FakeStabilityServer:
    """A fake of the Stability.ai user endpoints on ``127.0.0.1``; see the module docstring.

    :param host_name: the name used in :attr:`url` (e.g. ``localhost`` for TLS tests).
    :param ssl_context: a server-side ``ssl.SSLContext`` to serve HTTPS (each handshake runs on its
        connection's own thread, so a silent client stalls nobody).
    :param port: the port to listen on (default: a free one).

    ``stop()`` is immediate: it cuts delayed replies short, closes every open connection and
    waits for every connection thread. A stopped server can be started again.
    """

    def __init__(self, host_name: str = "127.0.0.1", ssl_context: Any = None, port: int = 0) -> None:
        self._host_name = host_name
        self._ssl_context = ssl_context
        self._port = port
        self._lock = threading.Lock()
        self._accounts: Dict[str, Account] = {}
        self._scripted: List[Union[Reply, Script]] = []
        self._stopping = threading.Event()
        self.requests: List[RecordedRequest] = []
        self.connections = 0
        self.latency = 0.0
        self._httpd: Optional[ThreadedHTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeStabilityServer:
        """Start serving in a background thread; returns ``self``."""
        self._stopping.clear()
        self._httpd = ThreadedHTTPServer(("127.0.0.1", self._port), _make_handler(self), self._ssl_context)
        self._thread = threading.Thread(target=self._httpd.serve, name="FakeStabilityServer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: cut delayed replies short, close every connection, wait for every thread."""
        self._stopping.set()
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.stop()
            if self._thread is not None:
                self._thread.join()
            httpd.server_close()

    def __enter__(self) -> FakeStabilityServer:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._httpd is None:
            raise RuntimeError("the server is not started")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL to use as ``Configuration.host``."""
        scheme = "https" if self._ssl_context is not None else "http"
        return f"{scheme}://{self._host_name}:{self.port}"

    # --- data --------------------------------------------------------------------------

    def add_account(
        self,
        api_key: str,
        email: str = "user@example.com",
        account_id: Optional[str] = None,
        organizations: Optional[Sequence[Mapping[str, Any]]] = None,
        credits: float = 0.0,
        balances: Optional[Mapping[str, float]] = None,
        profile_picture: Optional[str] = None,
    ) -> Account:
        """Register ``api_key`` with its account; returns the :class:`Account` (its fields can be changed).

        Without ``organizations`` the account gets one default organization. ``balances`` maps
        organization ids to credits; ``credits`` is the default organization's balance when
        ``balances`` does not name it.
        """
        account_id = account_id or f"user-{os.urandom(4).hex()}"
        orgs = [
            {"id": o["id"], "is_default": bool(o.get("is_default", False)), "name": o.get("name", o["id"]),
             "role": o.get("role", "MEMBER")}
            for o in (organizations or [{"id": f"org-{account_id}", "name": "Personal", "is_default": True,
                                          "role": "OWNER"}])
        ]
        account = Account(api_key, email, account_id, orgs, dict(balances or {}), profile_picture)
        default = account.default_organization()
        if default is not None:
            account.balances.setdefault(default, float(credits))
        with self._lock:
            self._accounts[api_key] = account
        return account

    def add_demo_account(self, api_key: str = "sk-demo") -> Account:
        """The demo account: the spec's example user, with two organizations and their balances.

        Its organizations are ``org-123456`` ("My Organization", the default, 42.5 credits) and
        ``org-654321`` ("Side Project", 3.25 credits), the ids the documentation's examples use.
        """
        return self.add_account(
            api_key,
            email="example@stability.ai",
            account_id="user-1234",
            organizations=[
                {"id": "org-123456", "name": "My Organization", "is_default": True, "role": "MEMBER"},
                {"id": "org-654321", "name": "Side Project", "is_default": False, "role": "OWNER"},
            ],
            balances={"org-123456": 42.5, "org-654321": 3.25},
            profile_picture="https://api.stability.ai/example.png",
        )

    # --- faults ------------------------------------------------------------------------

    def reply_next(self, reply: Union[Reply, Script], times: int = 1) -> None:
        """Answer the next ``times`` requests with ``reply`` (or a function of the request
        returning a Reply, or None to answer normally)."""
        with self._lock:
            self._scripted.extend([reply] * times)

    def fail_next(self, status: int, times: int = 1, retry_after: Optional[float] = None,
                  message: str = "scripted failure") -> None:
        """Answer the next ``times`` requests with ``status`` and the API's error body."""
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
        self.reply_next(lambda request: _error_reply(request.path, status, _status_name(status), message,
                                                     headers), times)

    def drop_next(self, times: int = 1) -> None:
        """Close the connection of the next ``times`` requests without answering."""
        self.reply_next(Reply(drop=True), times)

    def clear(self) -> None:
        """Forget the recorded requests and any scripted replies not yet used."""
        with self._lock:
            self.requests.clear()
            self._scripted.clear()

    # --- serving -----------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> Optional[Union[Reply, Script]]:
        with self._lock:
            self.requests.append(request)
            return self._scripted.pop(0) if self._scripted else None

    def _count_connection(self) -> int:
        with self._lock:
            self.connections += 1
            return self.connections

    def _answer(self, request: RecordedRequest, raw_headers: Mapping[str, str]) -> Reply:
        scripted = self._record(request)
        if isinstance(scripted, Reply):
            return scripted
        if scripted is not None:
            reply = scripted(request)
            if reply is not None:
                return reply
        path = request.path.split("?", 1)[0]
        if "://" in path:  # absolute form, as sent to a proxy: serve it too (the fake doubles as a proxy)
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        return self._serve(request.method, path, raw_headers)

    def _serve(self, method: str, path: str, headers: Mapping[str, str]) -> Reply:
        version, _, resource = path.lstrip("/").partition("/user/")
        if version not in ("v1", "v1alpha") or resource not in ("account", "balance"):
            return _error_reply(path, 404, "not_found", f"no route for {path}")
        if method != "GET":
            return _error_reply(path, 405, "method_not_allowed", f"{method} is not allowed on {path}")
        account = self._account_for(headers.get("authorization"))
        if account is None:
            message = "missing authorization header" if not headers.get("authorization") else "invalid API key"
            return _error_reply(path, 401, "unauthorized", message)
        if resource == "account":
            return Reply(200, account.to_json())
        organization = headers.get("organization") or account.default_organization()
        if organization not in {o["id"] for o in account.organizations}:
            return _error_reply(path, 403, "permission_denied",
                                f"the account is not a member of organization {organization!r}")
        return Reply(200, {"credits": float(account.balances.get(str(organization), 0.0))})

    def _account_for(self, authorization: Optional[str]) -> Optional[Account]:
        if not authorization:
            return None
        key = authorization[7:] if authorization.lower().startswith("bearer ") else authorization
        with self._lock:
            return self._accounts.get(key.strip())


def _new_id() -> str:
    """A random id in the UUID text form, as the API's error ids are."""
    raw = os.urandom(16).hex()
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def _status_name(status: int) -> str:
    return {400: "bad_request", 401: "unauthorized", 403: "permission_denied", 404: "not_found",
            408: "timeout", 409: "conflict", 422: "invalid_parameters", 429: "rate_limited",
            500: "server_error", 502: "bad_gateway", 503: "service_unavailable",
            504: "gateway_timeout"}.get(status, "error")


def _error_reply(path: str, status: int, name: str, message: str,
                 headers: Optional[Mapping[str, str]] = None) -> Reply:
    """The API's JSON error body, in v1alpha's shape on v1alpha paths and v1's elsewhere."""
    body: Dict[str, Any] = {"id": _new_id(), "name": name, "message": message}
    if path.startswith("/v1alpha/"):
        body.update(temporary=status in (429, 503), timeout=status in (408, 504), fault=status >= 500)
    return Reply(status, body, headers)


def _make_handler(fake: FakeStabilityServer) -> Any:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FakeStability/1.0"

        def setup(self) -> None:
            super().setup()
            # answer at once: without this, Nagle's algorithm and delayed ACKs add 40 ms to each reply
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.connection_number = fake._count_connection()

        def do_GET(self) -> None:
            self._handle()

        do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            raw = {k.lower(): v for k, v in self.headers.items()}
            shown = {k: (_redacted(v) if k.lower() in SECRET_HEADERS else v) for k, v in self.headers.items()}
            request = RecordedRequest(self.command, self.path, shown, self.connection_number)
            reply = fake._answer(request, raw)
            if fake.latency or reply.delay:
                fake._stopping.wait(fake.latency + reply.delay)
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            if reply.drop:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if reply.gzip:
                import gzip

                body = gzip.compress(reply.body)
            else:
                body = reply.body
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.gzip:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("X-Request-Id", f"req-{len(fake.requests)}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if reply.truncate is not None:
                self.wfile.write(body[: reply.truncate])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Requests are recorded on the server, not printed."""

    return Handler
