"""Generate the hand-kept glossaries (organisations, titles, words) from scripts/data/.

Inputs: scripts/data/vi-orgs.tsv, vi-titles.tsv, vi-words.tsv, zh-orgs.tsv (each entry with its
source note). The script adds what can be derived instead of typed:

- spelling variants as aliases: old/new tone-mark placement (Hòa/Hoà), i/y, and the diacritic-stripped
  form of multi-word names ("Tong Bi thu" in ASCII captions); a stripped form equal to English is left out;
- context cues: ``@NAME`` macros expand to cue lists. ``@CN-*`` macros are derived from the people
  glossary (people/vi-en.chinese.tsv, generated first): every current or past office holder whose role
  matches, in both the Vietnamese reading and the English name, so "Thủ tướng" becomes "Premier" next to
  "Lý Cường" or "Li Qiang" and stays "Prime Minister" next to a Vietnamese prime minister.

Run: python scripts/gen_hand_glossaries.py   (after scripts/gen_people.py)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hanpivot  # noqa: E402
from glossary_io import GLOSSARIES, read_hand_tsv, row, source_forms, write  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"

# US office holders and words that put a Vietnamese org/title in a US context (public office lists).
US_MACROS = {
    "@US": ("Mỹ", "Washington", "American", "United States", "U.S.", "Trump", "Biden"),
    "@US-STATE": ("Rubio", "Marco Rubio", "Blinken", "Antony Blinken", "Pompeo", "State Department", "Tammy Bruce"),
    "@US-TREASURY": ("Bessent", "Scott Bessent", "Yellen", "Janet Yellen", "Mnuchin", "Treasury"),
    "@US-DEFENSE": ("Hegseth", "Pete Hegseth", "Lloyd Austin", "Pentagon"),
    "@US-COMMERCE": ("Lutnick", "Howard Lutnick", "Raimondo", "Gina Raimondo"),
    "@US-JUSTICE": ("Bondi", "Pam Bondi", "Garland", "Merrick Garland", "FBI"),
    "@US-CONGRESS": ("Senate", "Capitol", "Republicans", "Democrats", "Speaker Johnson", "Mike Johnson", "Thượng viện"),
    "@CN": ("Trung Quốc", "China", "Chinese", "Beijing", "Bắc Kinh"),
    "@HK": ("Hồng Kông", "Hong Kong"),
}
# Role patterns over people/vi-en.chinese.tsv notes (the office column of chinese-people.tsv).
CN_ROLES = {
    "@CN-PREMIER": r"^Premier\b",
    "@CN-VICE-PREMIER": r"Vice Premier",
    "@CN-MFA": r"Foreign Minist|MFA spokesperson",
    "@CN-COMMERCE": r"Commerce|trade negotiator|Trade Representative",
}


def people_macros() -> dict[str, tuple[str, ...]]:
    path = GLOSSARIES / "people" / "vi-en.chinese.tsv"
    out: dict[str, list[str]] = {k: [] for k in CN_ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("source\t"):
            continue
        source, target, *_, note = line.split("\t")
        for macro, pattern in CN_ROLES.items():
            if re.search(pattern, note):
                out[macro] += [source, target]
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def expand(requires: str, macros: dict) -> tuple[str, ...]:
    cues: list[str] = []
    for cue in filter(None, requires.split("|")):
        if cue.startswith("@"):
            if cue not in macros:
                raise SystemExit(f"unknown cue macro {cue}")
            cues.extend(macros[cue])
        else:
            cues.append(cue)
    return tuple(dict.fromkeys(cues))


def other_forms() -> set[str]:
    """Forms of the generated place and people glossaries: a stripped alias that equals one of them
    is another entity ("Nha Trang" is the city, not a stripped "Nhà Trắng", the White House)."""
    return source_forms(sorted(p for sub in ("places", "people") for p in (GLOSSARIES / sub).glob("*.tsv")))


def aliases_for(source: str, target: str, taken: set[str]) -> list[str]:
    out = []
    for v in hanpivot.spelling_variants(source):
        if v.isascii() and (" " not in v or v.casefold() == target.casefold().removeprefix("the ")):
            continue
        if v.casefold() in taken:
            continue
        out.append(v)
    return out


def build(name: str, macros: dict, vietnamese: bool) -> list[dict]:
    rows = []
    taken = other_forms()
    for r in read_hand_tsv(DATA / name):
        flags = ["hand-kept"] + [f for f in r.get("flags", "").split(",") if f]
        al = aliases_for(r["source"], r["target"], taken) if vietnamese else []
        rows.append(row(r["source"], r["target"], r["type"], al, expand(r["requires"], macros),
                        flags=flags, note=r["note"]))
    return rows


def main() -> int:
    macros = dict(US_MACROS, **people_macros())
    lic = "CC0-1.0 (hand-kept facts: official English names)"
    out = {
        ("orgs", "vi-en.orgs.tsv", "vi"): build("vi-orgs.tsv", macros, True),
        ("orgs", "zh-Hans-en.orgs.tsv", "zh-Hans"): build("zh-orgs.tsv", macros, False),
        ("titles", "vi-en.titles.tsv", "vi"): build("vi-titles.tsv", macros, True),
        ("words", "vi-en.labels.tsv", "vi"): build("vi-words.tsv", macros, True),
    }
    inputs = {"vi-en.orgs.tsv": "vi-orgs.tsv", "zh-Hans-en.orgs.tsv": "zh-orgs.tsv",
              "vi-en.titles.tsv": "vi-titles.tsv", "vi-en.labels.tsv": "vi-words.tsv"}
    for (domain, fname, lang), rows in out.items():
        header = {
            "domain": domain,
            "source-language": lang,
            "target-language": "en",
            "license": lic,
            "origin": f"generated by scripts/gen_hand_glossaries.py from scripts/data/{inputs[fname]} "
            "(hand-kept) and people/vi-en.chinese.tsv (cue lists); do not edit",
        }
        n = write(GLOSSARIES / domain / fname, header, rows)
        print(f"{domain}/{fname}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
