"""Latin name forms for names written in Han, Hangul, Cyrillic or Kana.

No runtime dependency: Hangul is decomposed arithmetically (Unicode 3.12, "Conjoining Jamo
Behavior") and romanized with the Revised Romanization of Korean (Ministry of Culture and Tourism,
2000), with the surname spellings the English-language press uses (a table: Kim, Lee, Park, Choi);
Cyrillic follows BGN/PCGN 1947 for Russian and the Ukrainian national system (2010) for Ukrainian,
as news copy writes them (no diacritics or apostrophes); Kana follows modified Hepburn without
macrons ("Tokyo", "Yoko"), as English news writes Japanese names; Han names are read with the
generated table of given-name readings and the surname table (normalize/data/names/).

Libraries were considered and not used: korean-romanizer and pykakasi are GPL-3.0+, cyrtranslit
gives "Sergej" for Сергей; hangul-romanize (BSD) gives academic forms only.
"""

from __future__ import annotations

import re

from . import tables
from .sinoviet import format_name

# -- Hangul ------------------------------------------------------------------------------------
_SBASE, _LCOUNT, _VCOUNT, _TCOUNT = 0xAC00, 19, 21, 28
_RR_INITIAL = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_RR_VOWEL = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
             "wi", "yu", "eu", "ui", "i")
_RR_FINAL = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
             "t", "t", "ng", "t", "t", "k", "t", "p", "t")
# Surnames as the English-language press and their bearers write them (Yonhap, Korea Herald,
# passports), which differ from Revised Romanization for most common surnames.
KOREAN_SURNAMES = {
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang", "조": "Cho", "윤": "Yoon",
    "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo", "신": "Shin", "권": "Kwon", "황": "Hwang",
    "안": "Ahn", "송": "Song", "류": "Ryu", "유": "Yoo", "전": "Jeon", "홍": "Hong", "고": "Ko", "문": "Moon",
    "양": "Yang", "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo", "노": "Roh", "남": "Nam", "심": "Shim",
    "하": "Ha", "곽": "Kwak", "성": "Sung", "차": "Cha", "주": "Joo", "우": "Woo", "구": "Koo", "민": "Min",
    "진": "Jin", "나": "Na", "지": "Ji", "엄": "Eom", "채": "Chae", "원": "Won", "천": "Cheon", "방": "Bang",
    "공": "Kong", "현": "Hyun", "함": "Ham", "변": "Byun", "염": "Yeom", "여": "Yeo", "추": "Choo", "도": "Do",
    "소": "So", "석": "Seok", "선": "Sun", "설": "Seol", "마": "Ma", "길": "Gil", "연": "Yeon", "위": "Wi",
    "표": "Pyo", "명": "Myung", "기": "Ki", "반": "Ban", "왕": "Wang", "금": "Geum", "옥": "Ok", "육": "Yook",
    "인": "In", "맹": "Maeng", "제": "Je", "모": "Mo", "탁": "Tak", "국": "Kook", "어": "Eo", "은": "Eun",
    "용": "Yong", "예": "Ye", "경": "Kyung", "봉": "Bong", "사": "Sa", "부": "Boo", "태": "Tae", "목": "Mok",
    "형": "Hyung", "두": "Doo", "호": "Ho", "승": "Seung", "리": "Ri",
    "남궁": "Namgung", "황보": "Hwangbo", "제갈": "Jegal", "선우": "Sunwoo", "독고": "Dokgo", "서문": "Seomun",
}


# Given-name syllables as Korean public figures and the English-language press usually spell
# them (older, McCune-Reischauer-derived habits without diacritics: Lee Jae-myung, Ban Ki-moon,
# Han Duck-soo, Kim Keon-hee, Yoon Suk Yeol); other syllables fall back to Revised Romanization.
KOREAN_GIVEN = {
    "석": "suk", "명": "myung", "정": "jung", "성": "sung", "영": "young", "현": "hyun", "준": "joon",
    "수": "soo", "희": "hee", "기": "ki", "규": "kyu", "경": "kyung", "덕": "duck", "훈": "hoon",
    "문": "moon", "철": "chul", "우": "woo", "건": "keon", "의": "eui", "병": "byung", "광": "kwang",
    "구": "koo", "주": "joo", "두": "doo", "부": "boo", "숙": "sook", "순": "soon", "중": "joong",
    "근": "geun", "혁": "hyuk", "형": "hyung", "섭": "sub", "열": "yeol", "택": "taek", "국": "kook",
}


def hangul_syllable(ch: str) -> str | None:
    """Revised Romanization of one precomposed Hangul syllable, or None."""
    i = ord(ch) - _SBASE
    if not 0 <= i < _LCOUNT * _VCOUNT * _TCOUNT:
        return None
    lead, rest = divmod(i, _VCOUNT * _TCOUNT)
    vowel, tail = divmod(rest, _TCOUNT)
    return _RR_INITIAL[lead] + _RR_VOWEL[vowel] + _RR_FINAL[tail]


def korean_name(text: str) -> str | None:
    """"윤석열" -> "Yoon Suk-yeol": press surname, then the given name syllable by syllable in the
    press spelling (KOREAN_GIVEN) or Revised Romanization, joined by a hyphen.
    None unless ``text`` is 2-4 Hangul syllables that start with a known surname."""
    if not 2 <= len(text) <= 4 or any(hangul_syllable(c) is None for c in text):
        return None
    for n in (2, 1):
        sur = text[:n]
        if sur in KOREAN_SURNAMES and 1 <= len(text) - n <= 2:
            given = "-".join(KOREAN_GIVEN.get(c) or hangul_syllable(c) for c in text[n:])
            return f"{KOREAN_SURNAMES[sur]} {given[:1].upper()}{given[1:]}"
    return None


# -- Cyrillic ----------------------------------------------------------------------------------
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}
# Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010).
_UK = dict(_RU, **{"г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i", "х": "kh",
                   "щ": "shch", "ю": "iu", "я": "ia"})
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RU_VOWELS = set("аеёиоуыэюяъь")


def cyrillic(text: str, language: str = "ru") -> str:
    """BGN/PCGN-style romanization (Russian) or the Ukrainian national system, as news writes it:
    Путин -> Putin, Сергей -> Sergey, Елена -> Yelena, Зеленський -> Zelenskyi."""
    out = []
    table = _UK if language == "uk" else _RU
    for word in re.split(r"(\W+)", text):
        res = []
        low = word.lower()
        for i, ch in enumerate(low):
            prev = low[i - 1] if i else ""
            if language == "uk":
                r = _UK_INITIAL.get(ch) if i == 0 else None
                r = r if r is not None else table.get(ch, ch)
            else:
                # BGN/PCGN: е is "ye" initially and after a vowel, й, ъ or ь; ё likewise "yo".
                if ch == "е" and (i == 0 or prev in _RU_VOWELS or prev == "й"):
                    r = "ye"
                else:
                    r = table.get(ch, ch)
                # The adjectival endings -ий, -ый are written -y in English ("Dmitry", "Yury").
                if ch == "й" and prev in ("и", "ы") and i == len(low) - 1:
                    res[-1] = "y"
                    r = ""
            res.append(r)
        rom = "".join(res)
        if word[:1].isupper():
            rom = rom[:1].upper() + rom[1:]
        out.append(rom)
    return "".join(out)


# -- Kana --------------------------------------------------------------------------------------
_KANA_BASE = (
    "あa いi うu えe おo かka きki くku けke こko さsa しshi すsu せse そso たta ちchi つtsu てte とto "
    "なna にni ぬnu ねne のno はha ひhi ふfu へhe ほho まma みmi むmu めme もmo やya ゆyu よyo "
    "らra りri るru れre ろro わwa ゐi ゑe をo んn がga ぎgi ぐgu げge ごgo ざza じji ずzu ぜze ぞzo "
    "だda ぢji づzu でde どdo ばba びbi ぶbu べbe ぼbo ぱpa ぴpi ぷpu ぺpe ぽpo ゔvu "
    "ぁa ぃi ぅu ぇe ぉo"
)
_KANA = {item[0]: item[1:] for item in _KANA_BASE.split()}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def _to_hiragana(text: str) -> str:
    # Katakana U+30A1..U+30F6 sit exactly 0x60 above their hiragana (Unicode Katakana block).
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def kana(text: str) -> str | None:
    """Modified Hepburn without macrons ("さくら" -> "sakura", "ようこ" -> "yoko"); None if a
    character is not kana."""
    h = _to_hiragana(text.replace("\u30fb", " ").replace("\N{MIDDLE DOT}", " "))
    out: list[str] = []
    gem = False
    i = 0
    while i < len(h):
        c = h[i]
        if c == " ":
            out.append(" ")
        elif c == "っ":
            gem = True
            i += 1
            continue
        elif c == "\u30fc":  # long-vowel mark: Hepburn without macrons drops it
            pass
        elif c in _SMALL_Y and out:
            prev = out.pop()
            stem = prev[:-1]
            if stem.endswith(("sh", "ch", "j")):  # しゃ sha, ちゃ cha, じゃ ja
                out.append(stem + _SMALL_Y[c])
            else:
                out.append(stem + "y" + _SMALL_Y[c])
        elif c in _KANA:
            r = _KANA[c]
            if gem:
                r = ("t" if r.startswith("ch") else r[0]) + r
                gem = False
            if c == "ん" and i + 1 < len(h) and _KANA.get(h[i + 1], "x")[0] in "aeiouy":
                r = "n'"
            out.append(r)
        else:
            return None
        i += 1
    rom = "".join(out)
    # Long vowels as English news writes them: ou, oo -> o; uu -> u ("Tokyo", "Yuko").
    rom = re.sub(r"o[ou](?!$)|ou$", "o", rom)
    rom = rom.replace("uu", "u")
    return " ".join(w[:1].upper() + w[1:] for w in rom.split(" "))


def is_katakana(text: str) -> bool:
    """Katakana mostly spells foreign words and names: Hepburn of it is a guess at the original
    ("トランプ" -> "Toranpu", not "Trump"), so it is proposed with low confidence only."""
    return any("\u30a1" <= c <= "\u30fa" for c in text)


# -- Han ---------------------------------------------------------------------------------------
def han_name(text: str, rare_surname: bool = False) -> str | None:
    """"习近平" -> "Xi Jinping": the surname table's reading, then the given name's. None unless
    ``text`` is 2-4 Han characters starting with a surname and every character has a reading;
    with ``rare_surname``, three characters whose first is no known surname are read as well."""
    if not 2 <= len(text) <= 4:
        return None
    sur = tables.zh_surnames()
    readings = tables.han_pinyin()
    for n in (2, 1):
        s = text[:n]
        if s in sur and 1 <= len(text) - n <= 2:
            given = text[n:]
            if all(c in readings for c in given):
                return format_name(sur[s][0], [readings[c] for c in given])
    if rare_surname and len(text) == 3 and all(c in readings for c in text):
        # A surname outside the table (鹿 Lu, 慎 Shen): its ordinary reading.
        return format_name(readings[text[0]], [readings[c] for c in text[1:]])
    return None
