"""The line plan: one pass that decides, for every line of a document, whether a line-level rule
removes it, so that the line rules (duplicate-body, duplicate-paragraph, repeated-title,
boilerplate) never produce overlapping edits and agree about what stays.

Each line gets at most one owner. Precedence, from strongest evidence to weakest: repeated runs
of lines (the body printed again, or a shorter passage), the repeated title, single repeated
paragraphs, then boilerplate patterns on what is left. A disabled rule claims nothing, so
switching one rule off never makes another rule remove more than it would on its own.

Lines are compared as the inline rules will leave them (``inline.preview``), so the document that
comes out has nothing left for a second run to find.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ._patterns import Pattern, patterns_for
from .inline import LINE_RULES, preview

# Near-exact comparison of lines: the same paragraph counts as repeated when it differs only in
# case, spacing or punctuation (quote and dash style, a lost full stop): copies of a page scraped
# twice differ in exactly these ways.
_QUOTES = str.maketrans(
    {
        "\N{LEFT DOUBLE QUOTATION MARK}": '"',
        "\N{RIGHT DOUBLE QUOTATION MARK}": '"',
        "\N{LEFT SINGLE QUOTATION MARK}": "'",
        "\N{RIGHT SINGLE QUOTATION MARK}": "'",
        "\N{EN DASH}": "-",
        "\N{EM DASH}": "-",
        "\N{NO-BREAK SPACE}": " ",
    }
)
_WORD = re.compile(r"\w+")
# What copies are compared by: words, and the symbols that are part of a term ("C++", "C#",
# "$5", "50%"): "functions in C?" and "functions in C++?" are different lines.
_MATCH_TOKEN = re.compile(r"\w+|[+#$%&*=@^~<>|\\/]")

#: A repeated run of lines is "the body printed again" (duplicate-body) when it has at least this
#: many non-blank lines and characters; shorter repeats are judged line by line (duplicate-paragraph).
BODY_MIN_LINES = 3
BODY_MIN_CHARS = 300
#: Two or more repeated lines in a row with this many characters are a repeated passage, removed
#: together with the short lines (headings) inside it.
PASSAGE_MIN_CHARS = 120
#: A line at least this long that does not end a sentence is a hard-wrapped line, and the line
#: after it continues its paragraph.
WRAP_MIN_CHARS = 50
#: At least this share of a repeated run's characters must be prose lines (see ``_prose``).
PROSE_SHARE = 0.6
#: A single repeated line far from its first copy must be a real paragraph: short lines such as
#: "Photo", "Q:" or a section heading legitimately recur in an article.
PARA_MIN_CHARS = 80
PARA_MIN_WORDS = 6
#: A line directly repeating the line before it (a doubled byline) needs only this much.
#: ... and not further than this many lines of content from it: in a long document (a manual, a
#: FAQ) a sentence may recur by design many paragraphs later; a page's copy of a paragraph is
#: near it, or part of a repeated run (step 1 of build).
PARA_MAX_GAP = 24
ADJACENT_MIN_WORDS = 2
ADJACENT_MIN_CHARS = 12
#: Lines up to this many words are also matched in their repaired forms (see step 4 of build).
FORMS_MAX_WORDS = 12
# A text with more than FORMS_MAX_WORDS words (``Line.words``) without counting them all. (Anchored
# and used with ``match``: a search would retry from every position of a shorter line.)
_MORE_WORDS = re.compile(r"\W*(?:\w+\W+){%d}\w" % FORMS_MAX_WORDS)
#: How many earlier copies of a line the run search compares it with.
MAX_PARTNERS = 32
#: Inline fixes remembered across documents (entries: one per rule and distinct line).
FIX_CACHE_MAX = 60_000
#: A title is one short line (news headlines run 5-15 words; a lede sentence is longer).
TITLE_MAX_CHARS = 120
TITLE_MAX_WORDS = 16


# (str.translate with a dict maps character by character in Python's slow path; str.replace per
# character is done in C, and only on lines that hold one of them.)
_QUOTE_CHARS = re.compile("[" + "".join(chr(c) for c in _QUOTES) + "]")
_QUOTE_PAIRS = tuple((chr(c), r) for c, r in _QUOTES.items())


def line_key(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    if _QUOTE_CHARS.search(s):
        for c, r in _QUOTE_PAIRS:
            s = s.replace(c, r)
    return " ".join(s.split()).casefold()  # (str.split and re's \s agree on what is a space)


@dataclass
class Line:
    idx: int
    start: int  # NFC offset of the first character
    end: int  # NFC offset after the line break (or the end of the text)
    text: str  # without the line break
    key: str
    #: The line as the inline rules will leave it (what lengths and word counts are taken of).
    view: str = ""
    #: What copies are compared by: the words of ``key`` and the symbols of terms such as "C++"
    #: (a copy that differs only in punctuation is still a copy); empty for a line without words
    #: (a separator), which matches nothing.
    match: str = ""
    owner: str = ""  # rule removing the whole line, "" = stays
    reason: str = ""
    source: str = ""
    confidence: float = 0.0
    tail: tuple[int, str, str, float] | None = None  # (NFC start of removed tail, reason, source, conf)
    edge_only: bool = False  # removed by a "near"/"edge" pattern
    code: bool = False  # inside a fenced code block (```): no rule touches it
    #: The line directly above (no blank line between) does not end a sentence: this line
    #: continues a hard-wrapped paragraph and is not a paragraph of its own.
    continues: bool = False
    prose: bool = False  # see _prose; taken only for lines whose ``match`` recurs

    @property
    def blank(self) -> bool:
        return not self.key

    @cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.view or self.text))


@dataclass
class Plan:
    lines: list[Line]
    #: Inline fixes per (rule, line text, active rules), computed once for plan and rules.
    fix_cache: dict = field(default_factory=dict)


def split_lines(nfc: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    n = len(nfc)
    i = 0
    while pos < n:
        nl = nfc.find("\n", pos)
        end = n if nl < 0 else nl + 1
        text = nfc[pos:end].rstrip("\r\n")
        out.append(Line(i, pos, end, text, line_key(text)))
        pos = end
        i += 1
    return out


_PLAIN_WORD = re.compile(
    r"^[\"'(\N{LEFT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}]*"
    r"(?:[^\W_]+(?:['\N{RIGHT SINGLE QUOTATION MARK}.,/-][^\W_]+)*)"
    r"[\"'.,;:!?)\N{RIGHT DOUBLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}%]*$"
)
_PLAIN_TOKEN = re.compile(r"(?<!\S)(?:" + _PLAIN_WORD.pattern[1:-1] + r")(?!\S)")
_PROSE_END = ".!?\N{HORIZONTAL ELLIPSIS}\"'\N{RIGHT DOUBLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK})"


def _prose(line: Line) -> bool:
    """A line that reads as a paragraph of running text: not indented (code, verse, a centred
    heading, a hard-wrapped licence), opening with a letter, digit or quote, closing a sentence,
    six words or more. Only such lines are removed as repeats on their own, and repeated runs
    must be mostly such lines: code, tables, changelogs and licences repeat lines by design."""
    t = line.view or line.text
    if not t or t[0].isspace() or line.continues or line.code:
        return False
    s = t.strip()
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'\N{LEFT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}"):
        return False  # (a paragraph opens with a capital; a lower-case start continues a wrapped line)
    if s[-1] not in _PROSE_END:
        return False
    # Mostly plain words: code ("sp = spm.Processor(model_file=...)"), shell commands and
    # metadata ("Requires-Dist: x>=2; extra == 'dev'") are not. (Whole whitespace-separated
    # tokens counted in one regex pass.)
    tokens = len(s.split())
    plain = len(_PLAIN_TOKEN.findall(s))
    return plain >= PARA_MIN_WORDS and plain >= 0.8 * tokens


def _title_like(line: Line) -> bool:
    t = line.view or line.text
    if not t or t[0].isspace():
        return False  # an indented heading belongs to a formatted document (a licence, a form)
    t = t.strip()
    if len(t) > TITLE_MAX_CHARS or line.words > TITLE_MAX_WORDS:
        return False
    if len(re.findall(r"[^\W\d_]{2,}", t)) < 2:
        return False  # two words with letters at least: not a date or a number
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "\"'\N{LEFT DOUBLE QUOTATION MARK}"):
        return False
    # One sentence: no sentence break inside (a final full stop is common in MT titles).
    return re.search(r"[.!?]\s+\S", t) is None and not t.endswith(":")


def _runs(content: list[Line]) -> list[tuple[int, int, int]]:
    """Maximal runs (i, j, length) with content[i+t].match == content[j+t].match, i + length <= j."""
    positions: dict[str, list[int]] = {}
    for k, ln in enumerate(content):
        if ln.match:
            positions.setdefault(ln.match, []).append(k)
    runs = []
    n = len(content)

    # A line that recurs very often (a separator, a share bar, a page printed many times) is
    # compared with its last few occurrences only: that keeps the search near-linear.
    def partners(j: int) -> list[int]:
        earlier = positions.get(content[j].match, [])
        stop = bisect_left(earlier, j)
        return earlier[max(0, stop - MAX_PARTNERS) : stop]

    # back[i, j]: matching pairs directly before (i, j) on its diagonal. A run from (i0, j0)
    # stops after j0 - i0 pairs (its copies may not overlap), so on a diagonal a new run starts
    # every j - i pairs ("A A A": pairs (0, 1) and (1, 2) are runs of their own).
    back: dict[tuple[int, int], int] = {}
    for j in range(n):
        for i in partners(j):
            t = back.get((i - 1, j - 1), -1) + 1
            back[i, j] = t
            if t % (j - i):
                continue  # inside a run counted from its start
            length = 0
            while (
                j + length < n
                and i + length < j
                and content[i + length].match
                and content[i + length].match == content[j + length].match
            ):
                length += 1
            runs.append((i, j, length))
    runs.sort(key=lambda r: (-sum(len(content[r[0] + t].view) for t in range(r[2])), r[1]))
    return runs


def _claim(ln: Line, owner: str, reason: str, source: str, confidence: float) -> bool:
    if ln.owner:
        return False
    ln.owner, ln.reason, ln.source, ln.confidence = owner, reason, source, confidence
    return True


@dataclass
class _Build:
    """What the steps of :func:`build` share: the lines, the content lines (not blank, not code)
    and their repeated runs, the switches, and the bookkeeping of claimed copies."""

    ctx: object
    on: dict[str, bool]
    keep_title: bool
    lines: list[Line]
    content: list[Line]
    runs: list[tuple[int, int, int]]
    inline_on: frozenset[str]
    fix_cache: dict
    tails: list[Pattern]
    no_tail: set[str]
    boilerplate_line: _BoilerplateLines
    #: How many lines with each ``match`` stay: unique content is never removed, a line goes as a
    #: copy only while another line with the same key stays (a page printed three times keeps
    #: one copy, whatever the order of claims).
    left: Counter
    #: The largest repeated run (i, j, length) and the title above its second copy, if any.
    primary: tuple | None = None

    def claim_copy(self, ln: Line, owner: str, reason: str, confidence: float) -> None:
        if not ln.owner and self.left[ln.match] > 1:
            self.left[ln.match] -= 1
            _claim(ln, owner, reason, f"rule:{owner}", confidence)


def build(doc, ctx) -> Plan:
    """Decide, for every line of ``doc``, which line rule (if any) removes it."""
    st = _read_lines(doc, ctx)
    _claim_repeated_runs(st)
    if st.on["repeated-title"]:
        _claim_title(st)
    if st.on["duplicate-paragraph"]:
        _claim_repeated_paragraphs(st)
    if st.on["boilerplate"]:
        _claim_boilerplate(st)
    _absorb_blank_lines(st.lines)
    return Plan(st.lines, fix_cache=st.fix_cache)


def _set_view(ln: Line, tails, inline_on, fix_cache: dict, no_tail: set[str], views: dict) -> None:
    """The line as the inline rules will leave it (without a boilerplate tail), its key and match."""
    got = views.get(ln.text)
    if got is None:
        # (exactly the text the inline rules will see: see kept_segments)
        cut, notes, _ = _tail_cut(ln.text, tails, clean=no_tail) if tails else (len(ln.text), [], "")
        body = ln.text[:cut] if notes else ln.text
        view = preview(body, inline_on, fix_cache)
        key = line_key(view) if view != ln.text else ln.key
        got = views[ln.text] = (view, key, " ".join(_MATCH_TOKEN.findall(key)), ln.text.rstrip() in no_tail)
    elif got[3]:
        no_tail.add(ln.text.rstrip())
    ln.view, ln.key, ln.match = got[0], got[1], got[2]


def _read_lines(doc, ctx) -> _Build:
    """The lines of ``doc`` as the inline rules will leave them, their keys, and their runs."""
    cfg = ctx.config
    on = {
        name: cfg.rule_on(name, True)
        for name in ("duplicate-body", "duplicate-paragraph", "repeated-title", "boilerplate")
    }
    keep_title = getattr(cfg, "keep_title", True)
    lines = split_lines(doc.nfc)
    # Compare lines as the inline rules will leave them: a line that becomes a copy of another
    # once its doubled word or stray bracket is gone is judged now, not in a second run.
    inline_on = frozenset(name for name, _ in LINE_RULES if cfg.rule_on(name, True))
    # Inline fixes depend on the line and the active rules only: kept for the rounds the pipeline
    # runs on a repaired document and for the next documents (bounded).
    store = getattr(ctx, "cache", None)
    fix_cache: dict = store.setdefault("document_rules.fixes", {}) if store is not None else {}
    if len(fix_cache) > FIX_CACHE_MAX:
        fix_cache.clear()
    # ... and without boilerplate glued to their end ("... term. View Original").
    tails = [p for p in patterns_for(ctx) if p.scope == "tail"] if on["boilerplate"] else []
    no_tail: set[str] = set()  # texts in which no tail pattern occurs
    # A line's view, key and match depend on its text and the active rules and patterns only:
    # kept, like the fixes, for the pipeline's second round and the next documents (bounded).
    views: dict = (store.setdefault(("document_rules.views", tuple(cfg.boilerplate), on["boilerplate"], inline_on), {})
                   if store is not None else {})
    if len(views) > FIX_CACHE_MAX:
        views.clear()
    for ln in lines:
        if ln.key:
            _set_view(ln, tails, inline_on, fix_cache, no_tail, views)
    fenced = False
    for k, ln in enumerate(lines):
        if ln.text.lstrip().startswith("```"):
            ln.code, fenced = True, not fenced
        else:
            ln.code = fenced
        above = lines[k - 1].text.rstrip() if k else ""
        # Hard-wrapped lines are long (60-80 columns); a short line above is a heading.
        ln.continues = len(above) >= WRAP_MIN_CHARS and above[-1] not in _PROSE_END
    # Code is left alone: its lines never count as content to compare, remove or repair.
    content = [ln for ln in lines if not ln.blank and not ln.code]
    # (Only lines with a copy are judged as prose: the test is skipped for the others.)
    copies = Counter(ln.match for ln in content)
    for ln in content:
        if ln.match and copies[ln.match] > 1:
            ln.prose = _prose(ln)
    runs = _runs(content)

    pats = patterns_for(ctx) if on["boilerplate"] else ()
    return _Build(ctx, on, keep_title, lines, content, runs, inline_on, fix_cache, tails, no_tail,
                  _BoilerplateLines(pats), Counter(ln.match for ln in content))


def _claim_repeated_runs(st: _Build) -> None:
    # 1. Repeated runs of lines, largest first: the body printed again (duplicate-body) or a
    #    shorter passage (duplicate-paragraph), short lines inside the run included. The later
    #    copy goes, except when the later copy stands under a title and the earlier one opens the
    #    document without it (a page that shows a preview of the article before the article
    #    itself): then keeping the later copy keeps the title at the top without moving any text.
    content, runs, on, keep_title = st.content, st.runs, st.on, st.keep_title
    boilerplate_line = st.boilerplate_line
    primary = None  # the largest repeated run and the title above its second copy, if any
    for i, j, length in runs:
        chars = sum(len(content[i + t].view) for t in range(length))
        prose = sum(len(content[i + t].view) for t in range(length) if content[i + t].prose)
        if prose < PROSE_SHARE * chars:
            continue
        if length >= BODY_MIN_LINES and chars >= BODY_MIN_CHARS:
            name, what = "duplicate-body", "the body"
        elif length >= 2 and chars >= PASSAGE_MIN_CHARS:
            name, what = "duplicate-paragraph", "a passage"
        else:
            continue
        first_run = primary is None
        if first_run:
            gap = [ln for ln in content[i + length : j] if not boilerplate_line(ln)]
            title = gap[-1] if gap and _title_like(gap[-1]) else None
            st.primary = primary = (i, j, length, title)
        if not on[name]:
            continue
        a_lines = f"{content[i].idx + 1}\N{EN DASH}{content[i + length - 1].idx + 1}"
        b_lines = f"{content[j].idx + 1}\N{EN DASH}{content[j + length - 1].idx + 1}"
        if (
            first_run
            and keep_title
            and len(gap) == 1
            and title is not None
            and all(boilerplate_line(ln) for ln in content[:i])
        ):
            for t in range(length):
                st.claim_copy(
                    content[i + t],
                    name,
                    f"removed the first copy of {what} (lines {a_lines}, {length} lines, {chars} characters): "
                    f"the page prints it again at lines {b_lines} under its title "
                    f"{title.text.strip()!r}, and that copy is kept so the title stays at the top",
                    0.95,
                )
            st.primary = primary = (i, j, length, None)  # the title stays
            continue
        for t in range(length):
            st.claim_copy(
                content[j + t],
                name,
                f"removed a second copy of {what} (lines {a_lines}, {length} lines, {chars} characters, "
                f"printed again at lines {b_lines})",
                0.95 if name == "duplicate-body" else 0.9,
            )


def _claim_title(st: _Build) -> None:
    # 2. The title. (a) The title standing above the second copy of the largest repeated run:
    #    kept at the top by the swap above, or removed when the caller wants no title. (b) The
    #    first line repeated later on a line of its own.
    content, keep_title, primary = st.content, st.keep_title, st.primary
    boilerplate_line = st.boilerplate_line
    if not keep_title and primary is not None and primary[3] is not None:
        _claim(
            primary[3],
            "repeated-title",
            "removed the article title printed above the second copy of the body (keep_title is off)",
            "rule:repeated-title",
            0.85,
        )
    # The top is the first line that is not boilerplate (a page may open with a share bar).
    first = next((k for k, ln in enumerate(content) if not boilerplate_line(ln)), None)
    if first is not None and _title_like(content[first]) and not content[first].owner:
        top = content[first]
        # A repeat that starts a removed copy of the body went with it (it is owned already).
        repeats = [ln for ln in content[first + 1 :] if ln.match == top.match and not ln.owner]
        for ln in repeats:
            _claim(
                ln,
                "repeated-title",
                f"removed the title repeated mid-text (same as line {top.idx + 1})",
                "rule:repeated-title",
                0.9,
            )
        # With keep_title off, a title that recurs anywhere (also inside a removed copy of the
        # body) is not kept at the top either.
        if not keep_title and any(ln.match == top.match for ln in content[first + 1 :]):
            _claim(
                top,
                "repeated-title",
                "removed the repeated title at the top (keep_title is off)",
                "rule:repeated-title",
                0.85,
            )


def _claim_repeated_paragraphs(st: _Build) -> None:
    # 3. Single repeated paragraphs (and a doubled line such as a byline printed twice).
    content = st.content
    for i, j, length in st.runs:
        for t in range(length):
            a, b = content[i + t], content[j + t]
            if b.owner:
                continue
            big = len(b.view.strip()) >= PARA_MIN_CHARS and b.prose and j - i - 1 <= PARA_MAX_GAP
            small_ok = (
                b.words >= ADJACENT_MIN_WORDS
                and len(b.view.strip()) >= ADJACENT_MIN_CHARS
                and not b.text[:1].isspace()
                and a.key == b.key  # a short line must repeat exactly, punctuation included
            )
            # (Judged last and lazily: the copies of a run may stand far apart.)
            adjacent = not big and small_ok and _adjacent(st, i + t, j + t)
            if big or adjacent:
                st.claim_copy(
                    b,
                    "duplicate-paragraph",
                    f"removed a repeated {'line' if adjacent else 'paragraph'} "
                    f"(same as line {a.idx + 1})",
                    0.9 if big else 0.85,
                )


def _claim_boilerplate(st: _Build) -> None:
    # 4. Boilerplate on what is left. "edge" patterns apply only next to removed lines or the
    #    document edge, found by iterating to a fixed point (boilerplate comes in clusters).
    ctx, content, tails, no_tail = st.ctx, st.content, st.tails, st.no_tail
    inline_on, fix_cache = st.inline_on, st.fix_cache
    pats = patterns_for(ctx)
    line_pats = [p for p in pats if p.scope == "line"]
    tail_pats = tails  # (the same patterns: ``no_tail`` holds for them)
    any_line = _any_of(tuple(line_pats))
    changed = True
    while changed:
        changed = False
        for k, ln in enumerate(content):
            if ln.owner:
                continue
            # The line as the inline rules will leave it (a doubled label, a stray bracket)
            # and without the boilerplate glued to its end ("- ảnh 1 Chia sẻ"): if any of
            # these is boilerplate the whole line is, so a second run finds nothing new.
            text = ln.text.strip()
            forms = {text}
            todo = [text]
            only_tails = None
            # (Labels are short: longer lines are matched as they are, which keeps this cheap.)
            limit = 16 if not _MORE_WORDS.match(ln.view or ln.text) else 1
            while todo and len(forms) < limit:
                f = todo.pop()
                cut, notes, sources = _tail_cut(f, tail_pats, allow_empty=True, clean=no_tail)
                rest = f[:cut].strip()
                if notes and not any(ch.isalnum() for ch in rest):
                    only_tails = (notes, sources)
                for g in (_undouble(f), f.strip(_JUNK), rest, preview(f, inline_on, fix_cache).strip()):
                    if g and g not in forms:
                        forms.add(g)
                        todo.append(g)
            if only_tails:
                _claim(ln, "boilerplate", "removed a line of site boilerplate: " + "; ".join(only_tails[0]),
                       only_tails[1], 0.9)
                changed = True
                continue
            if any_line is not None and not any(any_line.fullmatch(f) for f in forms):
                continue
            for p in line_pats:
                if not any(p.regex.fullmatch(f) for f in forms):
                    continue
                if p.requires and not _at_edge(content, k, doc_edge=p.requires == "edge"):
                    continue
                _claim(ln, "boilerplate", f"removed site boilerplate {ln.text.strip()!r} ({p.note})",
                       p.source, 0.9)
                ln.edge_only = bool(p.requires)
                changed = True
                break
    for ln in content:
        if not ln.owner:
            _strip_tails(ln, tail_pats, no_tail)


_JUNK = " \t()\N{FULLWIDTH LEFT PARENTHESIS}\N{FULLWIDTH RIGHT PARENTHESIS}.,;:!?|-\N{EN DASH}\N{EM DASH}"


def _undouble(t: str) -> str:
    """``X`` when the line is ``X`` printed two or more times ("View OriginalView Original"),
    glued or separated by single spaces; else ""."""
    for u in (t, t + " "):
        # The smallest period of a string u is the first place u occurs again in u + u.
        i = (u + u).find(u, 1)
        if 0 < i < len(u) and len(u) % i == 0:
            return u[:i].rstrip(" ") if u is not t else u[:i]
    return ""


class _BoilerplateLines:
    """Whether some line pattern matches a line, as it is or as the inline rules will leave it;
    memoised per line (the plan asks about the same lines in several steps), with the patterns
    combined into one prefilter regex."""

    def __init__(self, pats: tuple[Pattern, ...] | list[Pattern]):
        self.pats = tuple(p for p in pats if p.scope == "line")
        self.any = _any_of(self.pats)
        self.memo: dict[int, bool] = {}

    def __call__(self, ln: Line) -> bool:
        hit = self.memo.get(ln.idx)
        if hit is None:
            forms = {ln.text.strip(), ln.view.strip(), _undouble(ln.text.strip())} - {""}
            if not self.pats or (self.any is not None and not any(self.any.fullmatch(f) for f in forms)):
                hit = False
            else:
                hit = any(p.regex.fullmatch(f) for p in self.pats for f in forms)
            self.memo[ln.idx] = hit
        return hit


def _adjacent(st: _Build, ka: int, kb: int) -> bool:
    """Content lines ``ka`` < ``kb`` stand together: nothing but lines that go (removed,
    boilerplate) and at most one blank line between them. (Stops at the first line that stays.)"""
    content, lines = st.content, st.lines
    if not all(content[k].owner or st.boilerplate_line(content[k]) for k in range(ka + 1, kb)):
        return False
    blanks = (1 for k in range(content[ka].idx + 1, content[kb].idx) if lines[k].blank)
    return next(blanks, None) is None or next(blanks, None) is None


def _at_edge(content: list[Line], k: int, doc_edge: bool) -> bool:
    """Next to a line removed on firmer evidence than a "near"/"edge" pattern (so that a list of
    identifiers never peels away line by line), or (``doc_edge``) the first or last line of what
    stays."""

    def firm(m: int) -> bool:
        return 0 <= m < len(content) and bool(content[m].owner) and not content[m].edge_only

    # The edge of what stays: everything before it, or everything after it, is removed.
    if doc_edge and (all(ln.owner for ln in content[:k]) or all(ln.owner for ln in content[k + 1 :])):
        return True
    return firm(k - 1) or firm(k + 1)


def _tail_cut(text: str, pats: list[Pattern], allow_empty: bool = False,
              clean: set[str] | None = None) -> tuple[int, list[str], str]:
    """Where the boilerplate glued to the end of ``text`` starts, stripping tails repeatedly
    ("... - ảnh 1 Chia sẻ"); with the notes and sources of the patterns that matched. Unless
    ``allow_empty``, a tail is taken only when words remain before it. ``clean`` collects the
    texts in which no pattern occurs at all (the plan asks about most lines more than once)."""
    text = text.rstrip()
    cut = len(text)
    notes: list[str] = []
    sources: list[str] = []
    if clean is not None:
        if text in clean:
            return cut, notes, ""
        combined = _any_of(tuple(pats))
        if not (combined.search(text) if combined is not None else any(p.regex.search(text) for p in pats)):
            clean.add(text)
            return cut, notes, ""
    progress = True
    while progress:
        progress = False
        for p in pats:
            for m in p.regex.finditer(text, 0, cut):
                if text[m.end() : cut].strip(_JUNK):
                    continue  # words after it: not the end of the line (a stray bracket may follow)
                s = m.start()
                if s > 0 and text[s - 1].isalnum():
                    continue  # inside a word
                rest = text[:s].rstrip()
                if not allow_empty and not any(ch.isalnum() for ch in rest):
                    continue
                notes.append(f"{text[s:cut].strip()!r} ({p.note})")
                sources.append(p.source)
                cut = len(rest)
                progress = True
                break
            if progress:
                break
    return cut, notes[::-1], ", ".join(dict.fromkeys(sources[::-1]))


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


@lru_cache(maxsize=64)
def _any_of(pats: tuple[Pattern, ...]) -> re.Pattern | None:
    """One regex that matches wherever one of ``pats`` matches (a prefilter: a line where it finds
    nothing needs no pattern tried); None when the patterns cannot be combined (back-references,
    flags in the middle)."""
    parts = []
    for p in pats:
        src = p.regex.pattern
        if not isinstance(src, str) or _BACKREF.search(src):
            return None
        m = re.match(r"\(\?([imsx]+)\)", src)  # leading flags become flags of the group
        part = f"(?{m.group(1)}:{src[m.end():]})" if m else f"(?:{src})"
        leading = re.compile(f"(?{m.group(1)})" if m else "").flags
        if p.regex.flags != leading:
            return None  # flags set elsewhere (when compiling): not combined
        parts.append(part)
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


def _strip_tails(ln: Line, pats: list[Pattern], clean: set[str] | None = None) -> None:
    """Record the boilerplate glued to the end of a kept line."""
    cut, notes, sources = _tail_cut(ln.text, pats, clean=clean)
    if notes:
        ln.tail = (
            ln.start + cut,
            "removed site boilerplate at the end of the line: " + "; ".join(notes),
            sources,
            0.9,
        )


def _absorb_blank_lines(lines: list[Line]) -> None:
    """Blank lines go with the removed lines around them, so that no paragraph gap is doubled or
    left dangling: a blank line between two lines removed by the same rule goes with them; a
    removed run takes the blank lines after it when it starts the document or follows a blank
    line; a run that ends the document takes the blank lines before it."""
    n = len(lines)
    content = [ln for ln in lines if not ln.blank]
    for a, b in zip(content, content[1:]):
        if a.owner and a.owner == b.owner and b.idx > a.idx + 1:
            for ln in lines[a.idx + 1 : b.idx]:
                _claim(ln, a.owner, a.reason, a.source, a.confidence)
    k = 0
    while k < n:
        if not lines[k].owner:
            k += 1
            continue
        s = k
        while k < n and lines[k].owner == lines[s].owner:
            k += 1
        e = k  # lines[s:e] are removed by one rule
        head = lines[s]
        t = e
        while t < n and lines[t].blank and not lines[t].owner:
            t += 1
        if t > e and (s == 0 or lines[s - 1].blank or t == n):
            for ln in lines[e:t]:
                _claim(ln, head.owner, head.reason, head.source, head.confidence)
            k = t
        if t == n or all(ln.owner for ln in lines[e:]):
            b = s - 1
            while b >= 0 and lines[b].blank and not lines[b].owner:
                _claim(lines[b], head.owner, head.reason, head.source, head.confidence)
                b -= 1


def plan_for(doc, ctx) -> Plan:
    """The plan for ``doc``, built once per document and configuration and shared by the rules
    (kept in ``ctx.per_doc`` when the context has it, else in one slot of ``ctx.cache``)."""
    store = getattr(ctx, "per_doc", None)
    if store is None:
        store = getattr(ctx, "cache", None)
    key = (id(doc), ctx.config)
    if store is not None:
        hit = store.get("document_rules.plan")
        if hit is not None and hit[0] is doc and hit[1] == key:
            return hit[2]
    plan = build(doc, ctx)
    if store is not None:
        store["document_rules.plan"] = (doc, key, plan)
    return plan
