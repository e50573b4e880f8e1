"""A raw TCP server on 127.0.0.1 for protocol abuse: each connection is handed to a script.

A script is ``script(conn, number)``: it reads requests with :func:`read_request` and writes
whatever bytes it likes (1xx replies, trickles, bombs, broken headers). The server can listen on
several ports at once, so a test can redirect to many different origins. ``stop()`` closes every
socket and joins every thread; a script should return when ``server.stopping`` is set.
"""

import contextlib
import socket
import threading
import time
from typing import Callable, Iterable, List, Optional

Script = Callable[[socket.socket, int], None]


def read_request(conn: socket.socket, limit: int = 65536) -> bytes:
    """Read one request's head (up to the blank line); b'' when the client closed the connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = conn.recv(4096)
        except OSError:
            return b""
        if not chunk:
            return b""
        data += chunk
        if len(data) > limit:
            break
    return data


def response(status: str = "200 OK", body: bytes = b"", headers: Optional[List[str]] = None) -> bytes:
    """A whole HTTP/1.1 response with a Content-Length."""
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Content-Type: application/json",
             *(headers or [])]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class RawServer:
    """Listens on ``ports`` ports of 127.0.0.1 (default 1) and runs ``script`` for each connection."""

    def __init__(self, script: Script, ports: int = 1) -> None:
        self.script = script
        self.stopping = threading.Event()
        self.connections = 0
        self.requests: List[bytes] = []
        self._lock = threading.Lock()
        self._sockets: List[socket.socket] = []
        self._threads: List[threading.Thread] = []
        self._listeners = []
        for _ in range(ports):
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", 0))
            listener.listen(64)
            listener.settimeout(0.05)
            self._listeners.append(listener)
        self.ports = [listener.getsockname()[1] for listener in self._listeners]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports[0]}"

    def start(self) -> "RawServer":
        for listener in self._listeners:
            thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _accept(self, listener: socket.socket) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections += 1
                number = self.connections
                self._sockets.append(conn)
            thread = threading.Thread(target=self._run, args=(conn, number), daemon=True)
            thread.start()
            with self._lock:
                self._threads.append(thread)

    def _run(self, conn: socket.socket, number: int) -> None:
        try:
            self.script(conn, number)
        except OSError:
            pass
        finally:
            conn.close()

    def record(self, request: bytes) -> None:
        with self._lock:
            self.requests.append(request)

    def sleep(self, seconds: float) -> bool:
        """Wait ``seconds`` unless the server stops first; True when it is stopping."""
        return self.stopping.wait(seconds)

    def stop(self) -> None:
        self.stopping.set()
        with self._lock:
            sockets, threads = list(self._sockets), list(self._threads)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=5)
        for listener in self._listeners:
            listener.close()

    def __enter__(self) -> "RawServer":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def client_sockets(ports: Iterable[int]) -> int:
    """How many sockets this process holds that are connected to one of ``ports`` (Linux): the client side
    only, so a server thread in this process that has not yet closed its side is not counted."""
    import os

    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[len("socket:["):-1])
    wanted = set(ports)
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as rows:
                lines = rows.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[2].rsplit(":", 1)[1], 16) in wanted and fields[9] in inodes:
                count += 1
    return count


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()
