"""Whole paragraphs that were never translated, and the language of long foreign phrases.

langdetect (Apache-2.0, a port of Google's language-detection; made deterministic with
``DetectorFactory.seed = 0``) is accurate on whole paragraphs and poor on short fragments
(measured here: it calls 习近平 Korean and a mixed sentence "en"), and costs ~10 ms a call. So it is
called only where it is accurate and only on what cheap tests have already marked:

- ``language`` (detector): a line with at least eight lower-case words, at least 60 % of them
  holding letters outside ASCII (names are capitalised and may be correct English), and almost no
  English function words (at most one in twenty words), is asked; if langdetect says it is another
  language with probability >= 0.9, the line is **one** finding ("paragraph is Vietnamese, not
  translated") that replaces the dozens of leftovers inside it (a whole-token finding,
  rules.WHOLE_TOKEN_RULES). Pure-ASCII lines are never asked (clean English pays one
  ``str.isascii`` per line).
- :func:`phrase_language`: a Latin-script finding of four or more words gets its language from
  langdetect when the cheap detectors left it ``und`` or only guessed, so that the model router
  picks the right model (resolve/model.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rules import rule

MIN_WORDS = 8
MIN_MARKED = 0.6
MAX_ENGLISH = 0.05
MIN_PROB = 0.9
MIN_CJK = 12
_TAG = re.compile(r"[#@\uff03\uff20]\S+")
PHRASE_MIN_WORDS = 4

_WORD = re.compile(r"[^\W\d_]+")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# The commonest English function words (any English paragraph of six words holds some).
_ENGLISH = frozenset("the of and to in a is was for on with that said by as at from it be are has have "
                     "were will an this which or but not their its his her they he she we".split())
_NAMES = {"vi": "Vietnamese", "zh-cn": "Chinese", "zh-tw": "Chinese", "ja": "Japanese", "ko": "Korean",
          "ru": "Russian", "uk": "Ukrainian", "id": "Indonesian", "ms": "Malay", "tl": "Tagalog", "th": "Thai",
          "fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German", "it": "Italian", "nl": "Dutch",
          "tr": "Turkish", "ar": "Arabic", "fa": "Persian", "hi": "Hindi", "pl": "Polish", "cs": "Czech"}


@lru_cache(maxsize=1)
def _detector():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0  # deterministic: langdetect samples n-grams at random otherwise
    return detect_langs


def detect(text: str) -> tuple[str, float]:
    """(language code as BCP-47, probability) by langdetect; ("und", 0.0) when it cannot tell."""
    from langdetect.lang_detect_exception import LangDetectException

    try:
        best = _detector()(text)[0]
    except LangDetectException:
        return "und", 0.0
    code = {"zh-cn": "zh", "zh-tw": "zh-Hant"}.get(best.lang, best.lang)
    return code, best.prob


def language_name(code: str) -> str:
    return _NAMES.get(code, _NAMES.get({"zh": "zh-cn", "zh-Hant": "zh-tw"}.get(code, ""), code))


def marked(line: str) -> bool:
    """Cheap test: is this line worth asking langdetect about?"""
    if _CJK.search(line):
        # Hashtags and handles are labels, each judged by its own rule, never a paragraph.
        body = _TAG.sub(" ", line)
        cjk = len(_CJK.findall(body))
        return cjk >= MIN_CJK and cjk >= 0.8 * _letters(body)
    words = _WORD.findall(line)
    if len(words) < MIN_WORDS:
        return False
    # Names are capitalised and may be Vietnamese in correct English ("Prime Minister Phạm Minh
    # Chính visited Đà Nẵng"): only the lower-case words say what language the line is in.
    lower = [w for w in words if w[0].islower()]
    if len(lower) < MIN_WORDS:
        return False
    foreign = len(lower) - sum(map(str.isascii, lower))
    if foreign < MIN_MARKED * len(lower):
        return False
    # A short line with one English function word is an English sentence around a long leftover
    # ("Bộ Nông nghiệp và Phát triển nông thôn warned of drought"): the glossary's, not this rule's.
    english = sum(1 for w in words if w.lower() in _ENGLISH)
    return english <= MAX_ENGLISH * len(words)


# Letters and the other characters \w holds that are neither digits nor "_" (numerals such as
# "\u2460" or "\u00bd"): a superset of the characters str.isalpha accepts.
_LETTERISH = re.compile(r"[^\W\d_]+")


def _letters(text: str) -> int:
    """How many characters of ``text`` are letters (str.isalpha), counted in runs found by a
    regex; a character by character count only when a run holds a numeral."""
    runs = "".join(_LETTERISH.findall(text))
    return len(runs) if runs.isalpha() or not runs else sum(map(str.isalpha, text))


def paragraphs(nfc: str):
    """(start, end, language, probability) of lines that are wholly another language."""
    pos = 0
    for line in nfc.split("\n"):
        if not line.isascii() and marked(line):
            lang, prob = detect(line)
            if lang not in ("en", "und") and prob >= MIN_PROB:
                lead = len(line) - len(line.lstrip())
                yield pos + lead, pos + len(line.rstrip()), lang, prob
        pos += len(line) + 1


def phrase_language(text: str, current: str) -> str:
    """The language of a Latin-script phrase of four or more words, by langdetect when it is sure
    (probability >= 0.9); else ``current`` unchanged."""
    if len(_WORD.findall(text)) < PHRASE_MIN_WORDS or _CJK.search(text):
        return current
    lang, prob = detect(text)
    if lang in ("en", "und") or prob < MIN_PROB:
        return current
    return lang


@rule("language", stage="detect", order=5,
      description="a line wholly in another language (langdetect, asked only about lines with many non-ASCII words): "
                  "one finding, 'paragraph is Vietnamese, not translated', instead of a leftover per word")
def detect_language(doc, ctx):
    nfc = doc.nfc
    if nfc.isascii():
        return
    for start, end, lang, prob in paragraphs(nfc):
        yield doc.finding(start, end, kind="paragraph", rule="language", language=lang,
                          evidence=f"paragraph is {language_name(lang)}, not translated (langdetect {prob:.2f})")
