"""Renderers for results (text, JSON, unified diff) and the exit codes they imply."""

from __future__ import annotations

import difflib
import json
from bisect import bisect_right
from dataclasses import dataclass, field

from .records import Result

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INTERNAL = 4


def _line_col(offset: int, starts: list[int]) -> tuple[int, int]:
    k = bisect_right(starts, offset) - 1
    return k + 1, offset - starts[k] + 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _short(text: str, limit: int = 72) -> str:
    """repr() of a report snippet, elided in the middle when long (whole paragraphs removed)."""
    if len(text) <= limit:
        return repr(text)
    half = limit // 2 - 4
    return repr(text[:half]) + f" …[{len(text)} chars]… " + repr(text[-half:])


def render_text(path: str, result: Result) -> str:
    """One line per item: ``path:line:col: rule: 'old' -> 'new' [source, confidence] reason``."""
    starts = _line_starts(result.input)
    lines = []
    for item in result.items():
        line, col = _line_col(item["start"], starts)
        where = f"{path}:{line}:{col}"
        if item["replacement"] is None:
            lines.append(f"{where}: {item['rule']}: {_short(item['text'])} unresolved ({item['language']}): {item['reason']}")
        else:
            lines.append(
                f"{where}: {item['rule']}: {_short(item['text'])} -> {_short(item['replacement'])} "
                f"[{item['source']}, confidence {item['confidence']:.2f}] {item['reason']}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def render_diff(path: str, result: Result) -> str:
    if not result.changed:
        return ""
    out = []
    for line in difflib.unified_diff(
        result.input.splitlines(keepends=True),
        result.output.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    ):
        out.append(line)
        if not line.endswith("\n"):
            # Same marker as diff(1) and git, so the diff applies with patch(1).
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def json_entry(path: str, result: Result) -> dict:
    return {"path": path, "findings": result.items()}


def render_json(entries: list[dict]) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


@dataclass
class Report:
    """Collects per-input outcomes and decides the exit code (like black's Report)."""

    check: bool = False
    found: int = 0
    changed: int = 0
    failed: int = 0
    internal: int = 0
    errors: list[str] = field(default_factory=list)

    def done(self, result: Result) -> None:
        if not result.clean:
            self.found += 1
        if result.changed:
            self.changed += 1

    def failure(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)

    def internal_error(self, message: str) -> None:
        """An unexpected exception on one input (a bug): exit 4, the other inputs go on."""
        self.internal += 1
        self.errors.append(message)

    @property
    def exit_code(self) -> int:
        """The worst outcome over all inputs: internal error 4 > bad input 3 > found 1 > ok 0."""
        if self.internal:
            return EXIT_INTERNAL
        if self.failed:
            return EXIT_BAD_INPUT
        if self.check and self.found:
            return EXIT_FOUND
        return EXIT_OK

    def summary(self, total: int) -> str:
        parts = []
        if self.check:
            parts.append(f"{self.found} of {total} input(s) need attention")
        else:
            parts.append(f"{self.changed} of {total} input(s) changed")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.internal:
            parts.append(f"{self.internal} internal error(s)")
        return ", ".join(parts)
