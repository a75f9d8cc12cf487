"""Choose a dictionary sense by what the English slot needs (issue 12, item 2).

CC-CEDICT lists senses without parts of speech ("economy / economic", "trip / journey / tourism /
travel / tour / to travel"); JMdict has them per sense. The English around a leftover says what
the slot needs:

- ``verb``: after "to" or a modal ("will 投资") the bare verb;
- ``modifier``: before a noun it modifies ("the 旅游 sector", "经济 policy"): a relational adjective
  derived from a noun sense ("economic", "cultural"), else the plainest noun;
- ``tag``: a hashtag is a label: the most frequent single English noun among the senses;
- ``noun``: after a determiner or a preposition, or as a subject: a noun, in dictionary order,
  nouns that are never adjectives first ("the 经济 grew" -> "economy", not "economic");
- ``any``: the first sense.

Parts of speech and frequencies of the English glosses come from normalize/data/english-pos.tsv
(wordfreq + lemminflect, scripts/gen_english_pos.py); a gloss's part of speech is its head's ("high
speed rail" is a noun, "environmentally friendly" an adjective, "to elect" a verb).

A sense's *support* is how many senses of the entry share its head word: "travel" in "travel" and
"to travel", "chip" in "computer chip" and "microchip", "food" in "fine food" and "gourmet food".
A word the lexicographers repeat is the entry's core meaning, so labels prefer it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import NormalizeError

_DATA = Path(__file__).resolve().parent.parent / "data" / "english-pos.tsv"
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Relational adjectives ("economic" from "economy", "cultural" from "culture"): the suffixes
# English derives them with (Quirk et al., A Comprehensive Grammar, App. I.40). Qualitative
# adjectives ("healthy" from "health") do not stand for the noun before another noun.
_RELATIONAL = re.compile(r"(?:ic|ical|al|ial|ary|ese|ian|an)$")

#: Score cost of a later alternative within a sense: CC-CEDICT's "; " alternatives are synonyms;
#: JMdict lists a sense's glosses closest first ("typhoon; hurricane", "prime minister; chancellor").
ALT_COST = 0.05
ALT_COST_ORDERED = 1.5
#: How much commoner (Zipf) a one-word noun of a later sense must be than the first noun sense
#: for the choice between them to count as a guess.
RIVAL_ZIPF = 0.5
#: Score margin between the best and the next distinct label under which the choice is a guess.
MIN_MARGIN = 0.15


class Option(NamedTuple):
    text: str  # the English, without a leading article or "to"
    pos: str  # "N" noun, "A" adjective, "V" verb, "" unknown
    rank: int  # the sense's place in the entry (0 = first)
    alt: int  # its place among the sense's "; " alternatives
    support: int  # senses of the entry that share its head word
    nounness: int  # 2 a noun never an adjective, 1 a noun that is also an adjective, 0 not a noun
    alt_cost: float = 0.05  # score cost of each place among the alternatives


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[float, str]]:
    from .. import _cache

    def parse() -> dict[str, tuple[float, str]]:
        out = {}
        with open(_DATA, encoding="utf-8") as fh:
            if fh.readline().rstrip("\n") != "# normalize-data: english-pos 1":
                raise NormalizeError(f"{_DATA}:1: not an english-pos file; run scripts/gen_english_pos.py")
            for n, line in enumerate(fh, 2):
                if line.startswith("#") or line.startswith("word\t"):
                    continue
                try:
                    word, zipf, tags = line.rstrip("\n").split("\t")
                    out[word] = (float(zipf), tags)
                except ValueError:
                    raise NormalizeError(f"{_DATA}:{n}: expected word, zipf, tags") from None
        return out

    try:
        digest = _cache.key("english-pos", (_DATA,), code=(__file__,))
    except FileNotFoundError:
        raise NormalizeError(f"{_DATA}: missing; run scripts/gen_english_pos.py") from None
    return _cache.cached("english-pos", digest, parse)


def english(word: str) -> tuple[float, str]:
    """(Zipf frequency, POS tags) of an English word; a word outside the table is rare (Zipf 2)
    and, like most rare words of a gloss ("microchip", "preprocessing"), taken for a noun."""
    return _lexicon().get(word.lower(), (2.0, "N"))


def tags(word: str) -> str:
    """POS tags of a word the table knows, "" for any other (function words: "of", "the")."""
    return _lexicon().get(word.lower(), (0.0, ""))[1]


def _head(words: list[str]) -> str:
    """The head of a gloss: the word before "of" ("cost of housing"), else the last word."""
    low = [w.lower() for w in words]
    if "of" in low[1:]:
        return words[low.index("of") - 1]
    return words[-1]


def gloss_pos(text: str, given: str = "") -> tuple[str, int]:
    """(part of speech, noun-ness) of a gloss; ``given`` is the dictionary's own (JMdict)."""
    if text.startswith("to "):
        return "V", 0
    words = _WORD.findall(text)
    if not words:
        return "", 0
    tags = english(_head(words))[1].replace("?", "N")  # frequent words lemminflect lacks: new nouns
    nounness = 2 if "N" in tags and "A" not in tags else 1 if "N" in tags else 0
    if given in ("noun", "proper"):
        return "N", max(nounness, 1)
    if given == "adj":
        return "A", 0
    if given == "verb":
        return "V", 0
    pos = "N" if "N" in tags else "A" if "A" in tags else "V" if "V" in tags else ""
    return pos, nounness


def _closed(text: str) -> str:
    """A compound the dictionary writes open that English writes as one word ("smart phone" ->
    "smartphone", "web site" -> "website"): the closed form when it is a common English word."""
    words = text.split()
    if len(words) == 2 and all(w.isalpha() and w.islower() for w in words):
        joined = "".join(words)
        if _lexicon().get(joined, (0.0, ""))[0] >= 3.0:
            return joined
    return text


def options(senses, alt_cost: float = 0.05) -> list[Option]:
    """Every "; " alternative of every sense, with its part of speech and support."""
    raw = []
    for rank, sense in enumerate(senses):
        # "; " separates alternatives, and so does " or " between nouns ("vocal recital or concert").
        for alt, text in enumerate(x.strip() for x in re.split(r";|\s+or\s+(?!\w+ing\b)", sense.text)):
            text = _closed(_ARTICLE.sub("", text))
            if text:
                raw.append((text, sense.pos, rank, alt))
    words_of = [{w.lower() for w in _WORD.findall(t)} for t, *_ in raw]
    out = []
    for (text, given, rank, alt), words in zip(raw, words_of):
        pos, nounness = gloss_pos(text, given)
        bare = text[3:] if text.startswith("to ") else text
        found = _WORD.findall(bare)
        head = _head(found).lower() if found else ""
        support = len({r for (_, _, r, _), ws in zip(raw, words_of)
                       if head and (head in ws or (len(head) >= 4 and any(w.endswith(head) for w in ws)))})
        out.append(Option(bare, pos, rank, alt, max(support, 1), nounness, alt_cost))
    return out


def _label_score(o: Option) -> float:
    """A label's score: English frequency of its words, the entry's support for its head, a
    little for dictionary order; each word beyond the first costs one Zipf point."""
    words = _WORD.findall(o.text)
    zipf = sum(english(w)[0] for w in words) / len(words)
    cut = 0.5 if o.alt >= 10 else 0.0  # a head cut out of a longer sense (_heads)
    cut += 0.5 if o.nounness == 1 else 0.0  # a noun that is also an adjective ("safe") labels worse
    return zipf + 0.5 * (o.support - 1) - 0.1 * o.rank - o.alt_cost * (o.alt % 10) - cut - 1.0 * (len(words) - 1)


def _heads(opts: list[Option]) -> list[Option]:
    """Single-word labels: the one-word senses, and the head noun of a several-word sense that
    other senses repeat ("computer chip" + "microchip" -> "chip")."""
    out = [o for o in opts if len(_WORD.findall(o.text)) == 1]
    # A common one-word sense that holds the head already says it ("football", not "ball" out of
    # "soccer ball"); a rare one ("microchip") gives way to the common head ("chip").
    common = [o.text.lower() for o in out if english(o.text)[0] >= 3.5]
    for o in opts:
        words = _WORD.findall(o.text)
        # Only out of two words: "college entrance exam" is not an "exam" hashtag.
        if len(words) == 2 and o.support > 1 and not any(c.endswith(_head(words).lower()) for c in common):
            head = _head(words)
            # Dropping the modifier loses a little meaning: it costs half a Zipf point.
            out.append(o._replace(text=head, nounness=gloss_pos(head)[1], alt=o.alt + 10))
    return out


def _ranked_labels(opts: list[Option], single: bool) -> list[tuple[float, Option]]:
    pool = [o for o in (_heads(opts) if single else opts) if o.pos != "V" and o.nounness > 0]
    if single and not pool:
        pool = [o for o in opts if o.pos != "V" and o.nounness > 0]
    best: dict[str, tuple[float, Option]] = {}
    for o in pool:
        s = _label_score(o)
        if o.text.lower() not in best or s > best[o.text.lower()][0]:
            best[o.text.lower()] = (s, o)
    return sorted(best.values(), key=lambda t: -t[0])


def _relational(opts: list[Option]) -> Option | None:
    """An adjective derived from one of the entry's nouns ("economic" beside "economy")."""
    nouns = [o.text.lower() for o in opts if o.nounness > 0 and " " not in o.text]
    for o in opts:
        w = o.text.lower()
        if o.pos == "A" and " " not in w and _RELATIONAL.search(w) and any(n[:4] == w[:4] for n in nouns):
            return o
    return None


def pick(senses, slot: str, loan: str = "", ordered: bool = False) -> tuple[Option | None, float, str, list[str]]:
    """(option, margin, why, runners-up) for the slot; margin is how far the choice is ahead
    of the next distinct candidate (1.0 when it follows from the slot alone). ``loan``: the
    Hepburn reading of a Katakana word; a sense it spells is the English it was borrowed from
    (アニメ "anime" among "animation; animated film; anime"). ``ordered``: the glosses of a sense
    are closest first (JMdict), so a later one must be far more frequent to win."""
    opts = options(senses, alt_cost=ALT_COST_ORDERED if ordered else ALT_COST)
    if not opts:
        return None, 0.0, "no sense", []
    if loan and slot != "verb":
        loan = loan.lower()
        # Only in the first sense: パン "pan" (frying pan) is a later sense; the loan is "bread".
        spelt = [o for o in opts if o.rank == 0 and re.sub(r"[^a-z]", "", o.text.lower()) == loan and o.pos != "V"]
        if spelt:
            return spelt[0], 1.0, f"the Katakana spells the English word ({loan})", []
    if slot == "verb":
        verbs = [o for o in opts if o.pos == "V"]
        return (verbs[0], 1.0, "English needs a bare verb here", []) if verbs else (None, 0.0, "no verb sense", [])
    if slot == "modifier":
        rel = _relational(opts)
        if rel is not None:
            return rel, 1.0, "before a noun: the adjective of the entry's noun", []
    if slot in ("modifier", "tag"):
        ranked = _ranked_labels(opts, single=slot == "tag")
        if not ranked:
            return None, 0.0, "no noun sense", []
        # Synonyms of one sense ("movie; film") do not compete: the margin is to other senses.
        rivals = [sc for sc, o in ranked[1:] if o.rank != ranked[0][1].rank]
        margin = ranked[0][0] - rivals[0] if rivals else 1.0
        why = "a hashtag takes the most frequent single noun" if slot == "tag" else "before a noun: the plainest noun"
        return ranked[0][1], margin, why, [o.text for _, o in ranked[1:4]]
    if slot == "noun":
        nouns = [o for o in opts if o.nounness > 0 and o.pos != "V"]
        if not nouns:
            return None, 0.0, "no noun sense", []
        top = max(o.nounness for o in nouns)
        first = min(o.rank for o in nouns if o.nounness == top)
        same = [o for o in nouns if o.rank == first and o.nounness == top]
        # A later sense that is a plainer part of the first ("market" in "marketplace", "court"
        # in "court of law") may replace it; a different word ("people" after "population") not.
        texts = [o.text.lower() for o in same]
        same += [o for o in nouns if o.rank != first and o.nounness == top
                 and any(o.text.lower() in t and o.text.lower() != t for t in texts)]
        ranked = sorted(((_label_score(o) - 0.2 * (o.rank != first), o) for o in same), key=lambda t: -t[0])
        best = ranked[0][1]
        # A much commoner one-word noun in another sense ("people" beside "population", "farmer"
        # beside "peasant") means the senses are near synonyms with no way to choose: a guess.
        rivals = sorted((o for o in nouns if o.rank != first and o not in same and o.nounness == top
                         and " " not in o.text), key=lambda o: -english(o.text)[0])
        runners = [o.text for _, o in ranked[1:4]]
        if rivals and english(rivals[0].text)[0] - _label_score(best) >= RIVAL_ZIPF:
            return best, 0.0, "English needs a noun here", [rivals[0].text] + runners
        return best, 1.0, "English needs a noun here", runners
    first = min(opts, key=lambda o: (o.rank, o.alt))
    same = sorted((o for o in opts if o.rank == first.rank), key=lambda o: -_label_score(o))
    return same[0], 1.0, "first sense", [o.text for o in same[1:4]]


def plural(word: str) -> str:
    """The plural English writes for a count noun ("factory" -> "factories", "bus" -> "buses"),
    or "" when the lexicon knows none as common (a mass noun: "rice", "information"). The forms
    are English's regular ones, kept only when the table marks them plural (tag P, Zipf >= 3)."""
    w = word.lower()
    if "P" in tags(w) or not w.isalpha():
        return ""
    forms = [w + "s", w + "es"]
    if w.endswith("y"):
        forms.insert(0, w[:-1] + "ies")
    if w.endswith(("f", "fe")):
        forms.append(w.rsplit("f", 1)[0] + "ves")
    for form in forms:
        zipf, t = _lexicon().get(form, (0.0, ""))
        if "P" in t and zipf >= 3.0:
            return form
    return ""
