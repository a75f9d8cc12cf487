"""Script policies: named, switchable rules for text in another script that is not a plain leftover.

- ``script-hashtag``: a hashtag in another script ("#美联储何时降息?"). A hashtag is a label, not
  running text: it is translated as one CamelCase tag when the glossaries cover it, else reported
  (normalize/resolve/policies.py). It is never transliterated: "#MeiLianChu" tells an English reader
  nothing, and a tag's readers search for its words, not its sounds.
- ``script-leak``: a token whose meaning the English right beside it already carries ("still真
  real", "- 关键变更: Key Changes", "Анна Anna Ivanovna"): MT kept both the source and its
  translation. Removing it loses nothing, so the resolver removes it.
- ``script-boilerplate``: a site title or byline left in another script ("... - Hunan Daily Online -
  华声在线", "作者：张三"): page furniture, reported as boilerplate and left in place (removing or
  translating a site name is an editorial choice).

Glosses ("Xi Jinping (Chinese: 习近平)", "the character 福 (fu)") are never touched: every policy
skips what :func:`normalize.detect.gloss.is_gloss` accepts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import NormalizeError
from ..rules import rule
from .gloss import is_gloss
from .scripts import SCRIPTS, runs

_DATA = Path(__file__).resolve().parent.parent / "data"
_GLOSSES = _DATA / "han-glosses.tsv"

_NONLATIN = "".join(cls for _, _, cls in SCRIPTS)
_NONLATIN_RE = re.compile(f"[{_NONLATIN}]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")

# --------------------------------------------------------------------------------------------------
# Hashtags

# "#" at a word start, then letters/digits/underscores of any script. Twitter and Weibo end a tag
# at punctuation; "#tag#" (Weibo's closing hash) is included.
# The look-behind follows the "#" so that the pattern starts with a literal, which the regex engine
# finds with a fast search instead of trying the look-behind at every position.
_HASHTAG = re.compile(r"#(?<![\w&#]#)([^\W_]|_)[\w\u00b7\u30fb]*#?")


def hashtags(nfc: str):
    """(start, end, language) of hashtags that hold letters of a non-Latin script."""
    if "#" not in nfc or not _NONLATIN_RE.search(nfc):
        return
    for m in _HASHTAG.finditer(nfc):
        tag = m.group()
        if not _NONLATIN_RE.search(tag):
            continue
        lang = next((lng for s, e, _, lng in runs(tag)), "und")
        yield m.start(), m.end(), lang


@rule("script-hashtag", stage="detect", order=90,
      description="hashtags in another script (#美联储何时降息): translated as one tag when the glossaries cover them, else reported; never transliterated")
def detect_hashtags(doc, ctx):
    nfc = doc.nfc
    if nfc.isascii():
        return
    for start, end, lang in hashtags(nfc):
        yield doc.finding(start, end, kind="script", rule="script-hashtag", language=lang,
                          evidence="hashtag in another script")


# --------------------------------------------------------------------------------------------------
# Leaked duplicates


@lru_cache(maxsize=1)
def han_glosses() -> dict[str, frozenset[str]]:
    """Han character -> English gloss words (Unihan kDefinition, generated table)."""
    out: dict[str, frozenset[str]] = {}
    try:
        fh = open(_GLOSSES, encoding="utf-8")
    except FileNotFoundError:
        raise NormalizeError(f"{_GLOSSES}: missing; run scripts/gen_han_glosses.py") from None
    with fh:
        if fh.readline().rstrip("\n") != "# normalize-data: han-glosses 1":
            raise NormalizeError(f"{_GLOSSES}:1: not a han-glosses file")
        for line in fh:
            if line.startswith("#") or line.startswith("char\t"):
                continue
            ch, words = line.rstrip("\n").split("\t")
            out[ch] = frozenset(words.split())
    return out


# Russian/Ukrainian letters to the Latin letters English press uses (BGN/PCGN-like, simplified;
# only used to recognise a transliteration that MT printed next to the original).
_CYR = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "ye", "yi", "g"],
))


def translit_cyrillic(word: str) -> str:
    return "".join(_CYR.get(c, c) for c in word.lower())


_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_ENGLISH_STOP = frozenset("the a an of to in on at by for from with and or is are was be it this that".split())


def _stem_match(english: str, gloss: str) -> bool:
    """One English word and one gloss word say the same thing: equal, or one a clear stem of the
    other ("fear"/"fearful", "change"/"changes")."""
    if english == gloss:
        return True
    if len(gloss) >= 4 and english.startswith(gloss) and len(english) - len(gloss) <= 4:
        return True
    if len(english) >= 4 and gloss.startswith(english) and len(gloss) - len(english) <= 2:
        return True
    return False


def _han_carried(run: str, english: list[str]) -> bool:
    """Does the English around a Han run carry its meaning? Most of the run's characters (every
    one for a run of one or two) must have a gloss word among the neighbouring English words."""
    glosses = han_glosses()
    words = [w.lower() for w in english if w.lower() not in _ENGLISH_STOP]
    if not words:
        return False
    hit = 0
    chars = [c for c in run if _HAN.match(c)]
    if not chars or len(chars) != len(run.replace(" ", "")):
        return False
    for c in chars:
        g = glosses.get(c, ())
        if any(_stem_match(w, x) for w in words for x in g):
            hit += 1
    need = len(chars) if len(chars) <= 2 else (len(chars) + 1) // 2 + 1
    return hit >= min(need, len(chars))


def _neighbour_words(nfc: str, start: int, end: int, n: int) -> tuple[list[str], list[str]]:
    """Up to ``n`` Latin words right before and right after [start, end) on the same line, stopping
    at sentence punctuation."""
    line_start = nfc.rfind("\n", 0, start) + 1
    line_end = nfc.find("\n", end)
    line_end = len(nfc) if line_end == -1 else line_end
    before_txt = re.split(r"[.!?;\u3002]", nfc[line_start:start])[-1]
    after_txt = re.split(r"[.!?;\u3002]", nfc[end:line_end])[0]
    before = _LATIN_WORD.findall(before_txt)[-n:]
    after = _LATIN_WORD.findall(after_txt)[:n]
    return before, after


# Mentions of a foreign word as a word: the English next to it explains it on purpose.
_MENTION = re.compile(
    r"\b(?:means?|meaning|meant|literally|lit|translates?|translated|translation|character|characters|"
    r"word|words|term|phrase|called|reads?|written|spelled|sign|slogan|motto)\b",
    re.IGNORECASE,
)


def leaks(doc):
    """(start, end, language, why) of non-Latin runs whose meaning the adjacent English carries."""
    nfc = doc.nfc
    if not _NONLATIN_RE.search(nfc):
        return
    for start, end, script, lang in runs(nfc):
        if is_gloss(doc, start, end):
            continue
        # Glued to English on at least one side (no space, or a label colon): MT kept the source
        # token inside the sentence it translated.
        run = nfc[start:end]
        before, after = _neighbour_words(nfc, start, end, max(3, 2 * len(run)))
        if not before and not after:
            continue
        ctx_text = nfc[max(0, start - 60) : min(len(nfc), end + 60)]
        if _MENTION.search(ctx_text):
            continue
        why = None
        if _HAN.match(run) and _han_carried(run, before + after):
            why = "the English beside it says the same (Unihan kDefinition)"
        elif _CYRILLIC.match(run):
            t = translit_cyrillic(run)
            near = [w.lower() for w in (before[-1:] + after[:1])]
            if t and any(w == t or (len(t) >= 4 and (w.startswith(t[:-1]) and abs(len(w) - len(t)) <= 1)) for w in near):
                why = f"its transliteration {t!r} stands beside it"
        if why is None:
            continue
        # A label colon after the leaked token goes with it ("关键变更: Key Changes").
        m = re.compile(r"\s*[:\uff1a]").match(nfc, end)
        if m and after:
            end = m.end()
        yield start, end, lang, why


def glossary_leaks(doc, glossary, skip=()):
    """(start, end, language, why) of non-Latin runs whose glossary translation stands right beside
    them ("Россия Russia", "美国 the United States"): an exonym is not a transliteration, so the
    Unihan and transliteration tests miss these."""
    nfc = doc.nfc
    for start, end, script, lang in runs(nfc):
        if (start, end) in skip or is_gloss(doc, start, end):
            continue
        targets = {e.target for e in glossary.get(nfc[start:end]) if e.target and not e.keep}
        if not targets:
            continue
        line_end = nfc.find("\n", end)
        after = nfc[end : len(nfc) if line_end == -1 else line_end].lstrip(" :\uff1a")
        line_start = nfc.rfind("\n", 0, start) + 1
        before = nfc[line_start:start].rstrip(" ")
        for t in targets:
            bare = re.sub(r"^(?:the|a|an)\s+", "", t, flags=re.IGNORECASE)
            for form in {t, bare}:
                near_after = after[: len(form)].lower() == form.lower() and not after[len(form) : len(form) + 1].isalpha()
                near_before = before[-len(form) :].lower() == form.lower() and not before[-len(form) - 1 : -len(form)].isalpha()
                if near_after or near_before:
                    m = re.compile(r"\s*[:\uff1a]").match(nfc, end)
                    yield start, (m.end() if m and near_after else end), lang, f"its glossary translation {t!r} stands beside it"
                    break
            else:
                continue
            break


def _glossary_name(glossary, form: str) -> bool:
    return any(e.proper for e in glossary.get(form))


@rule("script-leak", stage="detect", order=90,
      description="a token in another script whose meaning the English beside it already carries (\"still真 real\", \"关键变更: Key Changes\"): removed")
def detect_leaks(doc, ctx):
    if doc.nfc.isascii():
        return
    # A run the glossary holds as a name (郑州 Zhengzhou) is never a leaked word, whatever its
    # characters' dictionary senses share with the words around it ("state").
    found = [t for t in leaks(doc) if not _glossary_name(ctx.glossary, doc.nfc[t[0] : t[1]].rstrip(" :\uff1a"))]
    for start, end, lang, why in found:
        yield doc.finding(start, end, kind="script", rule="script-leak", language=lang,
                          evidence=f"leaked source token: {why}")
    if not _NONLATIN_RE.search(doc.nfc):
        return
    taken = {(s, e) for s, e, _, _ in found}
    for start, end, lang, why in glossary_leaks(doc, ctx.glossary, skip=taken):
        if any(s <= start < e for s, e in taken):
            continue
        yield doc.finding(start, end, kind="script", rule="script-leak", language=lang,
                          evidence=f"leaked source token: {why}")


# --------------------------------------------------------------------------------------------------
# Site titles and bylines

# "<English title> - 华声在线" / "| 新浪财经" / "_ 中新网": trailing segments wholly in another script.
_SEPARATOR = r"(?:\s+[-|_\u2013\u2014\u00b7]\s+|\s*[\uff5c\uff0d\u2014]{1,2}\s*)"
_TRAILER = re.compile(rf"(?:{_SEPARATOR}[^\sA-Za-z][^A-Za-z\n]{{0,29}}?)+\s*$")
# A byline line: a label in another script, a colon, a short name.
_BYLINE = re.compile(
    r"^\s*[(（【\[]?\s*(?:作者|记者|编辑|责编|撰文|撰稿|来源|出处|文|图|摄影|通讯员|"
    r"記者|編輯|來源|文字|写真|기자|글|사진|출처|"
    r"Автор|Источник|Фото|Редактор|Корреспондент)\s*[:：|｜/／]\s*[^\n]{1,40}?[)）】\]]?\s*$"
    # "（记者 张三）", "(本报记者 李明 王强)": a reporter credit in parentheses without a colon.
    r"|^\s*[(（]\s*(?:本报)?(?:记者|記者|通讯员)\s+[^\n()（）]{1,30}[)）]\s*$"
)


def boilerplate(nfc: str):
    """(start, end, language, what) of site titles and bylines in another script."""
    for pos, line in _lines_with(nfc, _NONLATIN_RE):
        m = _TRAILER.search(line)
        head = line[: m.start()] if m else ""
        if m and _NONLATIN_RE.search(m.group()) and re.search(r"[A-Za-z]{2,}", head) and not _NONLATIN_RE.search(head[-30:]):
            lang = next((lng for _, _, _, lng in runs(m.group())), "und")
            yield pos + m.start(), pos + len(line.rstrip()), lang, "site title"
        elif _BYLINE.match(line) and len(line.strip()) <= 48:
            lang = next((lng for _, _, _, lng in runs(line)), "und")
            s = pos + len(line) - len(line.lstrip())
            yield s, pos + len(line.rstrip()), lang, "byline"


def _lines_with(text: str, pattern: re.Pattern):
    """(offset, line) of each line of ``text`` (split at "\\n") that holds a ``pattern`` match, in
    order: one scan for the pattern, not a search per line."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        yield start, text[start:end]
        pos = end + 1


@rule("script-boilerplate", stage="detect", order=90,
      description="site titles and bylines left in another script (\"... - 华声在线\", \"作者：张三\"): reported as boilerplate, left in place")
def detect_boilerplate(doc, ctx):
    nfc = doc.nfc
    if nfc.isascii():
        return
    for start, end, lang, what in boilerplate(nfc):
        yield doc.finding(start, end, kind="document", rule="script-boilerplate", language=lang,
                          evidence=f"{what} in another script: page boilerplate, not article text")
