"""Glossary forms in the text: the detector for leftovers that have no tell-tale letters
("Ly Gia Sieu", "Besent", "Dai Qi") and the precise boundaries for those that do ("Mỹ")."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from ..rules import rule
from .common import cue_present, is_vi_syllable, name_context, title_before
from .gloss import is_gloss

_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Madam|Mister|Sir|Dame|Ông|Bà|Anh|Chị)\.?\s+$")
_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_]+)")
_PREV_WORD = re.compile(r"([^\W\d_]+)[ \u00a0]$")

# Confidence by how a form matched. An exact form with its diacritics is near certain; a
# plain-ASCII alias is an explicit, curated mis-rendering; a folded match is a guess that the
# diacritics were stripped, allowed only in a name context.
CONF_EXACT = 0.95
CONF_EXACT_ALIAS = 0.9
CONF_ASCII_ALIAS = 0.85
CONF_FOLDED = 0.75


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def _part_of_longer_name(nfc: str, start: int, end: int) -> bool:
    """"Mỹ" in "Mỹ Sơn" / "Mỹ Tho" is part of a Vietnamese place name, not "the United States"."""
    m = _NEXT_WORD.match(nfc, end)
    if m and m.group(1)[0].isupper() and is_vi_syllable(m.group(1)):
        return True
    # The capitalised Vietnamese syllables before it: one with Vietnamese letters makes the
    # span the end of a Vietnamese name ("Trần Thanh Mỹ", "Nguyễn Văn Đức").
    pos = start
    for _ in range(3):
        m = _PREV_WORD.search(nfc, max(0, pos - 30), pos)
        if not (m and m.group(1)[0].isupper() and is_vi_syllable(m.group(1).lower())):
            return False
        if not m.group(1).isascii():
            return True
        pos = m.start()
    return False


def _inside_longer_run(nfc: str, start: int, end: int) -> bool:
    from .scripts import runs

    before = nfc[start - 1] if start > 0 else ""
    after = nfc[end] if end < len(nfc) else ""
    return any(ch and not ch.isspace() and next(runs(ch), None) is not None for ch in (before, after))


_PREP_BEFORE = re.compile(
    r"\b(?:in|from|to|with|against|between|into|across|toward|towards|visited|visiting|visit|visits|"
    r"of|by|for|and|or|than|via|invaded|sanctioned|exports to|imports from)[ \u00a0]+$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"(['\u2019]s)?[ \u00a0]+([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"(?:^|[ \u00a0(\"\u201c])([^\W\d_]+)[ \u00a0]+$")
# A finite English verb by its ending ("imposed", "launches"): a one-word name before one is the
# subject of a clause. Bare forms ("cut", "and") say nothing: "Anh and her brother" is a person.
_VERB_FORM = re.compile(r"[a-z]{2,}(?:ed|es|s)")
# After a one-word name these verbs say a person spoke ("Anh said"): the given name, not the UK.
_REPORTING = frozenset("said says told added asked noted explained recalled shared smiled laughed wrote".split())


_AND_AFTER = re.compile(r"[ \u00a0]*(?:,|and|or|&)[ \u00a0]+((?:[^\W\d_]+[ \u00a0]?){1,4})")


@lru_cache(maxsize=1)
def _country_forms() -> frozenset[str]:
    """Vietnamese and English names of countries (glossaries/places/vi-en.countries.tsv, from CLDR)."""
    from ..glossary import builtin_dir, load_file

    out = set()
    for e in load_file(builtin_dir() / "places" / "vi-en.countries.tsv").entries:
        if e.type == "country":
            out.update((e.source, e.target.removeprefix("the ")))
    return frozenset(out)


_ON_BEFORE = re.compile(r"\b([A-Za-z]+)[ \u00a0]+on[ \u00a0]+$")


def _on_after_noun(before: str) -> bool:
    """"sanctions on Nga", "tariffs on Úc": "on" after a noun; after a verb ("relied on Nga",
    "called on Anh") the name may be a person's."""
    from ..resolve.senses import tags

    m = _ON_BEFORE.search(before)
    if m is None:
        return False
    t = tags(m.group(1))
    return "N" in t and not m.group(1).lower().endswith("ed")


def _coordinated_with_country(nfc: str, end: int) -> bool:
    """"Ý and Pháp signed": a name joined by "and"/"or" to a country name is a country too."""
    m = _AND_AFTER.match(nfc, end)
    if m is None:
        return False
    words = m.group(1).split()
    return any(" ".join(words[:k]) in _country_forms() for k in range(len(words), 0, -1))


def country_context(nfc: str, start: int, end: int) -> bool:
    """Is a one-word Vietnamese country name ("Nga", "Đức", "Anh", "Ý") where English puts a
    country? Decided from the English words around it, not from cue lists:
    after a preposition or a trade/visit verb ("Imports from Nga", "visited Đức"); before a noun
    it modifies ("Nga troops" with a never-verb noun, "Nga's economy"); or as the subject of an
    English clause (an English word before it or none, a lower-case English verb after it that is
    not a reporting verb: "Anh said" is a person, "Nga imposed" the country)."""
    from ..rewrite import english_nouns

    before = nfc[max(0, start - 24) : start]
    if _PREP_BEFORE.search(before) or _coordinated_with_country(nfc, end) or _on_after_noun(before):
        return True
    from ..rewrite import modifier_position

    m = _WORD_AFTER.match(nfc, end)
    if m is None:
        return False
    word = m.group(2)
    if modifier_position(nfc, end):
        return True
    if m.group(1):
        return word.islower() and word.isascii()  # "Nga's economy", "Phi-líp-pin's coast guard"
    if not word.islower() or word in _REPORTING or not _VERB_FORM.fullmatch(word):
        return False
    head = before.rstrip()
    if head == "" or head[-1] in ".!?:;\u201c\"(":
        return True
    w = _WORD_BEFORE.search(before)
    return bool(w) and w.group(1).islower() and w.group(1).isascii()


def accept(doc, m) -> tuple[bool, float, str]:
    """Decide whether glossary match ``m`` is a leftover here; (ok, confidence, why)."""
    nfc = doc.nfc
    e = m.entry
    if not m.exact and not e.requires and not name_context(nfc, m.start, m.end):
        # Asked first, being cheap and decisive: most folded matches are places written in
        # English without their diacritics ("Hai Phong", "Da Nang"), in no name's position.
        return False, 0.0, "folded form outside a name context"
    text = nfc[m.start : m.end]
    if is_gloss(doc, m.start, m.end):
        return False, 0.0, "glossed"
    if e.requires and not cue_present(nfc, m.start, m.end, e.requires, doc.sentence_bounds):
        return False, 0.0, "context cue absent"
    if m.start > 0 and nfc[m.start - 1] in "#\uff03@\uff20":
        # A hashtag or a handle is one token: the script-hashtag policy translates or reports a
        # hashtag whole; a handle (@人民日报) is an account name and stays as it is.
        return False, 0.0, "inside a hashtag or handle"
    script_form = not any("a" <= c.lower() <= "z" for c in text) and not text.isdigit()
    if script_form and _inside_longer_run(nfc, m.start, m.end):
        # Han and Kana have no spaces: "美国" inside "美国大选如何影响" is a word of a sentence
        # that needs translating as a whole, not a name to swap in place.
        return False, 0.0, "part of a longer run of the same script"
    if e.proper and not script_form:
        tokens = [w for w in text.split() if w[0].isalpha()]
        # Persons capitalise every word; Vietnamese org and place names only the first
        # ("Bộ Thương mại").
        if not tokens or not (all(w[0].isupper() for w in tokens) if e.type == "person" else tokens[0][0].isupper()):
            return False, 0.0, "not capitalised"
        if _part_of_longer_name(nfc, m.start, m.end):
            return False, 0.0, "part of a longer name"
    if e.type != "person" and _HONORIFIC_BEFORE.search(nfc, max(0, m.start - 12), m.start):
        # "Ms. Nga", "Mr. Anh": after an honorific the word is a person's name, never the
        # country or common word that the same spelling also means.
        return False, 0.0, "after an honorific: a person's name"
    placed = False
    if e.type == "country" and e.language == "vi" and " " not in text and "anywhere" not in e.flags:
        if not country_context(nfc, m.start, m.end):
            return False, 0.0, "one-word country name outside a country's position"
        placed = True
    cue = " (context cue present)" if e.requires else ""
    if not m.exact:
        return True, CONF_FOLDED, f"matched {m.form!r} without its diacritics in a name context{cue}"
    if text.isascii() and not script_form:
        # Plain-ASCII forms: curated aliases. One word needs a name context or a cue.
        if len(_words(text)) < 2 and not e.requires and not placed and not name_context(nfc, m.start, m.end):
            return False, 0.0, "single plain word outside a name context"
        if placed:
            return True, CONF_ASCII_ALIAS, f"country name {m.form!r} where English puts a country"
        return True, CONF_ASCII_ALIAS, f"known rendering {m.form!r}{cue}"
    return True, (CONF_EXACT_ALIAS if m.alias else CONF_EXACT), f"glossary form {m.form!r}{cue}"


# Words before a span that make it a place ("visited Tân Cương", "in Nga", "from Thái Lan").
_PLACE_BEFORE = re.compile(
    r"\b(?:in|from|to|at|into|across|near|toward|towards|visited|visiting|visit|visits|via|outside|inside|"
    r"province of|city of|capital of|border with|north of|south of|east of|west of)\s+$",
    re.IGNORECASE,
)
# Locative words only: "a letter from Xi Jinping", "talks with Wang Yi" are people.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|across|inside|outside|visited|visiting|province of|city of)\s+$", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s\b")
_TITLE_RIGHT_BEFORE = re.compile(
    r"\b(?:President|Premier|Minister|Secretary|Chairman|Chairwoman|Governor|Mayor|Ambassador|Senator|"
    r"Chancellor|Director|spokesman|spokeswoman|spokesperson|Mr|Mrs|Ms|Dr)\.?[ \u00a0]+$"
)
_CAPITALISED_WORD_BEFORE = re.compile(r"([^\W\d_][\w'\u2019-]*)[ \u00a0]+$")
_CAPITALISED_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_][\w'\u2019-]*)")


def is_foreign(entry) -> bool:
    """A foreign name (a Chinese person, a Chinese place): its English target is not the same
    name written without diacritics, as a Vietnamese entry's is (Nha Trang, Dien Bien)."""
    from ..glossary import fold

    return not entry.keep and fold(entry.target.removeprefix("the ")) != fold(entry.source)


def _inside_longer_name(nfc: str, start: int, end: int) -> bool:
    """Is [start, end) part of a longer run of capitalised words (not counting a title or a
    sentence start before it)? "Nguyen Thi Tan Cuong": "Tan Cuong" is the end of a Vietnamese name."""
    m = _CAPITALISED_WORD_AFTER.match(nfc, end)
    if m and m.group(1)[0].isupper():
        return True
    m = _CAPITALISED_WORD_BEFORE.search(nfc, max(0, start - 40), start)
    if not (m and m.group(1)[0].isupper()) or m.group(1).endswith(("'s", "\u2019s")):
        return False
    if title_before(nfc, start):
        return False  # "Vice Premier Ha Lap Phong": the capitalised word is the title's
    # A verb after the span does not make it a whole name: "ambassador Chung Thieu Quan met"
    # holds a folded place (Thiều Quan) as the tail of a longer name.
    before = nfc[: m.start()].rstrip()
    return not (before == "" or before[-1] in ".!?:\"\u201c(")


def entity_fit(nfc: str, start: int, end: int) -> str | None:
    """What the words around [start, end) say it is: "place", "person" or None."""
    before = nfc[max(0, start - 30) : start]
    if _PLACE_BEFORE.search(before):
        return "place"
    if name_context(nfc, start, end):
        return "person"
    return None


class _Overlaps:
    """Does [start, end) overlap one of ``spans``? Answered by bisection over their starts and the
    running maximum of their ends (a scan of every span per folded match made _select quadratic)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self._starts = [s for s, _ in spans]
        self._max_end = list(accumulate((e for _, e in spans), max))

    def __call__(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)  # the spans that start before ``end``
        return k > 0 and self._max_end[k - 1] > start


def _select(nfc: str, ok: list) -> list:
    """Settle competing accepted matches before the longest-match pass (issue 13.1 and 12.4):
    - a folded match never beats an exact one it overlaps (an exact place or a ``keep`` entry
      outranks a tone-folded person alias, even when the folded form is longer);
    - a folded foreign alias never fires inside a longer capitalised name (a Vietnamese name);
    - at one span, the entity type must fit the context: after in/from/visited a place, after a
      title a person, when both kinds claim the span."""
    overlaps_exact = _Overlaps((m.start, m.end) for m, _, _ in ok if m.exact)
    overlaps_keep = _Overlaps((m.start, m.end) for m, _, _ in ok if m.entry.keep)
    out = []
    for t in ok:
        m = t[0]
        if not m.exact:
            if overlaps_exact(m.start, m.end):
                continue
            if is_foreign(m.entry) and overlaps_keep(m.start, m.end):
                continue  # "My Son" is the Vietnamese site (keep), not Meishan folded
            if is_foreign(m.entry) and _inside_longer_name(nfc, m.start, m.end):
                continue
        if m.entry.type == "person" and _LOCATIVE_BEFORE.search(nfc, max(0, m.start - 30), m.start) \
                and not _POSSESSIVE_AFTER.match(nfc, m.end) and any("a" <= c <= "z" for c in m.form.lower()):
            continue  # "in Tan Cuong" is a place, whatever person the same letters spell
        if m.entry.type in ("place", "country") and _TITLE_RIGHT_BEFORE.search(nfc, max(0, m.start - 30), m.start):
            continue  # "Foreign Minister Nga": a title makes the next name a person
        out.append(t)
    by_span: dict[tuple[int, int], list] = {}
    for t in out:
        by_span.setdefault((t[0].start, t[0].end), []).append(t)
    final = []
    for (s, e), hits in by_span.items():
        kinds = {("person" if h[0].entry.type == "person" else "place") for h in hits if h[0].entry.type in ("person", "place", "country")}
        if len(kinds) > 1:
            fit = entity_fit(nfc, s, e)
            if fit is not None:
                hits = [h for h in hits if ("person" if h[0].entry.type == "person" else "place") == fit
                        or h[0].entry.type not in ("person", "place", "country")]
        final.extend(hits)
    return final


def accepted_matches(doc, ctx):
    """Accepted, non-overlapping glossary matches for ``doc`` (longest first), cached per document."""
    key = ("glossary-matches", id(doc))
    cached = ctx.per_doc.get(key)
    if cached is not None:
        return cached
    gl = ctx.glossary
    ok = []
    raw = gl.scan(doc.nfc)
    for m in raw:
        good, conf, why = accept(doc, m)
        if good:
            ok.append((m, conf, why))
    ok = _select(doc.nfc, ok)
    # Institutions, divisions and press abbreviations (issue 12.5): normalize/detect/institutions.py.
    from .institutions import pattern_matches

    ok.extend(pattern_matches(doc, ctx, raw, ok))
    # Longest match wins; at equal spans an exact form outranks a folded one, a satisfied cue
    # outranks none.
    ok.sort(key=lambda t: (t[0].start, -(t[0].end - t[0].start), -t[1], -len(t[0].entry.requires)))
    chosen = []
    taken_end = -1
    by_span: dict[tuple[int, int], list] = {}
    for m, conf, why in ok:
        if m.start < taken_end and (m.start, m.end) not in by_span:
            continue
        if (m.start, m.end) not in by_span:
            by_span[(m.start, m.end)] = []
            chosen.append((m.start, m.end))
            taken_end = m.end
        by_span[(m.start, m.end)].append((m, conf, why))
    result = [(span, by_span[span]) for span in chosen]
    ctx.per_doc[key] = result
    return result


@rule("glossary", stage="detect", description="glossary forms (names, places, words) found in the text, in the context each entry requires", order=10)
def detect_glossary(doc, ctx):
    for (start, end), hits in accepted_matches(doc, ctx):
        m = hits[0][0]
        text = doc.nfc[start:end]
        latin = any("a" <= c.lower() <= "z" for c in text)
        if m.entry.type == "person":
            kind = "name"
        elif not latin:
            kind = "script"
        elif m.entry.language == "vi":
            kind = "vietnamese"
        else:
            kind = "latin"
        lang = m.entry.language if m.entry.language != "mul" else "und"
        if not latin:
            from .scripts import runs

            lang = next((r[3] for r in runs(text)), lang)
        f = doc.finding(start, end, kind=kind, rule="glossary", language=lang, evidence=hits[0][2])
        yield f
