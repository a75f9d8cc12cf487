"""Boilerplate pattern files (``glossaries/boilerplate/*.tsv``): load, validate, match.

The format is documented in ``glossaries/boilerplate/README.md``. Patterns are data, not code, so
a user can add the boilerplate of their own sources without touching the package; every file is
checked like a glossary (header, columns, sorted, unique, every regex compiles) and a bad line is
a :class:`~normalize.errors.GlossaryError` carrying path, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import GlossaryError

FORMAT_LINE = "# normalize-patterns: 1"
COLUMNS = ("scope", "pattern", "requires", "note")
REQUIRED_KEYS = ("domain", "site-family", "language", "license", "origin")
SCOPES = ("line", "tail")
REQUIRES = ("", "edge", "near")


@dataclass(frozen=True)
class Pattern:
    scope: str  # "line": the whole (stripped) line; "tail": the end of a line
    regex: re.Pattern
    #: "" always; "near": only next to a line removed on firmer evidence; "edge": also as the first
    #: or last line of the document.
    requires: str
    note: str
    source: str  # "<file>:<line>" as shown in reports


def _display(path: Path) -> str:
    """Path as shown in a report: the repository path for shipped files (also when installed,
    where they live in ``normalize/_glossaries``), the path as given for the user's."""
    if path.resolve().parent == builtin_dir().resolve():
        return f"glossaries/boilerplate/{path.name}"
    return str(path)


def load_file(path: Path | str) -> tuple[Pattern, ...]:
    path = Path(path)
    shown = _display(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GlossaryError("pattern file not found", shown) from None
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"not UTF-8: {exc.reason}", shown) from None
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != FORMAT_LINE:
        raise GlossaryError(f"first line must be {FORMAT_LINE!r}", shown, 1, 1)
    header: dict[str, str] = {}
    n = 1
    while n < len(lines) and lines[n].startswith("#"):
        key, sep, value = lines[n][1:].partition(":")
        if not sep or not value.strip():
            raise GlossaryError("header lines are '# key: value'", shown, n + 1, 1)
        header[key.strip()] = value.strip()
        n += 1
    for key in REQUIRED_KEYS:
        if key not in header:
            raise GlossaryError(f"header key {key!r} missing", shown, n, 1)
    if header["domain"] != "boilerplate":
        raise GlossaryError(f"domain must be 'boilerplate', not {header['domain']!r}", shown, 2, 1)
    if n >= len(lines) or lines[n] != "\t".join(COLUMNS):
        raise GlossaryError("column line must be: " + " ".join(COLUMNS) + " (tab-separated)", shown, n + 1, 1)
    out: list[Pattern] = []
    seen: dict[tuple[str, str], int] = {}
    prev: tuple[str, str] | None = None
    for i in range(n + 1, len(lines)):
        lineno = i + 1
        fields = lines[i].split("\t")
        if len(fields) != len(COLUMNS):
            raise GlossaryError(f"expected {len(COLUMNS)} tab-separated columns, got {len(fields)}", shown, lineno, 1)
        scope, pattern, requires, note = fields
        col = lambda k: sum(len(f) + 1 for f in fields[:k]) + 1  # noqa: E731 (1-based column of field k)
        if scope not in SCOPES:
            raise GlossaryError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}", shown, lineno, 1)
        if not pattern:
            raise GlossaryError("empty pattern", shown, lineno, col(1))
        if requires not in REQUIRES:
            raise GlossaryError(f"requires must be empty, 'near' or 'edge', not {requires!r}", shown, lineno, col(2))
        if not note:
            raise GlossaryError("note (provenance) is required", shown, lineno, col(3))
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise GlossaryError(f"bad regular expression: {exc.msg}", shown, lineno, col(1) + (exc.pos or 0)) from None
        if regex.match(""):
            raise GlossaryError("pattern matches the empty string", shown, lineno, col(1))
        key = (scope, pattern)
        if key in seen:
            raise GlossaryError(f"duplicate of line {seen[key]}", shown, lineno, 1)
        if prev is not None and key < prev:
            raise GlossaryError("lines must be sorted by (scope, pattern)", shown, lineno, 1)
        seen[key] = lineno
        prev = key
        out.append(Pattern(scope, regex, requires, note, f"{shown}:{lineno}"))
    return tuple(out)


def builtin_dir() -> Path:
    """Where the shipped pattern files live (next to the shipped glossaries)."""
    try:  # the core's single source of truth for the glossary location, once it exists
        from ..glossary import builtin_dir as glossary_dir
    except ImportError:
        return Path(__file__).resolve().parents[2] / "glossaries" / "boilerplate"
    return Path(glossary_dir()) / "boilerplate"


def builtin_files() -> list[Path]:
    d = builtin_dir()
    files = sorted(d.glob("*.tsv"))
    if not files:
        # A missing data directory is an installation error, not "no boilerplate" (STYLE: no
        # silent fallbacks).
        raise GlossaryError("no boilerplate pattern files found (broken installation?)", str(d))
    return files


def patterns_for(ctx) -> tuple[Pattern, ...]:
    """All active patterns: shipped files, then the user's (``Config.boilerplate``), cached per context."""
    extra = tuple(ctx.config.boilerplate)
    key = ("document_rules.patterns", extra)
    cache = getattr(ctx, "cache", None)
    if cache is not None and key in cache:
        return cache[key]
    pats: list[Pattern] = []
    for f in [*builtin_files(), *map(Path, extra)]:
        pats.extend(load_file(f))
    result = tuple(pats)
    if cache is not None:
        cache[key] = result
    return result
