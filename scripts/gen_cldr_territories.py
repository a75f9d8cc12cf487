"""Generate glossaries/places/<lang>-en.countries.tsv from CLDR territory names (via Babel).

Every CLDR territory (ISO 3166 countries and territories, plus the UN M.49 regions CLDR names)
in Vietnamese and in the other languages whose script leftovers appear in English MT output:
Chinese (simplified and traditional), Japanese, Korean, Russian, Thai, Arabic. The English target
is CLDR's English name, adjusted by ``ENGLISH`` below where news English differs (articles, short
forms); Vietnamese press forms CLDR lacks ("Mỹ") come from scripts/data/vi-countries-press.tsv.

Run: python scripts/gen_cldr_territories.py   (rewrites the files; commit the result)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hanpivot  # noqa: E402
from glossary_io import GLOSSARIES, read_hand_tsv, row, write  # noqa: E402

# Babel locale per output file (file language tag -> Babel locale id).
LANGUAGES = {
    "vi": "vi",
    "zh-Hans": "zh",
    "zh-Hant": "zh_Hant",
    "ja": "ja",
    "ko": "ko",
    "ru": "ru",
    "th": "th",
    "ar": "ar",
}

# Codes that are not places: unknown region, pseudo-locales, and "Outlying Oceania" (a CLDR
# grouping no news text names).
SKIP = {"ZZ", "XA", "XB", "QO"}

# CLDR region names that news Chinese uses for something else: 中美 (Central America in zh-Hant) and
# 中非 (Middle Africa) are the usual abbreviations of "China-US" and "China-Africa" (中美关系).
SKIP_NAMES = {"\u4e2d\u7f8e", "\u4e2d\u975e"}

# English as news writes it (AP/Reuters style: the article with plural and "Republic"/"Union"
# names, "Hong Kong" and "Macau" without "SAR China", "and" for "&"). CLDR's English otherwise.
ENGLISH = {
    "001": "the world",
    "019": "the Americas",
    "029": "the Caribbean",
    "AE": "the United Arab Emirates",
    "BS": "the Bahamas",
    "CD": "the Democratic Republic of the Congo",
    "CF": "the Central African Republic",
    "CG": "the Republic of the Congo",
    "CK": "the Cook Islands",
    "DO": "the Dominican Republic",
    "EU": "the European Union",
    "EZ": "the eurozone",
    "FK": "the Falkland Islands",
    "FO": "the Faroe Islands",
    "GB": "the United Kingdom",
    "GM": "the Gambia",
    "HK": "Hong Kong",
    "KM": "the Comoros",
    "KY": "the Cayman Islands",
    "MH": "the Marshall Islands",
    "MM": "Myanmar",
    "MO": "Macau",
    "MP": "the Northern Mariana Islands",
    "MV": "the Maldives",
    "NL": "the Netherlands",
    "PH": "the Philippines",
    "PS": "the Palestinian territories",
    "SB": "the Solomon Islands",
    "SC": "Seychelles",
    "SH": "St. Helena",
    "TC": "the Turks and Caicos Islands",
    "UM": "the U.S. Outlying Islands",
    "UN": "the United Nations",
    "US": "the United States",
    "VA": "Vatican City",
    "VG": "the British Virgin Islands",
    "VI": "the U.S. Virgin Islands",
}

ORGS = {"EU", "UN"}

# A one-syllable Vietnamese country name (Pháp, Ý, Nga, Đức, Anh) is also a Vietnamese word or
# given name; no cue list gates it: normalize/detect/glossary_scan.py decides from the words around
# it (country_context) whether it is the country. "Mỹ" is the exception (flag ``anywhere``): the
# press name of the United States, too frequent to gate (its compounds Mỹ Tho, Mỹ Sơn are
# Vietnamese-place entries and win by length).
UNGATED_SHORT = {"Mỹ"}
def adjective(code: str) -> str | None:
    """The English adjective of a country ("Japanese"), from countryinfo's demonym (MIT; data from
    REST Countries). None when there is none or it is not one adjective ("Bosnian,Herzegovinian"):
    such a country keeps its name as a modifier."""
    from countryinfo import CountryInfo

    if not (len(code) == 2 and code.isalpha()):
        return None
    try:
        dem = (CountryInfo(code).info() or {}).get("demonym") or ""
    except Exception:  # countryinfo raises its own error type for a code it lacks (XK, EZ)
        return None
    dem = dem.strip()
    if not dem or any(c in dem for c in ",/()") or " or " in dem:
        return None
    return dem


def flags_for(code: str, typ: str, flags: list[str]) -> list[str]:
    adj = adjective(code) if typ == "country" else None
    return flags + ([f"adj={adj}"] if adj else [])


def english(code: str, en: dict) -> str:
    return ENGLISH.get(code) or en[code].replace(" & ", " and ")


def entity_type(code: str) -> str:
    if code in ORGS:
        return "org"
    return "place" if code.isdigit() or code == "EZ" else "country"


def same_as_english(source: str, target: str, en_name: str) -> bool:
    """A name written as in English is not a leftover (Canada, Kosovo, Côte d’Ivoire)."""
    fold = lambda s: hanpivot.strip_diacritics(s).casefold().removeprefix("the ")  # noqa: E731
    return fold(source) in {fold(target), fold(en_name)}


def build(lang: str, babel_id: str) -> tuple[list[dict], str]:
    from babel import Locale

    en = Locale("en").territories
    names = Locale.parse(babel_id).territories
    press = {}
    if lang == "vi":
        for r in read_hand_tsv(Path(__file__).parent / "data" / "vi-countries-press.tsv"):
            press[r["source"]] = r
    # A name two codes share (zh: none today) would be ambiguous: drop it rather than guess.
    counts: dict[str, int] = {}
    for code, name in names.items():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    rows = []
    seen = set()
    for code, name in sorted(names.items()):
        if code in SKIP or code not in en or counts[name.casefold()] > 1 or name in SKIP_NAMES:
            continue
        target = english(code, en)
        if same_as_english(name, target, en[code]):
            continue
        flags = []
        requires = ()
        note = f"CLDR {code}"
        aliases = []
        if lang == "vi":
            aliases = [v for v in hanpivot.spelling_variants(name) if not same_as_english(v, target, en[code])]
            # Single-syllable stripped forms (Duc, Nga, Phap, Uc) are English or other-language
            # words: keep only multi-word stripped forms.
            aliases = [a for a in aliases if " " in a or not a.isascii()]
            if name in press:
                note += "; " + press[name]["note"]
            if code == "VN":
                # Vietnamese outlets write "Việt Nam" in English: correct as written.
                flags.append("keep")
        seen.add(name)
        typ = entity_type(code)
        rows.append(row(name, target, typ, aliases, requires, flags=flags_for(code, typ, flags), note=note))
    for source, r in press.items():
        if source in seen:
            continue
        code = r["code"]
        target = code[1:] if code.startswith("=") else english(code, en)
        if code.startswith("="):
            # Literal targets: a former state is a country, anything else a region.
            typ = "country" if "Soviet" in code else "place"
        else:
            typ = entity_type(code)
        aliases = [
            a
            for a in hanpivot.spelling_variants(source)
            if (" " in a or not a.isascii()) and not same_as_english(a, target, target)
        ]
        ref = f"CLDR {code}; " if not code.startswith("=") else ""
        flags = ["hand-kept"] + (["anywhere"] if source in UNGATED_SHORT else [])
        flags = flags_for(code, typ, flags) if not code.startswith("=") else flags
        rows.append(row(source, target, typ, aliases, (), flags=flags, note=ref + r["note"]))
    return rows, babel_id


def main() -> None:
    import babel

    for lang, babel_id in LANGUAGES.items():
        rows, _ = build(lang, babel_id)
        header = {
            "domain": "places",
            "source-language": lang,
            "target-language": "en",
            "license": "Unicode-3.0 (CLDR data via Babel)"
            + ("; hand-kept press forms: scripts/data/vi-countries-press.tsv" if lang == "vi" else ""),
            "origin": f"generated by scripts/gen_cldr_territories.py from Babel {babel.__version__} "
            f"(CLDR locale {babel_id}); do not edit",
        }
        n = write(GLOSSARIES / "places" / f"{lang}-en.countries.tsv", header, rows)
        print(f"places/{lang}-en.countries.tsv: {n}")


if __name__ == "__main__":
    main()
