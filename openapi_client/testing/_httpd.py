"""A threaded HTTP server that starts at once, stops at once, and leaves nothing running.

The standard library's ``ThreadingHTTPServer`` polls for shutdown (a stop waits up to the poll
interval), does a TLS handshake on the accepting thread when its socket is wrapped (one silent
client then stalls every other), and leaves handler threads running after ``server_close()``.
This one wakes its accept loop through a socket pair, does each TLS handshake (with a time limit)
on the connection's own thread, and on :meth:`ThreadedHTTPServer.stop` shuts every open connection
down and joins every thread.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import socketserver
import ssl
import threading
from typing import Any, Optional, Set, Tuple

HANDSHAKE_TIMEOUT = 10.0


class ThreadedHTTPServer(socketserver.TCPServer):
    """One thread per connection on ``address``; call :meth:`serve` on a thread, :meth:`stop` from another."""

    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: Tuple[str, int], handler: Any, ssl_context: Optional[ssl.SSLContext] = None) -> None:
        self.ssl_context = ssl_context
        self._lock = threading.Lock()
        self._open: Set[socket.socket] = set()
        self._threads: Set[threading.Thread] = set()
        self._closing = False
        self._wake_reader, self._wake_writer = socket.socketpair()
        super().__init__(address, handler)

    def serve(self) -> None:
        """Accept connections until :meth:`stop`."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while not self._closing:
                for key, _ in selector.select():
                    if key.fileobj is self._wake_reader:
                        return
                    self._handle_request_noblock()  # type: ignore[attr-defined]

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._serve_connection, args=(request, client_address),
                                  name="FakeStabilityServer connection", daemon=True)
        with self._lock:
            if self._closing:
                request.close()
                return
            self._open.add(request)
            self._threads.add(thread)
        thread.start()

    def _serve_connection(self, request: socket.socket, client_address: Any) -> None:
        try:
            if self.ssl_context is not None:
                request = self._handshake(request)
            self.finish_request(request, client_address)
        except (OSError, ValueError):
            pass  # client disconnects and failed handshakes are part of the tests
        finally:
            self.shutdown_request(request)
            with self._lock:
                self._open.discard(request)
                self._threads.discard(threading.current_thread())

    def _handshake(self, plain: socket.socket) -> socket.socket:
        assert self.ssl_context is not None
        wrapped = self.ssl_context.wrap_socket(plain, server_side=True, do_handshake_on_connect=False)
        with self._lock:
            self._open.discard(plain)
            self._open.add(wrapped)
        wrapped.settimeout(HANDSHAKE_TIMEOUT)
        wrapped.do_handshake()
        wrapped.settimeout(None)
        return wrapped

    def stop(self) -> None:
        """Stop accepting, close every open connection, and wait for every connection thread."""
        with self._lock:
            self._closing = True
            connections = list(self._open)
            threads = list(self._threads)
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"x")
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=HANDSHAKE_TIMEOUT)

    def server_close(self) -> None:
        super().server_close()
        self._wake_reader.close()
        self._wake_writer.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Client disconnects are part of the tests; stay quiet about them."""
