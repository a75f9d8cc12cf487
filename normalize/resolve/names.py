"""Names that no glossary holds: rebuild them from their reading, or leave them as written.

Rule ``names`` (resolve, after the glossary): for each finding still open

- a capitalised run of Vietnamese syllables (``kind="name"``, language ``vi``):
  * Chinese context -> the pinyin name rebuilt from the Sino-Vietnamese reading
    ("Hà Lập Phong" -> "He Lifeng", source ``rule:sinoviet-pinyin``), preferring a pinyin name
    the document already uses;
  * Vietnamese person or place in Vietnamese context -> a "keep" candidate (the text itself: the
    pipeline drops the finding as correct English), or its ASCII form under the opt-in
    ``vietnamese-ascii`` style;
  * Taiwan/Hong Kong/Macau context -> nothing (reported: their names are not Hanyu Pinyin);
  * no telling -> the best pinyin guess below the confidence threshold (reported, with it).
- a Han, Hangul, Cyrillic or Kana run in name position -> a romanized name (normalize.names.romanize);
  a romanization that repeats the Latin word next to it ("Анна Anna") removes the duplicate.

Rule ``name-run`` (detect): Vietnamese-read Chinese names written without diacritics
("Vice Premier Trieu Lac Te") right after a title, which no other detector can tell from English.
"""

from __future__ import annotations

import re

from ..detect.common import cue_chunks, name_context
from ..detect.damage import damage_near
from ..detect.gloss import is_gloss
from ..detect.vietnamese import english_term
from ..names import context, romanize, sinoviet
from ..names.vietnamese import has_vietnamese_marks, is_syllable
from ..records import Candidate, Finding
from ..rules import rule

RULE = "names"
# A name rebuilt from its reading with no glossary entry is applied only at this confidence or
# above. Fitted on the dev split (tests/data/heldout-names.tsv, scripts/eval_names.py prints the
# accuracy per confidence bucket with ``--no-builtin-glossary --rebuild-min 0``): at 0.8 and above
# 244 of 245 rebuilds were right, in [0.7, 0.8) 43 of 50, below 0.7 68 of 107. The frozen test
# split (tests/data/names-test.tsv) is read only to report.
REBUILD_MIN = 0.8
# ... and the best reading's own probability at least this, by (without diacritics, syllables).
# The dev list alone could not show it (its 0.8+ bucket was all right, partly because the
# hand-kept readings were written while looking at it): fitted by scripts/fit_rebuild.py on
# jieba's 42,868 person names, the data the priors come from, as the lowest probability at which
# wrong rewrites stay <= 1 % of all names (the table's probabilities are well calibrated there:
# names at p >= 0.7 are rebuilt right only 92 % of the time, at p >= 0.95 98 %).
REBUILD_PROB_MIN = {(False, 2): 0.99, (False, 3): 0.95, (True, 2): 0.95, (True, 3): 0.85}
CLEAN_WHY = ("Vietnamese spelling with diacritics in a paragraph with no other machine-translation damage: "
             "correct English as written")
SOURCE_PINYIN = "rule:sinoviet-pinyin"

# The Latin-name patterns below hold only what follows their look-behind (?<![\w'\u2019-]), which
# _name_matches checks: a pattern opening with a look-behind is tried at every position of the text,
# one opening with a capital letter only at capitals (2-3 times faster).
_NAME_CHAR = re.compile(r"[\w'\u2019-]")
_WORD_CHAR = re.compile(r"\w")


def _name_matches(bare: re.Pattern, nfc: str):
    r"""``re.compile(r"(?<![\w'\u2019-])" + bare.pattern).finditer(nfc)``."""
    return context.finditer_not_after(bare, nfc, _NAME_CHAR)


# Most lines of the pipeline's second round are lines of the first, unchanged by its repairs.
# What the name patterns find in a line (they neither cross a line break nor tell one from the
# text's ends) is kept by line text for that round and the next documents, up to this many
# characters of lines per fact.
_LINE_CACHE_CHARS = 20_000_000


def _by_line(ctx, name: str, nfc: str, compute) -> list:
    """[(line start, compute(line))] for the lines of ``nfc`` whose value is not empty; the value
    must depend on the line's text and ``ctx.glossary`` alone."""
    cached = ctx.cache.get(name)
    if cached is None or cached[0] is not ctx.glossary or cached[2][0] > _LINE_CACHE_CHARS:
        cached = ctx.cache[name] = (ctx.glossary, {}, [0])
    _, memo, size = cached
    out = []
    start = 0
    for line in nfc.split("\n"):
        value = memo.get(line)
        if value is None:
            value = memo[line] = compute(line)
            size[0] += len(line)
        if value:
            out.append((start, value))
        start += len(line) + 1
    return out


# A pinyin name already in the document: "He Lifeng", "Wang Huning", "Lan Fo'an".
_LATIN_NAME = re.compile(r"([A-Z][a-z]{0,5})[ \u00a0]([A-Z][a-z]{0,11}(?:['\u2019][a-z]{1,6})?)(?![\w-])")
# Before a place, not a person: "in Hà Nội", "from Đà Nẵng", "Quảng Ninh province".
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|from|to|near|across|around|outside|inside|via|of)\s+)$", re.IGNORECASE)
# The last word of a run that makes it a place ("Hạ Long Bay", "Tô Lịch River").
_PLACE_WORDS = frozenset("bay river lake pass island islands mountain mountains market pagoda temple citadel "
                         "province city district commune ward town village bridge street road park".split())
_PLACE_AFTER = re.compile(r"^\s+(?:province|city|district|county|town|village|commune|port|bay|river|airport|"
                          r"prefecture|region|island|islands|mountain|lake|metro|line|station|expressway|highway|railway|market|"
                          r"pagoda|temple|bridge|street|road|pass|park|range|folk)\b", re.IGNORECASE)
# " - Hà Đông" after a run: the other end of a route or line ("the Cát Linh - Hà Đông metro line").
_PAIRED_RUN = re.compile(r"^[ \u00a0]*[-\u2013\u2014][ \u00a0]*(?:[A-Z\u00c0-\u024f\u1e00-\u1eff][^\W\d_]*[ \u00a0]){1,3}")


def _pinyin_syllables() -> frozenset[str]:
    from ..names import tables

    sylls = set(tables.han_pinyin().values())
    sylls.update(p for p, _ in tables.zh_surnames().values())
    return frozenset(s.replace("ü", "u") for s in sylls if s.isalpha())


def _split_pinyin(word: str, sylls: frozenset[str], parts: int = 2) -> bool:
    """Can ``word`` (lower case) be cut into 1..parts pinyin syllables?"""
    pieces = re.split(r"['\u2019]", word)
    if len(pieces) > 1:
        return all(p in sylls for p in pieces) and len(pieces) <= parts
    if word in sylls:
        return True
    # A syllable starting with a, o or e after another takes an apostrophe in pinyin (GB/T 16159:
    # "Lan Fo'an"), so "Yee" is no pinyin spelling of "Ye'e".
    return parts > 1 and any(word[:i] in sylls and word[i:] in sylls and word[i] not in "aoe"
                             for i in range(1, len(word)))


def pinyin_names(doc, ctx) -> set[str]:
    """Chinese names in pinyin already written in the document ("He Lifeng"), cached per document."""
    cache = ctx.per_doc.setdefault("names", {})
    if "pinyin" in cache:
        return cache["pinyin"]
    from ..names import tables

    sylls = ctx.cache.get("names.pinyin-syllables")
    if sylls is None:
        sylls = ctx.cache["names.pinyin-syllables"] = _pinyin_syllables()
    surnames = {p.replace("ü", "u") for h, (p, _) in tables.zh_surnames().items()}

    def in_line(line: str) -> frozenset[str]:
        found = set()
        for m in _name_matches(_LATIN_NAME, line):
            sur, given = m.group(1).lower(), m.group(2).lower()
            if sur in surnames and _split_pinyin(given, sylls):
                found.add(m.group(1) + " " + m.group(2).replace("\u2019", "'"))
        return frozenset(found)

    found = set().union(*(names for _, names in _by_line(ctx, "names.pinyin-lines", doc.nfc, in_line)))
    cache["pinyin"] = found
    return found


def known_chinese_people(doc, ctx) -> int:
    """How many Chinese people of the glossary the document names, in any form it knows.

    A person counts whether written in a form the glossary will replace ("Hà Lập Phong",
    "何立峰") or already as its pinyin target ("He Lifeng"), so the count, and with it the
    Chinese evidence, is the same before and after cleaning (cleaning twice changes nothing).
    Names this rule rebuilds itself are not counted, for the same reason.
    """
    cache = ctx.per_doc.setdefault("names", {})
    if "people" in cache:
        return cache["people"]
    glossary = ctx.glossary
    targets = ctx.cache.get("names.zh-targets")
    if targets is None or targets[0] is not glossary:
        people = {e.target for e in glossary.entries
                  if e.type == "person" and e.han and e.romanization == "pinyin" and not e.keep}
        targets = ctx.cache["names.zh-targets"] = (glossary, frozenset(people))
    found = set(pinyin_names(doc, ctx)) & targets[1]
    if targets[1]:
        from ..detect.glossary_scan import accepted_matches

        for _, hits in accepted_matches(doc, ctx):
            e = hits[0][0].entry
            if e.target in targets[1]:
                found.add(e.target)
    cache["people"] = len(found)
    return len(found)


def _nfc_span(doc, f: Finding) -> tuple[int, int]:
    return doc.nfc_offset(f.start), doc.nfc_offset(f.end) if f.end < len(doc.text) else len(doc.nfc)


def _ascii_style(text: str) -> str:
    from ..glossary import fold

    return "".join(fd.upper() if ch.isupper() else fd for ch, fd in zip(text, fold(text)))


def _keep(f: Finding, text: str, ctx, conf: float, why: str) -> list[Candidate]:
    if ctx.config.rule_on("vietnamese-ascii", False):
        return [Candidate(_ascii_style(text), "rule:vietnamese-ascii", conf, RULE,
                          f"{why}; opt-in ASCII style", "person")]
    return [Candidate(f.text, "rule:vietnamese-name", conf, RULE, why, "person")]


def pinyin_confidence(p: float, ev: context.Evidence, folded: bool, name_position: bool, words: int) -> float:
    """Calibrated on tests/data/heldout-names.tsv (scripts/eval_names.py prints accuracy by bucket):
    the table's probability of the best reading, discounted by how far the Chinese cue is."""
    base = 0.45 + 0.5 * p
    if ev.local == "zh":
        strength = 1.0
    elif ev.zh >= 1.0:
        strength = 0.9
    elif ev.zh >= 0.5:
        strength = 0.8
    else:
        strength = 0.6
    conf = base * strength
    if folded:
        conf *= 0.85
    if words == 2 and not name_position and ev.local != "zh":
        conf *= 0.85
    if context.log_odds_chinese(ev) < 1.0:
        conf *= 0.9
    return round(min(conf, 0.97), 3)


def _prob_min(folded: bool, words: int) -> float:
    return REBUILD_PROB_MIN[(folded, min(max(words, 2), 3))]


def _letters_probability(readings: list) -> float:
    """Probability of the best reading's pinyin syllables however they are grouped: "Ouyang Ming"
    and "Ou Yangming" are one spelling, the compound-surname rule (sinoviet._compound_share)
    decides the grouping, not the syllables' evidence."""
    key = readings[0].text.replace(" ", "").lower()
    return sum(r.probability for r in readings if r.text.replace(" ", "").lower() == key)


def _compound(words: list[str]) -> bool:
    return len(words) >= 3 and bool(sinoviet.lookup("C", f"{words[0]} {words[1]}")[1])


def _vietnamese_anchor(doc, ctx, s: int, e: int, words: list[str], ev: context.Evidence | None = None) -> bool:
    """Something says the name at NFC [s, e) is Vietnamese: a Vietnam cue anywhere in the document,
    a Vietnamese place or person the glossary keeps as written, or the name itself (a surname or
    middle name far more common in Vietnam than in China). A Chinese general of a classical text
    in Sino-Vietnamese reading ("Liễu Thăng led his troops from Khâu Ôn") has none of these."""
    if ev is None:
        ev = context.evidence(doc, s, e, words)
    if ev.vi > 0 or ev.name_vi >= 2.0:
        return True
    # A syllable with no Sino-Vietnamese reading is vernacular ("Bến Thành", "Cần Giờ", "Chợ Lớn"):
    # no Chinese name or place is written with it.
    if any(not sinoviet.lookup("G", w)[1] and not sinoviet.lookup("S", w)[1] for w in words):
        return True
    # A run that does not open with a Chinese surname is no Chinese person's name ("Trường Sơn",
    # "Việt Bắc", "Yên Tử": S mass from jieba's person names, scripts/gen_name_tables.py).
    if len(words) >= 2 and not sinoviet.lookup("S", words[0])[1] and not _compound(words):
        return True
    cache = ctx.per_doc.setdefault("names", {})
    if "vi-kept" not in cache:
        from ..detect.glossary_scan import accepted_matches

        cache["vi-kept"] = any(h[0][0].entry.keep and h[0][0].entry.language == "vi" and h[0][0].entry.proper
                               for _, h in accepted_matches(doc, ctx))
    return cache["vi-kept"]


def _no_chinese_cue(ev: context.Evidence, words: int = 3) -> bool:
    """Nothing in the document speaks of China, Taiwan or Hong Kong, and the name has the three
    or more syllables of a Vietnamese full name. English news never writes a Chinese name in its
    Sino-Vietnamese reading; only MT (damage) or a text about China would, so in a clean
    paragraph of such a document a full name with diacritics is Vietnamese ("Minister of Public
    Security Lương Tam Quang signed ... in Vientiane"). Two syllables are the shape of the Chinese
    names of classical texts translated from Vietnamese ("Liễu Thăng led his troops from Khâu
    Ôn"), which keep their Sino-Vietnamese reading and are reported."""
    return words >= 3 and _no_china(ev)


def _no_china(ev: context.Evidence) -> bool:
    return ev.zh == 0 and ev.twhk == 0 and ev.local in ("", "vi")


def _is_place(doc, s: int, e: int, words: list[str]) -> bool:
    """The run names a place: its last word ("Hạ Long Bay"), "in/from X", a place word after it
    ("Quảng Ninh province"), or a dash to another run with a place word after it (the stations of
    "the Cát Linh - Hà Đông metro line", the ends of "the Hà Nội - Hải Phòng expressway")."""
    if words[-1].lower() in _PLACE_WORDS:
        return True
    before, after = doc.nfc[max(0, s - 30):s], doc.nfc[e:e + 60]
    paired = _PAIRED_RUN.match(after)
    if paired and _PLACE_AFTER.match(after[paired.end() - 1:]):
        return True
    return bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after)) and not name_context(doc.nfc, s, e)


def _one_word_or_lower(f: Finding, doc, ctx, s: int, e: int, words: list[str], clean: bool) -> list[Candidate]:
    """A one-syllable name ("Tiết", "The Tale of Kiều") or a run not all capitalised: kept in a
    clean paragraph with something Vietnamese about it, else left to be reported."""
    if clean and words:
        ev = context.evidence(doc, s, e, words)
        # A lone word that is no Chinese surname ("Xuân whispered into Tuyết's ear") is a given
        # name: English prose calls a Chinese person by surname or full name.
        lone_given = len(words) == 1 and not sinoviet.lookup("S", words[0])[0]
        if ev.local != "zh" and (ev.name_vi > 1.0 or (_no_china(ev) and (lone_given or _vietnamese_person_named(doc, ctx)))
                                 or _vietnamese_anchor(doc, ctx, s, e, words, ev)):
            return _keep(f, doc.nfc[s:e], ctx, 0.9, CLEAN_WHY)
    return []


def _vietnamese_person_named(doc, ctx) -> bool:
    """The document names a Vietnamese person in full: a run of two or more syllables whose name
    is far commoner in Vietnam than in China ("Poet Nguyễn Du wrote The Tale of Kiều": the work's
    heroine is read in that light). One-syllable surnames ("the Lưu and Nguyễn") do not count."""
    cache = ctx.per_doc.setdefault("names", {})
    if "vi-person" not in cache:
        # A run may open with a capitalised title ("Poet Nguyễn Du"): any tail of two or more words.
        runs = [sinoviet.split_name(f.text) for f in ctx.per_doc.get("findings", ())
                if f.kind == "name" and f.language == "vi"]
        cache["vi-person"] = any(context.vietnamese_name_ratio(w[i:]) >= 10
                                 for w in runs for i in range(len(w) - 1))
    return cache["vi-person"]


def _vietnamese_term(f: Finding, doc, ctx) -> list[Candidate]:
    """A lower-case Vietnamese term with its diacritics in an English frame, in a paragraph with
    no MT damage ("Visitors can watch a đờn ca tài tử performance"): correct English as written
    (docs/precision.md, point 1)."""
    if not has_vietnamese_marks(f.text) or damage_near(doc, ctx, f.start, f.end):
        return []
    s, e = _nfc_span(doc, f)
    why = english_term(doc.nfc, s, e)
    if not why:
        return []
    return [Candidate(f.text, "rule:vietnamese-term", 0.9, RULE,
                      f"{why}, in a paragraph with no other machine-translation damage: correct English as written", "word")]


def _vietnamese_reading(f: Finding, doc, ctx, folded: bool) -> list[Candidate]:
    s, e = _nfc_span(doc, f)
    text = doc.nfc[s:e]
    words = sinoviet.split_name(text)
    # Precision policy (docs/precision.md): a name spelt with its diacritics in a paragraph that
    # shows no other MT damage is how Vietnam's English press prints it.
    clean = not folded and not damage_near(doc, ctx, f.start, f.end)
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return _one_word_or_lower(f, doc, ctx, s, e, words, clean)
    # Other Chinese people in the document count as a Chinese cue only when the glossary knows
    # them (see known_chinese_people: the count must not change between passes).
    ev = context.evidence(doc, s, e, words, pinyin_names=known_chinese_people(doc, ctx),
                          index=context.cues(doc, ctx))
    place = _is_place(doc, s, e, words)
    if ev.local == "twhk" or (ev.twhk >= 1.0 and ev.local != "zh"):
        if clean and ev.name_vi >= 10:
            # The name itself is Vietnamese ("Võ Thị Ánh Xuân"), in a clean paragraph: a Taiwan
            # cue around it does not make it a reading to report.
            return _keep(f, text, ctx, 0.9, CLEAN_WHY)
        ctx.note(f, "Taiwan/Hong Kong/Macau context: names there are not written in Hanyu Pinyin, "
                    "so only a glossary entry may replace this one")
        return []
    lo = context.log_odds_chinese(ev)
    # A nationality in the same clause ("Vietnamese Foreign Minister X") decides, whatever the
    # surname suggests; otherwise the odds from context and name together.
    if ev.local == "vi" or (ev.local != "zh" and lo <= -0.7 and (ev.vi >= 0.5 or ev.name_vi >= 10)):
        conf = 0.9 if ev.vi >= 1.0 or ev.local == "vi" else 0.75
        what = "place" if place else "name"
        return _keep(f, text, ctx, conf, f"Vietnamese {what} in a Vietnamese context: correct English as written")
    # Rebuilt only with a Chinese cue in the name's own clause, or in a title position with
    # Chinese context around it: a sentence that merely mentions China ("Workers from Guangxi
    # helped build the Cát Linh - Hà Đông line") does not make its names Chinese.
    clause_zh = ev.local == "zh" and ev.name_vi < 30
    in_name_position = name_context(doc.nfc, s, e)
    chinese = clause_zh or (in_name_position and lo >= 0.5 and ev.zh >= 0.5 and ev.vi < 1.0)
    # In a clean paragraph only the name's own clause can say it is Chinese: a Chinese cue in the
    # next sentence ("The Chinese character 福 ...") says nothing about "Poet Xuân Quỳnh".
    if clean and (place or not clause_zh) and (place or ev.name_vi > 1.0 or _no_chinese_cue(ev, len(words))
                                              or _vietnamese_anchor(doc, ctx, s, e, words, ev)):
        return _keep(f, text, ctx, 0.9, CLEAN_WHY)
    if place:
        return []  # places are the glossary's: a pinyin place name is one word and often not pinyin
    return _rebuild(f, doc, ctx, text, words, ev, folded, chinese, in_name_position)


def _rebuild(f: Finding, doc, ctx, text: str, words: list[str], ev: context.Evidence, folded: bool,
             chinese: bool, in_name_position: bool) -> list[Candidate]:
    """The pinyin candidate for a Chinese name in Sino-Vietnamese reading, at a confidence that
    applies it only with a Chinese cue and the fitted evidence (REBUILD_MIN, REBUILD_PROB_MIN)."""
    readings = sinoviet.readings(text, folded=folded, top=8)
    if not readings:
        return []
    lo = context.log_odds_chinese(ev)
    known = pinyin_names(doc, ctx)
    # Document consistency: a pinyin name the document already uses wins over the model's ranking.
    for r in readings:
        if r.text in known and lo > -0.7:
            conf = 0.95 if ev.zh >= 0.5 else 0.8
            return [Candidate(r.text, SOURCE_PINYIN, conf, RULE,
                              f"Sino-Vietnamese reading of {r.text!r}, which the document already uses", "person")]
    best = readings[0]
    conf = pinyin_confidence(best.probability, ev, folded, in_name_position, len(words))
    alts = ", ".join(f"{r.text} {r.probability:.2f}" for r in readings[1:3])
    why = (f"Sino-Vietnamese reading of a Chinese name ({best.probability:.2f}"
           + (f"; also {alts}" if alts else "") + ")")
    if not chinese:
        # Without a Chinese cue in the name's own clause, a sentence that also names Vietnam
        # ("X met the Chinese ambassador in Hanoi") does not say whose name X is.
        # Not enough to say the person is Chinese: offer the reading, but below any sane threshold.
        conf = min(conf, 0.4)
        why += "; no clear Chinese context"
    elif conf < REBUILD_MIN or _letters_probability(readings) < _prob_min(folded, len(words)):
        # Flag rather than guess: below the fitted thresholds the candidates are reported, not applied.
        conf = min(conf, 0.45)
        why += (f"; below the confidence {REBUILD_MIN} and name probability {_prob_min(folded, len(words))} "
                "needed to rewrite a name no glossary holds")
    return [Candidate(best.text, SOURCE_PINYIN, conf, RULE, why, "person")]


_ADJ_LATIN_AFTER = re.compile(r"^[ \u00a0]([A-Z][a-z]+(?:-[A-Za-z]+)?)\b")
_ADJ_LATIN_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:-[A-Za-z]+)?)[ \u00a0]$")


def _han_person(f: Finding, doc, ctx, s: int, e: int, titled: bool) -> list[Candidate]:
    """A Han name in name position read in Hanyu Pinyin: not in Japanese context (kanji names
    need Japanese readings) nor in Taiwan/Hong Kong context (names there are not pinyin)."""
    nfc = doc.nfc
    text = nfc[s:e]
    sent_s, sent_e = doc.sentence_bounds(s)
    sentence = nfc[sent_s:sent_e]
    if re.search("[\u3040-\u30ff]", sentence) or context.cues(doc, ctx).search("ja", sent_s, sent_e, sliced=True):
        return []  # kanji names need Japanese readings, which we do not have
    if not titled:
        return []
    name = romanize.han_name(text)
    rare = False
    if not name:
        name, rare = romanize.han_name(text, rare_surname=True), True
    if not name:
        return []
    ev = context.evidence(doc, s, e, index=context.cues(doc, ctx))
    conf = 0.85 if ev.zh >= 0.5 or ev.local == "zh" else 0.7
    if rare:
        conf -= 0.2
    if ev.local == "twhk" or (ev.twhk >= 1.0 and ev.local != "zh"):
        if clean and ev.name_vi >= 10:
            # The name itself is Vietnamese ("Võ Thị Ánh Xuân"), in a clean paragraph: a Taiwan
            # cue around it does not make it a reading to report.
            return _keep(f, text, ctx, 0.9, CLEAN_WHY)
        ctx.note(f, "Taiwan/Hong Kong/Macau context: the Mandarin pinyin is not how this person's name is written")
        return []
    return [Candidate(name, "rule:han-pinyin", conf, RULE, "Han name in name position, read in Hanyu Pinyin", "person")]


def _script_name(f: Finding, doc, ctx) -> list[Candidate]:
    s, e = _nfc_span(doc, f)
    text = doc.nfc[s:e]
    place = next((x for x in ctx.glossary.get(text) if x.type in ("place", "country")), None)
    if place is not None:
        # Gazetteer first, romanization second (issue 12.7): a known place is never romanized
        # by rule; where the context refused the place, the finding is reported, not guessed.
        ctx.note(f, f"a known place ({place.ref}: {place.target}) in name position: not romanized")
        return []
    if is_gloss(doc, s, e):
        return []
    nfc = doc.nfc
    titled = name_context(nfc, s, e)
    nxt = _ADJ_LATIN_AFTER.match(nfc[e:e + 30])
    prv = _ADJ_LATIN_BEFORE.search(nfc[max(0, s - 30):s])
    lang = f.language
    if lang == "zh":
        return _han_person(f, doc, ctx, s, e, titled)
    if lang == "ko":
        name = romanize.korean_name(text)
        if not name or not (titled or (len(text) >= 3 and (nxt or prv))):
            return []
        return [Candidate(name, "rule:hangul-rr", 0.75 if titled else 0.6, RULE,
                          "Hangul name: press surname spelling, given name in Revised Romanization", "person")]
    if lang in ("ru", "uk", "bg", "sr", "be"):
        words = text.split()
        if not all(w[:1].isupper() and w[1:].islower() for w in words if w):
            return []
        rom = romanize.cyrillic(text, "uk" if lang == "uk" else "ru")
        # "Анна Anna Ivanovna": the Cyrillic repeats the Latin word next to it.
        if (nxt and nxt.group(1).lower() == rom.lower()) or (prv and prv.group(1).lower() == rom.lower()):
            return [Candidate("", "rule:cyrillic-bgn-pcgn", 0.85, RULE,
                              f"Cyrillic {text!r} repeats the Latin {rom!r} beside it", "person")]
        if not (titled or nxt or prv):
            return []
        return [Candidate(rom, "rule:cyrillic-bgn-pcgn", 0.75, RULE,
                          "Cyrillic name in name position, " + ("Ukrainian national romanization (2010)" if lang == "uk" else "BGN/PCGN romanization"), "person")]
    if lang == "ja":
        if not re.fullmatch("[\u3040-\u30ff\u30fb ]+", text):
            return []
        rom = romanize.kana(text)
        if not rom or not (titled or nxt or prv):
            return []
        if romanize.is_katakana(text):
            return [Candidate(rom, "rule:kana-hepburn", 0.4, RULE,
                              "katakana usually spells a foreign name: modified Hepburn is only a guess at it", "person")]
        return [Candidate(rom, "rule:kana-hepburn", 0.65, RULE, "kana name in name position, modified Hepburn", "person")]
    return []


@rule("names", stage="resolve", order=200,
      description="names in no glossary: Sino-Vietnamese readings of Chinese names to pinyin in a Chinese context, "
                  "Vietnamese names kept in a Vietnamese context, Han/Hangul/Cyrillic/Kana names romanized")
def resolve_names(findings, doc, ctx):
    out = {}
    romanized = ctx.per_doc.get("names.romanized", {})
    for f in findings:
        if f.rule == "name-romanization" and (f.start, f.end) in romanized:
            target, ref, pinyin_like = romanized[(f.start, f.end)]
            conf = 0.55 if pinyin_like else 0.75
            cands = [Candidate(target, ref, conf, RULE, f"another romanization of {target!r}", "person")]
        elif f.kind == "name" and f.language == "vi":
            cands = _vietnamese_reading(f, doc, ctx, folded=not any(has_vietnamese_marks(w) for w in f.text.split()))
        elif f.kind == "vietnamese" and f.rule == "vietnamese":
            cands = _vietnamese_term(f, doc, ctx)
        elif f.kind == "script":
            cands = _script_name(f, doc, ctx)
        else:
            continue
        if cands:
            out[f] = cands
    return out


# -- detector for unaccented names -------------------------------------------------------------
# Found after a non-word character (a leading \b, checked in Python: see _name_matches).
_TITLE_RUN = re.compile(
    r"(?:Chinese|China's)\s+(?:(?:Vice|Deputy|Executive|Former|former|Foreign|Defen[cs]e|Commerce|Finance|"
    r"Premier|President|Minister|Chairman|Secretary|Ambassador|General|Party|Chief|State|Councillor|Councilor|"
    r"Vice-Premier|Vice-President|leader|envoy|negotiator|spokesperson|spokesman|spokeswoman|official|ambassador|"
    r"minister|premier|president|chief|counterpart)\s+){1,4}"
    r"((?:[A-Z][a-z]{0,6}[ \u00a0]){1,3}[A-Z][a-z]{0,6})(?![\w'\u2019-])"
)




# Capitalised English words that are also Vietnamese syllables and start a sentence's capitalised
# stretch: "In Hà Nội", "The Mỹ Sơn", "So". Not "An": it starts and ends Vietnamese names (An Giang,
# Nghệ An, Lam Phật An).
_EDGE_WORDS = frozenset("a the in on at to no so do go he me we be it its i my as of by or if".split())


def _marked_runs(nfc: str, english) -> list[tuple[int, int]]:
    """Capitalised runs of 2-4 Vietnamese syllables with at least one non-ASCII letter.

    The ``vietnamese`` detector seeds only on letters no other language uses (ơ ư đ ạ ...), so
    names whose marks are all Latin-1 ("Lý Gia Siêu", "Tôn Kim Long", "Cao Tân") or that hold an
    English-looking syllable ("Vương An Thuận") reach no resolver whole. French, Spanish or
    Portuguese names rarely spell two capitalised Vietnamese syllables in a row ("São Tomé",
    "José", "Hélène" are not syllables), so two or more together are a Vietnamese reading.
    Seeds are capitalised non-ASCII words; runs grow from them (clean English costs one regex pass).
    """
    out: list[tuple[int, int]] = []
    last_end = -1
    for seed in _seeds(nfc):
        if seed.start() < last_end or not _run_word(seed.group()):
            continue
        words = [(seed.start(), seed.end(), seed.group())]
        while True:  # left
            m = _PREV_WORD.search(nfc, max(0, words[0][0] - 12), words[0][0])
            if not m or not _run_word(m.group(1)):
                break
            words.insert(0, (m.start(1), m.end(1), m.group(1)))
        while True:  # right
            m = _NEXT_WORD.match(nfc, words[-1][1])
            if not m or not _run_word(m.group(1)):
                break
            words.append((m.start(1), m.end(1), m.group(1)))
        last_end = words[-1][1]
        # English words at the start are not part of the name ("The", "In" at a sentence start).
        while words and words[0][2].lower() in _EDGE_WORDS:
            words = words[1:]
        # A Portuguese or French word that happens to spell a Vietnamese syllable ("São", "Thé")
        # is not a seed on its own; any other marked syllable is.
        marked = [w for _, _, w in words if not w.isascii()]
        strong = [w for w in marked if w.lower() not in _ROMANCE]
        if 2 <= len(words) <= 4 and (strong or len(marked) >= 2):
            out.append((words[0][0], words[-1][1]))
    return out


_SEED_WORD = re.compile(r"(?<![\w'\u2019-])[^\W\d_]*[^\x00-\x7f][^\W\d_]*(?![\w'\u2019-])")
# Every seed holds a non-ASCII character and no ASCII character but letters: it is searched for
# only between the ASCII non-letters around each non-ASCII character (the same matches as
# _SEED_WORD.finditer over the whole text; see detect/common.py cue_chunks).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_NON_LETTER = "[\x00-\x40\x5b-\x60\x7b-\x7f]"


def _seeds(nfc: str):
    for start, end in cue_chunks(nfc, _NON_ASCII, _ASCII_NON_LETTER, back=60):
        yield from _SEED_WORD.finditer(nfc, start, end)
_PREV_WORD = re.compile(r"(?<![\w'\u2019-])([^\W\d_]+)[ \u00a0]$")
_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_]+)(?![\w'\u2019-])")


# Capitalised Portuguese, French and Spanish words spelled like one Vietnamese syllable.
_ROMANCE = frozenset("são não sá sé sí thé né lá pão mão tão chão já".split())


def _run_word(w: str) -> bool:
    return w[:1].isupper() and not any(c.isupper() for c in w[1:]) and is_syllable(w)


@rule("name-run", stage="detect", order=110,
      description="Vietnamese-read names the vietnamese detector cannot seed: Latin-1 marks only (\"Lý Gia Siêu\"), "
                  "or no marks at all right after a Chinese title (\"Chinese Vice Premier Trieu Lac Te\")")
def detect_name_run(doc, ctx):
    nfc = doc.nfc
    if nfc.isascii() and "Chin" not in nfc:
        return
    from ..detect.common import english_syllables

    if not nfc.isascii():
        marked = _by_line(ctx, "names.marked-lines", nfc, lambda line: tuple(_marked_runs(line, english_syllables())))
        for s, e in ((line_start + s, line_start + e) for line_start, runs in marked for s, e in runs):
            if is_gloss(doc, s, e):
                continue  # "called Tết Trung thu,": a mention
            yield doc.finding(s, e, kind="name", rule="name-run", language="vi",
                              evidence="capitalised run of Vietnamese syllables (a name in Vietnamese spelling)")
    if "Chin" not in nfc:
        return
    known = None
    for m in context.finditer_not_after(_TITLE_RUN, nfc, _WORD_CHAR):
        words = m.group(1).split()
        if not 2 <= len(words) <= 4 or not all(w.isascii() and is_syllable(w) for w in words):
            continue
        if known is None:
            known = pinyin_names(doc, ctx)
        if m.group(1) in known:
            continue  # already pinyin
        # Pinyin names are spelled with syllables Vietnamese also has ("Ma Kai", "He Wei"): a run
        # that is already a valid pinyin name is not a leftover.
        sylls = ctx.cache.get("names.pinyin-syllables")
        if sylls is None:
            sylls = ctx.cache["names.pinyin-syllables"] = _pinyin_syllables()
        if len(words) == 2 and all(_split_pinyin(w.lower(), sylls) for w in words):
            continue
        if not sinoviet.readings(m.group(1), folded=True):
            continue  # not a Sino-Vietnamese reading at all
        s, e = m.span(1)
        yield doc.finding(s, e, kind="name", rule="name-run", language="vi",
                          evidence="Vietnamese reading of a Chinese name without diacritics after a Chinese title")


# -- other romanizations of known names ----------------------------------------------------------
_LATIN_RUN = re.compile(r"[A-Z][a-z]*(?:['\u2019-][A-Za-z][a-z]*)*"
                        r"(?:[ \u00a0][A-Z][a-z]*(?:['\u2019-][A-Za-z][a-z]*)*){1,5}(?![\w'\u2019-])")


def _phonetic_index(ctx) -> dict[str, dict[str, str]]:
    """Phonetic key -> {pinyin target: glossary reference} for the Chinese people of the glossary."""
    glossary = ctx.glossary
    cached = ctx.cache.get("names.phonetic")
    if cached is not None and cached[0] is glossary:
        return cached[1]
    from .. import _cache
    from ..names import phonetic

    if glossary.digest is not None:
        digest = glossary.digest + _cache.key("names-phonetic", (), code=(__file__, phonetic.__file__))
        index = _cache.cached("names-phonetic", digest, lambda: _build_phonetic_index(glossary))
    else:
        index = _build_phonetic_index(glossary)
    ctx.cache["names.phonetic"] = (glossary, index)
    return index


def _build_phonetic_index(glossary) -> dict[str, dict[str, str]]:
    from ..names import phonetic

    index: dict[str, dict[str, str]] = {}
    firsts: set[str] = set()
    for entry in glossary.entries:
        if entry.type != "person" or not entry.han or entry.romanization != "pinyin":
            continue
        for form in (entry.target, *entry.aliases):
            if form.isascii() and " " in form:
                k = phonetic.key(form)
                index.setdefault(k, {})[entry.target] = entry.ref
                firsts.add(k.split()[0])
    # Keys of first words: a window whose first word's key is no surname's is skipped unread.
    index[""] = {w: "" for w in firsts}
    return index


# Near misses: a known person's surname misspelt by one phonetic step ("Besant", "Bessen" for
# Bessent). Only surnames of at least this many letters (short syllables collide: Wang Yu is not
# Wang Yi), only for people whose glossary entries name a context cue, and only with that cue in
# the sentence or the one before or after ("Treasury Secretary Besant", not "Annie Besant").
NEAR_MISS_MIN_LETTERS = 6


def _near_miss_index(ctx) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Phonetic key of a surname -> (target, glossary reference, cues), for people whose entries
    carry context cues; built once per glossary set."""
    glossary = ctx.glossary
    cached = ctx.cache.get("names.near-miss")
    if cached is not None and cached[0] is glossary:
        return cached[1]
    from ..names import phonetic

    cues: dict[str, set[str]] = {}
    refs: dict[str, str] = {}
    for entry in glossary.entries:
        if entry.type != "person" or entry.han or not entry.target.isascii():
            continue
        cues.setdefault(entry.target, set()).update(entry.requires)
        refs.setdefault(entry.target, entry.ref)
    index: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    clash: set[str] = set()
    sylls = ctx.cache.get("names.pinyin-syllables")
    if sylls is None:
        sylls = ctx.cache["names.pinyin-syllables"] = _pinyin_syllables()
    for target, cs in cues.items():
        surname = target.split()[-1]
        if not cs or len(surname) < NEAR_MISS_MIN_LETTERS or not surname.isalpha():
            continue
        if _is_pinyin_name(target, sylls):
            continue  # Chinese names have their own matcher (phonetic keys of whole names)
        k = phonetic.key(surname)
        if k in index and index[k][0].split()[-1] != surname:
            clash.add(k)
        index.setdefault(k, (surname, refs[target], tuple(sorted(cs))))
    for k in clash:
        del index[k]
    ctx.cache["names.near-miss"] = (glossary, index)
    return index


def _variants(k: str) -> set[str]:
    return {k} | {k[:i] + k[i + 1:] for i in range(len(k))}


def _deletion_index(ctx, index) -> dict[str, set[str]]:
    cached = ctx.cache.get("names.near-miss-deletions")
    if cached is not None and cached[0] is index:
        return cached[1]
    out: dict[str, set[str]] = {}
    for k in index:
        for v in _variants(k):
            out.setdefault(v, set()).add(k)
    ctx.cache["names.near-miss-deletions"] = (index, out)
    return out


def _edit1(a: str, b: str) -> bool:
    """Exactly one insertion, deletion or substitution apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


_WORD_END = r"(?![\w'\u2019-])"
_CAP_WORD = re.compile(r"[A-Z][a-z]{4,}" + _WORD_END)


def _near_keys(ctx, index):
    """word -> [surname keys equal to its phonetic key or one edit from it], kept for the next
    round and documents (bounded)."""
    from ..names import phonetic

    deletions = _deletion_index(ctx, index)
    cached = ctx.cache.get("names.near-miss-words")
    if cached is None or cached[0] is not index or len(cached[1]) > 100_000:
        cached = ctx.cache["names.near-miss-words"] = (index, {})
    memo = cached[1]

    def near(w: str) -> list[str]:
        out = memo.get(w)
        if out is None:
            # Symmetric-delete look-up: keys one edit apart share a one-deletion variant.
            k = phonetic.word_key(w)
            pool = set().union(*(deletions.get(v, ()) for v in _variants(k)))
            out = memo[w] = [c for c in pool if c == k or _edit1(k, c)]
        return out
    return near


# Other English forms of Chinese people (glossaries/people/mul-en.other-forms.tsv: keep entries
# with the cues of the person's office): "Lee Ka-chiu", "CY Leung". A two-word form whose given name is
# misheard by one sound ("Lee Ka-chao", "Lee Ka-chu") with the person's cue nearby is that form.
# Only given names of at least this many key letters (shorter ones collide).
OTHER_FORM_MIN_KEY = 4
_SURNAME_GIVEN = re.compile(r"([A-Z][a-z]+)[ \u00a0]([A-Z][a-z]+(?:-[a-z]+)?)(?![\w'\u2019-])")


def _other_form_index(ctx) -> dict[str, list[tuple[str, str, str, tuple[str, ...]]]]:
    """Surname key -> [(given-name key, form, glossary reference, cues)] of the other forms."""
    glossary = ctx.glossary
    cached = ctx.cache.get("names.other-forms")
    if cached is not None and cached[0] is glossary:
        return cached[1]
    from ..names import phonetic

    index: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {}
    for e in glossary.entries:
        words = e.target.split()
        if e.type != "person" or not e.keep or e.romanization == "pinyin" or len(words) != 2:
            continue
        given = phonetic.key(words[1])
        if e.requires and len(given) >= OTHER_FORM_MIN_KEY:
            index.setdefault(phonetic.key(words[0]), []).append((given, e.target, e.ref, tuple(e.requires)))
    ctx.cache["names.other-forms"] = (glossary, index)
    return index


def _cue_named(ctx, nfc: str, cues) -> str:
    """The first of ``cues`` the text holds (any case), named in the evidence; the text is
    lower-cased once per document, not once per hit."""
    low = ctx.per_doc.get("names.lower")
    if low is None:
        low = ctx.per_doc["names.lower"] = nfc.lower()
    return next(c for c in cues if c.lower() in low)


def _other_form_hits(doc, ctx):
    """(start, end, text, form, ref, cue) for one-sound slips of the given name of an other form."""
    index = _other_form_index(ctx)
    if not index:
        return
    from ..detect.common import cue_present
    from ..names import phonetic

    def in_line(line: str) -> tuple:
        out = []
        for m in _name_matches(_SURNAME_GIVEN, line):
            forms = index.get(phonetic.word_key(m.group(1)))
            if not forms:
                continue
            given = phonetic.word_key(m.group(2))
            near = [x for x in forms if _edit1(given, x[0])]
            if len(near) == 1 and not ctx.glossary.get(m.group()):
                out.append((m.start(), m.end(), m.group(), near[0]))
        return tuple(out)

    nfc = doc.nfc
    for line_start, found in _by_line(ctx, "names.other-form-lines", nfc, in_line):
        for s, e, text, (_, form, ref, cues) in found:
            s, e = line_start + s, line_start + e
            if cue_present(nfc, s, e, cues, doc.sentence_bounds):
                yield s, e, text, form, ref, _cue_named(ctx, nfc, cues)


def _near_miss_hits(doc, ctx):
    """(start, end, text, target, ref, cue) for one-step misspellings of known surnames, and of
    the given names of other English forms (_other_form_hits)."""
    yield from _other_form_hits(doc, ctx)
    index = _near_miss_index(ctx)
    if not index:
        return
    from ..detect.common import cue_present

    near = _near_keys(ctx, index)

    def in_line(line: str) -> tuple:
        # Only lines holding a word near exactly one surname are scanned, a few of a document's
        # (every word _CAP_WORD matches is among the words of its findall).
        if not any(len(near(w)) == 1 for w in set(_CAP_WORD.findall(line))):
            return ()
        out = []
        for m in _name_matches(_CAP_WORD, line):
            w = m.group()
            if len(near(w)) == 1:
                surname, ref, cues = index[near(w)[0]]
                if w != surname and not ctx.glossary.get(w):
                    out.append((m.start(), m.end(), w, surname, ref, cues))
        return tuple(out)

    nfc = doc.nfc
    for line_start, found in _by_line(ctx, "names.near-miss-lines", nfc, in_line):
        for s, e, w, surname, ref, cues in found:
            s, e = line_start + s, line_start + e
            if not name_context(nfc, s, e):
                continue
            if re.match(r"[ \u00a0][A-Z]", nfc[e:e + 2]):
                continue  # not the last word of its name ("Iwaya Takeshi"): a surname stands last
            if not cue_present(nfc, s, e, cues, doc.sentence_bounds):
                continue
            yield s, e, w, surname, ref, _cue_named(ctx, nfc, cues)


def _is_pinyin_name(text: str, sylls) -> bool:
    words = text.lower().split()
    return all(_split_pinyin(w.replace("-", ""), sylls, parts=3) for w in words)


def _romanized_runs(line: str, ctx, index, sylls) -> tuple:
    """(start, end, text, target, ref, looks_like_pinyin) for the windows of the capitalised runs
    of ``line`` whose phonetic key is one known person's, and that are not already an English form."""
    from ..names import phonetic

    firsts = index[""]
    hits = []
    for m in _name_matches(_LATIN_RUN, line):
        words = m.group().split()
        # Only runs holding a surname-like word (not as their last word) are weighed.
        heads = [i for i, w in enumerate(words[:-1]) if phonetic.word_key(w) in firsts]
        if not heads:
            continue
        keys = [phonetic.word_key(w) for w in words]
        # Windows of two or three words from a surname-like word, longest first (then from the left).
        windows = [(a, a + 3) for a in heads if a + 3 <= len(words)] + [(a, a + 2) for a in heads]
        taken: list[tuple[int, int]] = []
        for a, b in windows:
            if any(a < tb and ta < b for ta, tb in taken):
                continue
            targets = index.get(" ".join(keys[a:b]))  # phonetic.key(text)
            if not targets or len(targets) != 1:
                continue
            text = " ".join(words[a:b])
            target, ref = next(iter(targets.items()))
            taken.append((a, b))
            if text == target or ctx.glossary.get(text):
                continue  # already the English form, or a form the glossary knows
            s = m.start() + len(" ".join(words[:a])) + (1 if a else 0)
            hits.append((s, s + len(text), text, target, ref, _is_pinyin_name(text, sylls)))
    return tuple(hits)


@rule("name-romanization", stage="detect", order=120,
      description="a Chinese person of the glossary written in another romanization (Wade-Giles \"Hsi Chin-p'ing\", "
                  "Turkish-style \"Li Chiang\"), matched by phonetic key in a name position")
def detect_name_romanization(doc, ctx):
    nfc = doc.nfc
    if not re.search(r"[A-Z][a-z]*[ \u00a0][A-Z]", nfc):
        return
    index = _phonetic_index(ctx)
    firsts = index[""]
    if not firsts:
        return
    from ..names import phonetic

    sylls = ctx.cache.get("names.pinyin-syllables")
    if sylls is None:
        sylls = ctx.cache["names.pinyin-syllables"] = _pinyin_syllables()
    hits = [(line_start + s, line_start + e, *rest)
            for line_start, found in _by_line(ctx, "names.romanized-lines", nfc,
                                              lambda line: _romanized_runs(line, ctx, index, sylls))
            for s, e, *rest in found]
    taken = [(s, e) for s, e, *_ in hits]
    for s, e, text, surname, ref, cue in _near_miss_hits(doc, ctx):
        if any(a < e and s < b for a, b in taken):
            continue
        ctx.per_doc.setdefault("names.romanized", {})[doc.span(s, e)] = (surname, ref, False)
        yield doc.finding(s, e, kind="name", rule="name-romanization", language="en",
                          evidence=f"{text!r} is one sound from {surname!r} (phonetic key), a person the "
                                   f"glossary knows, with its cue {cue!r} nearby")
    # Sentences holding a foreign (non-pinyin) romanization, looked up per hit below.
    foreign_sentences = {doc.sentence_bounds(h[0])[0] for h in hits if not h[5]}
    for s, e, text, target, ref, pinyin_like in hits:
        ss, se = doc.sentence_bounds(s)
        cue = context.cues(doc, ctx).search("zh", ss, se)
        if not (name_context(nfc, s, e) or cue):
            continue
        if pinyin_like and ss not in foreign_sentences:
            # "Li Sangfu" is a possible pinyin name of someone else: only beside another foreign
            # romanization in the same sentence is it a spelling of Li Shangfu.
            continue
        ctx.per_doc.setdefault("names.romanized", {})[doc.span(s, e)] = (target, ref, pinyin_like)
        yield doc.finding(s, e, kind="name", rule="name-romanization", language="zh-Latn",
                          evidence=f"{text!r} sounds like {target!r} (phonetic key {phonetic.key(text)!r})")
