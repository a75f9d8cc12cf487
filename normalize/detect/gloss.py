"""Is a foreign-script span a deliberate gloss rather than a leftover?

Glosses are correct English: "Xi Jinping (Chinese: 习近平; pinyin: Xí Jìnpíng)",
"Seoul (Korean: 서울)", "习近平 (Xi Jinping)", "the character 福 (fu)".
"""

from __future__ import annotations

import re

# A parenthesis that opens with a language or script label: "(Chinese: ", "(pinyin: ", "(Korean 서울".
_LABELLED_PAREN = re.compile(
    r"\((?:[^()]{0,60}?[;,]\s*)?(?:in\s+)?(?:simplified\s+|traditional\s+)?"
    r"(?:Chinese|Mandarin|Cantonese|pinyin|Japanese|Korean|Hangul|Hanja|Kanji|Russian|Ukrainian|Belarusian|"
    r"Arabic|Persian|Farsi|Hebrew|Greek|Thai|Hindi|Vietnamese|Khmer|Lao|Burmese|Mongolian|Georgian|"
    r"Armenian|Bulgarian|Serbian|zh|ja|ko|ru|ar|lit\.|literally|native name|also)\b[^()]*$",
    re.IGNORECASE,
)
# Words that introduce a mention of a foreign word as a word.
_MENTION_BEFORE = re.compile(
    r"\b(?:character|characters|word|words|term|phrase|name|slogan|glyph|sign|kanji|hanzi|hanja|idiom|"
    r"reads|read|written|spelled|spelt|called|known as|meaning)\s*[\"'\u201c\u2018\u300c]?$",
    re.IGNORECASE,
)
_LATIN_GLOSS_AFTER = re.compile(r"^\s*[\"'\u201d\u2019\u300d]?\s*\((?:[^()]*[A-Za-z][^()]*)\)")
_OPEN_PAREN_BEFORE = re.compile(r"[A-Za-z][^()\n]{0,80}\(\s*$")


def is_gloss(doc, start: int, end: int) -> bool:
    """``doc.nfc[start:end]`` is a glossed foreign form (NFC offsets)."""
    text = doc.nfc
    before = text[max(0, start - 120) : start]
    after = text[end : end + 80]
    # Inside a labelled parenthesis: "(Chinese: 习近平" ... ")".
    open_idx = before.rfind("(")
    if open_idx != -1 and ")" not in before[open_idx:]:
        if _LABELLED_PAREN.search(before[open_idx:]) and ")" in after:
            return True
        # "Seoul (서울)": the whole parenthesis is the foreign form right after Latin words.
        inner_before = before[open_idx + 1 :].strip()
        if not inner_before and after.lstrip().startswith(")") and _OPEN_PAREN_BEFORE.search(before):
            return True
    # "习近平 (Xi Jinping)" and "the character 福 (fu)".
    if _LATIN_GLOSS_AFTER.match(after):
        return True
    if _MENTION_BEFORE.search(before) and (after.startswith((" (", "(", "\u201d", '"', "'"))):
        return True
    return False
