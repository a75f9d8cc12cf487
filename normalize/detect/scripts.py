"""Runs of letters in scripts other than Latin (Han, Kana, Hangul, Cyrillic, Arabic, ...)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..rules import rule
from .gloss import is_gloss

# (script name, language code, character class). Ranges from the Unicode Character Database
# Blocks.txt; Han includes CJK Unified Ideographs with Extensions A-H and compatibility ideographs.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3005\u3007"
_KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
SCRIPTS = (
    ("CJK", "zh", _HAN + _KANA + _HANGUL),
    ("Cyrillic", "ru", "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"),
    ("Greek", "el", "\u0370-\u03ff\u1f00-\u1fff"),
    ("Arabic", "ar", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"),
    ("Hebrew", "he", "\u0590-\u05ff\ufb1d-\ufb4f"),
    ("Thai", "th", "\u0e00-\u0e7f"),
    ("Lao", "lo", "\u0e80-\u0eff"),
    ("Khmer", "km", "\u1780-\u17ff"),
    ("Myanmar", "my", "\u1000-\u109f"),
    ("Devanagari", "hi", "\u0900-\u097f"),
    ("Bengali", "bn", "\u0980-\u09ff"),
    ("Tamil", "ta", "\u0b80-\u0bff"),
    ("Georgian", "ka", "\u10a0-\u10ff"),
    ("Armenian", "hy", "\u0530-\u058f"),
)
# Inside a run: spaces between words of space-separated scripts, the middle dots used in
# transliterated names (U+00B7, U+30FB), the long-vowel mark, and combining marks.
_JOINERS = " \u00b7\u30fb\u30fc\u200c\u200d"
_KANA_RE = re.compile(f"[{_KANA}]")
_HANGUL_RE = re.compile(f"[{_HANGUL}]")
_UKRAINIAN = re.compile("[\u0404\u0406\u0407\u0454\u0456\u0457\u0490\u0491]")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06cc]")
# Greek letters are symbols in English science and maths ("α-helix", "Δt"): only words of three
# or more Greek letters count as leftovers.
_MIN_LEN = {"Greek": 3}


def _language(script: str, lang: str, run: str) -> str:
    if script == "CJK":
        if _HANGUL_RE.search(run):
            return "ko"
        if _KANA_RE.search(run):
            return "ja"
        return "zh"
    if script == "Cyrillic" and _UKRAINIAN.search(run):
        return "uk"
    if script == "Arabic" and _PERSIAN.search(run):
        return "fa"
    return lang


# One character class for all scripts finds where a run starts (a single fast loop in the regex
# engine); the run is then extended with that script's own pattern, compiled on first use.
_ANY = re.compile("[" + "".join(cls for _, _, cls in SCRIPTS) + "]")
_CLASSES = [re.compile(f"[{cls}]") for _, _, cls in SCRIPTS]


@lru_cache(maxsize=None)
def _run_pattern(i: int) -> re.Pattern:
    cls = SCRIPTS[i][2]
    return re.compile(f"[{cls}](?:[{cls}\u0300-\u036f]|[{_JOINERS}](?=[{cls}]))*")


def runs(nfc: str):
    """(start, end, script, language) for every run of a non-Latin script in ``nfc``."""
    pos = 0
    while True:
        hit = _ANY.search(nfc, pos)
        if hit is None:
            return
        ch = hit.group()
        i = next(k for k, c in enumerate(_CLASSES) if c.match(ch))
        m = _run_pattern(i).match(nfc, hit.start())
        pos = m.end()
        script, lang, _ = SCRIPTS[i]
        if m.end() - m.start() < _MIN_LEN.get(script, 1):
            continue
        yield m.start(), m.end(), script, _language(script, lang, m.group())


@rule("script", stage="detect", description="runs of letters in a non-Latin script (Han, Hangul, Kana, Cyrillic, ...) that are not glosses")
def detect_scripts(doc, ctx):
    nfc = doc.nfc
    if nfc.isascii():
        return
    for start, end, script, lang in runs(nfc):
        if is_gloss(doc, start, end):
            continue
        yield doc.finding(
            start, end, kind="script", rule="script", language=lang,
            evidence=f"run of {script if script != 'CJK' else {'zh': 'Han', 'ja': 'Japanese', 'ko': 'Hangul'}[lang]} letters",
        )
