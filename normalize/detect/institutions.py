"""Vietnamese institutions, administrative divisions and press abbreviations (issue 12.5).

Patterns over the glossary, never a list of answers:

- a head before a glossary place: "Đại học Huế" -> "Hue University", "Tỉnh Quảng Ninh" ->
  "Quảng Ninh province", "TP Đà Nẵng" -> "Đà Nẵng" (a centrally run municipality is named
  alone; another city takes "City": "TP.Thủ Đức" -> "Thủ Đức City"), "UBND tỉnh Quảng Ninh" ->
  "the Quang Ninh Provincial People's Committee", "Sở Y tế Hà Nội" -> "the Hanoi Department of
  Health";
- the division level alone: "UBND tỉnh" -> "the provincial People's Committee";
- numbered urban divisions: "Quận 1" / "Q.1" -> "District 1", "Phường 5" / "P.5" -> "Ward 5";
- press acronyms derived from the glossary's own multi-syllable Vietnamese entries (the first
  letter of each syllable, Đ kept; a "và" join written with a hyphen or "&"): "UBND", "HĐND",
  "NHNN", "ĐBSCL", "Bộ GD-ĐT", "Sở GTVT". An acronym applies only when one glossary target claims
  it and it is not an English word or acronym (wordfreq); two targets -> not applied.

An org's English name is its established form, written without diacritics ("Hue University",
"the Hanoi People's Committee"); a place after a division word stays as the place glossary says
it is written in English copy (a ``keep`` entry keeps its Vietnamese letters).
"""

from __future__ import annotations

import re
import unicodedata

from .. import _cache
from .gloss import is_gloss

CONF_PATTERN = 0.9
CONF_ACRONYM = 0.85
# An acronym is an English word or acronym when it is this frequent in English (wordfreq Zipf:
# "BCT" 2.2, "DT" 3.6) -- unless Vietnamese uses it far more ("KCN" en 1.5, vi 3.3).
EN_ACRONYM_ZIPF = 1.0
VI_MARGIN = 1.5
EN_CEILING = 2.5
MIN_LETTERS = 3

_NBSP = "\u00a0"
_SP = "[ \u00a0]"
_PC = r"(?:[ỦUủu][ỷỷy] ban [Nn]hân dân|UBND)"
_PCOUNCIL = r"(?:Hội đồng [Nn]hân dân|HĐND)"
# Division words after a People's Committee/Council, with the adjective English uses.
_LEVELS = {"tỉnh": "provincial", "thành phố": "city", "tp": "city", "tp.": "city", "huyện": "district",
           "quận": "district", "thị xã": "town", "xã": "commune", "phường": "ward", "thị trấn": "township"}
_LEVEL = r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|thị trấn|xã|phường)"
_COUNCIL_HEAD = re.compile(rf"(?P<body>{_PC}|{_PCOUNCIL})(?:{_SP}(?P<lvl>{_LEVEL}))?(?=[ \u00a0.]?$)")
_HEADS = re.compile(
    rf"(?:(?P<uni>(?:[Tt]rường )?Đại học)|(?P<prov>[Tt]ỉnh)|(?P<city>[Tt]hành phố|TP\.|TP)|(?P<dist>[Qq]uận|[Hh]uyện))"
    r"[ \u00a0]?$"
)
_TEMPLATES = {"uni": ("{} University", "org"), "prov": ("{} province", "place"), "dist": ("{} District", "place")}
# A bare division level after a People's Committee or Council ("UBND tỉnh rejected ...").
_LEVEL_ALONE = re.compile(rf"\b(?P<body>{_PC}|{_PCOUNCIL}){_SP}(?P<lvl>{_LEVEL})(?![\w.])")
_NUMBERED = re.compile(r"(?<![\w.])(?:(?P<qw>[Qq]uận)|(?P<pw>[Pp]hường)|(?P<q>Q\.)|(?P<p>P\.))[ \u00a0]?(?P<n>\d{1,2})(?![\w.,]\d|\w)")
# "Q.3" is a district where English puts a place ("in Q.3", "Cafes in Q.3") or in an address
# chain ("P.5, Q.3"); elsewhere Q.3 may be a question or a quarter.
_LOCATIVE = re.compile(r"\b(?:in|at|from|to|near|of|across|inside|outside)[ \u00a0]+$", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![\w.&-])(?:(?P<head>Bộ|Sở)[ \u00a0]+)?(?P<acr>[A-ZĐ][A-ZĐ]*(?:[-&][A-ZĐ]+)*)(?![\w&-]|\.\w)")
_JOINS = re.compile(r"\s+(?:và|-|–)\s+|,\s+")

# Where the patterns' matches can start (issue 14: each pattern tried at every position of a 2 MB
# text cost 0.07-0.11 s a scan): every match holds one of the needles ``back`` characters after
# its start, and the needles are found by a plain string search.
_LEVEL_NEEDLES = (("UBND", 0), ("HĐND", 0), ("hân dân", len("Uỷ ban N")), ("hân dân", len("Hội đồng N")))
_NUMBERED_NEEDLES = (("uận", 1), ("hường", 1), ("Q.", 0), ("P.", 0))
_UNIVERSITY_NEEDLES = (("Đại học", 0), ("Đại học", len("Trường ")))
_HEAD_NEEDLES = (("Bộ", 0), ("Sở", 0))
# An acronym of two letters or more starts with two of them, or a letter, a join and a letter.
_ACRONYM_START = re.compile(r"[A-ZĐ][-&]?[A-ZĐ]")


def _starts(text: str, needles) -> list[int]:
    """Ascending offsets ``i - back`` for every occurrence ``i`` of each (needle, back) in ``text``."""
    out = []
    for needle, back in needles:
        i = text.find(needle)
        while i != -1:
            if i >= back:
                out.append(i - back)
            i = text.find(needle, i + 1)
    out.sort()
    return out


def _finditer_at(pattern: re.Pattern, text: str, starts):
    """``pattern.finditer(text)`` tried only at ``starts`` (ascending): the same matches when every
    match the whole-text iteration yields starts at one of them. A search that reaches offset p
    finds what ``pattern.match(text, p)`` finds (look-behinds and word boundaries read the text before p),
    and the iteration goes on from the end of each match."""
    end = 0
    for p in starts:
        if p >= end and (m := pattern.match(text, p)) is not None:
            end = m.end()
            yield m


def _acronym_hits(nfc: str):
    """The matches of ``_ACRONYM`` with two letters or more, as its whole-text iteration gives them.
    Such a match starts at its acronym (where ``_ACRONYM_START`` matches: the letter before it is
    no letter, join or dot) or at its head (Bộ, Sở). Two matches overlap only as a head match and
    the bare match of the same acronym, so the one-letter matches tried nowhere hide none."""
    starts = sorted([m.start() for m in _ACRONYM_START.finditer(nfc)] + _starts(nfc, _HEAD_NEEDLES))
    return (a for a in _finditer_at(_ACRONYM, nfc, starts) if len(a.group("acr")) >= 2)


def _initial(syllable: str) -> str:
    if len(syllable) > 1 and syllable.isupper():
        return syllable  # already an abbreviation ("TP" in "TP Hồ Chí Minh")
    ch = syllable[0]
    if ch in "Đđ":
        return "Đ"
    return unicodedata.normalize("NFD", ch)[0].upper()


def acronyms(phrase: str) -> set[str]:
    """The press acronyms of a Vietnamese phrase: "Giáo dục và Đào tạo" -> GDĐT, GD-ĐT, GD&ĐT."""
    parts = [p for p in _JOINS.split(phrase) if p]
    groups = ["".join(_initial(s) for s in p.split() if s[0].isalpha()) for p in parts]
    if not all(groups):
        return set()
    out = {"".join(groups)}
    if len(groups) > 1:
        out |= {"-".join(groups), "-".join(groups[:-1]) + "&" + groups[-1]}
    return out


def _letters(acr: str) -> int:
    return sum(c.isalpha() for c in acr)


def _english(acr: str) -> bool:
    """Is ``acr`` an English word or acronym (or too short to tell)?"""
    from wordfreq import zipf_frequency

    if _letters(acr) < MIN_LETTERS and "-" not in acr and "&" not in acr:
        return True
    key = acr.lower()
    en, vi = zipf_frequency(key, "en"), zipf_frequency(key, "vi")
    if en < EN_ACRONYM_ZIPF:
        return False
    return not (en < EN_CEILING and vi - en >= VI_MARGIN)


def _department(target: str) -> str | None:
    """A provincial department is named like its ministry: the Ministry of Health -> the
    Department of Health (Government of Vietnam English portal usage)."""
    if target.startswith("the Ministry of "):
        return "the Department of " + target.removeprefix("the Ministry of ")
    return None


def _index_entries(entries) -> dict[str, set]:
    """key ("UBND", "Bộ GD-ĐT", "Sở Y tế") -> {(target, type, path, line, expanded source)}."""
    raw: dict[str, set] = {}
    for e in entries:
        # Organisations, and Vietnamese places (``keep``: the regions and cities the press
        # abbreviates, ĐBSCL, TPHCM); a foreign place read in Vietnamese has no press acronym.
        if e.language != "vi" or e.requires or e.review or not (e.type == "org" or (e.type == "place" and e.keep)):
            continue
        words = e.source.split()
        if len(words) < 2 or any(c.isdigit() for c in e.source) or not all(w[0].isalpha() or w in "-–" for w in words):
            continue
        claim = (e.target, e.type, e.path, e.line, e.source)
        for acr in acronyms(e.source):
            raw.setdefault(acr, set()).add(claim)
        head, tail = words[0], " ".join(words[1:])
        if head != "Bộ" or e.type != "org":
            continue
        dept = _department(e.target)
        dept_claim = (dept, "org", e.path, e.line, "Sở " + tail)
        if dept:
            raw.setdefault("Sở " + tail, set()).add(dept_claim)
        if len(words) > 2:
            for acr in acronyms(tail):
                raw.setdefault(f"Bộ {acr}", set()).add(claim)
                if dept:
                    raw.setdefault(f"Sở {acr}", set()).add(dept_claim)
    return raw


def _build_index(entries) -> dict:
    out: dict = {}
    for key, claims in _index_entries(entries).items():
        bare = key.split(" ", 1)[-1]
        if " " not in key and _english(bare):
            continue  # an English word or acronym
        # Two targets: every claim is kept, and the matcher reports the form with its
        # candidates instead of choosing (glossary-resolve lowers ambiguous confidence).
        out[key] = tuple(sorted({c[0]: c for c in sorted(claims)}.values()))
    # Department names are matched by prefix after "Sở " (longest first).
    out[_DEPT_KEYS] = tuple(sorted((k for k in out if k.startswith("Sở ") and not k.isupper()), key=len, reverse=True))
    return out


_DEPT_KEYS = "\x00departments"


def acronym_index(gl) -> dict:
    """key -> ((target, type, path, line, expanded source), ...) -- one per target --, built once per glossary set (disk cache)."""
    digest = getattr(gl, "digest", None)
    if digest is None:
        return _build_index(gl.entries)
    code = _cache.key("acronyms", [], code=(__file__,))
    return _cache.cached("acronyms", digest + code, lambda: _build_index(gl.entries))


def _match(start, end, text, target, typ, origin, source, note):
    """A synthetic match whose entry names the glossary line it was built from (``origin``:
    an Entry, or (path, line))."""
    from ..glossary import Entry, Match

    path, line = (origin.path, origin.line) if isinstance(origin, Entry) else origin
    entry = Entry(source, target, typ, (), (), "", (), note, path, line, "vi")
    return Match(start, end, entry, text, True, False)


def _municipal(entry) -> bool:
    """A centrally run municipality (ISO 3166-2 lists it as one): English names it alone."""
    return "municipality" in entry.note


def _place_name(entry, written: str, english: bool) -> str:
    """The place as written inside a larger name: its English target inside an org's established
    English name, as the place glossary writes it in copy otherwise."""
    if english or not entry.keep:
        return entry.target.removeprefix("the ")
    return written


def _council(h, place_en):
    body = h.group("body")
    council = body.startswith(("H", "h"))
    what = "People's Council" if council else "People's Committee"
    lvl = (h.group("lvl") or "").lower()
    adjective = "Provincial " if _LEVELS.get(lvl) == "provincial" else ""
    return f"the {place_en} {adjective}{what}"


def _head_match(doc, m):
    """A division or institution head right before glossary place ``m``, as a match, or None."""
    nfc = doc.nfc
    before = nfc[max(0, m.start - 40) : m.start]
    h = _COUNCIL_HEAD.search(before)
    written = nfc[m.start : m.end]
    if h is not None and before[h.end():].strip(" \u00a0") in ("", "."):
        start = m.start - len(before) + h.start()
        target = _council(h, _place_name(m.entry, written, True))
        head = h.group(0).strip()
        return _match(start, m.end, nfc[start : m.end], target, "org", m.entry, head + " " + m.entry.source,
                      f"pattern {head!r} + place; {m.entry.note}"), f"{head!r} + glossary place {m.form!r}"
    h = _HEADS.search(before)
    if h is None:
        return None
    kind = next(k for k, v in h.groupdict().items() if v)
    joined = h.group(0)
    if not joined.endswith((" ", _NBSP)) and not (kind == "city" and joined.endswith(".")):
        return None  # "TPHà" is no head; "TP.Đà Nẵng" is
    start = m.start - len(before) + h.start()
    head = joined.strip()
    if kind == "city":
        x = _place_name(m.entry, written, False)
        target = x if (_municipal(m.entry) or x.endswith(" City")) else f"{x} City"
        typ = "place"
    else:
        template, typ = _TEMPLATES[kind]
        target = template.format(_place_name(m.entry, written, typ == "org"))
    return _match(start, m.end, nfc[start : m.end], target, typ, m.entry, head + " " + m.entry.source,
                  f"pattern {head!r} + place; {m.entry.note}"), f"{head!r} + glossary place {m.form!r}"


def _places(doc, raw) -> list:
    nfc = doc.nfc
    return [m for m in raw if m.entry.type in ("place", "country") and m.start > 0 and not m.entry.requires
            and m.exact and nfc[m.start].isupper() and not is_gloss(doc, m.start, m.end)]


def _place_at(places, pos):
    """The longest place match starting at ``pos``, or None."""
    hits = [m for m in places if m.start == pos]
    return max(hits, key=lambda m: m.end) if hits else None


def _acronym_matches(doc, raw, index):
    """Press acronyms ("UBND", "Bộ GD-ĐT", "Sở GTVT") and departments ("Sở Y tế"), with the
    place a department serves when one follows ("Sở Y tế Hà Nội")."""
    nfc = doc.nfc
    out = []
    for a in _acronym_hits(nfc):
        head, acr = a.group("head"), a.group("acr")
        key, start = (f"{head} {acr}", a.start()) if head else (acr, a.start("acr"))
        if key not in index:
            key, start = acr, a.start("acr")
        for hit in index.get(key, ()):
            out.append(_acronym_match(doc, start, a.end(), key, hit))
    for s in _finditer_at(_DEPT_HEAD, nfc, _starts(nfc, (("Sở", 0),))):
        for key in index.get(_DEPT_KEYS, ()):
            if nfc.startswith(key, s.start()) and not _word_char_at(nfc, s.start() + len(key)):
                out.extend(_acronym_match(doc, s.start(), s.start() + len(key), key, hit) for hit in index[key])
                break
    places = _places(doc, raw) if out else []
    for m, _, why in list(out):
        if not m.entry.target.startswith("the Department of ") or not nfc.startswith((" ", _NBSP), m.end):
            continue
        p = _place_at(places, m.end + 1)
        if p is not None:
            x = _place_name(p.entry, nfc[p.start : p.end], True)
            target = m.entry.target.replace("the ", f"the {x} ", 1)
            out.append((_match(m.start, p.end, nfc[m.start : p.end], target, "org", (m.entry.path, m.entry.line),
                               m.entry.source + " " + p.entry.source, f"{m.entry.note}; + place {p.entry.ref}"),
                        CONF_PATTERN, f"{why} + glossary place {p.form!r}"))
    return out


def _word_char_at(nfc, i):
    return i < len(nfc) and (nfc[i].isalnum() or nfc[i] in "-&")


_DEPT_HEAD = re.compile(r"(?<!\w)Sở[ \u00a0]")


def _acronym_match(doc, start, end, key, hit):
    target, typ, path, line, source = hit
    if key == source:
        note, why = f"a department named like its ministry ({path}:{line})", f"{source!r}: a department named like its ministry"
        conf = CONF_PATTERN
    else:
        note, why = f"press acronym of {source!r} ({path}:{line})", f"press acronym {key!r} of glossary entry {source!r}"
        conf = CONF_ACRONYM
    return _match(start, end, doc.nfc[start:end], target, typ, (path, line), source, note), conf, why


def _level_matches(doc, origin):
    """A People's Committee or Council with its level and no place: "UBND tỉnh" -> "the
    provincial People's Committee"."""
    out = []
    for h in _finditer_at(_LEVEL_ALONE, doc.nfc, _starts(doc.nfc, _LEVEL_NEEDLES)):
        what = "People's Council" if h.group("body").startswith(("H", "h")) else "People's Committee"
        target = f"the {_LEVELS[h.group('lvl').lower()]} {what}"
        out.append((_match(h.start(), h.end(), h.group(0), target, "org", origin, h.group(0),
                           "pattern: People's Committee/Council + division level"),
                    CONF_PATTERN, f"{h.group(0)!r}: a People's Committee/Council and its level"))
    return out


def _numbered_matches(doc, origin):
    """"Quận 1" / "Q.1" -> "District 1", "Phường 5" / "P.5" -> "Ward 5" (urban divisions of
    Vietnamese cities are numbered)."""
    nfc = doc.nfc
    out = []
    for n in _finditer_at(_NUMBERED, nfc, _starts(nfc, _NUMBERED_NEEDLES)):
        short = n.group("q") or n.group("p")
        if short:
            after = nfc[n.end() : n.end() + 12]
            chain = re.match(r",[ \u00a0]*(?:Q\.|Quận|quận|TP|Thành phố|thành phố)", after)
            if not chain and not (n.group("q") and _LOCATIVE.search(nfc, max(0, n.start() - 12), n.start())):
                continue
            prev = nfc[max(0, n.start() - 8) : n.start()]
            if n.group("p") and not chain and not re.search(r"(?:P\.|Phường)[ \u00a0]?\d{1,2},[ \u00a0]*$", prev):
                continue
        word = "District" if (n.group("qw") or n.group("q")) else "Ward"
        target = f"{word} {int(n.group('n'))}"
        out.append((_match(n.start(), n.end(), n.group(0), target, "place", origin, n.group(0),
                           f"pattern: numbered urban {word.lower()}"),
                    CONF_PATTERN, f"{n.group(0)!r}: a numbered {word.lower()} of a Vietnamese city"))
    return out


# Vietnamese generic heads written in lower case before a name ("núi Thái Sơn" = Mount Tai): the
# glossary's capitalisation test reads the first word, so these entries are accepted here when
# every word after the head is capitalised (places/vi-en.cedict.tsv).
GENERIC_HEADS = frozenset({"núi"})


def _generic_head_matches(doc, raw):
    out = []
    for m in raw:
        words = doc.nfc[m.start : m.end].split()
        if not m.exact or m.entry.type != "place" or m.entry.requires or len(words) < 2:
            continue
        if words[0].lower() in GENERIC_HEADS and all(w[0].isupper() for w in words[1:]):
            out.append((m, CONF_PATTERN, f"{words[0]!r} + name: glossary form {m.form!r}"))
    return out


# "Đại học Harvard": a university named after a foreign (not Vietnamese-spelled) proper name is
# "<Name> University" in news English (Harvard University, Stanford University).
# One name only: "Đại học Stanford Medicine" is no "Stanford Medicine University".
_FOREIGN_UNIVERSITY = re.compile(r"(?<!\w)(?:[Tt]rường )?Đại học[ \u00a0]([A-Z][a-z]+)(?![\w-]|[ \u00a0][A-Z])")
CONF_FOREIGN_NAME = 0.85


def _foreign_university_matches(doc, origin):
    from .common import is_vi_syllable

    out = []
    for u in _finditer_at(_FOREIGN_UNIVERSITY, doc.nfc, _starts(doc.nfc, _UNIVERSITY_NEEDLES)):
        words = u.group(1).split()
        if any(is_vi_syllable(w.lower()) for w in words):
            continue  # a Vietnamese name without its marks, or a Vietnamese word
        target = f"{' '.join(words)} University"
        out.append((_match(u.start(), u.end(), u.group(0), target, "org", origin, u.group(0),
                           "pattern: Đại học + a foreign proper name"),
                    CONF_FOREIGN_NAME, f"'Đại học' + foreign name {u.group(1)!r}"))
    return out


def pattern_matches(doc, ctx, raw, accepted=()) -> list:
    """Institution, division and abbreviation matches for ``doc`` as (Match, confidence, why).
    Whole names the glossary knows (Đại học Bắc Kinh = Peking University) are exact org matches
    at the same span and win over a pattern."""
    out = []
    for m in _places(doc, raw):
        got = _head_match(doc, m)
        if got is not None:
            out.append((got[0], CONF_PATTERN, got[1]))
    out.extend(_acronym_matches(doc, raw, acronym_index(ctx.glossary)))
    origin = (__name__.replace(".", "/") + ".py", 1)
    out.extend(_level_matches(doc, origin))
    out.extend(_numbered_matches(doc, origin))
    out.extend(_generic_head_matches(doc, raw))
    out.extend(_foreign_university_matches(doc, origin))
    # Only a whole name that is itself accepted here outranks the pattern: an org entry refused
    # in this context (a bare plain-ASCII form) must not hide the derived acronym.
    known = {(t[0].start, t[0].end) for t in accepted if t[0].exact and t[0].entry.type == "org"}
    return [t for t in out if (t[0].start, t[0].end) not in known and not is_gloss(doc, t[0].start, t[0].end)]
