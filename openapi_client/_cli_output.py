"""What the command line prints: exact credits, safe text, aligned tables, valid JSON.

- Credits are printed as the API sent them: the shortest text that reads back as the same number,
  never in scientific notation, never rounded (``1234567.89``, ``0.00001``).
- Text from the server (names, ids, messages) is shown with control characters escaped, so a
  hostile or broken server cannot repaint the terminal.
- JSON is always valid JSON: a non-finite number (``NaN``, ``Infinity``, which RFC 8259 lacks)
  becomes ``null``.
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Optional

from openapi_client._display import one_line

_CELL_CHARS = 200


def credits_text(value: Any) -> str:
    """``value`` (credits) exactly, in plain decimal notation."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return safe(str(value))
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return repr(value)
    return _plain_decimal(repr(value))


def _plain_decimal(text: str) -> str:
    """A float's shortest repr (``'1.5e-07'``, ``'1e+16'``, ``'12.5'``) in plain notation, digit for digit
    (``'0.00000015'``, ``'10000000000000000.0'``, ``'12.5'``)."""
    sign = "-" if text.startswith("-") else ""
    mantissa, _, exponent = text.lstrip("-").partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits, point = whole + fraction, len(whole) + int(exponent or 0)
    if point <= 0:
        whole, fraction = "0", "0" * -point + digits
    elif point >= len(digits):
        whole, fraction = digits + "0" * (point - len(digits)), ""
    else:
        whole, fraction = digits[:point], digits[point:]
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0") or "0"
    return f"{sign}{whole}.{fraction}"


def safe(text: Any, limit: int = _CELL_CHARS) -> str:
    """Server text as one printable line (control characters escaped)."""
    return one_line(str(text), limit)


def table(rows: List[List[str]]) -> str:
    """Rows as left-aligned columns, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def to_json(data: Any, indent: Optional[int] = 2) -> str:
    """``data`` as JSON (indented, or on one line with ``indent=None``), with non-finite numbers as ``null``."""
    return json.dumps(_finite(data), indent=indent, allow_nan=False)


def _finite(data: Any) -> Any:
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_finite(value) for value in data]
    return data


def error_details(error: BaseException) -> Dict[str, Any]:
    """An SDK exception as the JSON object the command line prints: status, type, message, request id."""
    status: Optional[int] = getattr(error, "status", None)
    details: Dict[str, Any] = {"status": status, "type": type(error).__name__, "message": safe(error, 1000)}
    request_id = getattr(error, "request_id", None)
    if request_id:
        details["request_id"] = request_id
    return details


def account_text(account: Dict[str, Any]) -> str:
    """The account as text: its fields, then its organizations (the default marked ``*``)."""
    rows = [["email", safe(account["email"])], ["id", safe(account["id"])]]
    if account.get("profile_picture"):
        rows.append(["profile picture", safe(account["profile_picture"])])
    rows.append(["organizations", str(len(account["organizations"]))])
    orgs = [["  *" if o["is_default"] else "", safe(o["id"]), safe(o["name"]), safe(o["role"])]
            for o in account["organizations"]]
    return table(rows) + ("\n" + table(orgs) if orgs else "")


def balance_text(credits: Any, organization: Optional[str]) -> str:
    """One balance as text."""
    rows = [["organization", safe(organization)]] if organization else []
    return table([*rows, ["credits", credits_text(credits)]])


def organizations_text(rows: List[Dict[str, Any]]) -> str:
    """Every organization's balance, or its error in place, as a table."""
    lines = [["", "ORGANIZATION", "NAME", "ROLE", "CREDITS"]]
    for row in rows:
        shown = credits_text(row["credits"]) if "credits" in row else f"error: {row['error']['message']}"
        lines.append(["*" if row["is_default"] else "", safe(row["id"]), safe(row["name"]), safe(row["role"]), shown])
    return table(lines)
