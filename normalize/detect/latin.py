"""Latin-script leftovers that carry no tell-tale letters.

Two detectors, each a switchable rule:

- ``latin-vietnamese``: Vietnamese written without its diacritics ("Tong Bi thu To Lam",
  "Cac xa gom:", "Chia se"), as captions and buttons of Vietnamese sites come out of MT.
- ``latin-foreign``: phrases of another Latin-script language left in English ("Baca juga:",
  "sangat penting", "leer más", "lire aussi").

Evidence is per word and comes from real data: wordfreq's frequency lists, precomputed by
``scripts/gen_latin_lexicon.py`` into ``normalize/data/latin-lexicon.tsv`` (the runtime never
imports wordfreq). A word's evidence is the log-ratio of its frequency in the other language to its
frequency in English (Zipf difference); evidence is summed over a run of neighbouring words, so a
single English-looking word is never flagged but a run of foreign words is.

Precision first (correct English is sacred): names are written in capitals and Vietnamese
names without diacritics are correct English ("Nguyen Tan Dung", "Ha Long Bay"), so a run must hold
lower-case words; runs between capitalised words made of short particles are parts of names
("Rio de la Plata", "Ursula von der Leyen"); accepted loanwords ("banh mi", "joie de vivre") and
quoted or glossed phrases are left alone.

Speed: a C-speed first pass (``str.translate`` + ``split`` + set intersection) decides whether a
text holds any seed word at all; clean English pays that pass and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from ..errors import NormalizeError
from ..rules import rule
from .common import VI_ONLY, is_vi_syllable

_DATA = Path(__file__).resolve().parent.parent / "data"
_LEXICON = _DATA / "latin-lexicon.tsv"
_LOANWORDS = _DATA / "latin-loanwords.tsv"
_FORMAT = "# normalize-data: latin-lexicon 2"

# A word of Latin letters (ASCII and the Latin-1/Extended blocks), apostrophes inside words kept
# ("l'on", "d'état"). Digits and underscores end a word: identifiers are not prose.
_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+(?:['\u2019][A-Za-z\u00c0-\u024f]+)?")
# Between two words of one run: a single space, or a no-break space. Punctuation ends a run
# (a comma list of foreign words is still caught run by run).
_GAP = frozenset(" \u00a0")

# Letters only Vietnamese uses (detect.common.VI_ONLY): words with them belong to the
# ``vietnamese`` detector.
_VI_ONLY = re.compile(f"[{VI_ONLY}]")

# Vietnamese without diacritics -------------------------------------------------------------------
# A seed is a lower-case-able word much more frequent in Vietnamese (folded) than in English and
# rare in English: "thu", "xa", "gom", "chia", "nguoi", "khong". Measured on the Python docs
# corpus (scripts/negative_corpus.py): no English word of the docs passes these together.
VI_SEED_MIN_VI = 4.0
VI_SEED_MAX_EN = 3.5
VI_SEED_MARGIN = 2.0
# A neighbour joins a run if it is a Vietnamese syllable not clearly more English than Vietnamese.
VI_GROW_MARGIN = -0.5
# A run is reported when its summed evidence reaches this (Zipf units, i.e. log10 of the ratio).
VI_RUN_MIN = 4.5
# ... of which the lower-case words must bring this much.
VI_LOWER_MIN = 2.0
# On a line that already holds an accepted run, any word this much more Vietnamese than English
# may seed another run.
VI_PRIOR_SEED = 2.0
# A single word is enough when it is this frequent in Vietnamese and this rare in English.
VI_STRONG_MIN_VI = 5.0
# A lower-case word this much more Vietnamese than English, before a name of two or more
# Vietnamese syllables, is the common noun of that name ("xa Tan Phu").
VI_BEFORE_NAME_MIN = 2.5
VI_STRONG_MIN_VI_ACCENTED = 4.0
VI_STRONG_MAX_EN = 2.0

# Other Latin-script languages ---------------------------------------------------------------------
FOREIGN_SEED_MARGIN = 2.0
FOREIGN_GROW_MARGIN = 1.0
FOREIGN_RUN_MIN = 4.5
# A capitalised sentence opener this much more frequent in the language than in English counts as
# a word of the phrase even when only particles follow it.
FOREIGN_OPENER_MARGIN = 3.0
# A word shared with English may sit inside a run ("menurut data terbaru") down to this margin.
FOREIGN_BRIDGE_MARGIN = -1.0
# Languages judged together: a Malay and an Indonesian word make one Malay/Indonesian run.
_FAMILY = {"ms": "id"}
_LANG_NAMES = {
    "id": "Indonesian/Malay", "fil": "Filipino", "es": "Spanish", "pt": "Portuguese", "fr": "French",
    "it": "Italian", "de": "German", "nl": "Dutch", "tr": "Turkish", "vi": "Vietnamese",
}
# Short function words that sit between capitalised words of one name.
_PARTICLE_MAX_LEN = 3

_QUOTES_OPEN = "\"'\u201c\u2018\u00ab\u2039*_"
_QUOTES_CLOSE = "\"'\u201d\u2019\u00bb\u203a*_"


class _Langs:
    """word -> {language: Zipf} for the other languages, parsed on first use of each word (most
    words of the table are never looked at in a given run)."""

    __slots__ = ("_raw", "_parsed")

    def __init__(self, raw: dict[str, str]):
        self._raw = raw
        self._parsed: dict[str, dict[str, float]] = {}

    def get(self, word: str, default=None):
        d = self._parsed.get(word)
        if d is not None:
            return d
        raw = self._raw.get(word)
        if raw is None:
            return default
        d = {}
        for pair in raw.split(","):
            lang, z = pair.split(":")
            lang = _FAMILY.get(lang, lang)
            d[lang] = max(d.get(lang, 0.0), float(z))
        self._parsed[word] = d
        return d

    def __getitem__(self, word: str) -> dict[str, float]:
        d = self.get(word)
        if d is None:
            raise KeyError(word)
        return d


@dataclass(frozen=True)
class Lexicon:
    en: dict[str, float]
    vi: dict[str, float]
    langs: _Langs
    vi_seeds: frozenset[str]
    foreign_seeds: frozenset[str]
    vi_seeds_b: frozenset[bytes]  # the same, UTF-8 encoded, for the first pass
    foreign_seeds_b: frozenset[bytes]
    loanwords: frozenset[tuple[str, ...]]
    loan_max: int


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The generated lexicon and the hand-kept loanword list (once per process; parsed once per
    version of the files, then loaded from the on-disk cache: normalize/_cache.py)."""
    from .. import _cache

    try:
        digest = _cache.key("latin-lexicon", (_LEXICON, _LOANWORDS), code=(__file__,))
    except FileNotFoundError as exc:
        raise NormalizeError(f"{exc.filename}: missing; run scripts/gen_latin_lexicon.py") from None
    return _cache.cached("latin-lexicon", digest, _parse_lexicon)


@lru_cache(maxsize=1)
def seed_sets() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """The first pass's seed words (Vietnamese, other languages), cached apart from the lexicon:
    a text with no seed word never loads the full lexicon."""
    from .. import _cache

    try:
        digest = _cache.key("latin-seeds", (_LEXICON, _LOANWORDS), code=(__file__,))
    except FileNotFoundError as exc:
        raise NormalizeError(f"{exc.filename}: missing; run scripts/gen_latin_lexicon.py") from None

    def build():
        lex = lexicon()
        return lex.vi_seeds_b, lex.foreign_seeds_b

    return _cache.cached("latin-seeds", digest, build)


def _parse_lexicon() -> Lexicon:
    en: dict[str, float] = {}
    vi: dict[str, float] = {}
    best: dict[str, float] = {}
    raw: dict[str, str] = {}
    try:
        fh = open(_LEXICON, encoding="utf-8")
    except FileNotFoundError:
        raise NormalizeError(f"{_LEXICON}: missing; run scripts/gen_latin_lexicon.py") from None
    with fh:
        first = fh.readline().rstrip("\n")
        if first != _FORMAT:
            raise NormalizeError(f"{_LEXICON}:1: expected {_FORMAT!r}, found {first!r}")
        for line in fh:
            if line[0] == "#" or line.startswith("word\t"):
                continue
            word, e, v, b, ls = line.rstrip("\n").split("\t")
            en[word] = float(e)
            if v != "0.0":
                vi[word] = float(v)
            if ls:
                best[word] = float(b)
                raw[word] = ls
    # For a spelling with shared diacritics the other languages count as English does.
    vi_seeds = frozenset(
        w for w, z in vi.items()
        if z >= VI_SEED_MIN_VI and en[w] <= VI_SEED_MAX_EN
        and z - max(en[w], best.get(w, 0.0) if not w.isascii() else 0.0) >= VI_SEED_MARGIN
    )
    foreign_seeds = frozenset(w for w, b in best.items() if b - en[w] >= FOREIGN_SEED_MARGIN)
    loans = _load_loanwords()
    return Lexicon(
        en, vi, _Langs(raw), vi_seeds, foreign_seeds,
        frozenset(w.encode("utf-8") for w in vi_seeds), frozenset(w.encode("utf-8") for w in foreign_seeds),
        loans, max((len(t) for t in loans), default=0),
    )


def _load_loanwords() -> frozenset[tuple[str, ...]]:
    """Accepted loan phrases (lower case, word tuples): never flagged."""
    out = set()
    with open(_LOANWORDS, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#") or not line.strip() or line.startswith("phrase\t"):
                continue
            phrase = line.split("\t", 1)[0]
            words = tuple(_fold(w) for w in _WORD.findall(phrase))
            if not words:
                raise NormalizeError(f"{_LOANWORDS}:{n}: empty phrase")
            out.add(words)
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """Lower case without diacritics, for matching loan phrases written with or without them."""
    word = word.lower().replace("\N{LATIN SMALL LETTER D WITH STROKE}", "d").replace("\N{RIGHT SINGLE QUOTATION MARK}", "'")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


# Characters that glue a word into an address, a handle, a path or an identifier
# ("benh@kernel.org", "<huynh.29@osu.edu>", "man3/sinh.3", "x_khong"): such a word is not prose.
_CODE_GLUE = frozenset("@/\\<>=_#$%&{}[]|~^`")


# A glue character or a full stop, which could tie the word starting after it or ending at it
# into code or an abbreviation: only those words need the checks of _glued.
_GLUE_OR_STOP = re.compile(r"[@/\\<>=_#$%&{}\[\]|~^`.]")


def _glued(nfc: str, s: int, e: int) -> bool:
    before = nfc[s - 1] if s > 0 else " "
    after = nfc[e] if e < len(nfc) else " "
    after2 = nfc[e + 1] if e + 1 < len(nfc) else " "
    return (before in _CODE_GLUE or after in _CODE_GLUE or (after == "." and after2.isalnum())
            or (before == "." and s > 1 and nfc[s - 2].isalnum()))


# The same, captured, for re.split: the words and the gaps between them in one C pass, their
# offsets summed from the lengths (no Python step per match).
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")


def _tokens(nfc: str, lo: int, hi: int) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(start, end, word) for each Latin word of prose in nfc[lo:hi], and the words alone."""
    parts = _WORD_SPLIT.split(nfc[lo:hi])  # gap, word, gap, ..., word, gap
    offsets = list(accumulate(map(len, parts), initial=lo))
    starts, ends, words = offsets[1:-1:2], offsets[2::2], parts[1::2]
    toks = list(zip(starts, ends, words))
    # Only a word starting right after a glue character or a full stop, or ending at one, can be
    # glued: found by bisection from the few such characters, not by a test of every word.
    glued = set()
    for m in _GLUE_OR_STOP.finditer(nfc, max(0, lo - 1), hi + 1):
        g = m.start()
        k = bisect_left(starts, g + 1)
        if k < len(starts) and starts[k] == g + 1 and _glued(nfc, g + 1, ends[k]):
            glued.add(k)
        k = bisect_left(ends, g)
        if k < len(ends) and ends[k] == g and _glued(nfc, starts[k], g):
            glued.add(k)
    if not glued:
        return toks, words
    toks = [t for k, t in enumerate(toks) if k not in glued]
    return toks, [t[2] for t in toks]


def _joined(nfc: str, a_end: int, b_start: int) -> bool:
    """Two words are neighbours in a run: one space between them."""
    return b_start - a_end == 1 and nfc[a_end] in _GAP


# First pass over UTF-8 bytes: one 256-entry table maps ASCII punctuation and digits to spaces and
# A-Z to a-z in a single C pass (bytes.translate runs at memory speed; str.translate with a dict
# runs at ~15 MB/s). Multi-byte punctuation that glues to words is replaced first. Line breaks are
# kept, so that a hit can be traced to its line.
_BYTE_TABLE = bytes(
    (c + 32) if 65 <= c <= 90 else 32 if (chr(c) in "!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~-\t\r0123456789") else c
    for c in range(256)
)
_MB_PUNCT = tuple(c.encode("utf-8") for c in "\u201c\u201d\u2018\u2019\u2014\u2013\u00a0\u2026\u00ab\u00bb")


@lru_cache(maxsize=4)
def _first_pass(nfc: str) -> tuple[bytes, frozenset[bytes]]:
    """(folded bytes, set of words) of a text; shared by both detectors (cached on the text, so a
    document pays it once). Only ASCII capitals are folded: a seed is a lower-case word or starts
    with an ASCII capital."""
    b = nfc.encode("utf-8")
    for p in _MB_PUNCT:
        if p in b:
            b = b.replace(p, b" ")
    if b"\xc3\x90" in b:  # capital eth, written for capital d with stroke ("Ði")
        b = b.replace(b"\xc3\x90", b"\xc3\xb0")
    b = b.translate(_BYTE_TABLE)
    return b, frozenset(b.split())


class _Lines:
    """The lines of one text as both detectors read them, each found once per document (kept in
    ``ctx.per_doc``) however many detectors ask: the lines holding a seed word of either detector
    (one pass over the folded lines for both), and the tokens (with their lower-case forms) of
    each such line."""

    __slots__ = ("nfc", "_seeds", "_seed_lines", "_tokens")

    def __init__(self, nfc: str, lex: Lexicon | None = None):
        self.nfc = nfc
        self._seeds = (lex.vi_seeds_b, lex.foreign_seeds_b) if lex else seed_sets()
        self._seed_lines: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
        self._tokens: dict[tuple[int, int], tuple[list, list[str], list[str]]] = {}

    def with_seeds(self, foreign: bool) -> list[tuple[int, int]]:
        """NFC (start, end) of each line that holds a seed word of the Vietnamese (or, with
        ``foreign``, the other) detector; the cheap first pass."""
        if self._seed_lines is None:
            self._seed_lines = self._find_seed_lines()
        return self._seed_lines[foreign]

    def _find_seed_lines(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        folded, words = _first_pass(self.nfc)
        found_vi, found_foreign = (seeds.intersection(words) for seeds in self._seeds)
        vi: list[tuple[int, int]] = []
        foreign: list[tuple[int, int]] = []
        if not (found_vi or found_foreign):
            return vi, foreign
        pos = 0
        for line, folded_line in zip(self.nfc.split("\n"), folded.split(b"\n")):
            end = pos + len(line)
            line_words = folded_line.split()
            if not found_vi.isdisjoint(line_words):
                vi.append((pos, end))
            if not found_foreign.isdisjoint(line_words):
                foreign.append((pos, end))
            pos = end + 1
        return vi, foreign

    def tokens(self, lo: int, hi: int) -> tuple[list, list[str], list[str]]:
        """(tokens, their words, the words in lower case) of the line nfc[lo:hi]."""
        got = self._tokens.get((lo, hi))
        if got is None:
            toks, words = _tokens(self.nfc, lo, hi)
            got = self._tokens[lo, hi] = (toks, words, list(map(str.lower, words)))
        return got


def _doc_lines(doc, ctx) -> _Lines:
    """The document's lines for the Latin detectors, built by the first one that asks."""
    got = ctx.per_doc.get("latin.lines")
    if got is None:
        got = ctx.per_doc["latin.lines"] = _Lines(doc.nfc)
    return got


def _in_loanword(words: list[str], i: int, j: int, lex: Lexicon) -> bool:
    """Is every word of words[i:j] covered by accepted loan phrases?"""
    # Only phrases that can overlap words[i:j] matter: they start at most loan_max - 1 before i.
    lo = max(0, i - lex.loan_max + 1)
    hi = min(len(words), j + lex.loan_max - 1)
    low = [_fold(w) for w in words[lo:hi]]
    covered = [False] * len(low)
    for a in range(len(low)):
        for n in range(1, lex.loan_max + 1):
            if a + n <= len(low) and tuple(low[a : a + n]) in lex.loanwords:
                for k in range(a, a + n):
                    covered[k] = True
    return all(covered[i - lo : j - lo])


# A phrase named as a phrase: "the Spanish phrase mañana por la mañana", "..., as they say".
_MENTIONED_BEFORE = re.compile(
    r"\b(?:word|words|phrase|term|expression|motto|slogan|saying|idiom|proverb|greeting|catchphrase|"
    r"called|named|dubbed|known\s+as|as\s+they\s+say)\s*[,:]?\s*[\"'\u201c\u2018]?$",
    re.IGNORECASE,
)
_MENTIONED_AFTER = re.compile(
    r"^[\"'\u201d\u2019]?\s*[,:(\u2014-]?\s*(?:as\s+they\s+say|as\s+the\s+saying\s+goes|meaning|which\s+means|literally|lit\.)\b",
    re.IGNORECASE,
)


def _quoted_or_glossed(nfc: str, start: int, end: int) -> bool:
    """The phrase is mentioned on purpose: wholly quoted/italicised, or followed by an English
    gloss in parentheses ("sangat penting (very important)")."""
    before = nfc[start - 1] if start > 0 else ""
    after = nfc[end] if end < len(nfc) else ""
    if before and after and before in _QUOTES_OPEN and after in _QUOTES_CLOSE:
        return True
    if _MENTIONED_BEFORE.search(nfc, max(0, start - 60), start) or _MENTIONED_AFTER.match(nfc[end : end + 40]):
        return True
    if _in_quotation(nfc, start, end):
        return True
    rest = nfc[end : end + 3]
    if rest.startswith(" (") or rest.startswith("("):
        # A parenthesis of English words right after: an explanation, i.e. a gloss.
        close = nfc.find(")", end, end + 120)
        if close != -1:
            inner = nfc[nfc.find("(", end) + 1 : close]
            return bool(re.search(r"[A-Za-z]{2,}", inner))
    return False


@lru_cache(maxsize=4)
def _quote_index(nfc: str) -> tuple[list[int], list[int], list[int]]:
    """Sorted offsets of line breaks, of quotation marks, and of closing quotation marks in
    ``nfc`` (built once per text, on the first phrase that needs them)."""
    return ([m.start() for m in re.finditer("\n", nfc)],
            [m.start() for m in _QUOTE_MARK.finditer(nfc)],
            [m.start() for m in _QUOTE_CLOSE.finditer(nfc)])


_QUOTE_MARK = re.compile("[\"\u201c\u201d\u00ab\u00bb]")
_QUOTE_CLOSE = re.compile("[\"\u201d\u00bb]")


def _in_quotation(nfc: str, start: int, end: int) -> bool:
    """Inside a quotation on the same line: a slogan or a quoted speaker ("chanted \"el pueblo
    unido jamás será vencido\""). English quotes foreign words on purpose; report nothing.
    The quotation marks before the phrase on its line are odd in number, the last one opens, and
    a closing one follows on the line (looked up by position, not by rescanning the line)."""
    breaks, marks, closes = _quote_index(nfc)
    k = bisect_left(breaks, start)
    line_start = breaks[k - 1] + 1 if k else 0
    a, b = bisect_left(marks, line_start), bisect_left(marks, start)
    if (b - a) % 2 == 0 or nfc[marks[b - 1]] not in "\"\u201c\u00ab":
        return False
    k = bisect_left(breaks, end)
    line_end = breaks[k] if k < len(breaks) else len(nfc)
    c = bisect_left(closes, end)
    return c < len(closes) and closes[c] < line_end


def _particles_in_name(nfc: str, toks, i: int, j: int) -> bool:
    """words[i:j] are short particles between two capitalised words: part of a name."""
    if i == 0 or j >= len(toks):
        return False
    if not (toks[i - 1][2][0].isupper() and toks[j][2][0].isupper()):
        return False
    if not (_joined(nfc, toks[i - 1][1], toks[i][0]) and _joined(nfc, toks[j - 1][1], toks[j][0])):
        return False
    return all(len(t[2]) <= _PARTICLE_MAX_LEN for t in toks[i:j])


# --------------------------------------------------------------------------------------------------
# Vietnamese without diacritics


def _vi_score(word: str, lex: Lexicon) -> float | None:
    """Evidence that ``word`` is Vietnamese the ``vietnamese`` detector cannot see, or None.

    Three spellings: without diacritics ("Cac xa gom", scored on the folded form); with only
    diacritics other languages share ("các", "không", "màng": scored against English and the
    most frequent other language with the same spelling); and with the Icelandic eth standing
    in for d with stroke ("Ði khái" for "Đi khái", a common encoding slip).
    """
    w = word.lower()
    if w.isascii():
        v = lex.vi.get(w)
        return None if v is None else v - lex.en.get(w, 0.0)
    if "\N{LATIN SMALL LETTER ETH}" in w:
        w = w.replace("\N{LATIN SMALL LETTER ETH}", "\N{LATIN SMALL LETTER D WITH STROKE}")
        if not is_vi_syllable(w):
            return None
        v = lex.vi.get(_fold(w))
        return None if v is None else v
    if _VI_ONLY.search(w) or not is_vi_syllable(w):
        return None
    v = lex.vi.get(w)
    if v is None:
        return None
    other = max(lex.langs.get(w, {}).values(), default=0.0)
    return v - max(lex.en.get(w, 0.0), other)


def _free_standing(nfc: str, start: int, end: int) -> bool:
    """Not part of a hyphenated compound or identifier ("fd.o-xau")."""
    before = nfc[start - 1] if start > 0 else " "
    after = nfc[end] if end < len(nfc) else " "
    return before not in "-.'\u2019" and after not in "-'\u2019"


def _before_vi_name(nfc: str, toks, scores, i: int) -> bool:
    """A lower-case word clearly more Vietnamese than English right before a capitalised name of
    Vietnamese syllables ("xa Tan Phu", "tinh Quang Ninh"): Vietnamese puts the common noun of a
    place or title in lower case before the name, English does not."""
    word = toks[i][2]
    if not word.islower() or scores[i] is None or scores[i] < VI_BEFORE_NAME_MIN:
        return False
    if i > 0 and _joined(nfc, toks[i - 1][1], toks[i][0]) and toks[i - 1][2][0].isupper():
        return False  # inside a capitalised run: a particle of a name
    names = 0
    k = i + 1
    while k < len(toks) and _joined(nfc, toks[k - 1][1], toks[k][0]) and toks[k][2][0].isupper() and scores[k] is not None:
        names += 1
        k += 1
    return names >= 2


def _vi_strong(word: str, lex: Lexicon) -> bool:
    """A lower-case word so frequent in Vietnamese and so rare in English that it is a leftover on
    its own: these are spellings English does not have (uo, ie + ng/nh/c codas, ngh-, kh-)."""
    w = word.lower()
    if w.isascii():
        need, other = VI_STRONG_MIN_VI, 0.0
    else:
        # A spelling with Vietnamese tone marks that neither English nor the other languages
        # use ("màng") needs less frequency to stand alone than a bare ASCII one.
        need, other = VI_STRONG_MIN_VI_ACCENTED, max(lex.langs.get(w, {}).values(), default=0.0)
    return (
        word.islower() and lex.vi.get(w, 0.0) >= need
        and max(lex.en.get(w, 0.0), other) <= VI_STRONG_MAX_EN and (w,) not in lex.loanwords
    )


def vietnamese_runs(nfc: str, lex: Lexicon | None = None, lines: _Lines | None = None):
    """(start, end, score) of runs of unaccented Vietnamese in ``nfc`` (``lines``: its lines, when
    the other detector reads them too)."""
    lines = lines or _Lines(nfc, lex)
    seed_lines = lines.with_seeds(foreign=False)
    if seed_lines:
        lex = lex or lexicon()
    memo: dict[str, float | None] = {}  # _vi_score per distinct word of the text
    for lo, hi in seed_lines:
        toks, words, low = lines.tokens(lo, hi)
        for w in set(words).difference(memo):
            memo[w] = _vi_score(w, lex)
        scores = list(map(memo.__getitem__, words))

        def scan(seeds):
            """The runs grown from the seeds (token indexes, in order) that are not inside a
            run already grown."""
            found = []
            k = 0
            for c in seeds:
                if c < k:
                    continue
                word = toks[c][2]
                if not (word.islower() or _opens_phrase(nfc, lo, toks, scores, c)):
                    continue
                i = j = c
                while (
                    i > 0 and scores[i - 1] is not None and scores[i - 1] >= VI_GROW_MARGIN
                    and _joined(nfc, toks[i - 1][1], toks[i][0])
                    # Leftwards a lower-case word before a capitalised one ends a name: it belongs
                    # to the phrase before the name ("Thu tuong | Pham Minh Chinh chu tri").
                    and not (toks[i][2][0].isupper() and toks[i - 1][2][0].islower())
                ):
                    i -= 1
                # Rightwards a capitalised word after a lower-case one starts a name ("... thu To
                # Lam"): Vietnamese writes titles and words in lower case, names in capitals.
                while (
                    j + 1 < len(toks) and scores[j + 1] is not None and scores[j + 1] >= VI_GROW_MARGIN
                    and _joined(nfc, toks[j][1], toks[j + 1][0]) and not toks[j + 1][2][0].isupper()
                ):
                    j += 1
                j += 1
                k = j
                # "Pham Minh Chinh chu tri cuoc hop": capitalised words before a lower-case phrase
                # that stands on its own are a name (correct English); the phrase is the leftover.
                # A title in Vietnamese title case ("Tong Bi thu") keeps its capitals: its lower-case
                # tail is one word.
                caps = 0
                while i + caps < j and toks[i + caps][2][0].isupper():
                    caps += 1
                if caps >= 2 and j - (i + caps) >= 2:
                    i += caps
                total = sum(scores[i:j])
                # The lower-case words alone must carry the evidence: capitalised neighbours may be
                # names, whose plain spelling is correct English.
                lower = sum(sc for t, sc in zip(toks[i:j], scores[i:j]) if t[2].islower())
                if j - i == 1 and _vi_strong(toks[i][2], lex) and _free_standing(nfc, toks[i][0], toks[i][1]):
                    pass  # one word no English text uses ("khong", "nguoi", "duoc")
                elif j - i == 1 and _before_vi_name(nfc, toks, scores, i):
                    pass  # "xa Tan Phu", "tinh Quang Ninh": a lower-case word naming what follows
                elif j - i < 2 or total < VI_RUN_MIN or lower < VI_LOWER_MIN:
                    continue
                if j - i > 1 and len({t[2].lower() for t in toks[i:j]}) < 2:
                    continue  # "ha ha ha"
                if _in_loanword([t[2] for t in toks], i, j, lex):
                    continue
                start, end = toks[i][0], toks[j - 1][1]
                if _quoted_or_glossed(nfc, start, end):
                    continue
                found.append((start, end, total))
            return found

        found = scan([k for k, w in enumerate(low) if w in lex.vi_seeds and scores[k] is not None])
        if found:
            # A line that already holds Vietnamese makes more Vietnamese likely beside it (a menu
            # "Dang nhap | Dang ky", a caption): weaker seeds count there.
            found += scan([k for k, sc in enumerate(scores) if sc is not None and sc >= VI_PRIOR_SEED])
        yield from _merge(found)


def _merge(runs):
    """Merge overlapping runs (a second seed may grow back over the first run)."""
    out: list[tuple] = []
    for r in sorted(runs):
        if out and r[0] < out[-1][1]:
            last = out[-1]
            out[-1] = (last[0], max(last[1], r[1]), max(last[2], r[2]), *last[3:])
        else:
            out.append(r)
    return out


def _sentence_start(nfc: str, lo: int, start: int) -> bool:
    """Does a sentence, line, list item or label value start at ``start``? (The last character
    before it on the line, spaces skipped: a look back over the spaces, not over the line.)"""
    k = start
    while k > lo and nfc[k - 1].isspace():
        k -= 1
    return k <= lo or nfc[k - 1] in ".!?:-*|\N{BULLET}\N{EM DASH}\N{EN DASH}\"\N{LEFT DOUBLE QUOTATION MARK}"


def _opens_phrase(nfc: str, lo: int, toks, scores, k: int) -> bool:
    """A capitalised seed that opens a line or sentence and goes on in lower-case Vietnamese
    ("Chia se", "Cac xa gom"): sentence case, not a name."""
    word = toks[k][2]
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    if not _sentence_start(nfc, lo, toks[k][0]):
        return False
    return (
        k + 1 < len(toks) and toks[k + 1][2].islower() and scores[k + 1] is not None
        and scores[k + 1] >= VI_GROW_MARGIN and _joined(nfc, toks[k][1], toks[k + 1][0])
    )


@rule(
    "latin-vietnamese",
    stage="detect",
    description="Vietnamese written without diacritics (\"Tong Bi thu\", \"Cac xa gom\"): runs of words far more frequent in Vietnamese than in English",
)
def detect_latin_vietnamese(doc, ctx):
    from .gloss import is_gloss

    for start, end, score in vietnamese_runs(doc.nfc, lines=_doc_lines(doc, ctx)):
        if is_gloss(doc, start, end):
            continue  # "known locally as song Hong,": a mention
        yield doc.finding(
            start, end, kind="latin", rule="latin-vietnamese", language="vi",
            evidence=f"Vietnamese words without diacritics (summed log-frequency ratio vi/en {score:.1f})",
        )


# --------------------------------------------------------------------------------------------------
# Other Latin-script languages


def ev_of(word: str, lang: str, lex: Lexicon) -> float:
    """Evidence (Zipf difference to English) that a lower-case word is of ``lang``; 0 if unknown."""
    d = lex.langs.get(word)
    if not d or lang not in d:
        return 0.0
    return d[lang] - lex.en.get(word, 0.0)


def foreign_runs(nfc: str, lex: Lexicon | None = None, lines: _Lines | None = None):
    """(start, end, language, score) of runs of words of another Latin-script language
    (``lines``: the lines of ``nfc``, when the other detector reads them too)."""
    lines = lines or _Lines(nfc, lex)
    seed_lines = lines.with_seeds(foreign=True)
    if seed_lines:
        lex = lex or lexicon()
    for lo, hi in seed_lines:
        toks, _, low = lines.tokens(lo, hi)
        taken_until = -1
        for k in [k for k, w in enumerate(low) if w in lex.foreign_seeds]:
            if k < taken_until or _VI_ONLY.search(toks[k][2]):
                continue
            best = _grown_run(nfc, toks, low, k, lex)
            if best is None:
                continue
            i, j, lang, total = best
            taken_until = j
            i, j = _phrase_bounds(nfc, lo, toks, i, j)
            total = sum(ev_of(low[x], lang, lex) for x in range(i, j))
            if _is_phrase(nfc, lo, toks, i, j, lang, total, lex):
                yield toks[i][0], toks[j - 1][1], lang, total


def _grown_run(nfc: str, toks, low: list[str], k: int, lex: Lexicon) -> tuple[int, int, str, float] | None:
    """The run grown from the seed word ``k`` in each language the seed is clearly of; the one
    with the most evidence (then the longest) as (i, j, language, evidence), or None."""
    n = len(toks)
    best = None
    for lang, z in lex.langs[low[k]].items():
        if z - lex.en.get(low[k], 0.0) < FOREIGN_SEED_MARGIN:
            continue

        def ev(idx: int, floor: float = FOREIGN_GROW_MARGIN) -> float | None:
            d = lex.langs.get(low[idx])
            if not d or lang not in d:
                return None
            e = d[lang] - lex.en.get(low[idx], 0.0)
            return e if e >= floor else None

        def step(a: int, b: int) -> int:
            """How many words the run can take from a towards b (1 or 2; 0 = stop). A word
            common to both languages ("data", "online") joins only between two that are
            clearly of the language."""
            if not (0 <= b < n) or not _joined(nfc, *((toks[a][1], toks[b][0]) if b > a else (toks[b][1], toks[a][0]))):
                return 0
            if ev(b) is not None:
                return 1
            c = b + (b - a)
            if ev(b, FOREIGN_BRIDGE_MARGIN) is not None and 0 <= c < n and ev(c) is not None and _joined(
                nfc, *((toks[b][1], toks[c][0]) if c > b else (toks[c][1], toks[b][0]))
            ):
                return 2
            return 0

        i = j = k
        while (d := step(i, i - 1)):
            i -= d
        while (d := step(j, j + 1)):
            j += d
        j += 1
        total = sum(ev(x, FOREIGN_BRIDGE_MARGIN) or 0.0 for x in range(i, j))
        if best is None or (total, j - i) > (best[3], best[1] - best[0]):
            best = (i, j, lang, total)
    return best


def _phrase_bounds(nfc: str, lo: int, toks, i: int, j: int) -> tuple[int, int]:
    """The run toks[i:j] without the names and acronyms at its edges."""
    n = len(toks)
    # Capitalised words at the edges are names or acronyms next to the phrase
    # ("... menaikkan harga BBM"): not part of it. A sentence keeps its first capital.
    while j - i > 1 and toks[j - 1][2][0].isupper():
        j -= 1
    # Mid-sentence, a particle right before a capitalised word opens that name ("a
    # festa della Repubblica"): it goes with the name, not with the phrase. (At a sentence
    # start it is the phrase's: "Laut der Polizei", "Ayon kay Senador ...".)
    while (
        j - i > 1 and j < n and not _sentence_start(nfc, lo, toks[i][0]) and toks[j][2][0].isupper() and _joined(nfc, toks[j - 1][1], toks[j][0])
        and len(toks[j - 1][2]) <= _PARTICLE_MAX_LEN + 2 and toks[j - 1][2].islower()
    ):
        j -= 1
    while j - i > 1 and toks[i][2][0].isupper() and not _sentence_start(nfc, lo, toks[i][0]):
        i += 1
    return i, j


def _is_phrase(nfc: str, lo: int, toks, i: int, j: int, lang: str, total: float, lex: Lexicon) -> bool:
    """Is toks[i:j] (evidence ``total`` for ``lang``) a foreign phrase left in English, rather
    than a name, a title, a loanword or a phrase quoted on purpose?"""
    words = [t[2] for t in toks[i:j]]
    if j - i < 2 or total < FOREIGN_RUN_MIN or len({w.lower() for w in words}) < 2:
        return False
    # Capitalised words inside are names or titles ("Le Monde", "Banco de la Nación")
    # unless the run opens a line ("Baca juga: ...") and goes on in lower case. German
    # capitalises its nouns ("Laut der Polizei"): in a run that opens a sentence, a
    # capitalised word that is itself clearly German passes, if the run also holds
    # lower-case words (mid-sentence it is a name: "Bundesamt für Sicherheit").
    opens = _sentence_start(nfc, lo, toks[i][0])
    inner = words[1:] if opens else words
    if lang == "de" and opens and any(w.islower() for w in inner):
        inner = [w for w in inner if ev_of(w.lower(), lang, lex) < FOREIGN_SEED_MARGIN]
    if any(wd[0].isupper() for wd in inner):
        return False
    if _particles_in_name(nfc, toks, i, j):
        return False
    # A capitalised word and short particles only ("Centro de Referencia", "Gruppo di"):
    # the opening of a name, not a phrase.
    content = [
        w for w in words
        if (not w[0].isupper() and len(w) > _PARTICLE_MAX_LEN)
        or (lang == "de" and opens and w[0].isupper() and ev_of(w.lower(), lang, lex) >= FOREIGN_SEED_MARGIN)
        # A sentence opener far more frequent in the language than in English is a word
        # of it ("Ayon kay Senador ...", 'according to'), not the start of a name
        # ("Centro de Referencia": centro is common enough in English names).
        or (opens and w is words[0] and ev_of(w.lower(), lang, lex) >= FOREIGN_OPENER_MARGIN)
    ]
    if not content and any(w[0].isupper() for w in words):
        return False
    if _in_loanword([t[2] for t in toks], i, j, lex):
        return False
    return not _quoted_or_glossed(nfc, toks[i][0], toks[j - 1][1])


@rule(
    "latin-foreign",
    stage="detect",
    description="phrases of another Latin-script language (Indonesian, Malay, Spanish, French, ...) left in English: runs of words far more frequent in that language than in English",
)
def detect_latin_foreign(doc, ctx):
    for start, end, lang, score in foreign_runs(doc.nfc, lines=_doc_lines(doc, ctx)):
        yield doc.finding(
            start, end, kind="latin", rule="latin-foreign", language=lang,
            evidence=f"{_LANG_NAMES.get(lang, lang)} words (summed log-frequency ratio {lang}/en {score:.1f})",
        )
