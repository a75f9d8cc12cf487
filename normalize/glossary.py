"""Load, validate and match glossaries (format: glossaries/README.md).

This module is the only code that knows where the shipped glossaries live (:func:`builtin_dir`).
Matching is one Aho-Corasick pass (pyahocorasick) over a lower-cased copy of the NFC text and one
over a diacritic-folded copy; both copies keep the NFC offsets, so a match maps straight back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from . import _cache
from .errors import GlossaryError

FORMAT_LINE = "# normalize-glossary: 1"
COLUMNS = ("source", "target", "type", "aliases", "requires", "han", "flags", "note")
COLUMN_LINE = "\t".join(COLUMNS)
TYPES = frozenset({"person", "place", "country", "org", "title", "word", "label"})
PROPER = frozenset({"person", "place", "country", "org"})
REQUIRED_HEADER = ("domain", "source-language", "target-language", "license", "origin")
KNOWN_FLAGS = frozenset({"hand-kept", "keep", "review", "anywhere"})
TODO_FLAG = "todo"  # normalize/commands/survey.py writes it; validation fails until it is removed
ROMANIZATIONS = frozenset({"pinyin", "wade-giles", "cantonese", "conventional", "english-name", "other"})


def builtin_dir() -> Path:
    """Directory of the shipped glossaries: inside an installed wheel, or the checkout's top level."""
    here = Path(__file__).resolve().parent
    packaged = here / "_glossaries"
    if packaged.is_dir():
        return packaged
    return here.parent / "glossaries"


def builtin_files() -> list[Path]:
    root = builtin_dir()
    if not root.is_dir():
        raise GlossaryError(
            "shipped glossaries not found; reinstall the package (pip install .)", path=str(root)
        )
    # glossaries/boilerplate/ holds document-rule patterns, a different format.
    return sorted(p for p in root.rglob("*.tsv") if "boilerplate" not in p.relative_to(root).parts)


def display_path(path: Path) -> str:
    """Stable name for a glossary file in reports: ``glossaries/<rel>`` for shipped files."""
    path = Path(path)
    try:
        return "glossaries/" + path.resolve().relative_to(builtin_dir()).as_posix()
    except ValueError:
        return str(path)


class Entry(NamedTuple):
    """One glossary line. A NamedTuple rather than a dataclass: immutable like one, and it
    unpickles from the load cache several times faster (no per-field state restore)."""

    source: str
    target: str
    type: str
    aliases: tuple[str, ...]
    requires: tuple[str, ...]
    han: str
    flags: tuple[str, ...]
    note: str
    path: str
    line: int
    language: str = "und"  # the file's source-language

    @property
    def ref(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def proper(self) -> bool:
        return self.type in PROPER

    @property
    def keep(self) -> bool:
        return "keep" in self.flags

    @property
    def review(self) -> bool:
        return "review" in self.flags

    @property
    def adjective(self) -> str:
        """The adjective a country takes as a modifier ("Japanese companies"), flag ``adj=``."""
        for f in self.flags:
            if f.startswith("adj="):
                return f[4:]
        return ""

    @property
    def romanization(self) -> str:
        for f in self.flags:
            if f.startswith("romanization="):
                return f.split("=", 1)[1]
        return "pinyin" if self.han else ""

    def forms(self) -> Iterator[tuple[str, bool]]:
        """(form, is_alias) for every written form this entry matches."""
        yield self.source, False
        for a in self.aliases:
            yield a, True
        if self.han:
            yield self.han, True


@dataclass(frozen=True)
class GlossaryFile:
    path: str
    header: dict
    entries: tuple[Entry, ...]


def _split(field: str) -> tuple[str, ...]:
    return tuple(x for x in field.split("|") if x) if field else ()


def _read_lines(path: Path, shown: str) -> tuple[list[str] | None, GlossaryError | None]:
    """The file's lines (UTF-8, last empty line dropped), or the error that stops reading it."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, GlossaryError(f"cannot read: {exc.strerror}", shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, GlossaryError(f"not UTF-8 (byte offset {exc.start})", shown, line, col)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != FORMAT_LINE:
        got = lines[0] if lines else ""
        if got.startswith("# normalize-glossary:"):
            msg = f"unsupported format version {got.split(':', 1)[1].strip()!r} (this normalize reads 1)"
        else:
            msg = f"first line must be {FORMAT_LINE!r}"
        return None, GlossaryError(msg, shown, 1, 1)
    return lines, None


def _parse_header(lines: list[str], shown: str, errors: list) -> tuple[dict, int]:
    """The ``# key: value`` lines after the format line; returns (header, index of the column line)."""
    header: dict = {}
    i = 1
    while i < len(lines) and lines[i].startswith("#"):
        body = lines[i][1:].strip()
        if ":" not in body:
            errors.append(GlossaryError("header line must be '# key: value'", shown, i + 1, 1))
        else:
            k, v = body.split(":", 1)
            header[k.strip()] = v.strip()
        i += 1
    for key in REQUIRED_HEADER:
        if not header.get(key):
            errors.append(GlossaryError(f"header lacks '{key}'", shown, i, 1))
    return header, i


def _flag_ok(flag: str) -> bool:
    name, _, value = flag.partition("=")
    return flag in KNOWN_FLAGS or (name == "romanization" and value in ROMANIZATIONS) or (name == "adj" and bool(value))


def _check_fields(fields: list[str], shown: str, lineno: int, errors: list) -> bool:
    """Validate one data line's fields; append errors; True when the line is usable."""
    bad = False
    col = 1
    for name, value in zip(COLUMNS, fields):
        if value != value.strip():
            errors.append(GlossaryError(f"{name}: leading or trailing whitespace", shown, lineno, col))
            bad = True
        elif not unicodedata.is_normalized("NFC", value):
            errors.append(GlossaryError(f"{name}: not NFC", shown, lineno, col))
            bad = True
        col += len(value) + 1
    source, target, typ, _aliases, _requires, _han, flags, _note = fields
    cols = [1]
    for v in fields[:-1]:
        cols.append(cols[-1] + len(v) + 1)
    if not source:
        errors.append(GlossaryError("source is empty", shown, lineno, cols[0]))
        bad = True
    if typ not in TYPES:
        errors.append(GlossaryError(f"unknown type {typ!r} (one of {', '.join(sorted(TYPES))})", shown, lineno, cols[2]))
        bad = True
    if not target and typ != "label":
        errors.append(GlossaryError("target is empty (allowed only for type 'label')", shown, lineno, cols[1]))
        bad = True
    for flag in _split(flags.replace(",", "|")):
        if flag == TODO_FLAG:  # a stub written by `normalize survey`, not filled in yet
            errors.append(GlossaryError("to-do stub: fill in target and type, then remove the 'todo' flag",
                                        shown, lineno, cols[6]))
            bad = True
        elif not _flag_ok(flag):
            errors.append(GlossaryError(f"unknown flag {flag!r}", shown, lineno, cols[6]))
            bad = True
    return not bad


def _parse(path: Path) -> tuple[dict, list[Entry], list[GlossaryError]]:
    shown = display_path(path)
    lines, fatal = _read_lines(path, shown)
    if fatal is not None:
        return {}, [], [fatal]
    errors: list[GlossaryError] = []
    header, i = _parse_header(lines, shown, errors)
    if i >= len(lines) or lines[i] != COLUMN_LINE:
        errors.append(GlossaryError("expected the column line: " + COLUMN_LINE.replace("\t", "<TAB>"), shown, i + 1, 1))
        return header, [], errors
    language = header.get("source-language", "und")
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    prev_key: tuple[str, str] | None = None
    for lineno in range(i + 2, len(lines) + 1):
        fields = lines[lineno - 1].split("\t")
        if len(fields) != len(COLUMNS):
            errors.append(
                GlossaryError(f"expected {len(COLUMNS)} tab-separated fields, found {len(fields)}", shown, lineno, 1)
            )
            continue
        ok = _check_fields(fields, shown, lineno, errors)
        source, target, typ, aliases, requires, han, flags, note = fields
        key = (source, requires)
        if key in seen:
            errors.append(GlossaryError(f"duplicate entry (first on line {seen[key]})", shown, lineno, 1))
            ok = False
        elif prev_key is not None and key < prev_key:
            errors.append(GlossaryError("not sorted: entries are sorted by (source, requires)", shown, lineno, 1))
        seen.setdefault(key, lineno)
        prev_key = key
        if ok:
            entries.append(
                Entry(source, target, typ, _split(aliases), _split(requires), han,
                      _split(flags.replace(",", "|")), note, shown, lineno, language)
            )
    return header, entries, errors


def validate_file(path) -> list[GlossaryError]:
    """Every problem in one glossary file (empty list = valid)."""
    return _parse(Path(path))[2]


def load_file(path) -> GlossaryFile:
    """Parse one glossary file; raise the first :class:`GlossaryError` if it is invalid."""
    header, entries, errors = _parse(Path(path))
    if errors:
        raise errors[0]
    return GlossaryFile(display_path(Path(path)), header, tuple(entries))


# -- text folding ----------------------------------------------------------------------------

class _FoldTable(dict):
    """str.translate table: lower-case and strip diacritics, one code point in, one out."""

    def __missing__(self, cp: int):
        ch = chr(cp)
        low = ch.lower()
        if len(low) != 1:
            low = ch
        base = unicodedata.normalize("NFD", low)[0]
        if base in "\N{LATIN SMALL LETTER D WITH STROKE}":
            base = "d"
        # Only Latin letters lose their marks: NFD splits a Hangul syllable into jamo and a kana
        # with dakuten into kana + mark, and folding those would make 광주 match 가자 and
        # ナガノ (Nagano) match ナカノ (Nakano).
        if unicodedata.combining(base) or len(base) != 1 or ord(base) > 0x24F:
            base = low
        self[cp] = base
        return base


class _LowerTable(dict):
    def __missing__(self, cp: int):
        low = chr(cp).lower()
        self[cp] = low if len(low) == 1 else chr(cp)
        return self[cp]


_FOLD = _FoldTable()
_LOWER = _LowerTable()


def fold(text: str) -> str:
    """Lower-case, diacritic-free copy with the same length (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return _translate_runs(text, lower(text), _non_ascii_runs(text), _FOLD)


def _translate_runs(text: str, low: str, runs, table) -> str:
    """``low`` (the lower-case copy of ``text``) with each run of ``text`` put through ``table``.
    ASCII letters fold to their lower case, so only the non-ASCII runs need the table (a
    per-character table lookup over a whole document costs more than the rest of the scan)."""
    parts, last = [], 0
    for s, e in runs:
        parts.append(low[last:s])
        parts.append(text[s:e].translate(table))
        last = e
    parts.append(low[last:])
    return "".join(parts)


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _non_ascii_runs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NON_ASCII_RUN.finditer(text)]


def lower(text: str) -> str:
    """Lower-case copy with the same length (a character whose lower case is longer stays)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_LOWER)


_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]+")


@lru_cache(maxsize=1)
def han_t2s() -> dict[int, str]:
    """Traditional -> simplified Han, one to one (normalize/data/han-t2s.tsv, from Unihan)."""
    table: dict[int, str] = {}
    path = Path(__file__).resolve().parent / "data" / "han-t2s.tsv"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line[0] != "#":
                t, s = line.rstrip("\n").split("\t")
                table[ord(t)] = s
    return table


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or 0x3040 <= o <= 0x30FF
    )


def _word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.combining(ch) != 0


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary form found in the NFC text at [start, end)."""

    start: int
    end: int
    entry: Entry
    form: str
    exact: bool  # matched with its diacritics (not only after folding)
    alias: bool


class _Hay:
    """A text as the automata read it, each copy made once per scan (the deferred set reads the
    same copies as the main one): lower case, its non-ASCII runs, folded, and with traditional Han
    as simplified (the table maps one code point to one, and only non-ASCII ones)."""

    def __init__(self, nfc: str):
        self.nfc = nfc
        self.low = lower(nfc)
        self.runs = [] if nfc.isascii() else _non_ascii_runs(nfc)

    @cached_property
    def folded(self) -> str:
        return _translate_runs(self.nfc, self.low, self.runs, _FOLD) if self.runs else self.low

    @cached_property
    def simplified(self) -> str:
        return _translate_runs(self.low, self.low, self.runs, han_t2s())

    def in_runs(self, pattern: re.Pattern):
        """``pattern.finditer(nfc)`` for a pattern of non-ASCII characters only: searched inside
        the non-ASCII runs (every match is inside one, and ends where it does)."""
        nfc = self.nfc
        for s, e in self.runs:
            yield from pattern.finditer(nfc, s, e)


def _reach(keys) -> tuple[int, int, int]:
    """How far a key reaches from its non-ASCII characters: the most ASCII characters before the
    first, between two, after the last."""
    before = between = after = 0
    for key in keys:
        at = [i for i, ch in enumerate(key) if not ch.isascii()]
        before, after = max(before, at[0]), max(after, len(key) - 1 - at[-1])
        between = max([between] + [b - a - 1 for a, b in zip(at, at[1:])])
    return before, between, after


def _near_runs(runs, reach) -> list[tuple[int, int]]:
    """Disjoint spans that hold every occurrence of a key of this ``reach`` (see _reach), given the
    text's non-ASCII runs: an occurrence starts at most ``before`` characters before the run of
    its first non-ASCII character, ends at most ``after`` after the run of its last, and its runs
    are at most ``between`` apart (a character the key has as non-ASCII is non-ASCII in the text:
    lower-casing and the Han table keep ASCII ASCII)."""
    before, between, after = reach
    # A run this close to the last one joins its span: a key can hold both, or their spans meet.
    join = max(between, before + after)
    out: list[list[int]] = []
    last = 0
    for s, e in runs:
        if out and s - last <= join:
            out[-1][1] = e + after
        else:
            out.append([s - before, e + after])
        last = e
    return out


def _intersect(a, b) -> list[tuple[int, int]]:
    """The overlaps of two ascending lists of disjoint (start, end) spans."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s < e:
            out.append((s, e))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


class GlossarySet:
    """All loaded glossaries, with a matcher. Later files override earlier ones on (source, requires)."""

    def __init__(self, files: Iterable[GlossaryFile], deferred: tuple[Path, ...] = ()):
        by_key: dict[tuple[str, tuple[str, ...]], Entry] = {}
        for f in files:
            for e in f.entries:
                by_key[(e.source, e.requires)] = e
        self.entries: tuple[Entry, ...] = tuple(by_key.values())
        self._exact: dict[str, list[tuple[Entry, str, bool]]] = {}
        self._folded: dict[str, list[tuple[Entry, str, bool]]] = {}
        t2s = han_t2s()
        for e in self.entries:
            if e.review:
                continue  # listed by `glossary check`, never applied (glossaries/README.md)
            for form, is_alias in e.forms():
                self._exact.setdefault(lower(form).translate(t2s), []).append((e, form, is_alias))
                f = fold(form)
                # Folded single words collide with English ("My", "Ha", "Long"): a folded form
                # must keep at least two words to be matched without its diacritics.
                if e.proper and f != lower(form) and " " in f.strip():
                    self._folded.setdefault(f, []).append((e, form, is_alias))
        self._automata = None
        #: Identity of the files this set was built from (set by from_config), or None.
        self.digest: str | None = None
        #: Gazetteer files in other scripts (DEFERRED_GLOB), loaded only for a text that has a
        #: letter of those scripts: 20,000 city names must not slow the start-up of every run.
        self._deferred_paths = tuple(deferred)
        self._deferred: "GlossarySet | None" = None

    @classmethod
    def from_config(cls, config) -> "GlossarySet":
        paths: list[Path] = []
        deferred: list[Path] = []
        if config.builtin_glossary:
            for p in builtin_files():
                (deferred if p.match(DEFERRED_GLOB) and not p.name.startswith("vi-") else paths).append(p)
        paths.extend(Path(p) for p in config.glossaries)
        return _set_for(tuple(paths), _digest(tuple(paths)), tuple(deferred))

    def deferred(self) -> "GlossarySet | None":
        """The set of the deferred gazetteer files (loaded, from the disk cache, on first use)."""
        if self._deferred is None and self._deferred_paths:
            self._deferred = _set_for(self._deferred_paths, _digest(self._deferred_paths), ())
            # Its keys are all in other scripts: scan only around those letters, not around
            # every Vietnamese diacritic.
            self._deferred._window = _OTHER_SCRIPT_RUN
        return self._deferred

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_deferred"] = None  # cached on its own
        return state

    def __len__(self) -> int:
        return len(self.entries)

    def _build(self):
        """Two automata: one over plain-ASCII keys (exact ASCII forms and diacritic-folded forms),
        scanned over the folded text; one over keys with other letters, scanned only in windows
        around non-ASCII letters, which clean English rarely has."""
        import ahocorasick

        ascii_keys = {k for k in self._exact if k.isascii()} | set(self._folded)
        other_keys = [k for k in self._exact if not k.isascii()]
        autos = []
        for keys in (ascii_keys, other_keys):
            if not keys:
                autos.append(None)
                continue
            a = ahocorasick.Automaton()
            for key in keys:
                a.add_word(key, key)
            a.make_automaton()
            autos.append(a)
        self._max_other = max((len(k) for k in other_keys), default=0)
        self._reach = _reach(other_keys)
        self._automata = autos
        return autos

    def _emit(self, nfc: str, hay: str, start: int, end: int, key: str, out: list) -> None:
        n = len(nfc)
        if start > 0 and not _is_cjk(key[0]) and _word_char(nfc[start - 1]) and _word_char(key[0]):
            return
        if end < n and not _is_cjk(key[-1]) and _word_char(nfc[end]) and _word_char(key[-1]):
            return
        if key in self._exact and (not key.isascii() or hay[start:end] == key):
            for entry, form, is_alias in self._exact[key]:
                out.append(Match(start, end, entry, form, True, is_alias))
        for entry, form, is_alias in self._folded.get(key, ()):
            out.append(Match(start, end, entry, form, False, is_alias))

    def _scan(self, hay: _Hay) -> list[Match]:
        ascii_auto, other_auto = self._automata or self._build()
        nfc, low = hay.nfc, hay.low
        out: list[Match] = []
        if ascii_auto is not None:
            for end_idx, key in ascii_auto.iter(hay.folded):
                self._emit(nfc, low, end_idx - len(key) + 1, end_idx + 1, key, out)
        if other_auto is not None and hay.runs:
            # Each span is iterated as its own slice: the automaton copies the string it is given,
            # so iter(text, start, end) would cost the whole document per span.
            simplified = hay.simplified
            for ws, we in self._other_spans(hay):
                for end_idx, key in other_auto.iter(simplified[ws:we]):
                    end_idx += ws
                    # (The keys of this automaton are not ASCII: _emit does not read ``low``.)
                    self._emit(nfc, low, end_idx - len(key) + 1, end_idx + 1, key, out)
        return out

    def _other_spans(self, hay: _Hay) -> list[tuple[int, int]]:
        """Where the keys with other letters are looked for: windows as wide as the longest key
        around the non-ASCII letters (or, for the deferred set, the letters of its scripts), and
        in those only the parts a key can reach from the non-ASCII characters (_near_runs)."""
        width, n = self._max_other, len(hay.nfc)
        windows: list[list[int]] = []
        for m in hay.in_runs(getattr(self, "_window", _NON_ASCII_LETTER)):
            ws, we = max(0, m.start() - width), min(n, m.end() + width)
            if windows and ws <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], we)
            else:
                windows.append([ws, we])
        return _intersect(windows, _near_runs(hay.runs, self._reach))

    def scan(self, nfc: str) -> list[Match]:
        """Every boundary-respecting match (overlaps included), exact and folded; the deferred
        gazetteer files are scanned too when the text has a letter of their scripts."""
        hay = _Hay(nfc)
        out = self._scan(hay)
        if self._deferred_paths and next(hay.in_runs(_OTHER_SCRIPT), None) is not None:
            out.extend(self.deferred()._scan(hay))
        return out

    def lookup(self, text: str) -> list[Match]:
        """Matches in ``text`` (NFC-normalised first), for `normalize glossary lookup`."""
        return self.scan(unicodedata.normalize("NFC", text))

    def get(self, form: str) -> list[Entry]:
        """Entries whose written form equals ``form`` exactly (case-insensitive), then folded."""
        hits = self._exact.get(lower(unicodedata.normalize("NFC", form)).translate(han_t2s()))
        if hits:
            return [e for e, _, _ in hits]
        more = self.deferred()
        if more is not None and (found := more.get(form)):
            return found
        return [e for e, _, _ in self._folded.get(fold(unicodedata.normalize("NFC", form)), [])]


#: Gazetteer files matched only when the text has a letter of their (non-Latin) script.
DEFERRED_GLOB = "places/*-en.cities.tsv"
# Letters of the deferred files' scripts: Cyrillic, Arabic, Thai, kana, Han, Hangul.
_OTHER_SCRIPT = re.compile("[\u0400-\u04ff\u0600-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_OTHER_SCRIPT_RUN = re.compile(_OTHER_SCRIPT.pattern + "+")


def _digest(paths: tuple[Path, ...]) -> str:
    try:
        return _cache.key("glossary-set", paths, code=(__file__,))
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", getattr(exc, "filename", "") or "") from None


@lru_cache(maxsize=8)
def _set_for(paths: tuple[Path, ...], digest: str, deferred: tuple[Path, ...] = ()) -> GlossarySet:
    """The compiled set for these files (per process, and on disk across runs: normalize/_cache.py).
    An edited file (new size or mtime) gets a new key, hence a new set."""
    def build() -> GlossarySet:
        gs = GlossarySet(load_file(p) for p in paths)
        gs._build()  # the automata pickle too (pyahocorasick supports it)
        return gs

    gs = _cache.cached("glossary-set", digest, build)
    gs.digest = digest  # lets tables derived from this set be cached on disk too
    gs._deferred_paths = deferred
    gs._deferred = None
    return gs


# -- what `glossary check` reports besides errors ------------------------------------------------

class Claim(NamedTuple):
    """A written form that several entries with different targets claim."""

    form: str
    folded: bool  # True: the entries' forms differ, but not after diacritic/tone folding
    entries: tuple[Entry, ...]


def collisions(entries: Iterable[Entry]) -> list[Claim]:
    """Forms two entries claim with different targets: exactly (case-insensitive, traditional Han
    read as simplified) or, for proper nouns, after folding (what the matcher folds, see
    GlossarySet). Entries to review are left out (they are never matched); two lines that share a
    form with different context cues are the documented way to tell its meanings apart, so a clash
    is reported only when one of them has no cues."""
    t2s = han_t2s()
    exact: dict[str, list[tuple[Entry, str]]] = {}
    folded: dict[str, list[tuple[Entry, str]]] = {}
    for e in entries:
        if e.review:
            continue
        for form, _ in e.forms():
            key = lower(form).translate(t2s)
            exact.setdefault(key, []).append((e, form))
            if e.proper:
                folded.setdefault(fold(form), []).append((e, form))
    out: list[Claim] = []

    def clash(hits) -> bool:
        targets = {e.target.removeprefix("the ") for e, _ in hits}
        if len(targets) < 2:
            return False
        uncued = {e.target.removeprefix("the ") for e, _ in hits if not e.requires}
        # Lines of one source that differ by cues are one entry's meanings by design.
        return len(uncued) > 1 or (bool(uncued) and len({e.source for e, _ in hits}) > 1)

    for key, hits in exact.items():
        if clash(hits):
            out.append(Claim(hits[0][1], False, tuple(dict.fromkeys(e for e, _ in hits))))
    for key, hits in folded.items():
        if len({lower(form) for _, form in hits}) > 1 and clash(hits):
            out.append(Claim(hits[0][1], True, tuple(dict.fromkeys(e for e, _ in hits))))
    out.sort(key=lambda c: (c.folded, c.form))
    return out
