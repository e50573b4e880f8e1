"""Process-wide logging state that configurations share, set up once and undone by the last user.

Loggers are global, configurations are many. So each configuration that wants verbose logs (or a
log file) registers here; the first registration changes the loggers, the last release undoes
exactly that change and nothing else:

- verbosity: while any configuration asks for it, the ``openapi_client`` and ``urllib3`` loggers
  log at the most verbose level asked for, to one shared stderr handler. When the last one lets go,
  each logger gets back the level it had before, unless the application changed it meanwhile.
- log files: one ``FileHandler`` per path, however many configurations name it; it is removed and
  closed when the last of them unsets it (or is garbage-collected).

A leaf module: it imports nothing from the rest of the package.
"""

from __future__ import annotations

import logging
import threading
import weakref
from typing import Dict, Optional, Tuple

LOGGER_NAMES = ("openapi_client", "urllib3")

_lock = threading.Lock()
_verbose_owners: Dict[int, int] = {}  # id(owner) -> level it asked for
_saved_levels: Dict[str, int] = {}
_applied_level: Optional[int] = None
_stream_handler: Optional[logging.Handler] = None
_file_handlers: Dict[str, Tuple[logging.FileHandler, int]] = {}  # path -> (handler, users)


class _Environment:
    """The owner of the verbosity ``$STABILITY_LOG`` asks for: the process itself, so it never lets go."""


ENVIRONMENT = _Environment()


def set_verbosity(owner: object, level: Optional[int], fmt: str) -> None:
    """Ask for (``level``) or give up (``None``) verbose SDK logs on behalf of ``owner``."""
    key = id(owner)
    with _lock:
        if level is None:
            if _verbose_owners.pop(key, None) is None:
                return
        else:
            if key not in _verbose_owners:
                weakref.finalize(owner, _forget_owner, key)
            _verbose_owners[key] = level
        _apply_verbosity(fmt)


def _forget_owner(key: int) -> None:
    with _lock:
        if _verbose_owners.pop(key, None) is not None:
            _apply_verbosity(None)


def _apply_verbosity(fmt: Optional[str]) -> None:
    global _applied_level, _stream_handler
    wanted = min(_verbose_owners.values()) if _verbose_owners else None
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        if wanted is not None:
            if _applied_level is None:
                _saved_levels[name] = logger.level
            logger.setLevel(wanted)
        elif _applied_level is not None and logger.level == _applied_level:
            logger.setLevel(_saved_levels.pop(name, logging.NOTSET))
    if wanted is not None and _stream_handler is None:
        _stream_handler = logging.StreamHandler()
        _stream_handler.setFormatter(logging.Formatter(fmt or logging.BASIC_FORMAT))
        for name in LOGGER_NAMES:
            logging.getLogger(name).addHandler(_stream_handler)
    elif wanted is None and _stream_handler is not None:
        for name in LOGGER_NAMES:
            logging.getLogger(name).removeHandler(_stream_handler)
        _stream_handler = None
    _applied_level = wanted


def acquire_file_handler(path: str, fmt: str) -> logging.FileHandler:
    """The one handler writing the SDK's log records to ``path`` (created on first use)."""
    with _lock:
        handler, users = _file_handlers.get(path, (None, 0))
        if handler is None:
            handler = logging.FileHandler(path)
            handler.setFormatter(logging.Formatter(fmt))
            for name in LOGGER_NAMES:
                logging.getLogger(name).addHandler(handler)
        _file_handlers[path] = (handler, users + 1)
        return handler


def release_file_handler(path: str) -> None:
    """One user less for ``path``'s handler; the last one removes and closes it."""
    with _lock:
        handler, users = _file_handlers.get(path, (None, 0))
        if handler is None:
            return
        if users > 1:
            _file_handlers[path] = (handler, users - 1)
            return
        del _file_handlers[path]
        for name in LOGGER_NAMES:
            logging.getLogger(name).removeHandler(handler)
        handler.close()
