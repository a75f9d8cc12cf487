"""Whose name is it? Evidence from the text around a name and from the name itself.

The same written form can be a Chinese official's name read the Vietnamese way ("Hà Lập Phong"
is He Lifeng) or a Vietnamese name that is correct English as written ("Phạm Minh Chính"). The
cues are the ones a careful editor uses:

- the nationality or country named right before the name, in the same clause ("Chinese Vice
  Premier Hà Lập Phong", "Vietnamese Prime Minister ...") -- strongest;
- countries, capitals, institutions and media named in the same sentence, the neighbouring
  sentences, and the whole document -- weaker with distance;
- the name itself: Nguyễn, Phạm, Lê, Đặng, Bùi, Võ are very common Vietnamese surnames and rare
  Chinese ones; "Thị" as a middle name is Vietnamese; four syllables without a two-character
  surname are Vietnamese.

Taiwan, Hong Kong and Macau cues are kept apart: their people's names are not written in Hanyu
Pinyin (Tsai Ing-wen, John Lee), so a rule must never guess them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .vietnamese import syllable_key

_ZH = (
    "China", "Chinese", "PRC", "Beijing", "Beijing's", "Shanghai", "Guangzhou", "Shenzhen", "Chongqing", "Tianjin",
    "Wuhan", "Xinjiang", "Tibet", "Guangdong", "Fujian", "Zhejiang", "Jiangsu", "Shandong", "Henan", "Hubei",
    "Hunan", "Sichuan", "Yunnan", "Guangxi", "Hainan", "Shaanxi", "Shanxi", "Hebei", "Liaoning", "Jilin",
    "Heilongjiang", "Anhui", "Jiangxi", "Gansu", "Qinghai", "Ningxia", "Inner Mongolia", "Guizhou", "Xinhua",
    "CCTV", "CGTN", "Global Times", "People's Daily", "Politburo", "State Council", "Communist Party of China",
    "Chinese Communist Party", "CPC", "CCP", "PLA", "People's Liberation Army", "National People's Congress",
    "NPC", "CPPCC", "Zhongnanhai", "Great Hall of the People", "People's Bank of China", "PBOC", "PBoC",
    "renminbi", "yuan", "mainland", "Trung Quốc", "Bắc Kinh",
    "Thượng Hải", "Tân Hoa Xã",
)
_TWHK = (
    "Taiwan", "Taiwanese", "Taipei", "Kaohsiung", "Taichung", "Tainan", "Kuomintang", "KMT", "DPP",
    "Democratic Progressive Party", "Legislative Yuan", "Executive Yuan", "Republic of China", "ROC",
    "Hong Kong", "Hongkong", "Hong Kong's", "Kowloon", "HKSAR", "Macau", "Macao", "LegCo",
    "Legislative Council", "Đài Loan", "Hồng Kông", "Hương Cảng", "Ma Cao", "Đài Bắc",
)
_VI = (
    "Vietnam", "Viet Nam", "Vietnamese", "Việt Nam", "Hanoi", "Ha Noi", "Hà Nội", "Ho Chi Minh City",
    "Hồ Chí Minh", "Saigon", "Sài Gòn", "Da Nang", "Đà Nẵng", "Hai Phong", "Hải Phòng", "Can Tho", "Cần Thơ",
    "Hue", "Huế", "VNA", "Vietnam News Agency", "Communist Party of Vietnam", "CPV", "VND", "dong",
    "Tuoi Tre", "Thanh Nien", "VnExpress", "Nhân Dân", "Vietnam News", "VOV", "Quảng Ninh", "Nghệ An",
    "Thanh Hóa", "Khánh Hòa", "Bình Dương", "Đồng Nai", "Mekong", "Tổng Bí thư", "Thủ tướng", "Chủ tịch",
)
_JA = ("Japan", "Japanese", "Tokyo", "Osaka", "Kyoto", "yen", "Diet", "Nikkei", "Kyodo", "NHK")
_KO = ("Korea", "Korean", "Seoul", "Pyongyang", "DPRK", "ROK", "Yonhap", "won", "Busan")


def _cue_re(words, behind: bool = True) -> re.Pattern:
    alts = sorted(words, key=len, reverse=True)
    return re.compile((r"(?<![\w])" if behind else "") + "(?:" + "|".join(re.escape(w) for w in alts) + r")(?![\w])")


_WORDS = {"zh": _ZH, "twhk": _TWHK, "vi": _VI, "ja": _JA, "ko": _KO}
CUES = {k: _cue_re(v) for k, v in _WORDS.items()}
# The same without the look-behind, which keeps the regex engine from skipping ahead to a cue's
# first letter (2.5 times slower): Cues checks the letter before each hit itself.
_BARE = {k: _cue_re(v, behind=False) for k, v in _WORDS.items()}

# Between a nationality cue and the name in the same clause: titles and other capitalised words,
# "'s", "of", "and" -- no verb, no clause punctuation. "Chinese Vice Premier ", "China's top
# negotiator ", "Vietnamese Deputy Prime Minister ".
_CLAUSE_GAP = re.compile(r"^(?:['\u2019]s)?(?:\s+(?:[A-Z][\w.'\u2019-]*|of|the|and|for|top|new|chief|senior|"
                         r"former|vice|deputy|leader|envoy|negotiator|official|president|premier|minister|"
                         r"spokesperson|spokesman|spokeswoman|ambassador|counterpart|general|secretary))*\s+$")
# Right after the name: ", China's vice premier", " of China", " (China)".
_AFTER = re.compile(r"\s*(?:,\s*|\(\s*|\s+of\s+|\s+from\s+)(?:the\s+)?")

# Vietnamese surname shares (% of the population) and the share of the same surname (its Han
# character) in China. Vietnam: the frequently cited survey figures (Lê Trung Hoa, "Họ và tên
# người Việt Nam", 2005); China: Ministry of Public Security household-register ranking (2020).
# The ratio says how much more likely a name with that surname is Vietnamese.
_VI_SURNAMES = {
    "nguyên4": (38.4, 0.03), "trân2": (12.1, 4.5), "lê": (9.5, 0.12), "pham5": (7.0, 0.32),
    "hoang2": (5.1, 2.2), "huynh2": (5.1, 0.01), "phan": (4.5, 0.4), "vu4": (3.9, 0.1), "vo4": (3.9, 0.01),
    "đăng5": (2.1, 0.5), "bui2": (2.0, 0.05), "đô4": (1.4, 0.4), "hô2": (1.3, 1.2), "ngô": (1.3, 1.9),
    "dương": (1.0, 3.1), "li1": (0.5, 7.9), "đinh": (0.6, 0.4), "trương": (0.6, 7.1), "lâm": (0.4, 1.0),
    "mai": (0.3, 0.05), "trinh5": (0.4, 1.1), "đao2": (0.4, 0.3), "cao": (0.3, 0.9), "lưu": (0.3, 5.4),
    "ha2": (0.3, 1.1), "tô": (0.2, 0.6), "đoan2": (0.3, 0.4), "tôn": (0.1, 1.5), "chu": (0.2, 1.9),
}
# Middle names that mark a Vietnamese name (Thị: women; Văn: men); both are rare in Chinese
# given names in that position.
_VI_MIDDLE = {"thi5": 30.0, "văn": 3.0, "hưu4": 3.0, "đinh2": 2.0, "công": 1.5, "thê1": 1.5}


@dataclass(frozen=True)
class Evidence:
    """Weighted evidence for each origin; ``local`` names the origin of a clause-level cue."""

    zh: float
    vi: float
    twhk: float
    ja: float
    ko: float
    local: str  # "zh", "vi", "twhk", "ja", "ko" or ""
    name_vi: float  # likelihood ratio Vietnamese : Chinese from the name alone


def vietnamese_name_ratio(words: list[str]) -> float:
    """Likelihood ratio P(name | Vietnamese) / P(name | Chinese) from the name alone."""
    if not words:
        return 1.0
    keys = [syllable_key(w) for w in words]
    ratio = 1.0
    if keys[0] in _VI_SURNAMES:
        v, c = _VI_SURNAMES[keys[0]]
        ratio *= v / c
    for k in keys[1:-1]:
        ratio *= _VI_MIDDLE.get(k, 1.0)
    if len(words) >= 4:
        ratio *= 5.0
    return ratio


# -- cues found once per document ---------------------------------------------------------------
_WORD_CHAR = re.compile(r"\w")
# Every cue ends in a word character, so a window that ends after a non-word character cannot cut
# a cue short (see Cues.window).
_CUES_END_IN_WORD = all(_WORD_CHAR.match(w[-1]) for words in (_ZH, _TWHK, _VI, _JA, _KO) for w in words)


def finditer_not_after(bare: re.Pattern, text: str, before: re.Pattern):
    """The matches ``(?<!B)`` followed by ``bare`` finds with ``finditer(text)``, B being the
    one-character class ``before`` matches: found by ``bare`` alone, which the regex engine scans
    two to three times faster (a pattern opening with a look-behind is tried at every position).
    A hit right after a character of B is one the full regex fails at that position, so the
    search resumes one character later, as the full regex's does; ``bare`` must match no empty
    string."""
    pos = 0
    while True:
        for m in bare.finditer(text, pos):
            p = m.start()
            if p and before.match(text, p - 1):
                pos = p + 1
                break
            yield m
        else:
            return


# Past this, more cues change nothing: every weight is capped at this value (see _weights).
_CAP = 8.0


class Cues:
    """Where each class of cue occurs in one document: one scan per class, positions in sorted arrays.

    Every question the name rules ask about cues -- how many in this sentence, the neighbouring
    ones, the rest of the document; which end right before a name; does one start right after it;
    is there one in this sentence -- is answered by bisection instead of a rescan, so weighing a
    name costs O(log n) and a document O(n log n). The answers are those the regexes would give on
    the same text and window (``window``, ``match_at`` and ``search`` say when that needs care: a
    cue cut by the window's edge); where a window could cut a cue, the regex is run on that short
    window instead. ``scans`` counts every regex call made, for tests of the cost's shape.
    """

    __slots__ = ("nfc", "_starts", "_ends", "scans")

    def __init__(self, nfc: str):
        self.nfc = nfc
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        self.scans = 0
        for origin in CUES:
            self._starts[origin], self._ends[origin] = self._scan(_BARE[origin])
            self.scans += 1

    def _scan(self, bare: re.Pattern) -> tuple[list[int], list[int]]:
        """The spans ``CUES[origin].finditer(nfc)`` yields, found with the look-behind-free regex."""
        starts: list[int] = []
        ends: list[int] = []
        for m in finditer_not_after(bare, self.nfc, _WORD_CHAR):
            starts.append(m.start())
            ends.append(m.end())
        return starts, ends

    def _word(self, i: int) -> bool:
        return 0 <= i < len(self.nfc) and _WORD_CHAR.match(self.nfc, i) is not None

    def _exact(self, origin: str, lo: int, hi: int, a: int, b: int) -> bool:
        """Are the matches of ``rx.finditer(nfc, lo, hi)`` the document's matches inside [lo, hi)?
        (``a`` and ``b``: the first cues starting at or after ``lo`` and ``hi``.)

        They are unless a cue straddles ``lo`` or ``hi`` (starts before it and ends after it), or
        a cue glued to a word at ``hi`` (which fails its look-ahead in the document but not at the
        window's end) could end there.
        """
        ends = self._ends[origin]
        if a and ends[a - 1] > lo:
            return False
        if hi >= len(self.nfc):
            return True
        if b and ends[b - 1] > hi:
            return False
        return not self._word(hi) or (_CUES_END_IN_WORD and not self._word(hi - 1))

    def window(self, origin: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """(start, end) of the cues ``CUES[origin].finditer(nfc, lo, hi)`` finds."""
        starts = self._starts[origin]
        a, b = bisect_left(starts, lo), bisect_left(starts, hi)
        if not self._exact(origin, lo, hi, a, b):
            self.scans += 1
            return [m.span() for m in CUES[origin].finditer(self.nfc, lo, hi)]
        return list(zip(starts[a:b], self._ends[origin][a:b]))

    def search(self, origin: str, lo: int, hi: int, sliced: bool = False) -> bool:
        """``CUES[origin].search(nfc, lo, hi)``, or with ``sliced`` ``.search(nfc[lo:hi])``, found a cue."""
        if sliced and self._word(lo - 1):
            # In the slice the look-behind sees its start, not the letter before it.
            self.scans += 1
            return CUES[origin].search(self.nfc[lo:hi]) is not None
        return bool(self.window(origin, lo, hi))

    def match_at(self, origin: str, i: int) -> bool:
        """``CUES[origin].match(nfc, i)`` found a cue."""
        starts = self._starts[origin]
        k = bisect_left(starts, i)
        if k < len(starts) and starts[k] == i:
            return True
        if k > 0 and self._ends[origin][k - 1] > i:
            # Inside a longer cue: the document's scan never tried a match here.
            self.scans += 1
            return CUES[origin].match(self.nfc, i) is not None
        return False

    def weight(self, origin: str, s: int, e: int, regions: tuple[int, int, int, int]) -> float:
        """Sum over the document's cues, the name [s, e) itself left out, of 1.0 in the name's
        sentence, 0.5 in the sentences beside it, 0.1 elsewhere, added in document order (the float
        sum is the one a scan gives) and stopped at the cap."""
        starts = self._starts[origin]
        if not starts:
            return 0.0
        ps, ss, se, ne = regions
        c0, c1, c2, c3 = bisect_left(starts, ps), bisect_left(starts, ss), bisect_left(starts, se), bisect_left(starts, ne)
        counts = [c0, c1 - c0, c2 - c1, c3 - c2, len(starts) - c3]
        # Cues overlapping the name: start inside it, or end inside it (mostly none).
        ends = self._ends[origin]
        a, b, c, d = bisect_left(starts, s), bisect_left(starts, e), bisect_right(ends, s), bisect_right(ends, e)
        if a < b or c < d:
            for i in set(range(a, b)).union(range(c, d)):
                counts[bisect_right(regions, starts[i])] -= 1
        return _capped_sum(tuple(map(min, counts, _CAP_STEPS_5)))


# From any start at or above 0, this many additions of the smallest weight (0.1) reach the cap
# (float addition is monotone), so a count above it sums as this count does.
_CAP_STEPS = 100
_CAP_STEPS_5 = (_CAP_STEPS,) * 5


@lru_cache(maxsize=1 << 14)
def _capped_sum(counts: tuple[int, ...]) -> float:
    """The weights of ``counts`` cues in the five regions (before the previous sentence, the
    previous, the name's, the next, after it) added one by one in document order, stopped at the
    cap. Names share few distinct counts once they are bounded by _CAP_STEPS: computed once each."""
    w = 0.0
    for count, inc in zip(counts, (0.1, 0.5, 1.0, 0.5, 0.1)):
        for _ in range(count):
            w += inc
            if w >= _CAP:
                return w
    return w


def cues(doc, ctx=None) -> Cues:
    """The document's cue index, built on first use and kept in ``ctx.per_doc``."""
    if ctx is None:
        return Cues(doc.nfc)
    cached = ctx.per_doc.get("names.cues")
    if cached is None or cached.nfc is not doc.nfc:
        cached = ctx.per_doc["names.cues"] = Cues(doc.nfc)
    return cached


def _weights(doc, s: int, e: int, index: Cues) -> tuple[dict[str, float], str]:
    nfc = doc.nfc
    ss, se = doc.sentence_bounds(s)
    ps, _ = doc.sentence_bounds(max(ss - 1, 0)) if ss else (ss, ss)
    _, ne = doc.sentence_bounds(se) if se < len(nfc) else (se, se)
    w = {k: index.weight(k, s, e, (ps, ss, se, ne)) for k in CUES}
    # Clause-level cue: the nearest cue before the name with only titles in between, or right after.
    local = ""
    best_gap = None
    lead = _AFTER.match(nfc, e)
    for origin in CUES:
        for _, m_end in index.window(origin, max(ss, s - 80), s):
            gap = nfc[m_end:s]
            if m_end <= s and _CLAUSE_GAP.match(gap):
                if best_gap is None or len(gap) < best_gap:
                    best_gap, local = len(gap), origin
        if lead and best_gap is None and index.match_at(origin, lead.end()):
            local = origin
    if local:
        w[local] += 3.0
    # Document weight is capped: a long article about China still needs a cue near a Vietnamese name.
    for k in w:
        w[k] = min(w[k], _CAP)
    return w, local


def evidence(doc, s: int, e: int, words: list[str] | None = None, pinyin_names: int = 0,
             index: Cues | None = None) -> Evidence:
    """Evidence about the name at NFC [s, e); ``pinyin_names`` counts other Chinese people the
    document names (a document about Chinese officials); ``index`` is the document's cues
    (``cues(doc, ctx)``; built here when not given)."""
    w, local = _weights(doc, s, e, index if index is not None else Cues(doc.nfc))
    w["zh"] += min(pinyin_names, 3) * 0.3
    return Evidence(w["zh"], w["vi"], w["twhk"], w["ja"], w["ko"], local, vietnamese_name_ratio(words or []))


def log_odds_chinese(ev: Evidence) -> float:
    """log10 odds that a Vietnamese-read name is Chinese rather than Vietnamese."""
    return math.log10((ev.zh + 0.1) / (ev.vi + 0.1)) - math.log10(max(ev.name_vi, 1e-6))
