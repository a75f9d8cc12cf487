"""Load, validate and match glossaries (format: glossaries/README.md).

This module is the only code that knows where the shipped glossaries live (:func:`builtin_dir`).
Matching is one Aho-Corasick pass (pyahocorasick) over a lower-cased copy of the NFC text and one
over a diacritic-folded copy; both copies keep the NFC offsets, so a match maps straight back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
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
KNOWN_FLAGS = frozenset({"hand-kept", "keep"})
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


def _parse(path: Path) -> tuple[dict, list[Entry], list[GlossaryError]]:
    shown = display_path(path)
    errors: list[GlossaryError] = []
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return {}, [], [GlossaryError(f"cannot read: {exc.strerror}", shown)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return {}, [], [GlossaryError(f"not UTF-8 (byte offset {exc.start})", shown, line, col)]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != FORMAT_LINE:
        got = lines[0] if lines else ""
        if got.startswith("# normalize-glossary:"):
            msg = f"unsupported format version {got.split(':', 1)[1].strip()!r} (this normalize reads 1)"
        else:
            msg = f"first line must be {FORMAT_LINE!r}"
        return {}, [], [GlossaryError(msg, shown, 1, 1)]
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
    if i >= len(lines) or lines[i] != COLUMN_LINE:
        errors.append(GlossaryError("expected the column line: " + COLUMN_LINE.replace("\t", "<TAB>"), shown, i + 1, 1))
        return header, [], errors
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    prev_key: tuple[str, str] | None = None
    for lineno in range(i + 2, len(lines) + 1):
        line = lines[lineno - 1]
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            errors.append(
                GlossaryError(f"expected {len(COLUMNS)} tab-separated fields, found {len(fields)}", shown, lineno, 1)
            )
            continue
        col = 1
        bad = False
        for name, value in zip(COLUMNS, fields):
            if value != value.strip():
                errors.append(GlossaryError(f"{name}: leading or trailing whitespace", shown, lineno, col))
                bad = True
            elif not unicodedata.is_normalized("NFC", value):
                errors.append(GlossaryError(f"{name}: not NFC", shown, lineno, col))
                bad = True
            col += len(value) + 1
        source, target, typ, aliases, requires, han, flags, note = fields
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
            name = flag.split("=", 1)[0]
            if flag in KNOWN_FLAGS or (name == "romanization" and flag.split("=", 1)[-1] in ROMANIZATIONS):
                continue
            if flag == TODO_FLAG:  # a stub written by `normalize survey`, not filled in yet
                errors.append(GlossaryError("to-do stub: fill in target and type, then remove the 'todo' flag", shown, lineno, cols[6]))
                bad = True
                continue
            errors.append(GlossaryError(f"unknown flag {flag!r}", shown, lineno, cols[6]))
            bad = True
        key = (source, requires)
        if key in seen:
            errors.append(GlossaryError(f"duplicate entry (first on line {seen[key]})", shown, lineno, 1))
            bad = True
        elif prev_key is not None and key < prev_key:
            errors.append(GlossaryError("not sorted: entries are sorted by (source, requires)", shown, lineno, 1))
        seen.setdefault(key, lineno)
        prev_key = key
        if bad:
            continue
        entries.append(
            Entry(
                source=source,
                target=target,
                type=typ,
                aliases=_split(aliases),
                requires=_split(requires),
                han=han,
                flags=_split(flags.replace(",", "|")),
                note=note,
                path=shown,
                line=lineno,
                language=header.get("source-language", "und"),
            )
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
        if unicodedata.combining(base) or len(base) != 1:
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
    return text.translate(_FOLD)


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


class GlossarySet:
    """All loaded glossaries, with a matcher. Later files override earlier ones on (source, requires)."""

    def __init__(self, files: Iterable[GlossaryFile]):
        by_key: dict[tuple[str, tuple[str, ...]], Entry] = {}
        for f in files:
            for e in f.entries:
                by_key[(e.source, e.requires)] = e
        self.entries: tuple[Entry, ...] = tuple(by_key.values())
        self._exact: dict[str, list[tuple[Entry, str, bool]]] = {}
        self._folded: dict[str, list[tuple[Entry, str, bool]]] = {}
        t2s = han_t2s()
        for e in self.entries:
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

    @classmethod
    def from_config(cls, config) -> "GlossarySet":
        paths: list[Path] = []
        if config.builtin_glossary:
            paths.extend(builtin_files())
        paths.extend(Path(p) for p in config.glossaries)
        paths_t = tuple(paths)
        try:
            digest = _cache.key("glossary-set", paths_t, code=(__file__,))
        except OSError as exc:
            raise GlossaryError(f"cannot read: {exc.strerror}", getattr(exc, "filename", "") or "") from None
        return _set_for(paths_t, digest)

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

    def scan(self, nfc: str) -> list[Match]:
        """Every boundary-respecting match (overlaps included), exact and folded."""
        ascii_auto, other_auto = self._automata or self._build()
        out: list[Match] = []
        low = lower(nfc)
        if ascii_auto is not None:
            folded = low if nfc.isascii() else fold(nfc)
            for end_idx, key in ascii_auto.iter(folded):
                self._emit(nfc, low, end_idx - len(key) + 1, end_idx + 1, key, out)
        if other_auto is not None and not nfc.isascii():
            width = self._max_other
            windows: list[list[int]] = []
            for m in _NON_ASCII_LETTER.finditer(nfc):
                ws, we = max(0, m.start() - width), min(len(nfc), m.end() + width)
                if windows and ws <= windows[-1][1]:
                    windows[-1][1] = max(windows[-1][1], we)
                else:
                    windows.append([ws, we])
            # Traditional Han is matched through the simplified keys, character for character.
            low_s = low.translate(han_t2s())
            for ws, we in windows:
                for end_idx, key in other_auto.iter(low_s, ws, we):
                    self._emit(nfc, low_s, end_idx - len(key) + 1, end_idx + 1, key, out)
        return out

    def lookup(self, text: str) -> list[Match]:
        """Matches in ``text`` (NFC-normalised first), for `normalize glossary lookup`."""
        return self.scan(unicodedata.normalize("NFC", text))

    def get(self, form: str) -> list[Entry]:
        """Entries whose written form equals ``form`` exactly (case-insensitive), then folded."""
        hits = self._exact.get(lower(unicodedata.normalize("NFC", form)).translate(han_t2s()))
        if hits:
            return [e for e, _, _ in hits]
        return [e for e, _, _ in self._folded.get(fold(unicodedata.normalize("NFC", form)), [])]


@lru_cache(maxsize=8)
def _set_for(paths: tuple[Path, ...], digest: str) -> GlossarySet:
    """The compiled set for these files (per process, and on disk across runs: normalize/_cache.py).
    An edited file (new size or mtime) gets a new key, hence a new set."""
    def build() -> GlossarySet:
        gs = GlossarySet(load_file(p) for p in paths)
        gs._build()  # the automata pickle too (pyahocorasick supports it)
        return gs

    gs = _cache.cached("glossary-set", digest, build)
    gs.digest = digest  # lets tables derived from this set be cached on disk too
    return gs
