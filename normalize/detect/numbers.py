"""Numbers, dates and money left in Vietnamese or Chinese: "3 tỷ USD", "on tháng 10", "ngày 5/6",
"人民币 20 亿", "2023年10月5日".

One finding covers the whole expression *and* the English preposition before it, so that the
replacement can fix the grammar the leftover broke ("on tháng 10" -> "in October", "in ngày 5/6" ->
"on June 5"); the rendering is computed here, once, and the ``numbers-resolve`` resolver
(normalize/resolve/numbers.py) proposes it. The findings are whole-token findings
(rules.WHOLE_TOKEN_RULES): a glossary entry inside the expression ("tháng 10", "tỷ đồng", "人民币")
does not cut it into pieces.

Conventions (news style, AP/Reuters): amounts of a million or more are written "3 billion",
"1.5 million"; smaller ones with thousands separators ("500,000"); the US dollar is "US$" before the
figure (the form English-language Asian outlets use), other currencies as the word after it
("2 billion yuan", "3 trillion dong"). Vietnamese writes "." between thousands and "," before
decimals ("1.500 tỷ" = 1,500 billion, "1,5 tỷ" = 1.5 billion); "1,500" could be either and is
flagged, not guessed. Dates are day/month in Vietnamese ("ngày 5/6" = June 5).

Speed: a text without any of the cue words (tháng, ngày, năm, tỷ, triệu, nghìn, 亿, 万, 元, 月, 年, ...)
costs one regex search; otherwise the patterns search only the short spans around non-ASCII
characters that hold what their hits hold (see "where to look" below), not the whole text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..rules import rule
from .common import cue_chunks

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

# -- preposition before a date ---------------------------------------------------------------------
# English prepositions that a date leftover took from the source ("vào" = at/in/on) and that the
# replacement may have to change: a month or year takes "in", a day takes "on".
_PREP = r"(?:(?P<prep>\b(?:on|in|at|vào|trong)|\bV\u00e0o|\bOn|\bIn|\bAt)\s+)?"
# Words after which a date needs no preposition of its own (determiners, other prepositions,
# conjunctions, copulas): "the tháng 10 report", "since ngày 5/6", "between ... and tháng 12".
_NO_PREP_AFTER = frozenset(
    "the a an this that these those its his her their our my your of for from since until till by before "
    "after to through between and or than as is was are were be been being every each last next "
    "early late mid end beginning start during throughout around about ~ per with without".split())
_WORD_BEFORE = re.compile(r"([A-Za-z'\u2019]+)[ \u00a0]+$")

# -- numbers -----------------------------------------------------------------------------------------
_DIGITS = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_ZH_DIGIT = "零〇一二两三四五六七八九"
_ZH_NUMERAL = f"[{_ZH_DIGIT}十百千]+"

_VI_SCALES = {"nghìn tỷ": 10**12, "nghìn tỉ": 10**12, "ngàn tỷ": 10**12, "ngàn tỉ": 10**12,
              "tỷ": 10**9, "tỉ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}
# Currency forms -> (key). Keys are rendered by _render_money.
_VI_CURRENCIES = {
    "usd": "USD", "us$": "USD", "đô la mỹ": "USD", "đô la": "USD", "đô-la": "USD", "đôla": "USD", "đô": "USD",
    "đồng": "VND", "vnđ": "VND", "vnd": "VND", "đ": "VND",
    "euro": "EUR", "eur": "EUR", "yên": "JPY", "yên nhật": "JPY", "nhân dân tệ": "CNY", "ndt": "CNY",
    "bảng anh": "GBP",
}
# Forms that are Vietnamese (a leftover even without a scale word: "500.000 đồng").
_VI_ONLY_CURRENCY = frozenset({"đồng", "vnđ", "đ", "đô la mỹ", "đô la", "đô-la", "đôla", "đô", "yên",
                               "yên nhật", "nhân dân tệ", "ndt", "bảng anh"})
_ZH_CURRENCIES = {"美元": "USD", "美金": "USD", "人民币": "CNY", "元": "CNY", "块": "CNY", "港元": "HKD",
                  "港币": "HKD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP", "韩元": "KRW", "卢布": "RUB",
                  "新台币": "TWD", "越南盾": "VND"}
# Currency words of other scripts that MT leaves beside an English figure ("美元 11 billion",
# "доларів 10 billion", "1000 грн"): Russian and Ukrainian case forms of the dollar, rouble,
# hryvnia and euro, and the Chinese forms above.
_CYR_CURRENCIES = {"доларів": "USD", "долари": "USD", "долара": "USD", "долар": "USD", "долларов": "USD",
                   "доллара": "USD", "доллар": "USD", "доллары": "USD", "рублей": "RUB", "рубля": "RUB",
                   "рубль": "RUB", "руб": "RUB", "гривень": "UAH", "гривні": "UAH", "гривня": "UAH", "грн": "UAH",
                   "євро": "EUR", "евро": "EUR"}
# How news English writes an amount in each currency: a symbol before, or a word after.
_PREFIX = {"USD": "US$", "HKD": "HK$", "GBP": "\u00a3", "TWD": "NT$"}
_SUFFIX = {"VND": "dong", "CNY": "yuan", "EUR": "euros", "JPY": "yen", "KRW": "won", "RUB": "roubles",
           "UAH": "hryvnias"}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_VI_SCALE_RE = _alt(_VI_SCALES)
_VI_CUR_RE = _alt(_VI_CURRENCIES)
_VI_AMOUNT = re.compile(
    rf"(?<![\w.,$\-\u2013])(?:(?P<cur1>{_VI_CUR_RE})\s*)?(?P<num>{_DIGITS})(?:\s*[-\u2013]\s*(?P<num2>{_DIGITS}))?"
    rf"\s*(?P<scale>{_VI_SCALE_RE})?"
    rf"(?:\s*(?P<cur2>{_VI_CUR_RE}))?(?![\w$])",
    re.IGNORECASE,
)
_ZH_CUR_RE = _alt(_ZH_CURRENCIES)
_ZH_AMOUNT = re.compile(
    rf"(?P<pre>人民币|美元|港币|欧元|日元)?\s*(?P<num>{_DIGITS}|{_ZH_NUMERAL})\s*(?P<scale>[十百千万亿]+)?"
    rf"\s*(?P<cur>{_ZH_CUR_RE})?"
)
_VI_DAY_SLASH = re.compile(
    rf"{_PREP}(?P<head>[Nn]gày)\s+(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{4}}))?(?![\d/])")
_VI_DAY_WORDS = re.compile(
    rf"{_PREP}(?P<head>[Nn]gày)\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})(?:(?:\s*/\s*|\s+năm\s+)(?P<y>\d{{4}}))?(?![\d/])")
_VI_MONTH = re.compile(
    rf"{_PREP}(?P<head>[Tt]háng)\s+(?P<m>\d{{1,2}})(?:(?:\s*/\s*|\s+năm\s+)(?P<y>\d{{4}}))?(?![\d/])")
# Month names in words ("tháng Mười" = October). "Giêng" and "Chạp" name lunar months: not here.
_VI_MONTH_WORDS = {"Một": 1, "Hai": 2, "Ba": 3, "Tư": 4, "Năm": 5, "Sáu": 6, "Bảy": 7, "Tám": 8, "Chín": 9,
                   "Mười": 10, "Mười Một": 11, "Mười Hai": 12}
_VI_MONTH_WORD = re.compile(
    rf"{_PREP}(?P<head>[Tt]háng)\s+(?P<m>{'|'.join(sorted(_VI_MONTH_WORDS, key=len, reverse=True))})(?![\w])"
    rf"(?:(?:\s*/\s*|\s+năm\s+)(?P<y>\d{{4}}))?")
_VI_YEAR = re.compile(rf"{_PREP}(?P<head>[Nn]ăm)\s+(?P<y>(?:19|20)\d\d)(?!\d)")
_FOREIGN_CUR_RE = _alt(set(_ZH_CURRENCIES) | set(_CYR_CURRENCIES))
_EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# A foreign currency word before or after a figure written the English way.
_MIXED_AMOUNT = re.compile(
    rf"(?:(?P<cur1>{_FOREIGN_CUR_RE})\.?\s*)?(?<![\w.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?(?:\s*(?P<cur2>{_FOREIGN_CUR_RE})(?!\w))?",
    re.IGNORECASE)
_ZH_DATE = re.compile(
    rf"{_PREP}(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>\d{{1,2}}|[{_ZH_DIGIT}十]{{1,3}})\s*月"
    rf"(?:\s*(?P<d>\d{{1,2}}|[{_ZH_DIGIT}十]{{1,3}})\s*[日号])?")
_ZH_YEAR = re.compile(rf"{_PREP}(?P<y>\d{{4}})\s*年(?![\d{_ZH_DIGIT}十]{{0,3}}\s*月)")

# -- where to look ------------------------------------------------------------------------------------
# Every date expression holds its non-ASCII head (ngày, tháng, năm, 年, 月), and every amount that
# becomes a hit holds a non-ASCII scale or currency word (or "ndt"); an amount without one is left
# alone by the loops below. So only the text around such characters is searched: each chunk runs
# from just after the last character before a cue that no pattern can match (``_SAFE_CLASS``) to
# just after the first one after it. No match can hold such a character, so none crosses a chunk
# edge, the regex engine never reads past one (every token fails on it), and the matches found
# inside the chunks are exactly those the iteration over the whole text finds there.
# (As one class first, "ndt" told apart by a look-behind, so that the search skips to the next
# candidate: a pattern opening with an alternation is tried at every position. The class leaves out
# the four non-ASCII letters whose case partners are ASCII, which [^\x00-\x7f] does not match
# case-insensitively: \u0130 \u0131 \u017f \u212a.)
_CUE_CHAR = re.compile("[Nn\u0080-\u012f\u0132-\u017e\u0180-\u2129\u212b-\U0010ffff](?:(?<=[Nn])[Dd][Tt]|(?<![Nn]))")
# Characters none of the patterns can match (case-insensitively); tests/test_scan_equality.py compares
# the hits with those of the iteration over the whole text.
_SAFE_CLASS = "[;:!?()\\[\\]\"\u201c\u201dfjkpqwxzFJKPQWXZ]"


def _chunks(text: str) -> list[tuple[int, int]]:
    """Disjoint (start, end) around every cue character (detect/common.py: cue_chunks)."""
    return cue_chunks(text, _CUE_CHAR, _SAFE_CLASS)


def _matches_in(pat: re.Pattern, text: str, chunks: list[tuple[int, int]], need: re.Pattern):
    """``pat.finditer(text)`` restricted to the chunks that hold ``need`` (what every match that
    matters holds: a date's head, an amount's scale or currency word)."""
    for start, end in chunks:
        if need.search(text, start, end):
            yield from pat.finditer(text, start, end)


_NEED = {
    # The head of each date pattern.
    "ngày": re.compile("g\u00e0y"), "tháng": re.compile("h\u00e1ng"), "năm": re.compile("\u0103m"),
    "年": re.compile("年"), "月": re.compile("月"),
    # What makes an amount a hit (the loops below skip the others): a Vietnamese scale word or
    # currency, a Chinese 万/亿 or currency, a currency of another script.
    "vi-amount": re.compile(_alt(set(_VI_SCALES) | _VI_ONLY_CURRENCY), re.IGNORECASE),
    "zh-amount": re.compile("[万亿]|" + _alt(set(_ZH_CURRENCIES) | {"人民币", "美元", "港币", "欧元", "日元"})),
    "mixed": re.compile(_FOREIGN_CUR_RE, re.IGNORECASE),
}


# One search decides whether a text can hold any of the above.
_CUE = re.compile(r"tháng|ngày|năm|t[ỷỉ]|triệu|nghìn|ngàn|đồng|vnđ|đô|yên|nhân dân tệ|bảng anh|[亿万元月年美币镑]|"
                  r"дол|руб|грив|грн|євро|евро",
                  re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """A number, date or amount at NFC [start, end) and how news English writes it."""

    start: int
    end: int
    replacement: str  # "" = found but cannot be rendered safely (flagged)
    kind: str  # "date" or "number"
    language: str
    confidence: float
    reason: str


# -- parsing -----------------------------------------------------------------------------------------

def _zh_int(s: str) -> int | None:
    """A Chinese numeral ("二十", "三千五百", "一九九八" read digit by digit) as an int."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s)) if s else None
    total, cur = 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for c in s:
        if c in digits:
            cur = digits[c]
        elif c in units:
            total += (cur or 1) * units[c]
            cur = 0
        else:
            return None
    return total + cur


def _vi_number(s: str) -> tuple[Decimal | None, str]:
    """A number as Vietnamese writes it; (value, "") or (None, why it is ambiguous)."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):  # 1.500 / 1.500,5
        return Decimal(s.replace(".", "").replace(",", ".")), ""
    if re.fullmatch(r"\d+,\d+", s):
        if re.fullmatch(r"\d{1,3},\d{3}", s):
            return None, f"{s!r} is 1,000-separated in English but a decimal in Vietnamese"
        return Decimal(s.replace(",", ".")), ""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):  # English style, from the MT output
        return Decimal(s.replace(",", "")), ""
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        if re.fullmatch(r"\d{1,3}\.\d{3}", s):
            return Decimal(s.replace(".", "")), ""  # Vietnamese thousands: "3.000 tỷ"
        return Decimal(s), ""
    return None, f"{s!r} is not a number this rule reads"


def _zh_number(s: str) -> Decimal | None:
    if s[0].isdigit():
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation:
            return None
    v = _zh_int(s)
    return None if v is None else Decimal(v)


def _zh_scale(s: str) -> int | None:
    out = 1
    for c in s:
        out *= {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}[c]
    return out


def _plain(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def amount_text(value: Decimal) -> str:
    """News style: "3 billion", "1.5 million", "500,000"."""
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size:
            x = value / size
            if x == x.quantize(Decimal("0.01")):
                return f"{_plain(x)} {word}"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    whole, _, frac = _plain(value).partition(".")
    return f"{int(whole):,}.{frac}"


def money_text(value: Decimal, currency: str | None, upper: Decimal | None = None) -> str:
    body = amount_text(value)
    if upper is not None:
        hi = amount_text(upper)
        lo_num, _, lo_word = body.partition(" ")
        hi_num, _, hi_word = hi.partition(" ")
        body = f"{lo_num}-{hi}" if lo_word == hi_word else f"{body} to {hi}"
    if currency in _PREFIX:
        return _PREFIX[currency] + body
    if currency in _SUFFIX:
        return f"{body} {_SUFFIX[currency]}"
    return body


def _date_text(d: int | None, m: int, y: int | None) -> str | None:
    if not 1 <= m <= 12:
        return None
    if d is not None:
        if not 1 <= d <= calendar.monthrange(y or 2024, m)[1]:
            return None
        return f"{_MONTHS[m - 1]} {d}" + (f", {y}" if y else "")
    return _MONTHS[m - 1] + (f" {y}" if y else "")


def _with_prep(nfc: str, start: int, prep: str | None, wanted: str, text: str) -> tuple[str, float, str]:
    """The date with the preposition English needs before it; (text, confidence, why)."""
    if prep:
        cap = prep[0].isupper()
        p = wanted.capitalize() if cap else wanted
        if prep.lower() != wanted:
            return f"{p} {text}", 0.9, f"preposition {prep!r} -> {p!r} ({'a day takes on' if wanted == 'on' else 'a month or year takes in'})"
        return f"{p} {text}", 0.92, ""
    m = _WORD_BEFORE.search(nfc, max(0, start - 30), start)
    if m and m.group(1)[0].islower() and m.group(1).lower() not in _NO_PREP_AFTER:
        return f"{wanted} {text}", 0.8, f"added {wanted!r}: a date after {m.group(1)!r} needs a preposition"
    return text, 0.92, ""


_HAN_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]")


def _glued_to_han(nfc: str, start: int, end: int) -> bool:
    """Han or Kana right before or after: the expression is part of a Chinese sentence, which needs
    translating whole ("一万人参加"), not a number to swap in place."""
    return bool((start > 0 and _HAN_CHAR.match(nfc, start - 1)) or (end < len(nfc) and _HAN_CHAR.match(nfc, end)))


def _overlapping(hits: list[Hit], s: int, e: int) -> bool:
    return any(h.start < e and s < h.end for h in hits)


def _dates(nfc: str, hits: list[Hit], chunks: list[tuple[int, int]]) -> None:
    for pat, lang, head in ((_VI_DAY_SLASH, "vi", "ngày"), (_VI_DAY_WORDS, "vi", "ngày"), (_ZH_DATE, "zh", "月"),
                            (_VI_MONTH, "vi", "tháng"), (_VI_MONTH_WORD, "vi", "tháng"), (_VI_YEAR, "vi", "năm"),
                            (_ZH_YEAR, "zh", "年")):
        for m in _matches_in(pat, nfc, chunks, _NEED[head]):
            if _overlapping(hits, m.start(), m.end()):
                continue
            if lang == "zh" and _glued_to_han(nfc, m.start(), m.end()):
                continue
            g = m.groupdict()
            num = (lambda x: None if x is None else (int(x) if x.isdigit() else _VI_MONTH_WORDS.get(x) or _zh_int(x)))
            y = num(g.get("y"))
            if "m" in g:
                d, mo = num(g.get("d")), num(g["m"])
                if mo is None:
                    continue
                text = _date_text(d, mo, y)
                wanted = "on" if d is not None else "in"
            else:
                text, wanted = str(y), "in"
            if text is None:
                continue
            new, conf, why = _with_prep(nfc, m.start(), g.get("prep"), wanted, text)
            src = nfc[m.start("prep") if g.get("prep") else m.start() : m.end()]
            order = "day/month order" if lang == "vi" and g.get("d") else ""
            reason = "; ".join(x for x in (f"{'Vietnamese' if lang == 'vi' else 'Chinese'} date {src!r} is {text!r}"
                                           + (f" ({order})" if order else ""), why) if x)
            hits.append(Hit(m.start(), m.end(), new, "date", lang, conf, reason))


def _amounts(nfc: str, hits: list[Hit], chunks: list[tuple[int, int]]) -> None:
    for m in _matches_in(_VI_AMOUNT, nfc, chunks, _NEED["vi-amount"]):
        g = m.groupdict()
        cur_form = (g["cur1"] or g["cur2"] or "").lower()
        scale = (g["scale"] or "").lower()
        if not scale and cur_form not in _VI_ONLY_CURRENCY:
            continue  # "50 USD" is English as written
        if scale and scale in ("nghìn", "ngàn", "triệu", "tỷ", "tỉ") and nfc[m.end() : m.end() + 4].lower().startswith(" lệ"):
            continue  # "tỷ lệ" = rate
        if cur_form == "đô" and nfc[m.end() : m.end() + 4].lower() == " thị":
            continue  # "đô thị" = city
        if _overlapping(hits, m.start(), m.end()):
            continue
        value, why = _vi_number(g["num"])
        src = m.group()
        cur = _VI_CURRENCIES.get(cur_form)
        if value is None:
            readings = [money_text(Decimal(g["num"].replace(",", r)) * _VI_SCALES.get(scale, 1), cur) for r in ("", ".")]
            hits.append(Hit(m.start(), m.end(), "", "number", "vi", 0.0,
                            f"Vietnamese amount {src!r}: {why}; candidates: {readings[0]!r} or {readings[1]!r}"))
            continue
        value *= _VI_SCALES.get(scale, 1)
        upper = None
        if g["num2"]:
            upper, why2 = _vi_number(g["num2"])
            if upper is None:
                continue
            upper *= _VI_SCALES.get(scale, 1)
        new = money_text(value, cur, upper)
        hits.append(Hit(m.start(), m.end(), new, "number", "vi", 0.9,
                        f"Vietnamese amount {src!r} is {new!r} (news style)"))
    if not re.search("[亿万元币镑美]", nfc):
        return
    for m in _matches_in(_ZH_AMOUNT, nfc, chunks, _NEED["zh-amount"]):
        g = m.groupdict()
        if not (g["scale"] and ("万" in g["scale"] or "亿" in g["scale"])) and not (g["cur"] or g["pre"]):
            continue
        if g["num"][0].isdigit() is False and not g["scale"] and not g["cur"]:
            continue
        if _overlapping(hits, m.start(), m.end()):
            continue
        lead = len(m.group()) - len(m.group().lstrip())
        if _glued_to_han(nfc, m.start() + lead, m.end()):
            continue
        value = _zh_number(g["num"])
        scale = _zh_scale(g["scale"] or "")
        if value is None or scale is None:
            continue
        pre, post = _ZH_CURRENCIES.get(g["pre"] or ""), _ZH_CURRENCIES.get(g["cur"] or "")
        if g["cur"] in ("元", "块"):  # "美元" is one form; a bare 元 after 人民币/港币 is its unit
            cur = pre or "CNY"
        elif post and pre and pre != post:
            continue
        else:
            cur = post or pre
        new = money_text(value * scale, cur)
        src = m.group().strip()
        hits.append(Hit(m.start() + lead, m.end(), new, "number", "zh", 0.9,
                        f"Chinese amount {src!r} is {new!r} (news style)"))


def _mixed(nfc: str, hits: list[Hit], chunks: list[tuple[int, int]]) -> None:
    if not re.search("[\u0400-\u04ff元币镑]", nfc):
        return
    for m in _matches_in(_MIXED_AMOUNT, nfc, chunks, _NEED["mixed"]):
        g = m.groupdict()
        form = g["cur1"] or g["cur2"]
        if not form or (g["cur1"] and g["cur2"]) or _overlapping(hits, m.start(), m.end()):
            continue
        cur = _ZH_CURRENCIES.get(form) or _CYR_CURRENCIES.get(form.lower())
        if form in _ZH_CURRENCIES and _glued_to_han(nfc, m.start(), m.end()):
            continue
        value = Decimal(g["num"].replace(",", "")) * _EN_SCALE.get((g["scale"] or "").lower(), 1)
        new = money_text(value, cur)
        hits.append(Hit(m.start(), m.end(), new, "number", "zh" if form in _ZH_CURRENCIES else "ru", 0.9,
                        f"amount {m.group()!r} with the currency left in another script is {new!r} (news style)"))


def find(nfc: str) -> list[Hit]:
    """Every date and amount leftover in ``nfc``, non-overlapping, in text order."""
    if _CUE.search(nfc) is None:
        return []
    hits: list[Hit] = []
    chunks = _chunks(nfc)
    _dates(nfc, hits, chunks)
    _amounts(nfc, hits, chunks)
    _mixed(nfc, hits, chunks)
    return sorted(hits, key=lambda h: h.start)


_KEY = "numbers"


def hits_for(doc, ctx) -> dict[tuple[int, int], Hit]:
    """The hits of ``doc`` keyed by original (start, end), computed once per document."""
    key = (_KEY, id(doc))
    got = ctx.per_doc.get(key)
    if got is None:
        got = ctx.per_doc[key] = {doc.span(h.start, h.end): h for h in find(doc.nfc)}
    return got


@rule("numbers", stage="detect", order=80,
      description="numbers, dates and money left in Vietnamese or Chinese (3 tỷ USD, tháng 10, ngày 5/6, 人民币 20 亿), "
                  "with the preposition before a date")
def detect_numbers(doc, ctx):
    if doc.nfc.isascii():
        return
    for (s, e), h in hits_for(doc, ctx).items():
        yield doc.finding(h.start, h.end, kind=h.kind, rule="numbers", language=h.language, evidence=h.reason)
