"""The cheaper first tests of the inline rules find what the earlier, slower patterns found."""

import random
import re

from normalize.document_rules import inline

# The patterns as they were before they were made cheaper (references for the tests).
_OLD_EMOTICON = re.compile(r"(?<!\S)[:;=][-'\N{RIGHT SINGLE QUOTATION MARK}]?[()]")
_OLD_SEAM_CANDIDATE = re.compile("[a-z\u0080-\U0010ffff](?=[A-Z\u0080-\U0010ffff])")
_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
_ACRONYM = re.compile(r"[A-Z]{2}(?:Mr|Ms|Dr|Prof|The|This|According)")

_PIECES = [
    "a", "b", "Z", "The", "This", "Mr", "Prof", "According", "CNN", "AFP", " ", "  ", "\t", ":", ";", "=", "-",
    "'", "\N{RIGHT SINGLE QUOTATION MARK}", "(", ")", ".", "/", "1", "05", "2025", "12", "é", "É", "ß", "ǅ",
    "\N{LEFT DOUBLE QUOTATION MARK}", "\N{EURO SIGN}", "\N{EM DASH}", "\u00aa", "\u00b5", "\u00ba", "中", "한",
    "\U0001d400", "\U0001f600", "Ω", "ω", "\N{NO-BREAK SPACE}",
]


# Pieces of dates, so that whole dates come up often.
_DATE_PIECES = ["1", "05", "12", "2025", "199", "/", ".", "-", "a", "é", " "]


def _texts(n: int = 4000, seed: int = 14, pieces=_PIECES):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))


def _old_has_seam(text: str) -> bool:
    for m in _OLD_SEAM_CANDIDATE.finditer(text):
        a, b = m.group(), text[m.end()]
        if (a.islower() or a > "\uffff") and (b.isupper() or b > "\uffff"):
            return True
    return False


def test_the_ranges_left_out_of_the_seam_classes_hold_no_cased_character():
    for lo, hi in inline.UNCASED_RANGES:
        assert not any(chr(c).islower() or chr(c).isupper() for c in range(lo, hi + 1)), (hex(lo), hex(hi))


def test_seams_are_the_ones_the_whole_class_scan_found():
    for text in _texts():
        assert inline._has_seam(text) == _old_has_seam(text), text


def test_emoticons_are_the_ones_the_look_behind_at_every_position_found():
    for text in _texts():
        assert [m.span() for m in inline._EMOTICON.finditer(text)] == [
            m.span() for m in _OLD_EMOTICON.finditer(text)
        ], text


def test_the_date_and_acronym_needs_hold_wherever_a_date_or_an_acronym_can_be_glued():
    for text in list(_texts()) + list(_texts(pieces=_DATE_PIECES)):
        if _DATE.search(text):
            assert inline._DATE_NEED.search(text), text
        if _ACRONYM.search(text):
            assert inline._ACRONYM_NEED.search(text), text

