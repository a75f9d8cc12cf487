"""Accept, skip or edit single changes: ``fix --skip/--only/--decisions`` and the review's file.

A change is named by its report id (normalize.report.ids). Decisions are applied to the edits of
a Result; the rest of the output is exactly what ``fix`` writes. Dependencies are respected:

- a document edit that absorbed leftover fixes (it was found on the repaired text) depends on
  them: skipping it brings the absorbed fixes back, each under its own decision; skipping (or
  editing) one of them skips the document edit too, and its other absorbed fixes stay;
- accepting a document edit accepts what it absorbed (unless one of those is skipped).

An id that matches no change or flag of the text is an error (:class:`DecisionsError`): the
text has changed since the review, and applying the rest could apply a change the editor
refused. Nothing is written then.

Decisions file (JSON, ``version`` 1)::

    {"version": 1, "file": "article.txt", "default": "skip",
     "decisions": [{"id": "k3f9qa", "action": "accept", "text": "Mỹ", "replacement": "the United States"},
                   {"id": "m2x7ba", "action": "skip", "text": "...", "replacement": "..."},
                   {"id": "q8c2ed", "action": "edit", "text": "Ly Gia Sieu", "replacement": "John Lee"}]}

``action`` is ``accept``, ``skip`` or ``edit`` (``replacement`` is then the text written instead;
on a flag, ``edit`` writes a replacement nothing proposed). ``default`` (``accept`` or ``skip``)
decides changes the file does not list; the review writes ``skip`` so that a change that is new
since the review is left alone. An ``accept`` with a ``replacement`` other than the one proposed
now is an error (the proposal changed since the review); ``text`` is for people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import NormalizeError
from .records import Edit, Result, apply_edits
from .report.ids import Item, annotate, walk

VERSION = 1
ACTIONS = ("accept", "skip", "edit")


class DecisionsError(NormalizeError, ValueError):
    """A decisions file that cannot be read, or an id that matches nothing."""


@dataclass(frozen=True)
class Decision:
    id: str
    action: str
    replacement: str | None = None
    text: str | None = None

    def as_json(self) -> dict:
        d = {"id": self.id, "action": self.action}
        if self.text is not None:
            d["text"] = self.text
        if self.replacement is not None:
            d["replacement"] = self.replacement
        return d


@dataclass
class Decisions:
    by_id: dict[str, Decision] = field(default_factory=dict)
    default: str = "accept"
    file: str | None = None

    @classmethod
    def skip(cls, ids) -> "Decisions":
        return cls({i: Decision(i, "skip") for i in ids}, "accept")

    @classmethod
    def only(cls, ids) -> "Decisions":
        return cls({i: Decision(i, "accept") for i in ids}, "skip")

    def as_json(self) -> dict:
        d: dict = {"version": VERSION}
        if self.file is not None:
            d["file"] = self.file
        d["default"] = self.default
        d["decisions"] = [x.as_json() for x in self.by_id.values()]
        return d

    def dumps(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n"


def split_ids(values) -> list[str]:
    """``--skip a,b --skip c`` -> ["a", "b", "c"]."""
    return [x.strip() for v in values for x in v.split(",") if x.strip()]


def loads(text: str, where: str = "<decisions>") -> Decisions:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecisionsError(f"{where}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise DecisionsError(f"{where}: not a decisions file of version {VERSION} "
                             f"(an object with \"version\": {VERSION})")
    default = data.get("default", "accept")
    if default not in ("accept", "skip"):
        raise DecisionsError(f"{where}: \"default\" must be \"accept\" or \"skip\", got {default!r}")
    out = Decisions(default=default, file=data.get("file"))
    entries = data.get("decisions", [])
    if not isinstance(entries, list):
        raise DecisionsError(f"{where}: \"decisions\" must be a list")
    for k, d in enumerate(entries):
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or d.get("action") not in ACTIONS:
            raise DecisionsError(f"{where}: decision {k + 1}: needs a string \"id\" and an \"action\" "
                                 f"of {', '.join(ACTIONS)}")
        if d["action"] == "edit" and not isinstance(d.get("replacement"), str):
            raise DecisionsError(f"{where}: decision {k + 1} ({d['id']}): \"edit\" needs a string \"replacement\"")
        if d["id"] in out.by_id:
            raise DecisionsError(f"{where}: decision {k + 1}: id {d['id']} decided twice")
        out.by_id[d["id"]] = Decision(d["id"], d["action"], d.get("replacement"), d.get("text"))
    return out


def load(path) -> Decisions:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DecisionsError(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DecisionsError(f"{path}: cannot decode as UTF-8 at byte {exc.start}") from None
    return loads(text, str(path))


def _edited(item: Item, new: str) -> Edit:
    base = item.edit
    reason = (f"replacement edited in review (proposed {item.replacement!r})" if base
              else "replacement written in review (the finding was only flagged)")
    return Edit(start=item.start, end=item.end, old=item.text, new=new, rule=item.rule, source="review",
                confidence=1.0, reason=reason, language=item.language, kind=item.kind)


def _plan(item: Item, decisions: Decisions) -> list[Edit]:
    d = decisions.by_id.get(item.id)
    if item.flagged:
        return [_edited(item, d.replacement)] if d and d.action == "edit" else []
    action = d.action if d else decisions.default
    if action == "edit":
        return [_edited(item, d.replacement)]
    refused_below = any(
        x.id in decisions.by_id and decisions.by_id[x.id].action != "accept"
        for c in item.includes for x in c.walk()
    )
    if action == "accept" and not refused_below:
        return [item.edit]
    return [e for c in item.includes for e in _plan(c, decisions)]


def unmatched(items: list[Item], decisions: Decisions) -> list[str]:
    known = {i.id for i in walk(items)}
    return [i for i in decisions.by_id if i not in known]


def apply(result: Result, decisions: Decisions, items: list[Item] | None = None, where: str = "-") -> Result:
    """``result`` with only the decided edits applied (the Result ``fix`` would write).

    Raises DecisionsError naming every id that matches nothing in ``result``."""
    items = annotate(result) if items is None else items
    missing = unmatched(items, decisions)
    if missing:
        raise DecisionsError(
            f"{where}: no change or flag has id {', '.join(missing)} (ids come from `normalize check "
            f"--format json` or `normalize review` on the same text; has the text changed?): nothing written"
        )
    # An accepted proposal that is no longer the one proposed (a glossary changed) was not reviewed.
    for it in walk(items):
        d = decisions.by_id.get(it.id)
        if d and d.action == "accept" and d.replacement is not None and d.replacement != it.replacement:
            raise DecisionsError(f"{where}: change {it.id} now proposes {it.replacement!r} for {it.text!r}, "
                                 f"but {d.replacement!r} was accepted: review it again; nothing written")
    edits = sorted((e for i in items for e in _plan(i, decisions)), key=lambda e: (e.start, e.end))
    edited = {i.id for i in walk(items) if i.id in decisions.by_id and decisions.by_id[i.id].action == "edit"}
    unresolved = tuple(i.finding for i in items if i.flagged and i.id not in edited)
    return replace(result, output=apply_edits(result.input, edits), edits=tuple(edits), unresolved=unresolved)
