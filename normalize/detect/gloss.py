"""Is a foreign-script span a deliberate gloss rather than a leftover?

Glosses are correct English: "Xi Jinping (Chinese: 习近平; pinyin: Xí Jìnpíng)",
"Seoul (Korean: 서울)", "习近平 (Xi Jinping)", "the character 福 (fu)".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..errors import NormalizeError

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
    r"\b(?:character|characters|letter|letters|capital|symbol|word|words|term|phrase|name|slogan|glyph|sign|kanji|hanzi|hanja|idiom|"
    r"reads|read|written|spelled|spelt|called|known as|meaning)\s*[\"'\u201c\u2018\u300c]?$",
    re.IGNORECASE,
)
# "The word 加油 is shouted ...": a determiner and a noun naming it as a word make it a mention.
_THE_WORD_BEFORE = re.compile(
    r"\b(?:the|this|that|a)\s+(?:word|words|character|characters|term|phrase|slogan|idiom|letter|kanji|hanzi|hanja|hashtag)\s*[\"'\u201c\u2018\u300c]?$",
    re.IGNORECASE,
)
# "printed with 爱", "inscribed with 福": the text is quoted as an object.
_WRITTEN_BEFORE = re.compile(
    r"\b(?:printed|painted|inscribed|engraved|embroidered|emblazoned|stamped|carved|tattooed)\s+(?:with|on)\s*[\"'\u201c\u2018\u300c]?$",
    re.IGNORECASE,
)
# "the Chinese word for crisis, 危机, ...": the English names what follows as a word.
_WORD_FOR_BEFORE = re.compile(
    r"\b(?:word|term|character|characters|phrase|expression|name)s?\s+for\s+[^,;()\n]{1,40},\s*[\"'\u201c\u2018\u300c]?$",
    re.IGNORECASE,
)
# "The shop, called 小天地, sells tea", "the novel's title, 活着 (To Live), ...": a name given in
# apposition, closed by punctuation or an English gloss.
_NAMED_BEFORE = re.compile(
    r"\b(?:called|named|dubbed|titled|entitled|known\s+(?:locally\s+|here\s+|in\s+\w+\s+)?as|title,|name,)\s*"
    r"[\"'\u201c\u2018\u300c]?$",
    re.IGNORECASE,
)
# "Russian: Киев - Kiev", "Ukrainian: Київ": a language label right before the native form.
_LABEL_BEFORE = re.compile(
    r"(?<![\w-])(?:Chinese|Mandarin|Cantonese|Japanese|Korean|Russian|Ukrainian|Belarusian|Arabic|Persian|Hebrew|"
    r"Greek|Thai|Hindi|Vietnamese|Khmer|Lao|Burmese|Mongolian|Georgian|Armenian|Bulgarian|Serbian|Kazakh|Hangul|"
    r"Hanja|Kanji|pinyin)\s*[:\uff1a]\s*[\"'\u201c\u2018\u300c]?$")
_NAME_HEAD = re.compile(r"(?:[A-Z\u00c0-\u1ef9][^\W\d_]*[ \u00a0]){1,2}$")
_PAREN_REST = re.compile(r"\s*(?:\)|[,;]\s*[A-Za-z][^()\n]{0,60}\))")
# A term in Latin letters explained in apposition: "bánh chưng, square sticky rice cakes, ...",
# "Water puppetry, or múa rối nước, has ...", "Cà phê trứng, or egg coffee, was ...". The
# explanation is plain lower-case English (ASCII words), closed by a comma or the sentence end.
_LATIN_TERM = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:[ \u00a0-][A-Za-z\u00c0-\u024f\u1e00-\u1eff]+){0,4}")
_APPOSITIVE_AFTER = re.compile(r"^(?:[ \u00a0][^\W\d_]+){0,3},\s+(?:or\s+)?(?:the\s+|a\s+|an\s+)?[a-z]+(?:[ -][a-z]+){1,12}\s*[,.;)]")
def _appositive(before: str, after: str) -> bool:
    """An English explanation in apposition after the term. At a sentence start it must close
    with a comma ("Cơm tấm, broken rice with pork, is ..."): "Tuy nhien, the bank kept rates"
    is a leftover adverb before a clause, not a term and its explanation."""
    if _PREPOSITION_BEFORE.search(before) or re.search(r",[ \u00a0]*$", before):
        return False  # "in nhung nam gan day, ...", a list item "vô học, vô lại, ..."
    m = _APPOSITIVE_AFTER.match(after)
    return bool(m) and m.group().rstrip().endswith(",")


_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|on|of|for|with|from|to|by)\s+$", re.IGNORECASE)
_OR_BEFORE = re.compile(r"\b[a-z]+,\s+or\s+$")
# The rest of a name the span starts ("known locally as sông Hồng,": the span is "sông").
_NAME_TAIL = re.compile(r"^(?:[ \u00a0][^\W\d_][^\W\d_]*){0,3}(?=[,.;:)]|\s*\()")
_APPOSITION_AFTER = re.compile(r"^[\"'\u201d\u2019\u300d]?\s*(?:[,.;:)]|\(|$)")
# "the character 福, meaning fortune", "the word 家 means home".
_EXPLAINED_AFTER = re.compile(r"^[\"'\u201d\u2019\u300d]?\s*[,:\u2014-]?\s*(?:which\s+)?(?:means?|meaning|literally|lit\.|i\.e\.|for\b)", re.IGNORECASE)
_LATIN_GLOSS_AFTER = re.compile(r"^\s*[\"'\u201d\u2019\u300d]?\s*\(([^()]*[A-Za-z][^()]*)\)")
_OPEN_PAREN_BEFORE = re.compile(r"[A-Za-z][^()\n]{0,80}\(\s*$")


def is_gloss(doc, start: int, end: int) -> bool:
    """``doc.nfc[start:end]`` is a glossed foreign form (NFC offsets).

    The answer depends on the text alone, so it is kept per document: the glossary, script,
    script-leak and name detectors ask about the same spans."""
    memo = doc.__dict__.get("_gloss_memo")
    if memo is None:
        memo = doc.__dict__["_gloss_memo"] = {}
    got = memo.get((start, end))
    if got is None:
        got = memo[(start, end)] = _is_gloss(doc.nfc, start, end)
    return got


# The last word each of the ``..._BEFORE`` mention patterns ends with (before an optional space and
# quotation mark): without one of them (or a comma) at the end, none of those searches can match.
_MENTION_FINALS = (
    "character", "characters", "letter", "letters", "capital", "symbol", "word", "words", "term", "phrase", "name",
    "slogan", "glyph", "sign", "kanji", "hanzi", "hanja", "idiom", "reads", "read", "written", "spelled", "spelt",
    "called", "as", "meaning", "hashtag", "with", "on", "named", "dubbed", "titled", "entitled", ",",
)
_QUOTES = "\"'\u201c\u2018\u300c"
# Words one of which _NAMED_BEFORE needs somewhere in the window.
_NAMED_WORDS = ("called", "named", "dubbed", "titled", "known", "title,", "name,")


def _folded(text: str) -> str:
    """Case-folded as re.IGNORECASE compares letters (ſ, K and the Turkish i's included)."""
    return text.casefold().replace("i\u0307", "i").replace("\u0131", "i")


def _mention_tail(before: str) -> bool:
    """Can ``before`` end the way the mention patterns need (a final word, space, quotation mark)?"""
    tail = before[:-1] if before.endswith(tuple(_QUOTES)) else before
    return _folded(tail.rstrip()[-12:]).endswith(_MENTION_FINALS)


def _is_gloss(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 120) : start]
    after = text[end : end + 80]
    # Inside a labelled parenthesis: "(Chinese: 习近平" ... ")".
    open_idx = before.rfind("(")
    if open_idx != -1 and ")" not in before[open_idx:]:
        if _LABELLED_PAREN.search(before[open_idx:]) and ")" in after:
            return True
        # "Seoul (서울)": the whole parenthesis is the foreign form right after Latin words.
        inner_before = before[open_idx + 1 :].strip()
        if not inner_before and _PAREN_REST.match(after) and _OPEN_PAREN_BEFORE.search(before):
            return True  # "Seoul (서울)", "tang ping (躺平, lying flat)"
    last40 = before[-40:]
    if ("\uff1a" in last40 or ":" in last40) and _LABEL_BEFORE.search(last40):
        return True
    mention = _mention_tail(before)
    if mention and (_THE_WORD_BEFORE.search(before) or _WRITTEN_BEFORE.search(before) or _WORD_FOR_BEFORE.search(before)):
        return True
    # "called Tết Trung thu,": the span may start inside the name the mention introduces.
    folded_before = _folded(before)
    if any(w in folded_before for w in _NAMED_WORDS):
        named_before = _NAMED_BEFORE.search(before) or _NAMED_BEFORE.search(_NAME_HEAD.sub("", before, count=1))
        if named_before and _APPOSITION_AFTER.match(_NAME_TAIL.sub("", after, count=1)):
            return True
    if mention and _MENTION_BEFORE.search(before) and (
            after.startswith((" (", "(", "\u201d", '"', "'")) or _EXPLAINED_AFTER.match(after)):
        return True
    term = text[start:end]
    if _LATIN_TERM.fullmatch(term) and not term.istitle() and (_appositive(before, after) or (
            _OR_BEFORE.search(before) and _APPOSITION_AFTER.match(_NAME_TAIL.sub("", after, count=1)))):
        return True
    # "习近平 (Xi Jinping)": a romanisation in parentheses glosses the form before it. An English
    # translation there does not ("预处理( preprocessing)", "代码生成选项 (Code Generation Option)"
    # in WMT23 zh-en system output): that is MT printing source and translation side by side.
    m = _LATIN_GLOSS_AFTER.match(after)
    if m:
        inner = m.group(1)
        if not _HAN_ONLY.fullmatch(text[start:end]) or _LABEL_INSIDE.match(inner):
            return True
        return _romanisation(inner)
    return False


_HAN_ONLY = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3005\u3007 ]+")
_LABEL_INSIDE = re.compile(r"\s*(?:pinyin|Mandarin|Cantonese|Japanese|Korean|lit\.|literally|meaning|romani[sz]ed|Jyutping|Wade)\b", re.IGNORECASE)
# Hepburn romaji syllables (Japanese names written in kanji, "岸田文雄 (Kishida Fumio)").
_ROMAJI = re.compile(r"(?:(?:sh|ch|ts|[kgsztdnhbpmrwfj]y?|y)?[aeiou]|n(?![aeiouy])|([kstpgdbcm])(?=\1))+")


@lru_cache(maxsize=1)
def _pinyin_re() -> re.Pattern:
    """Toneless pinyin syllables (normalize/data/pinyin-syllables.txt, generated from Unihan)."""
    path = Path(__file__).resolve().parent.parent / "data" / "pinyin-syllables.txt"
    with open(path, encoding="utf-8") as fh:
        if fh.readline().rstrip("\n") != "# normalize-data: pinyin-syllables 1":
            raise NormalizeError(f"{path}:1: not a pinyin-syllables file")
        syl = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    return re.compile("(?:" + "|".join(sorted(syl, key=len, reverse=True)) + ")+")


def _romanisation(inner: str) -> bool:
    """Every word of ``inner`` spells pinyin or Hepburn syllables (tone marks and apostrophes
    allowed): a reading, not an English translation."""
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFD", inner))
    if not words:
        return False
    pinyin = _pinyin_re()
    for w in words:
        bare = "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c)).lower()
        if not (pinyin.fullmatch(bare) or _ROMAJI.fullmatch(bare)):
            return False
    return True
