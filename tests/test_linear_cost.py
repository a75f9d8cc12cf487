"""The cost of cleaning grows linearly with the document: guarded by counting work, not by timing.

Every module-level regex of the name context, the name rules and the Latin-run detectors is
wrapped in a counter of the characters it is asked to scan (``endpos - pos``, or the length of the
string it is given). A document twice as long may cost twice as many scanned characters, not
more: a rescan of the document per name (what the name context did before its cues were indexed,
86 % of the time at 0.5 MB) makes the count per input character grow with the number of names.
The input is the news-like benchmark corpus (benchmarks/newslike.py), whose longer documents
start with the shorter ones, so the sizes compare like with like.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from normalize import Cleaner, Config, rules
from normalize.detect import latin
from normalize.names import context
from normalize.resolve import names as resolve_names

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import newslike  # noqa: E402

SIZES_KB = (16, 32, 64, 128)


class _Counted:
    """A compiled regex that adds the characters each call scans to ``counter``: from ``pos`` to
    the end of the last match the caller asked for, or to ``endpos`` when it ran out of matches."""

    def __init__(self, rx: re.Pattern, counter: dict):
        self._rx, self._counter = rx, counter

    def _span(self, string, args, kw) -> tuple[int, int]:
        pos = kw.get("pos", args[0] if args else 0)
        endpos = kw.get("endpos", args[1] if len(args) > 1 else None)
        return pos, len(string) if endpos is None else min(endpos, len(string))

    def _add(self, chars: int) -> None:
        self._counter["chars"] += max(chars, 0)
        self._counter["calls"] += 1

    def search(self, string, *args, **kw):
        pos, end = self._span(string, args, kw)
        m = self._rx.search(string, *args, **kw)
        self._add((m.end() if m else end) - pos)
        return m

    def findall(self, string, *args, **kw):
        pos, end = self._span(string, args, kw)
        self._add(end - pos)
        return self._rx.findall(string, *args, **kw)

    def finditer(self, string, *args, **kw):
        pos, end = self._span(string, args, kw)
        last = pos
        try:
            for m in self._rx.finditer(string, *args, **kw):
                last = m.end()
                yield m
            last = end
        finally:
            self._add(last - pos)

    def match(self, string, *args, **kw):  # anchored: a look at one place, not a scan
        self._add(0)
        return self._rx.match(string, *args, **kw)

    def fullmatch(self, string, *args, **kw):
        self._add(0)
        return self._rx.fullmatch(string, *args, **kw)

    def __getattr__(self, name):
        return getattr(self._rx, name)


def _count_regexes(monkeypatch, modules, only=None) -> dict:
    counter = {"chars": 0, "calls": 0}
    for mod in modules:
        for name, value in list(vars(mod).items()):
            if only is not None and name not in only:
                continue
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(mod, name, _Counted(value, counter))
            elif isinstance(value, dict) and value and all(isinstance(v, re.Pattern) for v in value.values()):
                monkeypatch.setattr(mod, name, {k: _Counted(v, counter) for k, v in value.items()})
    return counter


@pytest.fixture(scope="module")
def cleaner():
    # Document rules (duplicate bodies, repetitions) are measured by their own benchmark; this
    # guards the leftover stage: detectors, the name context and the resolvers.
    doc_rules = frozenset(r.name for r in rules.active("document", Config()))
    c = Cleaner(Config(disabled_rules=doc_rules))
    c.clean_and_explain(newslike.generate(0.03, seed=99))  # load tables once, outside the counts
    return c


def test_regex_work_per_character_does_not_grow(cleaner, monkeypatch):
    counter = _count_regexes(monkeypatch, (context, resolve_names, latin))
    weighed = []
    orig_weights = context._weights

    def counting_weights(*args, **kw):
        weighed[-1] += 1
        return orig_weights(*args, **kw)

    monkeypatch.setattr(context, "_weights", counting_weights)
    per_char = []
    for kb in SIZES_KB:
        text = newslike.generate(kb / 1000, seed=3)
        weighed.append(0)
        counter["chars"] = 0
        cleaner.clean_and_explain(text)
        per_char.append(counter["chars"] / len(text))
    # The input does reach the name context, more often as it grows (else the test proves nothing).
    assert weighed[0] >= 5 and weighed[-1] >= 4 * weighed[0], weighed
    # Scanned characters per input character stay flat as the input grows eightfold.
    assert max(per_char) <= 1.25 * min(per_char), per_char


def test_cue_scans_per_document_are_constant(cleaner, monkeypatch):
    """One cue index per run of the leftover stage (which reruns on its own repairs, a bounded
    number of times), one scan per cue class, however many names are weighed."""
    from normalize.pipeline import _MAX_LEFTOVER_ROUNDS

    built: list[context.Cues] = []

    class Recorded(context.Cues):
        def __init__(self, nfc):
            super().__init__(nfc)
            built.append(self)

    monkeypatch.setattr(context, "Cues", Recorded)
    for kb in SIZES_KB:
        built.clear()
        cleaner.clean_and_explain(newslike.generate(kb / 1000, seed=5))
        assert 1 <= len(built) <= _MAX_LEFTOVER_ROUNDS, (kb, len(built))
        # Five classes; a window that cuts through a cue (rare) costs one short extra scan.
        assert all(b.scans <= len(context.CUES) + 2 for b in built), (kb, [b.scans for b in built])


def test_number_patterns_scan_only_around_their_cues(cleaner, monkeypatch):
    """The ten date and amount patterns search only the chunks around non-ASCII characters
    (normalize/detect/numbers.py), not the whole text each: on news, where about one character
    in three hundred is not ASCII, they scan a small share of the input, and that share does not
    grow with it. (Ten whole-text scans per run of the leftover stage made 20 or more.)"""
    from normalize.detect import numbers

    patterns = {name for name, v in vars(numbers).items()
                if isinstance(v, re.Pattern) and name.startswith(("_VI_", "_ZH_", "_MIXED_"))}
    assert len(patterns) >= 10
    counter = _count_regexes(monkeypatch, (numbers,), only=patterns)
    per_char = []
    for kb in SIZES_KB:
        # (A leftover amount first: a text without any number cue costs one search and no chunk.)
        text = "Exports reached 3 t\u1ef7 USD in th\u00e1ng 10.\n\n" + newslike.generate(kb / 1000, seed=3)
        counter["chars"] = counter["calls"] = 0
        cleaner.clean_and_explain(text)
        assert counter["calls"] > 0
        per_char.append(counter["chars"] / len(text))
    assert max(per_char) < 1.0, per_char
    # It does not grow with the input (it may fall: the fixed leftover weighs less in a longer text).
    assert max(per_char[1:]) <= 1.5 * per_char[0], per_char
