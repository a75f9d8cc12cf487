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
from dataclasses import dataclass

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


def _cue_re(words) -> re.Pattern:
    alts = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in alts) + r")(?![\w])")


CUES = {"zh": _cue_re(_ZH), "twhk": _cue_re(_TWHK), "vi": _cue_re(_VI), "ja": _cue_re(_JA), "ko": _cue_re(_KO)}

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
    cues: tuple[str, ...]
    name_vi: float  # likelihood ratio Vietnamese : Chinese from the name alone

    def strongest(self) -> str:
        scores = {"zh": self.zh, "vi": self.vi, "twhk": self.twhk, "ja": self.ja, "ko": self.ko}
        best = max(scores, key=scores.get)
        return best if scores[best] > 0 else ""


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


def _weights(doc, s: int, e: int) -> tuple[dict[str, float], str, list[str]]:
    nfc = doc.nfc
    ss, se = doc.sentence_bounds(s)
    ps, _ = doc.sentence_bounds(max(ss - 1, 0)) if ss else (ss, ss)
    _, ne = doc.sentence_bounds(se) if se < len(nfc) else (se, se)
    w = {k: 0.0 for k in CUES}
    local = ""
    found: list[str] = []
    for origin, rx in CUES.items():
        for m in rx.finditer(nfc):
            if s <= m.start() < e or s < m.end() <= e:
                continue  # the name itself
            found.append(m.group())
            if ss <= m.start() < se:
                w[origin] += 1.0
            elif ps <= m.start() < ne:
                w[origin] += 0.5
            else:
                w[origin] += 0.1
    # Clause-level cue: the nearest cue before the name with only titles in between, or right after.
    best_gap = None
    for origin, rx in CUES.items():
        for m in rx.finditer(nfc, max(ss, s - 80), s):
            gap = nfc[m.end():s]
            if m.end() <= s and _CLAUSE_GAP.match(gap):
                if best_gap is None or len(gap) < best_gap:
                    best_gap, local = len(gap), origin
        lead = _AFTER.match(nfc, e)
        if lead and best_gap is None and rx.match(nfc, lead.end()):
            local = origin
    if local:
        w[local] += 3.0
    # Document weight is capped: a long article about China still needs a cue near a Vietnamese name.
    for k in w:
        w[k] = min(w[k], 8.0)
    return w, local, found


def evidence(doc, s: int, e: int, words: list[str] | None = None, pinyin_names: int = 0) -> Evidence:
    """Evidence about the name at NFC [s, e); ``pinyin_names`` counts other Chinese people the
    document names (a document about Chinese officials)."""
    w, local, found = _weights(doc, s, e)
    w["zh"] += min(pinyin_names, 3) * 0.3
    return Evidence(w["zh"], w["vi"], w["twhk"], w["ja"], w["ko"], local, tuple(found[:12]),
                    vietnamese_name_ratio(words or []))


def log_odds_chinese(ev: Evidence) -> float:
    """log10 odds that a Vietnamese-read name is Chinese rather than Vietnamese."""
    return math.log10((ev.zh + 0.1) / (ev.vi + 0.1)) - math.log10(max(ev.name_vi, 1e-6))
