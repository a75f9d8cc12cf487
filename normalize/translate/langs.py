"""Language codes as translation models spell them.

Detectors label findings with BCP-47 codes (``vi``, ``zh``, ``zh-Hant``, ``ja``, ``ko``, ``ru``).
Model directories and tokenizer configs use ISO 639-1 (OPUS-MT: ``opus-mt-vi-en``), ISO 639-3 /
639-5 (Tatoeba-Challenge models: ``vie``, ``zho``, ``mul``), M2M100 codes (``__vi__``) or
FLORES-200 codes (NLLB: ``vie_Latn``). This module maps between them; no heavy imports.
"""

from __future__ import annotations

# ISO 639-1 -> ISO 639-3 for the languages leftovers come from in practice (the MT-leftover corpora this project was measured on);
# ``cmn`` and ``yue`` are the Tatoeba-Challenge codes for Mandarin and Cantonese.
ISO3 = {
    "vi": ("vie",),
    "zh": ("zho", "cmn", "yue"),
    "ja": ("jpn",),
    "ko": ("kor",),
    "ru": ("rus",),
    "uk": ("ukr",),
    "be": ("bel",),
    "bg": ("bul",),
    "sr": ("srp",),
    "mk": ("mkd",),
    "kk": ("kaz",),
    "mn": ("mon",),
    "th": ("tha",),
    "km": ("khm",),
    "lo": ("lao",),
    "my": ("mya",),
    "ar": ("ara",),
    "fa": ("fas", "pes"),
    "he": ("heb",),
    "hi": ("hin",),
    "el": ("ell",),
    "ka": ("kat",),
    "hy": ("hye",),
    "id": ("ind",),
    "ms": ("msa", "zsm"),
    "tl": ("tgl",),
    "de": ("deu",),
    "fr": ("fra",),
    "es": ("spa",),
    "pt": ("por",),
    "it": ("ita",),
    "nl": ("nld",),
    "pl": ("pol",),
    "cs": ("ces",),
    "tr": ("tur",),
    "en": ("eng",),
}
_FROM_ISO3 = {three: two for two, threes in ISO3.items() for three in threes}

# FLORES-200 codes used by NLLB (language_script); script defaults for the languages above.
_FLORES_SCRIPT = {
    "vi": "Latn", "zh": "Hans", "ja": "Jpan", "ko": "Hang", "ru": "Cyrl", "uk": "Cyrl", "be": "Cyrl",
    "bg": "Cyrl", "sr": "Cyrl", "mk": "Cyrl", "kk": "Cyrl", "mn": "Cyrl", "th": "Thai", "km": "Khmr",
    "lo": "Laoo", "my": "Mymr", "ar": "Arab", "fa": "Arab", "he": "Hebr", "hi": "Deva", "el": "Grek",
    "ka": "Geor", "hy": "Armn", "id": "Latn", "ms": "Latn", "tl": "Latn", "de": "Latn", "fr": "Latn",
    "es": "Latn", "pt": "Latn", "it": "Latn", "nl": "Latn", "pl": "Latn", "cs": "Latn", "tr": "Latn",
    "en": "Latn",
}

#: Codes that mean "many source languages" in model names (ISO 639-5 ``mul``, OPUS ``mul``).
MULTI = frozenset({"mul", "multi", "many"})


def primary(code: str) -> str:
    """``zh-Hant`` -> ``zh``; ``vie`` -> ``vi``; ``und`` stays ``und``. Lower case."""
    code = (code or "und").replace("_", "-").split("-")[0].lower()
    return _FROM_ISO3.get(code, code)


def flores(code: str) -> str | None:
    """FLORES-200 code for NLLB (``vi`` -> ``vie_Latn``), or None when unknown."""
    p = primary(code)
    if p not in ISO3 or p not in _FLORES_SCRIPT:
        return None
    three = ISO3[p][0] if p != "zh" else "zho"
    return f"{three}_{_FLORES_SCRIPT[p]}"


def pair(src: str, tgt: str = "en") -> str:
    """The pair as the README and messages name it: ``vi-en``."""
    return f"{primary(src)}-{primary(tgt)}"
