"""Unified and word diffs built from the edits themselves, with flags as comment lines.

The hunks come from the recorded edits, not from re-diffing input against output: when a page
prints its body twice and the first copy is removed, a line diff would happily match the first
copy with the kept one and show the second deleted; here the diff shows exactly the text the
explanation names. Inside a change, old and new are compared word by word (only within that
change) so that unwrapping a parenthesis shows the brackets going, not two whole sentences.

Flagged fragments get a comment line ``# flagged ...`` under their hunk (a hunk of context only
when nothing changed near them). patch(1) and ``git apply`` skip such lines between hunks.

Word diff (``--word-diff``) follows git: ``[-old-]{+new+}`` (plain), colour only (color), and
``--word-diff=porcelain``: one line per run, prefixed `` ``/``-``/``+``, ``~`` for a newline.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..records import Result
from .ids import Item, annotate
from .text import GREEN, RED, RESET, YELLOW, elide, line_starts, short_reason, word_runs as _segments

CONTEXT = 3

CYAN, BOLD = "\x1b[36m", "\x1b[1m"


@dataclass
class _Block:
    """A run of whole input lines [l0, l1) touched by edits (or holding a flag)."""

    l0: int
    l1: int
    edits: list = field(default_factory=list)
    flags: list = field(default_factory=list)


_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _lines(s: str) -> list[str]:
    """Lines of ``s`` split at "\n" only (str.splitlines also splits at \r, \x0c, U+2028...)."""
    return _LINE.findall(s)


def _line_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


def _blocks(result: Result, items: list[Item], starts: list[int]) -> list[_Block]:
    n = len(starts) if not result.input.endswith("\n") or not result.input else len(starts) - 1
    n = max(n, 1)
    spans = []
    for it in items:
        s, e = it.start, it.end
        l0 = _line_of(starts, s)
        l1 = _line_of(starts, max(s, e - 1)) + 1
        spans.append((min(l0, n - 1), min(max(l1, l0 + 1), n), it))
    spans.sort(key=lambda x: (x[0], x[1]))
    blocks: list[_Block] = []
    for l0, l1, it in spans:
        if blocks and l0 < blocks[-1].l1:
            blocks[-1].l1 = max(blocks[-1].l1, l1)
        else:
            blocks.append(_Block(l0, l1))
        (blocks[-1].flags if it.flagged else blocks[-1].edits).append(it)
    return blocks


@dataclass
class _Hunk:
    l0: int  # input lines [l0, l1)
    l1: int
    blocks: list


def _hunks(blocks: list[_Block], nlines: int, context: int) -> list[_Hunk]:
    hunks: list[_Hunk] = []
    for b in blocks:
        lo, hi = max(b.l0 - context, 0), min(b.l1 + context, nlines)
        if hunks and lo <= hunks[-1].l1:
            hunks[-1].l1 = max(hunks[-1].l1, hi)
            hunks[-1].blocks.append(b)
        else:
            hunks.append(_Hunk(lo, hi, [b]))
    return hunks


def _range(start: int, count: int) -> str:
    # Unified diff ranges as diff(1) writes them: "l,n", "l" for one line, "l-1,0" for none.
    if count == 1:
        return f"{start + 1}"
    if count == 0:
        return f"{start},0"
    return f"{start + 1},{count}"


class _Doc:
    def __init__(self, result: Result, items: list[Item], flags: bool):
        self.result = result
        self.text = result.input
        self.starts = line_starts(self.text)
        # Lines of the input, the last one without "\n" when the file does not end with one.
        self.lines = _lines(self.text)
        self.blocks = _blocks(result, [i for i in items if flags or not i.flagged], self.starts)
        self.flags = [i for i in items if i.flagged]
        self.notes = [i for i in items if i.flagged or i.kind == "document"]

    def line_span(self, l0: int, l1: int) -> tuple[int, int]:
        s = self.starts[l0] if l0 < len(self.starts) else len(self.text)
        e = self.starts[l1] if l1 < len(self.starts) else len(self.text)
        return s, e

    def stream(self, hunk: _Hunk) -> list[tuple[str, str]]:
        """The hunk as (op, text) runs over whole lines: context between and around blocks,
        each block's edits refined word by word."""
        runs: list[tuple[str, str]] = []
        pos, end = self.line_span(hunk.l0, hunk.l1)
        for b in hunk.blocks:
            bs, be = self.line_span(b.l0, b.l1)
            if bs > pos:
                runs.append((" ", self.text[pos:bs]))
            p = bs
            for it in sorted(b.edits, key=lambda i: (i.start, i.end)):
                if it.start > p:
                    runs.append((" ", self.text[p : it.start]))
                runs.extend(_segments(it.text, it.replacement))
                p = it.end
            if be > p:
                runs.append((" ", self.text[p:be]))
            pos = be
        if end > pos:
            runs.append((" ", self.text[pos:end]))
        return [(op, t) for op, t in runs if t]

    def comments(self, items: list[Item], color: bool) -> list[str]:
        """``# flagged`` lines for flags and ``# changed`` lines saying why for document edits
        (which copy of a doubled body goes and why: the explanation's words, not a guess)."""
        out = []
        for it in items:
            line = _line_of(self.starts, it.start)
            col = it.start - self.starts[line] + 1
            if it.flagged:
                text = f"{YELLOW}{elide(it.text, 60)}{RESET}" if color else "{==" + elide(it.text, 60) + "==}"
                out.append(f"# flagged {line + 1}:{col} {it.rule} [{it.id}] {text} \N{EM DASH} "
                           f"{short_reason(it.reason)} ({it.language}, left unchanged)\n")
            elif it.kind == "document":
                out.append(f"# changed {line + 1}:{col} {it.rule} [{it.id}] \N{EM DASH} "
                           f"{short_reason(it.reason, 200, details=True)}\n")
        return out


def _split_lines(runs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    old = "".join(t for op, t in runs if op != "+")
    new = "".join(t for op, t in runs if op != "-")
    return _lines(old), _lines(new)


def _header(path: str, color: bool) -> list[str]:
    a, b = f"--- a/{path}\n", f"+++ b/{path}\n"
    return [f"{BOLD}{a[:-1]}{RESET}\n", f"{BOLD}{b[:-1]}{RESET}\n"] if color else [a, b]


def _at(h: _Hunk, old_count: int, new_start: int, new_count: int, color: bool) -> str:
    s = f"@@ -{_range(h.l0, old_count)} +{_range(new_start, new_count)} @@"
    return f"{CYAN}{s}{RESET}\n" if color else s + "\n"


_NO_EOL = "\\ No newline at end of file\n"


def render_diff(path: str, result: Result, items: list[Item] | None = None, context: int = CONTEXT) -> str:
    """The unified diff of the edits, then a ``# flagged`` line per flag.

    The flag lines come after the file's last hunk: patch(1) and ``git apply`` skip text there,
    while a line between two hunks, or a hunk of context only, breaks both."""
    items = annotate(result) if items is None else items
    doc = _Doc(result, items, flags=False)
    if not doc.blocks:
        return "".join([f"# {path}: nothing to change\n", *doc.comments(doc.flags, False)]) if doc.flags else ""
    out = _header(path, False)
    shift = 0  # new line number minus old line number so far
    for h in _hunks(doc.blocks, len(doc.lines), context):
        runs = doc.stream(h)
        body = []
        old_lines, new_lines = _split_lines(runs)
        # Within the hunk, lines equal on both sides are context (the edits are already placed).
        # Blocks are diffed one by one so a line can never be matched with a copy elsewhere.
        cur = h.l0
        for b in h.blocks:
            for line in doc.lines[cur : b.l0]:
                body.append(" " + line)
            o, n = _split_lines(doc.stream(_Hunk(b.l0, b.l1, [b])))
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, o, n, autojunk=False).get_opcodes():
                if tag == "equal":
                    body.extend(" " + x for x in o[i1:i2])
                else:
                    body.extend("-" + x for x in o[i1:i2])
                    body.extend("+" + x for x in n[j1:j2])
            cur = b.l1
        for line in doc.lines[cur : h.l1]:
            body.append(" " + line)
        old_count, new_count = len(old_lines), len(new_lines)
        new_start = h.l0 + shift
        out.append(_at(h, old_count, new_start, new_count, False))
        for line in body:
            if line.endswith("\n"):
                out.append(line)
            else:  # the file's last line has no newline: diff(1)'s marker, so patch(1) applies it
                out.append(line + "\n")
                out.append(_NO_EOL)
        shift += new_count - old_count
    out.extend(doc.comments(doc.notes, False))
    return "".join(out)


def render_word_diff(path: str, result: Result, mode: str = "plain", items: list[Item] | None = None,
                     context: int = CONTEXT) -> str:
    """git's ``--word-diff``: ``plain`` ([-old-]{+new+}), ``color`` or ``porcelain``.

    plain and color show each flag as a ``# flagged`` line under its hunk (a hunk of context
    when nothing changed near it); porcelain is for programs and holds changes only, exactly in
    git's format (flags are in the JSON report)."""
    if mode not in ("plain", "color", "porcelain"):
        raise ValueError(f"unknown word-diff mode {mode!r}")
    items = annotate(result) if items is None else items
    doc = _Doc(result, items, flags=mode != "porcelain")
    if not doc.blocks:
        return ""
    color = mode == "color"
    out = _header(path, color)
    shift = 0
    for h in _hunks(doc.blocks, len(doc.lines), context):
        runs = doc.stream(h)
        old_lines, new_lines = _split_lines(runs)
        out.append(_at(h, len(old_lines), h.l0 + shift, len(new_lines), color))
        shift += len(new_lines) - len(old_lines)
        out.append(_porcelain(runs) if mode == "porcelain" else _inline(runs, color))
        if mode != "porcelain":
            out.extend(doc.comments(sorted((i for b in h.blocks for i in b.flags + b.edits),
                                           key=lambda i: (i.start, i.end)), color))
    return "".join(out)


def _pieces(runs):
    """Runs cut at newlines: (op, text) with text free of "\n", and ("~", "\n") between lines."""
    for op, t in runs:
        parts = t.split("\n")
        for k, part in enumerate(parts):
            if k:
                yield "~", "\n"
            if part:
                yield op, part


def _porcelain(runs) -> str:
    out = []
    for op, t in _pieces(runs):
        out.append("~\n" if op == "~" else f"{op}{t}\n")
    return "".join(out)


def _inline(runs, color: bool) -> str:
    out = []
    for op, t in _pieces(runs):
        if op == "~" or op == " ":
            out.append(t)
        elif color:
            out.append(f"{RED if op == '-' else GREEN}{t}{RESET}")
        else:
            out.append(f"[-{t}-]" if op == "-" else "{+" + t + "+}")
    text = "".join(out)
    return text if text.endswith("\n") else text + "\n"
