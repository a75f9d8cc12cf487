"""The ``dictionary`` resolver: common words left in Chinese or Japanese inside English sentences
("#加密货币", "a 3.6 billion euros (约合 4.2 billion) budget", "the 倡议"), which no name glossary
can hold. Runs after the glossary, policies and name resolvers and before the model (order 250).

For a run of Han or Kana letters (a ``script`` finding, or a ``script-hashtag`` finding):

1. Look the whole run up: CC-CEDICT for Chinese, JMdict/JMnedict for Japanese (a run with Kana, or
   a Han-only run the finding labels ``ja``, or one CC-CEDICT does not have). A run that is not one
   dictionary word is segmented with jieba; a run of several words is a phrase or a sentence, which
   word-by-word glosses would garble: it stays reported, with each word's best sense as the hint.
2. Choose a sense by what the English around it needs: after a determiner ("the", "a", "its") or
   in a hashtag a noun; after "to" or a modal ("will", "can") a verb, written without "to";
   elsewhere the first sense, unless it is a verb that English would inflect (then reported). A
   proper noun in the dictionary ("北京" Beijing, "越前" Echizen) is its name.
3. Confidence: one entry with a clear first sense, 0.75 (0.8 for a proper noun and in a hashtag);
   a single character (many senses, often a leaked fragment), several entries whose first senses
   differ, or a verb needing inflection: below the threshold, so the finding is reported with the
   candidates listed.

The dictionaries load only when such a finding reaches this resolver (resolve/dictdata.py, cached
on disk). Without the ``dict`` extra the rule is skipped with one note naming the extra.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Candidate
from ..rules import rule
from . import dictdata

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3005\u3007"
_KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u30fc"
_RUN = re.compile(f"[{_HAN}{_KANA}]+")
_HAS_KANA = re.compile(f"[{_KANA}]")

_DETERMINER = frozenset("the a an this that these those its his her their our my your whose every each "
                        "no any some another".split())
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
    return jieba


def _lookup(run: str, lang: str) -> list:
    """Dictionary words for exactly ``run`` (Chinese first unless it is Japanese)."""
    japanese = lang == "ja" or _HAS_KANA.search(run) is not None
    if japanese:
        return list(dictdata.jmdict(run))
    words = list(dictdata.cedict(run))
    if not words:
        # Kanji-only Japanese is labelled zh by the script detector ("越前", "暗号資産").
        words = list(dictdata.jmdict(run))
    return words


@lru_cache(maxsize=1)
def _english_zipf() -> dict[str, float]:
    """English word frequencies (Zipf) from the generated latin lexicon (wordfreq's top words)."""
    from ..detect.latin import lexicon

    return lexicon().en


def _score(alt: str, rank: int) -> float:
    words = re.findall(r"[A-Za-z]+", alt)
    if not words:
        return -9.0
    zipf = _english_zipf()
    # A word outside the lexicon (wordfreq's top 5,000) is rarer than those in it: Zipf 3.
    return sum(zipf.get(w.lower(), 3.0) for w in words) / len(words) - 1.0 * (len(words) - 1) - 0.3 * rank


def _plainest(senses, first) -> str:
    """The plainest English among the first sense's "; " alternatives and the next sense of the
    same part of speech ("marketplace" / "market" -> "market", "company; firm" -> "company",
    "a suspect" -> "suspect"): the most frequent English, fewer words, earlier senses first."""
    pool = [first] + [x for x in senses if x is not first and (x.pos == first.pos)][:1]
    alts = []
    for rank, sense in enumerate(pool):
        for alt in sense.text.split(";"):
            alt = re.sub(r"^(?:a|an)\s+", "", alt.strip())
            if alt:
                alts.append((_score(alt, rank + len(alts) * 0.1), alt))
    return max(alts, key=lambda t: t[0])[1] if alts else first.text


def _noun(senses):
    return next((s for s in senses if s.pos not in ("verb",) and not s.text.startswith("to ")), None)


def _verb(senses):
    return next((s for s in senses if s.pos == "verb" or s.text.startswith("to ")), None)


def _bare(text: str) -> str:
    return text[3:] if text.startswith("to ") else text


def _camel(text: str) -> str:
    words = re.findall(r"[^\W_]+", re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE))
    if len(words) == 1:
        return words[0] if words[0].isupper() else words[0][:1].lower() + words[0][1:]
    return "".join(w[:1].upper() + w[1:] for w in words)


def choose(words, before: str, hashtag: bool) -> tuple[str, float, str, list[str]]:
    """(replacement, confidence, why, candidates) for dictionary ``words`` in their context."""
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
        w = proper[0]
        names = {p.senses[0].text for p in proper if p.source == w.source and p.kind == w.kind}
        if len(names) > 1:
            return "", CONF_UNSURE, f"{len(names)} readings of the {w.kind or 'name'} in {w.source}", cands
        text = w.senses[0].text
        if hashtag:
            text = "#" + "".join(x[:1].upper() + x[1:] for x in re.findall(r"[^\W_]+", text))
        return text, CONF_HASHTAG if hashtag else CONF_PROPER, f"{w.kind or 'name'} in {w.source} ({w.reading})", cands
    if not common:
        return "", 0.0, "no sense in the dictionary", cands
    firsts = {_bare(w.senses[0].text) for w in common}
    ambiguous = len(common) > 1 and len(firsts) > 1
    w = common[0]
    if hashtag or prev in _DETERMINER:
        s = _noun(w.senses) or (None if ambiguous else _verb(w.senses))
        if s is None:
            return "", CONF_UNSURE, "no noun sense", cands
        text = _plainest(w.senses, s)
        text = _bare(text)
        why = "a hashtag is a noun label" if hashtag else f"after {before!r} English needs a noun"
        conf = CONF_HASHTAG if hashtag else CONF_WORD
    elif prev in _VERB_BEFORE:
        s = _verb(w.senses)
        if s is None:
            return "", CONF_UNSURE, f"after {before!r} English needs a verb, the dictionary has none", cands
        text, why, conf = _bare(s.text.split(";")[0].strip()), f"after {before!r} English needs a bare verb", CONF_WORD
    else:
        s = w.senses[0]
        if s.pos == "verb" or s.text.startswith("to "):
            return "", CONF_UNSURE, f"a verb ({s.text!r}) that English would inflect here", cands
        text, why, conf = _plainest(w.senses, s), "first sense", CONF_WORD
    if ambiguous:
        return text, CONF_UNSURE, f"{len(common)} entries with different senses ({', '.join(sorted(firsts))})", cands
    if len(w.form) == 1 and not hashtag:
        return text, CONF_UNSURE, "a single character: too many senses to choose from", cands
    if hashtag:
        text = "#" + _camel(_bare(text))
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
    words = _lookup(body, f.language)
    if not words:
        if len(body) < 2 or f.language == "ja" or _HAS_KANA.search(body):
            return None, ""
        segs = _segments(body)
        if len(segs) < 2:
            return None, ""
        shown = "; ".join(f"{w} {x!r}" if x else w for w, x in segs[:8])
        return None, f"not one dictionary word; words: {shown}"
    rep, conf, why, cands = choose(words, before, hashtag)
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
