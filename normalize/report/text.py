"""The text report: one short line per finding, the sentence around it, then a summary per file.

``path:line:col: rule [id] …sentence with [-old-]{+new+}… — short reason (source, confidence)``

A flagged fragment is marked ``{==text==}`` (CriticMarkup's highlight). Colour replaces the
brackets on a terminal (red old, green new, yellow flag).
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections import Counter

from ..records import Result
from .ids import Item, annotate

#: Target width of a line after ``path:line:col: `` (the sentence window shrinks to fit).
WIDTH = 140
_REASON = 40

RED, GREEN, YELLOW, DIM, RESET = "\x1b[31m", "\x1b[32m", "\x1b[43;30m", "\x1b[2m", "\x1b[m"


def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def line_col(offset: int, starts: list[int]) -> tuple[int, int]:
    k = bisect_right(starts, offset) - 1
    return k + 1, offset - starts[k] + 1


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_REFINE_LIMIT = 4000  # tokens per side; beyond it a change is shown whole (SequenceMatcher is quadratic)


def word_runs(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs that turn ``old`` into ``new``: op is " " (same), "-" or "+"."""
    if not old or not new:
        return [("-", old)] if old else ([("+", new)] if new else [])
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) > _REFINE_LIMIT or len(b) > _REFINE_LIMIT:
        return [("-", old), ("+", new)]
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append((" ", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    # Whitespace kept between two changes reads better inside them: [-Hà Lập Phong-]{+He Lifeng+},
    # not [-Hà-]{+He+} [-Lập Phong-]{+Lifeng+}.
    folded: list[list] = []  # [dels, inses] groups and (" ", text) runs
    for k, (op, t) in enumerate(out):
        if op == " " and not t.strip() and 0 < k < len(out) - 1 and folded and isinstance(folded[-1], list) \
                and out[k + 1][0] != " ":
            folded[-1][0] += t
            folded[-1][1] += t
        elif op == " ":
            folded.append((" ", t))
        else:
            if not (folded and isinstance(folded[-1], list)):
                folded.append(["", ""])
            folded[-1][0 if op == "-" else 1] += t
    merged: list[tuple[str, str]] = []
    for x in folded:
        if isinstance(x, tuple):
            merged.append(x)
        else:
            merged.extend(r for r in (("-", x[0]), ("+", x[1])) if r[1])
    return merged


def _visible(s: str) -> str:
    return s.replace("\r", "").replace("\n", "\u23ce").replace("\t", " ")


def elide(s: str, limit: int) -> str:
    """``s`` shortened in the middle with its length (removed paragraphs stay recognisable)."""
    s = _visible(s)
    if len(s) <= limit:
        return s
    mark = f"…[{len(s)} chars]…"
    half = max((limit - len(mark)) // 2, 4)
    return s[:half] + mark + s[-half:]


def _strip_parens(s: str) -> str:
    """Drop asides " (...)" (a bracket after a space); brackets inside quoted text stay."""
    out, depth = [], 0
    for i, ch in enumerate(s):
        if ch == "(" and (depth or i == 0 or s[i - 1] == " "):
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return re.sub(r"\s+([,:;.])", r"\1", re.sub(r"\s+", " ", "".join(out))).strip(" ,:;")


def short_reason(reason: str, limit: int = _REASON, details: bool = False) -> str:
    """The first clause of a reason without its parenthesised details (kept with ``details``),
    at most ``limit`` chars."""
    depth, cut = 0, len(reason)
    for i, ch in enumerate(reason):
        depth += ch == "(" and (i == 0 or reason[i - 1] == " " or depth > 0)
        depth -= ch == ")" and depth > 0
        if not depth and reason.startswith("; ", i):
            cut = i
            break
    first = reason[:cut] if details else (_strip_parens(reason[:cut]) or reason[:cut])
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def short_source(item: Item) -> str:
    if item.source is None:
        return f"{item.language}, left unchanged"
    src = item.source
    if src == f"rule:{item.rule}":
        src = "rule"
    elif "/" in src and not src.startswith(("rule:", "model:")):
        src = src.rsplit("/", 1)[1]
    return f"{src}, {item.confidence:.2f}"


def mark(item: Item, limit: int, color: bool) -> str:
    """The fragment with its change (or flag) marked."""
    if item.flagged:
        t = elide(item.text, limit)
        return f"{YELLOW}{t}{RESET}" if color else "{==" + t + "==}"
    out = []
    for op, t in word_runs(item.text, item.replacement or ""):
        if op == " ":
            out.append(elide(t, max(limit // 3, 16)))
        elif color:
            out.append(f"{RED if op == '-' else GREEN}{elide(t, limit)}{RESET}")
        else:
            out.append(f"[-{elide(t, limit)}-]" if op == "-" else "{+" + elide(t, limit) + "+}")
    return "".join(out)


def _plain_len(s: str) -> int:
    return len(re.sub(r"\x1b\[[0-9;]*m", "", s))


def snippet(item: Item, budget: int, color: bool = False) -> str:
    """The sentence around the fragment, cut to about ``budget`` visible characters."""
    sent = item.sentence
    m = mark(item, max(budget * 2 // 3, 30), color)
    room = max(budget - _plain_len(m), 0)
    before = _visible(sent.text[: sent.start])
    after = _visible(sent.text[sent.end :])
    b_room = min(len(before), room - min(len(after), room // 2))
    a_room = min(len(after), room - b_room)
    if len(before) > b_room:
        before = "…" + before[len(before) - b_room + 1 :] if b_room > 1 else ""
    if len(after) > a_room:
        after = after[: a_room - 1] + "…" if a_room > 1 else ""
    return before + m + after


def finding_line(path: str, item: Item, starts: list[int], color: bool = False, width: int = WIDTH) -> str:
    line, col = line_col(item.start, starts)
    head = f"{item.rule} [{item.id}] "
    tail = f" \N{EM DASH} {short_reason(item.reason)} ({short_source(item)})"
    budget = max(width - len(head) - len(tail), 72)
    return f"{path}:{line}:{col}: {head}{snippet(item, budget, color)}{tail}"


def summary_line(path: str, items: list[Item]) -> str:
    """``path: N fixed, M flagged | fixed: rule n, ... | flagged: rule n, ...``."""
    fixed = Counter(i.rule for i in items if not i.flagged)
    flagged = Counter(i.rule for i in items if i.flagged)
    parts = [f"{path}: {sum(fixed.values())} fixed, {sum(flagged.values())} flagged"]
    for label, counts in (("fixed", fixed), ("flagged", flagged)):
        if counts:
            parts.append(f"{label}: " + ", ".join(f"{r} {n}" for r, n in sorted(counts.items())))
    return " | ".join(parts)


def _clauses(reason: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(reason):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if not depth and reason.startswith("; ", i):
            out.append(reason[start:i])
            start = i + 2
    out.append(reason[start:])
    return out


def notes(items: list[Item]) -> list[tuple[str, int]]:
    """What the pipeline noted on flags after "...: left unchanged" (e.g. "no model for vi-en
    ...: see models/README.md"), each distinct note once with how many flags carry it."""
    counts: Counter = Counter()
    for it in items:
        if it.flagged:
            clauses = _clauses(it.reason)
            k = next((j for j, c in enumerate(clauses) if c.endswith("left unchanged")), None)
            if k is not None:
                counts.update(dict.fromkeys(clauses[k + 1 :], 1))
    return sorted(counts.items())


def render_text(path: str, result: Result, color: bool = False, items: list[Item] | None = None) -> str:
    """Every finding as one short line, then the file's summary and any notes (nothing for a clean file)."""
    items = annotate(result) if items is None else items
    if not items:
        return ""
    starts = line_starts(result.input)
    lines = [finding_line(path, i, starts, color) for i in items]
    lines.append(summary_line(path, items))
    lines.extend(f"{path}: note: {n}" + (f" ({k} flags)" if k > 1 else "") for n, k in notes(items))
    return "\n".join(lines) + "\n"
