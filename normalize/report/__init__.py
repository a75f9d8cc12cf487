"""Result -> what a person or a program reads, and the exit codes it implies.

text (short lines + summary), json (the contract), diff (unified and word diff built from the
edits), critic (CriticMarkup), html (one self-contained page). Renderers take a Result and
never re-run the pipeline; ids, sentences and categories come from :mod:`.ids`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Result
from .diff import render_diff, render_word_diff
from .ids import Item, annotate
from .json import json_entry, render_json
from .text import render_text


def use_color(stream) -> bool:
    """Colour on a terminal unless NO_COLOR is set (no-color.org)."""
    import os

    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def render_critic(result: Result) -> str:
    from .critic import render_critic as render

    return render(result)


def render_html(entries) -> str:
    from .html import render_html as render

    return render(entries)


class Renderer:
    """What ``check`` prints for each input and at the end, for one output format.

    ``fmt``: text, json, critic, html; ``diff``: unified diff; ``word_diff``: plain, color,
    porcelain or auto (colour on a terminal). ``color`` says whether ANSI colour is written.
    """

    def __init__(self, fmt: str = "text", diff: bool = False, word_diff: str | None = None, tty: bool = False):
        self.fmt, self.diff = fmt, diff
        self.word_diff = ("color" if tty else "plain") if word_diff == "auto" else word_diff
        self.color = self.word_diff == "color" or (tty and fmt == "text" and not diff and not word_diff)
        self.entries: list = []

    @property
    def summary(self) -> bool:
        """Whether the "N of M input(s)" line belongs on stderr (the text report only)."""
        return self.fmt == "text" and not (self.diff or self.word_diff)

    def add(self, path: str, result: Result, extra: dict | None = None) -> str:
        """What to print for one input now; ``extra`` fields join its JSON entry (e.g. encoding)."""
        if self.fmt == "json":
            self.entries.append({**json_entry(path, result), **(extra or {})})
        elif self.fmt in ("critic", "html"):
            self.entries.append((path, result))
        elif self.word_diff:
            return render_word_diff(path, result, self.word_diff)
        elif self.diff:
            return render_diff(path, result)
        else:
            return render_text(path, result, color=self.color)
        return ""

    def finish(self) -> str:
        if self.fmt == "json":
            return render_json(self.entries)
        if self.fmt == "critic":
            from .critic import CriticMarkupError

            out = []
            for path, result in self.entries:
                try:
                    out.append(render_critic(result))
                except CriticMarkupError as exc:
                    raise CriticMarkupError(f"{path}: {exc}") from None
            return "".join(out)
        if self.fmt == "html":
            return render_html(self.entries)
        return ""

__all__ = [
    "EXIT_BAD_INPUT", "EXIT_FOUND", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "Item", "Renderer", "Report", "annotate", "json_entry",
    "render_critic", "render_diff", "render_html", "render_json", "render_text", "render_word_diff", "use_color",
]

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INTERNAL = 4


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
