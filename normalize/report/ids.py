"""Report items: every edit and flag of a Result with a stable id, its sentence and a category.

Computed from the Result alone (a reporter never re-runs the pipeline). The id is derived from
the rule, the fragment and the text around it on the same line, so it is the same on every run
and when text elsewhere changes; identical fragments in identical local context are told apart
by their order of occurrence. Ids are unique within one Result (nested edits included).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Iterator

from ..document import Document
from ..records import Edit, Finding, Result

#: Characters of local context on each side of a fragment that go into its id (within its line).
CONTEXT = 24
ID_LENGTH = 6

# MQM (Multidimensional Quality Metrics, themqm.org) issue types: a leftover is untranslated
# source text; page damage is a fluency defect of the target text. MQM has no issue for site
# furniture left in an article: "fluency/extraneous-content" is ours.
_DOCUMENT_CATEGORY = {
    "duplicate-body": "fluency/duplication",
    "repeated-title": "fluency/duplication",
    "duplicate-paragraph": "fluency/duplication",
    "immediate-repetition": "fluency/duplication",
    "boilerplate": "fluency/extraneous-content",
    "script-boilerplate": "fluency/extraneous-content",
    "garbled-parentheses": "fluency/punctuation",
    "glued-tokens": "fluency/typography",
}


def category(rule: str, kind: str) -> str:
    """The MQM category of an edit or flag (``accuracy/untranslated`` for leftovers)."""
    if rule in _DOCUMENT_CATEGORY:
        return _DOCUMENT_CATEGORY[rule]
    if kind == "document":
        return "fluency/other"
    if rule == "vietnamese-ascii":
        return "style/house-style"
    return "accuracy/untranslated"


@dataclass(frozen=True)
class Sentence:
    """The sentence(s) around a fragment: ``text`` starts at input offset ``offset``; the
    fragment is ``text[start:end]``."""

    text: str
    offset: int
    start: int
    end: int

    def as_json(self) -> dict:
        return {"text": self.text, "offset": self.offset, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Item:
    """One edit (``replacement`` is a str) or flag (``replacement`` is None) of a report."""

    id: str
    start: int
    end: int
    text: str
    replacement: str | None
    rule: str
    source: str | None
    confidence: float | None
    language: str
    kind: str
    reason: str
    category: str
    sentence: Sentence
    edit: Edit | None = None
    finding: Finding | None = None
    #: Items of the edits this one absorbed (a document rule over leftover fixes).
    includes: tuple["Item", ...] = ()

    @property
    def flagged(self) -> bool:
        return self.replacement is None

    def as_json(self) -> dict:
        """The JSON contract: Result.items()'s fields, plus id, category, sentence, includes."""
        d = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "replacement": self.replacement,
            "rule": self.rule,
            "source": self.source,
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "language": self.language,
            "kind": self.kind,
            "reason": self.reason,
            "id": self.id,
            "category": self.category,
            "sentence": self.sentence.as_json(),
        }
        if self.includes:
            d["includes"] = [i.as_json() for i in self.includes]
        return d

    def walk(self) -> Iterator["Item"]:
        yield self
        for i in self.includes:
            yield from i.walk()


def _id(key: str, n: int, taken: set[str]) -> str:
    digest = hashlib.blake2b(f"{key}\x1e{n}".encode("utf-8"), digest_size=10).digest()
    code = base64.b32encode(digest).decode("ascii").lower()
    for size in range(ID_LENGTH, len(code) + 1):  # a clash of different keys: a longer id
        if code[:size] not in taken:
            return code[:size]
    raise AssertionError("blake2b clash")  # pragma: no cover


class _Context:
    def __init__(self, text: str):
        self.text = text
        self.doc = Document(text)
        self.seen: dict[str, int] = {}
        self.taken: set[str] = set()

    def key(self, rule: str, s: int, e: int) -> str:
        t = self.text
        line_start = t.rfind("\n", 0, s) + 1
        line_end = t.find("\n", e)
        line_end = len(t) if line_end == -1 else line_end
        before = t[max(line_start, s - CONTEXT) : s]
        after = t[e : max(e, min(line_end, e + CONTEXT))]
        return "\x1f".join((rule, t[s:e], before, after))

    def new_id(self, rule: str, s: int, e: int) -> str:
        key = self.key(rule, s, e)
        n = self.seen.get(key, 0)
        self.seen[key] = n + 1
        i = _id(key, n, self.taken)
        self.taken.add(i)
        return i

    def sentence(self, s: int, e: int) -> Sentence:
        doc, t = self.doc, self.text
        a, _ = doc.sentence_bounds(doc.nfc_offset(s))
        _, b = doc.sentence_bounds(doc.nfc_offset(max(s, e - 1)))
        a, b = min(doc.orig(a), s), doc.orig_end(b)
        while b > a and t[b - 1].isspace():
            b -= 1
        b = max(b, e)
        return Sentence(text=t[a:b], offset=a, start=s - a, end=e - a)

    def edit_item(self, e: Edit) -> Item:
        # Ids are handed out parent first, then the absorbed edits in text order.
        ident = self.new_id(e.rule, e.start, e.end)
        return Item(
            id=ident, start=e.start, end=e.end, text=e.old, replacement=e.new, rule=e.rule,
            source=e.source, confidence=e.confidence, language=e.language, kind=e.kind,
            reason=e.reason, category=category(e.rule, e.kind), sentence=self.sentence(e.start, e.end),
            edit=e, includes=tuple(self.edit_item(x) for x in sorted(e.absorbed, key=lambda x: (x.start, x.end))),
        )

    def flag_item(self, f: Finding) -> Item:
        return Item(
            id=self.new_id(f.rule, f.start, f.end), start=f.start, end=f.end, text=f.text,
            replacement=None, rule=f.rule, source=None, confidence=None, language=f.language,
            kind=f.kind, reason=f.evidence, category=category(f.rule, f.kind),
            sentence=self.sentence(f.start, f.end), finding=f,
        )


def annotate(result: Result) -> list[Item]:
    """The report items of ``result`` in text order (edits before flags at the same offsets),
    each with its id, sentence and category; absorbed edits are nested under ``includes``."""
    ctx = _Context(result.input)
    entries: list[tuple[int, int, int, Edit | Finding]] = [(e.start, e.end, 0, e) for e in result.edits]
    entries += [(f.start, f.end, 1, f) for f in result.unresolved]
    entries.sort(key=lambda x: x[:3])
    return [ctx.edit_item(x) if isinstance(x, Edit) else ctx.flag_item(x) for *_, x in entries]


def walk(items: list[Item]) -> Iterator[Item]:
    """Every item, nested ones included, parents first."""
    for i in items:
        yield from i.walk()
