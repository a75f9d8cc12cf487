"""Markdown and HTML input where only the text is touched.

A real parser finds the text runs with their exact source offsets: markdown-it-py (CommonMark,
with tables and strikethrough; every inline rule is observed while it runs, so each run of plain
text is known by position, not guessed from token contents) or the standard library's
``html.parser`` (``convert_charrefs=False``: data arrives verbatim, at the parser's position).
Everything else is protected: code spans and blocks, link targets and titles, autolinks, bare
URLs, raw HTML, tags and attributes, scripts and styles, entities, front matter.

The text runs are joined into one *view* of the document (blocks separated by blank lines,
inline markup dropped, a protected piece such as a code span shown as U+FFFC OBJECT REPLACEMENT
CHARACTER), so the cleaner sees whole paragraphs and the whole article as context. An edit made
on the view is kept only when it lies inside one text run; it is then moved to the run's source
offsets and applied to the original text, so the markup around it is byte-identical.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import replace
from html.parser import HTMLParser

from ..records import Result, apply_edits

FORMATS = ("text", "markdown", "html")
PLACEHOLDER = "\N{OBJECT REPLACEMENT CHARACTER}"
# Bare URLs and e-mail addresses inside text stay as they are.
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'`]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)


class View:
    """The text runs of a document, joined, with the way back to source offsets."""

    def __init__(self, source: str):
        self.source = source
        self._parts: list[str] = []
        self._len = 0
        self._runs: list[tuple[int, int, int]] = []  # (view start, view end, source start), text only
        self._gap = ""

    def gap(self, view: str) -> None:
        """Something protected between runs, shown as ``view`` ("" inline markup, "\\n\\n" a block
        boundary, the placeholder for code)."""
        if view == "\n\n":
            self._gap = self._gap.rstrip("\n") + "\n\n" if self._parts else self._gap
        else:
            self._gap += view

    def text(self, start: int, end: int) -> None:
        """A run of plain text at ``source[start:end]``; bare URLs in it stay protected."""
        pos = start
        run = self.source[start:end]
        if "://" not in run and "www." not in run.lower() and "@" not in run:
            self._text(start, end)
            return
        for m in _URL.finditer(self.source, start, end):
            self._text(pos, m.start())
            self.gap(PLACEHOLDER)
            pos = m.end()
        self._text(pos, end)

    def _text(self, start: int, end: int) -> None:
        if start >= end:
            return
        if self._gap:
            self._parts.append(self._gap)
            self._len += len(self._gap)
            self._gap = ""
        elif self._runs and self._runs[-1][1] == self._len and self._runs[-1][2] + (self._runs[-1][1] - self._runs[-1][0]) == start:
            vs, _, ss = self._runs.pop()  # contiguous in both: one run
            self._runs.append((vs, self._len + end - start, ss))
            self._parts.append(self.source[start:end])
            self._len += end - start
            return
        self._runs.append((self._len, self._len + end - start, start))
        self._parts.append(self.source[start:end])
        self._len += end - start

    @property
    def string(self) -> str:
        return "".join(self._parts)

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """Source offsets of view ``[start, end)`` if it lies inside one text run, else None."""
        k = bisect_right(self._runs, (start, float("inf"))) - 1
        for j in (k, k - 1) if start == end else (k,):  # an insertion may sit at a run's end
            if 0 <= j < len(self._runs):
                vs, ve, ss = self._runs[j]
                if vs <= start and end <= ve:
                    return ss + start - vs, ss + end - vs
        return None


# --- Markdown -------------------------------------------------------------------------------------

# Inline rule -> what the view shows for what it matched ("text" = the source itself).
_MD_VIEW = {"text": "text", "newline": "\n", "backticks": PLACEHOLDER, "autolink": PLACEHOLDER,
            "image": PLACEHOLDER, "linkify": PLACEHOLDER, "link": "", "emphasis": "", "strikethrough": "",
            "html_inline": ""}
_RAW_OPEN = re.compile(r"<(code|kbd|samp|var|pre|script|style|textarea)\b", re.I)
_RAW_CLOSE = re.compile(r"</(code|kbd|samp|var|pre|script|style|textarea)\s*>", re.I)
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*$", re.M | re.S)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def _markdown_parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")  # inline: ours, below
    for name in md.inline.ruler.get_all_rules():
        rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn

        def observed(state, silent, _rule=rule, _name=name):
            before = state.pos
            ok = _rule(state, silent)
            if ok and not silent and state.env.get("_root") is state:
                state.env["_records"].append((before, state.pos, _name))
            return ok

        md.inline.ruler.at(name, observed)
    return md


_MD = None


_RUNS = re.compile(rb"[\x00\x02]+|\x01+")


def _inline_records(md, content: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) over ``content`` in order, kind "text" or a protected view."""
    from markdown_it.rules_inline import StateInline

    env: dict = {"_records": []}
    state = StateInline(content, md, env, [])
    env["_root"] = state
    md.inline.tokenize(state)
    # per position: 0 untouched by any rule (plain text), 1 protected, 2 text; text wins over the
    # construct around it (a link's label inside the link)
    kinds = bytearray(len(content))
    views: dict[int, str] = {}
    texts = []
    for s, e, name in env["_records"]:
        kind = _MD_VIEW.get(name)
        if kind == "text":
            texts.append((s, e))
            continue
        kinds[s:e] = b"\x01" * (e - s)
        if kind is None:  # escape, entity: the character it stands for
            kind = html.unescape(content[s:e]) if name == "entity" else content[s + 1:e] or content[s:e]
        views.setdefault(s, kind)
    for s, e in texts:
        kinds[s:e] = b"\x02" * (e - s)
    starts = sorted(views)
    out: list[tuple[int, int, str]] = []
    raw_depth = 0
    for m in _RUNS.finditer(kinds):
        i, j = m.span()
        if kinds[i] != 1:
            if not raw_depth:
                out.append((i, j, "text"))
            continue
        piece = content[i:j]
        if "<" in piece:
            raw_depth = max(raw_depth + len(_RAW_OPEN.findall(piece)) - len(_RAW_CLOSE.findall(piece)), 0)
        k = bisect_right(starts, i - 1)
        shown = []
        while k < len(starts) and starts[k] < j:
            shown.append(views[starts[k]])
            k += 1
        out.append((i, j, PLACEHOLDER if raw_depth else "".join(shown)))
    return out


def markdown_view(source: str) -> View:
    global _MD
    if _MD is None:
        _MD = _markdown_parser()
    lines = [(m.start(), m.group().rstrip("\r\n")) for m in _LINE.finditer(source) if m.group()]
    parse_lines = [text for _, text in lines]
    fm = _FRONT_MATTER.match(source)
    if fm:  # YAML/TOML front matter: not Markdown, kept out (line numbers stay the same)
        n = source.count("\n", 0, fm.end()) + 1
        parse_lines[:n] = [""] * min(n, len(parse_lines))
    view = View(source)
    tokens = _MD.parse("\n".join(parse_lines))
    cursor: dict[int, int] = {}
    for k, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.map:
            view.gap("\n\n")  # every block boundary; code blocks and raw HTML blocks are not text
            continue
        cell = k > 0 and tokens[k - 1].type in ("td_open", "th_open")
        starts = []  # source offset of each content line
        for n, cline in enumerate(tok.content.split("\n")):
            ln = tok.map[0] + n
            if ln >= len(lines):
                starts = None
                break
            base, text = lines[ln]
            idx = text.find(cline, cursor.get(ln, 0)) if cell else text.rfind(cline)
            if idx < 0 or (cline == "" and not cell):
                starts = None
                break
            cursor[ln] = idx + len(cline)
            starts.append(base + idx)
        if starts is None:  # not located exactly (tabs, NUL): leave the block alone
            view.gap(PLACEHOLDER)
            continue
        line_of = [0]
        for n, cline in enumerate(tok.content.split("\n")[:-1]):
            line_of.append(line_of[-1] + len(cline) + 1)
        for s, e, kind in _inline_records(_MD, tok.content):
            if kind != "text":
                view.gap(kind)
                continue
            n = bisect_right(line_of, s) - 1  # a text run never crosses a line
            view.text(starts[n] + s - line_of[n], starts[n] + e - line_of[n])
    return view


# --- HTML -----------------------------------------------------------------------------------------

_HTML_RAW = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "template", "svg", "math",
             "noscript", "iframe", "object"}
_HTML_BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
               "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
               "header", "hr", "html", "li", "main", "nav", "ol", "p", "section", "summary", "table", "tbody",
               "td", "tfoot", "th", "thead", "title", "tr", "ul", "br", "option", "select"}


class _HTMLText(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.view = View(source)
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.raw: list[str] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def _tag(self, tag: str, opening: bool, void: bool = False) -> None:
        if tag in _HTML_RAW and not void:
            if opening:
                if not self.raw:  # inline code stands in the sentence; a script is not part of it
                    self.view.gap(PLACEHOLDER if tag in ("code", "kbd", "samp", "var") else "\n\n")
                self.raw.append(tag)
            elif tag in self.raw:
                while self.raw and self.raw.pop() != tag:
                    pass
            return
        if not self.raw:
            self.view.gap("\n\n" if tag in _HTML_BLOCK and tag != "br" else "\n" if tag == "br" else "")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, True)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, True, void=True)

    def handle_endtag(self, tag):
        self._tag(tag, False)

    def handle_data(self, data):
        if self.raw or not data:
            return
        start = self._offset()
        if self.source[start:start + len(data)] != data:  # never expected; then leave it alone
            self.view.gap(PLACEHOLDER)
            return
        self.view.text(start, start + len(data))

    def _ref(self, prefix: str, name: str) -> None:
        if self.raw:
            return
        start = self._offset()
        end = start + len(prefix) + len(name)
        if self.source[end:end + 1] == ";":
            end += 1
        self.view.gap(html.unescape(self.source[start:end]))

    def handle_entityref(self, name):
        self._ref("&", name)

    def handle_charref(self, name):
        self._ref("&#", name)

    def unknown_decl(self, data):
        pass


def html_view(source: str) -> View:
    p = _HTMLText(source)
    p.feed(source)
    p.close()
    return p.view


# --- cleaning -------------------------------------------------------------------------------------

def view(source: str, fmt: str) -> View:
    if fmt == "markdown":
        return markdown_view(source)
    if fmt == "html":
        return html_view(source)
    raise ValueError(f"unknown input format {fmt!r} (expected one of {', '.join(FORMATS)})")


def clean(cleaner, source: str, fmt: str) -> Result:
    """Clean the text of a Markdown or HTML document; everything else stays byte-identical.

    The Result is on the source's offsets, like any other: ``apply_edits(source, edits)`` is the
    output, and unresolved findings point into the source.
    """
    v = view(source, fmt)
    inner = cleaner.clean_and_explain(v.string)
    edits = []
    for e in inner.edits:
        span = v.to_source(e.start, e.end)
        if span is not None and source[span[0]:span[1]] == e.old:
            edits.append(replace(e, start=span[0], end=span[1]))
    unresolved = []
    for f in inner.unresolved:
        span = v.to_source(f.start, f.end)
        if span is not None:
            unresolved.append(replace(f, start=span[0], end=span[1]))
    return Result(input=source, output=apply_edits(source, edits), edits=tuple(edits), unresolved=tuple(unresolved))
