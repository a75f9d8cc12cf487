"""Streaming records: JSON Lines (one object per line, one text field) and plain lines.

Read line by line from a binary stream, never the whole file, so memory is bounded by the
longest line. Every input line gives exactly one :class:`Record`, in order, good or bad: a line
that is not JSON, not an object, or lacks a string ``field`` carries an ``error`` (with the file
and line number) and its raw bytes, so a caller can pass it through unchanged and lose nothing.

Output lines keep the input line's terminator (``\\n``, ``\\r\\n`` or none on a last line). A
record that needs no change is written back byte for byte; a changed one is re-serialised with
:func:`json.dumps` (other fields equal in value, key order kept; number spelling and escapes may
differ, as with any JSON tool).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from ..records import Result

BOM = "\N{ZERO WIDTH NO-BREAK SPACE}"


@dataclass
class Record:
    path: str
    line: int  # 1-based
    raw: bytes  # the line as read, without its terminator
    end: bytes  # b"\n", b"\r\n" or b"" (last line without one)
    text: str = ""  # the text to clean (the field's value, or the whole plain line)
    obj: dict | None = None  # the parsed JSON object (JSON Lines mode)
    prefix: str = ""  # a byte-order mark before the first plain line, kept out of the text
    error: str = ""  # why this line cannot be cleaned (then it is passed through unchanged)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _split(line: bytes) -> tuple[bytes, bytes]:
    if line.endswith(b"\r\n"):
        return line[:-2], b"\r\n"
    if line.endswith(b"\n"):
        return line[:-1], b"\n"
    return line, b""


def _kind(value) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}.get(
        type(value), type(value).__name__)


def read(stream: BinaryIO, path: str, field: str | None = "text") -> Iterator[Record]:
    """One :class:`Record` per line of ``stream``. ``field=None``: plain lines (``--per-line``)."""
    for n, line in enumerate(stream, 1):
        raw, end = _split(line)
        rec = Record(path, n, raw, end)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            rec.error = f"not UTF-8 at byte {exc.start} of the line: {exc.reason}"
            yield rec
            continue
        if n == 1 and text.startswith(BOM):
            rec.prefix, text = BOM, text[1:]
        if field is None:
            rec.text = text
        elif not text.strip():
            pass  # a blank line holds no record: passed through as it is
        else:
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                rec.error = f"not valid JSON: {exc.msg} (column {exc.colno})"
                yield rec
                continue
            if not isinstance(obj, dict):
                rec.error = f"expected a JSON object, got {_kind(obj)}"
            elif field not in obj:
                rec.error = f"no field {field!r} (use --field to name the text field)"
            elif not isinstance(obj[field], str):
                rec.error = f"field {field!r} is {_kind(obj[field])}, not a string"
            else:
                rec.obj, rec.text = obj, obj[field]
        yield rec


def fixed_line(rec: Record, result: Result | None, field: str | None, edits: bool = False) -> bytes:
    """The output line for ``rec``: its field replaced by the fixed text (and, with ``edits``,
    ``<field>_edits`` holding the edit list), or the raw line when nothing changes."""
    if result is None or rec.error or (rec.obj is None and field is not None):
        return rec.raw + rec.end
    if field is None:
        return (rec.prefix + result.output).encode("utf-8") + rec.end if result.changed else rec.raw + rec.end
    if not result.changed and not edits:
        return rec.raw + rec.end
    obj = dict(rec.obj)
    obj[field] = result.output
    if edits:
        obj[f"{field}_edits"] = [i for i in result.items() if i["replacement"] is not None]
    return json.dumps(obj, ensure_ascii=False).encode("utf-8") + rec.end


def check_line(rec: Record, result: Result | None) -> bytes:
    """One JSON line per input line: ``{"path", "line", "findings"}`` (or ``"error"``)."""
    entry: dict = {"path": rec.path, "line": rec.line}
    if rec.error:
        entry["error"] = rec.error
    else:
        entry["findings"] = result.items() if result is not None else []
    return json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n"
