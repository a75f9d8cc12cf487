"""The ``dictionary`` resolver: common words left in Chinese or Japanese inside English sentences
("#加密货币", "a 3.6 billion euros (约合 4.2 billion) budget", "the 倡议"), which no name glossary
can hold. Runs after the glossary, policies and name resolvers and before the model (order 250).

For a run of Han or Kana letters (a ``script`` finding, or a ``script-hashtag`` finding):

1. Look the whole run up: CC-CEDICT for Chinese, JMdict/JMnedict for Japanese (a run with Kana, a
   Han-only run the finding labels ``ja`` or CC-CEDICT lacks, or a common JMdict word that Chinese
   hardly uses or that stands in a text about Japan: :func:`_japanese`). A run that is not one
   dictionary word is segmented with jieba; a run of several words is a phrase or a sentence, which
   word-by-word glosses would garble: it stays reported, with each word's best sense as the hint.
2. Choose a sense by the slot the English leaves (:func:`slot`; normalize/resolve/senses.py): a
   bare verb after "to" or a modal, an adjective or plain noun before a noun it modifies, the most
   frequent one-word noun in a hashtag, a noun (never an adjective-only gloss) after a determiner
   or preposition, else the first sense (a verb English would inflect is reported). A proper noun
   in the dictionary ("北京" Beijing, "越前" Echizen) is its name. The sense then takes the form the
   sentence needs (plural after a number, title case in a headline).
3. Confidence: one entry with a clear choice, 0.75 (0.8 for a proper noun and in a hashtag);
   a single Chinese character (many senses, often a leaked fragment), several entries whose
   chosen senses differ, a label whose margin over another sense is small, or a verb needing
   inflection: below the threshold, so the finding is reported with the candidates listed.

The dictionaries load only when such a finding reaches this resolver (resolve/dictdata.py, cached
on disk). Without the ``dict`` extra the rule is skipped with one note naming the extra.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Candidate
from ..rules import rule
from . import dictdata, senses

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3005\u3007"
_KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u30fc"
_RUN = re.compile(f"[{_HAN}{_KANA}]+")
_HAS_KANA = re.compile(f"[{_KANA}]")

_DETERMINER = frozenset("the a an this that these those its his her their our my your whose every each "
                        "no any some another".split())
_PREPOSITION = frozenset("of in on at for with from by about into over under after before between against among "
                         "via toward towards without within across around amid despite like".split())
_VERB_BEFORE = frozenset("to will would can could shall should may might must cannot".split())
# Words before a place name: a proper-noun entry of the form wins over its common senses there
# ("returned to 京都" is Kyoto, not "capital").
_PLACE_BEFORE = frozenset("in at from to near into across around of via toward towards outside inside visited "
                          "visit visiting reach reached between".split())
_WORD_BEFORE = re.compile(r"([A-Za-z'\u2019]+)\W{0,2}$")

CONF_WORD = 0.75
CONF_PROPER = 0.8
CONF_HASHTAG = 0.8
CONF_UNSURE = 0.4
_STATE = "dictionary"


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # get_FREQ reads the dictionary only after it is loaded
    return jieba


def _lookup(run: str, lang: str, nfc: str = "") -> list:
    """Dictionary words for exactly ``run``: JMdict for Kana or a ``ja`` finding; for Han only,
    CC-CEDICT unless the run is a Japanese word (:func:`_japanese`)."""
    japanese = lang == "ja" or _HAS_KANA.search(run) is not None
    if japanese:
        return list(dictdata.jmdict(run))
    words = list(dictdata.cedict(run))
    if not words:
        # Kanji-only Japanese is labelled zh by the script detector ("越前", "暗号資産").
        return list(dictdata.jmdict(run))
    ja = [w for w in dictdata.jmdict(run) if w.common and not w.proper]
    if ja and _japanese(run, nfc):
        return ja
    # A form CC-CEDICT only points elsewhere from ("variant of 侄") stays Chinese, and reported.
    return words


#: jieba's count of a word (in its ~60M-word corpus) under which it is not in common Chinese use.
RARE_IN_CHINESE = 100


def _japanese(run: str, nfc: str) -> bool:
    """Is a Han run that both dictionaries hold Japanese here? JMdict marks it common and either
    Chinese hardly uses it (jieba's corpus count of its simplified form: 会社 57, 公司 45,604;
    words of two or more characters)
    or the text is about Japan (Kana in it, "Japan"/"Japanese", a Japanese city of GeoNames)."""
    simplified = run.translate(_t2s())
    # A single character says little by its count (a traditional form, a name character, 姪 30).
    if len(run) > 1 and (_jieba().get_FREQ(simplified) or 0) < RARE_IN_CHINESE:
        return True
    return _japanese_text(nfc)


@lru_cache(maxsize=2)
def _japanese_text(nfc: str) -> bool:
    """Is the text about Japan (Kana, "Japan"/"Japanese", a Japanese city)? Asked once per
    document, not once per finding: the answer depends on the whole text only."""
    if _HAS_KANA.search(nfc) or _JAPAN.search(nfc):
        return True
    cities = _japanese_cities()
    return any(w in cities for w in re.findall(r"\b[A-Z][a-z]{2,}\b", nfc))


# The English names of the country and its people (CLDR "JP"), the plainest cue of a Japanese text.
_JAPAN = re.compile(r"\bJapan(?:ese)?\b")


@lru_cache(maxsize=1)
def _t2s() -> dict[int, str]:
    from ..glossary import han_t2s

    return han_t2s()


@lru_cache(maxsize=1)
def _japanese_cities() -> frozenset[str]:
    """English names of Japanese cities: the Japanese city glossary and the gazetteer rows that
    GeoNames places in JP (the note "GeoNames 1850147 (JP, pop. ...)", in every script's city
    glossary), minus any that is an
    English word too (one the lexicon gives a part of speech). Cached on disk."""
    from .. import _cache
    from ..glossary import builtin_dir, load_file

    paths = sorted((builtin_dir() / "places").glob("*.cities.tsv"))

    def build() -> frozenset[str]:
        names = {e.target for p in paths for e in load_file(p).entries
                 if (p.name.startswith("ja-") or "(JP, " in e.note) and " " not in e.target}
        return frozenset(n for n in names if senses.tags(n) in ("", "?"))

    return _cache.cached("japanese-cities", _cache.key("japanese-cities", paths, code=(__file__,)), build)


def _camel(text: str) -> str:
    words = re.findall(r"[^\W_]+", re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE))
    if len(words) == 1:
        return words[0] if words[0].isupper() else words[0][:1].lower() + words[0][1:]
    return "".join(w[:1].upper() + w[1:] for w in words)


def slot(before: str, nfc: str, end: int, hashtag: bool, start: int = 0) -> str:
    """What the English needs at the leftover (normalize/resolve/senses.py lists the slots)."""
    from ..rewrite import modifier_position

    prev = before.lower()
    if hashtag:
        return "tag"
    if prev in _VERB_BEFORE:
        return "verb"
    if modifier_position(nfc, end):
        return "modifier"
    if prev in _DETERMINER or prev in _PREPOSITION or prev in _PLURAL_BEFORE or senses.tags(prev) == "A":
        return "noun"
    if start and re.search(r"\d[ \u00a0]*$", nfc[max(0, start - 3) : start]):
        return "noun"  # "three 工厂", "the 2023 选举": a number stands before a noun
    return "any"


def _proper_choice(proper, hashtag: bool):
    w = proper[0]
    names = {p.senses[0].text.split(";")[0] for p in proper if p.source == w.source and p.kind == w.kind}
    if len(names) > 1:
        return "", CONF_UNSURE, f"{len(names)} readings of the {w.kind or 'name'} in {w.source}"
    text = w.senses[0].text.split(";")[0]
    if hashtag:
        text = "#" + "".join(x[:1].upper() + x[1:] for x in re.findall(r"[^\W_]+", text))
    return text, CONF_HASHTAG if hashtag else CONF_PROPER, f"{w.kind or 'name'} in {w.source} ({w.reading})"


def choose(words, before: str, where: str, loan: str = "") -> tuple[str, float, str, list[str]]:
    """(replacement, confidence, why, candidates) for dictionary ``words`` in slot ``where``."""
    hashtag = where == "tag"
    proper = [w for w in words if w.proper and w.senses]
    common = [w for w in words if not w.proper and w.senses]
    cands = []
    for w in common + proper:
        for s in w.senses[:3]:
            if s.text not in cands:
                cands.append(s.text)
    prev = before.lower()
    if proper and common and prev in _PLACE_BEFORE and any(w.kind != "surname" for w in proper):
        common = []
    if not common and proper:
        return (*_proper_choice(proper, hashtag), cands)
    if not common:
        return "", 0.0, "no sense in the dictionary", cands
    # JMdict marks the entries in common use (news1, ichi1, spec1, gai1): when some are, the
    # others (ラーメン "rigid frame" beside "ramen") are rare senses.
    common = [w for w in common if w.common] or common
    picks = [(w, senses.pick(w.senses, where, loan, ordered=w.source == "jmdict")) for w in common]
    picks = [(w, p) for w, p in picks if p[0] is not None]
    if not picks:
        return "", CONF_UNSURE, f"no sense fits ({where} slot)", cands
    w, (opt, margin, why, runners) = picks[0]
    cands = [opt.text] + [c for c in runners + cands if c != opt.text]
    chosen = {p[0].text.lower() for _, p in picks}
    if where == "any" and opt.pos == "V":
        return "", CONF_UNSURE, f"a verb ({opt.text!r}) that English would inflect here", cands
    text = opt.text
    if len(chosen) > 1:
        return text, CONF_UNSURE, f"{len(picks)} entries with different senses ({', '.join(sorted(chosen))})", cands
    if len(w.form) == 1 and not hashtag and not w.common:
        # A common JMdict word may be one kanji (駅 station); a lone Chinese character is often
        # a fragment of a leaked phrase.
        return text, CONF_UNSURE, "a single character: too many senses to choose from", cands
    if margin < senses.MIN_MARGIN:
        return text, CONF_UNSURE, f"{why}, but {runners[0]!r} is as likely", cands
    conf = CONF_HASHTAG if hashtag else CONF_WORD
    if hashtag:
        text = "#" + _camel(text)
    return text, conf, why, cands


def _segments(run: str) -> list[tuple[str, str]]:
    """(word, best sense or "") for each jieba word of a run."""
    out = []
    for seg in _jieba().lcut(run, HMM=False):
        ws = [w for w in dictdata.cedict(seg) if w.senses]
        sense = ws[0].senses[0].text if ws else ""
        out.append((seg, sense))
    return out


def _beside(nfc: str, start: int, end: int, english: str) -> bool:
    """``english`` (its words, any case) stands right before or right after nfc[start:end]."""
    words = english.lower().split()
    if not words:
        return False
    after = nfc[end : end + len(english) + 2].lstrip(" :").lower()
    before = nfc[max(0, start - len(english) - 2) : start].rstrip(" :").lower()
    fits_after = after.startswith(english.lower()) and not after[len(english) : len(english) + 1].isalpha()
    fits_before = before.endswith(english.lower()) and not before[: -len(english)][-1:].isalpha()
    return fits_after or fits_before


def _without_repeated_tail(rep: str, after: str) -> str:
    """"Emperor of Japan" before " of Japan": the sense's tail is already in the text; drop it."""
    words = rep.split()
    for k in range(1, len(words)):
        tail = " " + " ".join(words[k:])
        if words[k] in ("of", "in", "for") and after.startswith(tail) and not after[len(tail) : len(tail) + 1].isalnum():
            return " ".join(words[:k])
    return rep


# Words after which a count noun is plural ("three 工厂" -> "three factories").
_PLURAL_BEFORE = frozenset("two three four five six seven eight nine ten eleven twelve dozens hundreds thousands "
                           "millions many several few these those both various numerous multiple".split())
_SMALL_WORDS = frozenset("a an the and or of in on at to for by with from as but nor".split())


def _english_form(rep: str, nfc: str, start: int, end: int, before: str) -> tuple[str, str]:
    """The chosen sense in the form the sentence needs, and why: plural after a number or a
    quantifier; capitalised in a headline written in title case."""
    why = ""
    prev = before.lower()
    number = re.search(r"(?<![\d.,])(\d[\d,]*)\s*$", nfc[max(0, start - 12) : start])
    count = number.group(1).replace(",", "") if number else ""
    # A year modifies, it does not count: "the 2023 选举" is the 2023 election.
    counted = count not in ("", "0", "1") and not (len(count) == 4 and 1800 <= int(count) <= 2100 and "," not in number.group(1))
    if (prev in _PLURAL_BEFORE or counted) and rep.islower():
        words = rep.split()
        many = senses.plural(words[-1])
        if many:
            rep = " ".join(words[:-1] + [many])
            why = f"; plural after {number.group(1) if number else before!r}"
    if rep[:1].islower() and _title_case_line(nfc, start, end):
        rep = " ".join(w if w in _SMALL_WORDS and k else w[:1].upper() + w[1:] for k, w in enumerate(rep.split()))
        why += "; title case, as the headline around it"
    return rep, why


def _title_case_line(nfc: str, start: int, end: int) -> bool:
    """Is the line around [start, end) a headline in title case ("China's Economy Slows Again")?
    At least three words of four or more letters besides the span, all capitalised."""
    lo = nfc.rfind("\n", 0, start) + 1
    hi = nfc.find("\n", end)
    line = nfc[lo:start] + " " + nfc[end : hi if hi != -1 else len(nfc)]
    words = re.findall(r"[A-Za-z]{4,}", line)
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def resolve_one(doc, f) -> tuple[Candidate | None, str]:
    """A candidate for finding ``f`` (or None) and a note for the report."""
    text = f.text
    hashtag = f.rule == "script-hashtag"
    body = text[1:].rstrip("#") if hashtag else text
    if not _RUN.fullmatch(body):
        return None, ""
    s = doc.nfc_offset(f.start)
    if s > 0 and doc.nfc[s - 1] in "@\uff20#\uff03" and not hashtag:
        return None, ""  # an account handle (@人民日报) is a name as written; a tag is the hashtag rule's
    m = _WORD_BEFORE.search(doc.nfc, max(0, s - 30), s)
    before = m.group(1) if m and not hashtag else ""
    words = _lookup(body, f.language, doc.nfc)
    if not words:
        if len(body) < 2 or f.language == "ja" or _HAS_KANA.search(body):
            return None, ""
        segs = _segments(body)
        if len(segs) < 2:
            return None, ""
        shown = "; ".join(f"{w} {x!r}" if x else w for w, x in segs[:8])
        return None, f"not one dictionary word; words: {shown}"
    from ..names.romanize import is_katakana, kana

    loan = (kana(body) or "") if is_katakana(body) else ""
    rep, conf, why, cands = choose(words, before, slot(before, doc.nfc, s + len(body), hashtag, s), loan)
    rep = _without_repeated_tail(rep, doc.nfc[s + len(body) : s + len(body) + len(rep) + 1])
    if rep and not hashtag and not any(w.proper for w in words[:1]):
        rep, grammar = _english_form(rep, doc.nfc, s, s + len(body), before)
        why += grammar
    src = words[0].source
    ref = f"{src}:{body}"
    listed = ", ".join(repr(c) for c in cands[:5])
    if not rep or conf < 0.5:
        return (Candidate(rep, ref, conf, "dictionary", f"{why}; candidates: {listed}", "word") if rep else None,
                f"dictionary ({src}): {why}; candidates: {listed}")
    entity = "place" if any(w.proper and w.kind == "place" for w in words) and words[0].proper else "word"
    if not hashtag and _beside(doc.nfc, s, s + len(body), rep):
        # "山形 Yamagata Shimbun": MT printed the source and its translation side by side.
        return Candidate("", ref, conf, "dictionary", f"{src}: {body!r} is {rep!r}, which stands right beside it: "
                         "a leaked source token, removed", entity), ""
    return Candidate(rep, ref, conf, "dictionary", f"{src}: {body!r} is {rep!r} ({why})", entity), ""


@rule("dictionary", stage="resolve", order=250,
      description="common words left in Chinese or Japanese (#加密货币 -> #cryptocurrency): CC-CEDICT and JMdict, "
                  "sense chosen by the English around it; needs the dict extra")
def resolve_dictionary(findings, doc, ctx):
    state = ctx.cache.setdefault(_STATE, {})
    out = {}
    for f in findings:
        if f.kind != "script" or f.language not in ("zh", "ja", "und") or f.rule not in ("script", "script-hashtag", "glossary"):
            continue
        if state.get("missing"):
            if not state.get("noted"):
                state["noted"] = True
                ctx.note(f, f"dictionary rule skipped: {state['missing']}")
            continue
        try:
            cand, note = resolve_one(doc, f)
        except dictdata.DictionaryMissing as exc:
            state["missing"] = str(exc)
            state["noted"] = True
            ctx.note(f, f"dictionary rule skipped: {exc}")
            continue
        if note:
            ctx.note(f, note)
        if cand is not None:
            out[f] = [cand]
    return out
