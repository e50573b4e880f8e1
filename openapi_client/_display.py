"""What may be shown: secrets that never print, and server text made into one safe line.

A leaf module: it imports nothing from the rest of the package.

- :class:`Secret` is a ``str`` whose ``repr`` is ``'***'``. API keys, cookies and proxy credentials
  are held in headers as ``Secret`` values, so a dict of headers that reaches a log line, an error
  tracker that records local variables, or a debugger's variable view shows ``'***'``. It is still a
  ``str``: it compares, hashes and encodes as the text it holds.
- :func:`one_line` turns text from a server (a reason phrase, an error message, a request id, a
  name) into one printable line of bounded length: control characters, line separators and bidi
  overrides are escaped, so such text can never repaint a terminal or forge a log line.

Example::

    >>> headers = {"Authorization": Secret("Bearer sk-123")}
    >>> headers
    {'Authorization': '***'}
    >>> one_line("bad\\r\\nthing\\x1b[2J", 40)
    'bad thing\\\\x1b[2J'
"""

from __future__ import annotations

import re
from typing import Dict, Mapping, Match, Optional, Pattern

REDACTED = "***"

#: Headers whose values are secrets: never logged, recorded or shown.
SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "set-cookie"})



class LazyRegex:
    """A regular expression compiled on first use, so that importing the SDK compiles nothing."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: Optional[Pattern[str]] = None

    def get(self) -> Pattern[str]:
        """The compiled pattern."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return compiled


# C0 and C1 controls, DEL, line and paragraph separators, bidi marks, embeddings, overrides and
# isolates, and the byte order mark: everything that moves the cursor or reorders the line.
_UNSAFE = LazyRegex("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_WHITESPACE_RUN = LazyRegex("[ \t\r\n\x0b\x0c]+")


class Secret(str):
    """A string that never shows itself in a ``repr``: ``Secret("sk-1")`` reprs as ``'***'``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"'{REDACTED}'"


def _escape(match: Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str, limit: int) -> str:
    """``text`` as one printable line of at most ``limit`` characters.

    Runs of white space (line breaks included) become one space; every other control or
    bidi character is shown escaped (``\\x1b``); a longer text is cut and ends in ``...``.
    """
    text = _WHITESPACE_RUN.get().sub(" ", text).strip()
    unsafe = _UNSAFE.get()
    if unsafe.search(text):
        text = unsafe.sub(_escape, text)
    return text if len(text) <= limit else text[: max(limit - 3, 0)] + "..."


def redact_headers(headers: Mapping[str, str]) -> Dict[str, str]:
    """A copy of ``headers`` with the values of secret ones replaced by ``***``, for logs."""
    return {name: (REDACTED if name.lower() in SECRET_HEADERS else value) for name, value in headers.items()}
