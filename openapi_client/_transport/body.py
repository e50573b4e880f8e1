"""Reading a response body within a size limit, and decompressing it within the same limit.

A ``Content-Length`` above the limit is refused before a byte is read; a body without one is read
in chunks and refused as soon as it passes the limit; a compressed body (``gzip``, ``deflate``)
is inflated with an output bound, so a 1 MB "gzip bomb" costs at most the limit, never gigabytes.
Memory for one body is bounded by about twice the limit. Both refusals raise
:class:`~openapi_client.exceptions.ApiResponseTooLargeError`.
"""

from __future__ import annotations

import zlib
from typing import Any, List

from openapi_client.exceptions import ApiDecodeError, ApiResponseTooLargeError

CHUNK = 64 * 1024


def read_body(response: Any, limit: int, decode: bool) -> bytes:
    """The whole body of a urllib3 response not yet read (``decode_content=False``), within ``limit`` bytes.

    With ``decode``, a ``Content-Encoding`` of gzip or deflate (or a list of them) is undone.
    Raises ApiResponseTooLargeError, ApiDecodeError, or the urllib3 error of a broken read.
    """
    headers = response.headers
    declared = response.length_remaining  # urllib3 read Content-Length already (None: unknown)
    if declared is not None and declared > limit:
        raise ApiResponseTooLargeError(
            status=response.status, reason=response.reason, headers=headers,
            message=f"the server announced a {declared:,}-byte body, above max_response_bytes ({limit:,})")
    # with a length: exactly the announced bytes (at most the limit); without: chunk by chunk
    raw = response.read(decode_content=False) if declared is not None else _read_chunks(response, limit)
    if decode and "content-encoding" in headers:  # a membership test: a missed get() would raise and catch inside
        encoding = headers["content-encoding"]
        if encoding.strip().lower() not in ("", "identity"):
            return decode_body(raw, encoding, limit, response)
    return bytes(raw)


def _read_chunks(response: Any, limit: int) -> bytes:
    chunks: List[bytes] = []
    total = 0
    while True:
        chunk = response.read(CHUNK, decode_content=False)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise ApiResponseTooLargeError(
                status=response.status, reason=response.reason, headers=response.headers,
                message=f"the response body passed max_response_bytes ({limit:,} bytes) while it was read")
        chunks.append(chunk)


def decode_body(raw: bytes, encoding: str, limit: int, response: Any = None) -> bytes:
    """``raw`` with ``encoding`` (``gzip``, ``deflate``, or a list applied in order) undone, at most ``limit`` bytes."""
    data = raw
    for coding in reversed([c.strip().lower() for c in encoding.split(",") if c.strip()]):
        if coding == "identity":
            continue
        if coding in ("gzip", "x-gzip"):
            data = _inflate(data, 16 + zlib.MAX_WBITS, limit, response)
        elif coding == "deflate":
            try:
                data = _inflate(data, zlib.MAX_WBITS, limit, response)
            except zlib.error:  # some servers send raw deflate without the zlib header
                data = _inflate(data, -zlib.MAX_WBITS, limit, response)
        else:
            raise ApiDecodeError(f"the server sent a body with Content-Encoding {coding!r}, which the SDK does not "
                                 f"decode (it asks for none unless Configuration.accept_gzip is set)")
    return data


def _inflate(data: bytes, wbits: int, limit: int, response: Any) -> bytes:
    """Decompress every member of ``data`` (gzip may have several), never producing more than ``limit`` bytes."""
    out: List[bytes] = []
    size = 0
    while data:
        inflater = zlib.decompressobj(wbits)
        try:
            piece = inflater.decompress(data, limit - size + 1)
        except zlib.error:
            if wbits < 0 or not out:
                raise
            break  # trailing garbage after a complete gzip member is ignored, as urllib3 does
        size += len(piece)
        if size > limit or inflater.unconsumed_tail:
            raise ApiResponseTooLargeError(
                status=getattr(response, "status", None), reason=getattr(response, "reason", None),
                headers=getattr(response, "headers", None),
                message=f"the decompressed response body passed max_response_bytes ({limit:,} bytes)")
        if not inflater.eof:
            raise zlib.error("the compressed body ends before its compressed stream does")
        out.append(piece)
        data = inflater.unused_data if wbits > 16 else b""
    return b"".join(out)
