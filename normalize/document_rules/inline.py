"""Inline fixes: damage inside a kept line (garbled parentheses, glued tokens, words or phrases
printed twice).

Each rule is a pure function over one line of text returning local fixes; the registered rule
(``inline_rules.py``) applies it to every line part that no line rule removes (``kept_segments``),
and the line plan
uses :func:`preview` to compare lines as these rules will leave them (so that a line that becomes
a copy of another after its repair is judged in the same run, and a second run finds nothing).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import Callable, Iterable

from ..records import Intervals

#: A fix inside one line: (start, end, replacement, reason, confidence), offsets into the line.
Fix = tuple[int, int, str, str, float]

# ---------------------------------------------------------------------------------------------
# garbled-parentheses

# Words that continue the sentence: MT that moves a bracket boundary leaves "( and X )", which is
# never an aside. The padding space after "(" is the MT signature; "(and its coach)" is English.
_CONTINUATION = re.compile(r"(?:and|or|but|while|with|as well as|along with|together with|plus)\b")
# Characters that news prose does not use but code, grammars and markup do.
_CODE = re.compile(r"[{}|=<>`\\]")
_OPEN = "(\N{FULLWIDTH LEFT PARENTHESIS}"
_CLOSE = ")\N{FULLWIDTH RIGHT PARENTHESIS}"
# A smiley or frown standing after a space or opening the line (":-)", ";)", ":-(").
# (The look-behind is tried after the first character, not at every position of the line.)
_EMOTICON = re.compile(r"[:;=](?<!\S[:;=])[-'\N{RIGHT SINGLE QUOTATION MARK}]?[()]")
_BRACKET = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")


def parentheses_fixes(text: str, active: frozenset[str] | None = None) -> list[Fix]:
    """Fixes for brackets in ``text``; a replacement includes the repairs the other ``active``
    inline rules make inside it (their own edits would overlap this one and be dropped)."""
    if not _BRACKET.search(text):
        return []
    if _CODE.search(text):
        return []  # brackets of code, grammars and markup follow their own rules
    if _EMOTICON.search(text):
        return []  # a smiley's bracket pairs with nothing: the brackets around it cannot be judged
    inner_rules = tuple(n for n, _ in LINE_RULES if n != "garbled-parentheses" and (active is None or n in active))
    fixes: list[Fix] = []
    stack: list[int] = []
    for m in _BRACKET.finditer(text):
        k, ch = m.start(), m.group()
        if ch in _OPEN:
            stack.append(k)
        else:
            if stack:
                fixes.extend(_pair(text, stack.pop(), k, inner_rules))
            else:
                fixes.extend(_stray_close(text, k))
    for o in stack:
        fixes.extend(_stray_open(text, o))
    fixes.sort()
    # Nested pairs can both qualify; the outer one wins (the inner one lies inside its span).
    out: list[Fix] = []
    in_repeat = _overlap_test(_repetitions(text)) if fixes else None
    for f in fixes:
        if out and f[0] < out[-1][1]:
            prev = out[-1]
            if prev[2] == "" and f[2] == "" and f[1] > prev[1]:
                out[-1] = (prev[0], f[1], "", prev[3], prev[4])  # "() ()": two removals sharing a space
            continue
        # (A fix inside a copy the repetition rule removes would block that removal.)
        if in_repeat(f[0], f[1]) or _makes_repeat(text, f):
            continue
        out.append(f)
    return out


def _overlap_test(spans) -> Callable[[int, int], bool]:
    """A test "does one of ``spans`` ((start, end, ...) tuples) overlap [a, b)" in O(log n); an
    insertion (a == b) overlaps a span strictly around it. (Per fix, a scan of every span of a
    long line would be quadratic.)"""
    ordered = sorted((s, e) for s, e, *_ in spans)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))  # the furthest end among spans[:k+1]

    def test(a: int, b: int) -> bool:
        k = bisect_left(starts, b if b > a else a)  # the spans starting before the fix ends
        return k > 0 and reach[k - 1] > a

    return test


def _pair(text: str, o: int, c: int, inner_rules: tuple[str, ...]) -> list[Fix]:
    inner = text[o + 1 : c]
    core = preview(inner.strip(), inner_rules)
    if not core:
        # "()" glued to what stands before it is code, a placeholder or a quoted symbol
        # ("print()", "CMSG_*()", '("()")'): leave it. MT leaves "( )" between words.
        if o > 0 and not text[o - 1].isspace():
            return []
        s, e = o, c + 1
        if s > 0 and text[s - 1] == " ":
            s -= 1
        elif e < len(text) and text[e] == " ":
            e += 1
        return [(s, e, "", f"removed empty parentheses {text[o:c + 1]!r} left by machine translation", 0.9)]
    padded_left = inner[:1].isspace()
    padded_right = inner[-1:].isspace()
    if padded_left and _CONTINUATION.match(core):
        return [(o, c + 1, core,
                 f"unwrapped {text[o:c + 1]!r}: a bracket opening on {core.split()[0]!r} continues the "
                 "sentence, it is not an aside (MT moved the bracket)", 0.85)]
    if (padded_left or padded_right) and re.search(r"[^\W\d_]{2}", core):  # "(N, )" is notation
        return [(o, c + 1, text[o] + core + text[c], f"removed the spaces inside {text[o:c + 1]!r}", 0.8)]
    return []


def _stray_close(text: str, k: int) -> list[Fix]:
    # Only a bracket standing between spaces after words on its line: "1)", "a)" and ":)" have a
    # character before it; an indented ")" closes a bracket of code opened on an earlier line.
    if k == 0 or not text[k - 1].isspace() or not text[:k].strip() or text[0].isspace():
        return []  # (an indented line continues something above it: code, a grammar, verse)
    if k + 1 < len(text) and not (text[k + 1].isspace() or text[k + 1] in ".,;:!?"):
        return []
    s = k
    while s > 0 and text[s - 1] == " ":
        s -= 1
    return [(s, k + 1, "", "removed a closing bracket that closes nothing on its line", 0.8)]


def _stray_open(text: str, o: int) -> list[Fix]:
    # Only a padded "( " followed by words and never closed on its line; "(text" and a "(" that
    # ends the line (code, a long aside) may close on a later line.
    if o + 1 >= len(text) or not text[o + 1].isspace() or not text[o + 1 :].strip():
        return []
    e = o + 1
    while e < len(text) and text[e] == " ":
        e += 1
    # "Nour( and" must not become "Nourand": keep one space between the words.
    new = " " if o > 0 and not text[o - 1].isspace() else ""
    return [(o, e, new, "removed an opening bracket that is never closed on its line", 0.8)]


#: How far (characters, each side) a local fix can bring two copies together: phrases of up to
#: eight words, "X and X", list items and sentences beside it.
FIX_REACH = 400


def _makes_repeat(text: str, f: Fix) -> bool:
    """True when the fix would bring two copies of a word together ("( and ( and" -> "and and"):
    then the bracket was not the only damage, and a guess is not a repair. Judged in a window
    of ``FIX_REACH`` around the fix, the same window before and after it (the whole line when
    it is shorter), so that a long line costs linear time."""
    lo, hi = max(0, f[0] - FIX_REACH), min(len(text), f[1] + FIX_REACH)
    before = text[lo:hi]
    after = text[lo : f[0]] + f[2] + text[f[1] : hi]
    return len(_repetitions(after)) > len(_repetitions(before))


# ---------------------------------------------------------------------------------------------
# glued-tokens

# An acronym (news agency, outlet) glued to the next sentence: "CNNMr. Ly", "REUTERSThe". No
# English word has two or more capitals followed by one of these words.
_ACRONYM_GLUE = re.compile(r"(?<![\w])([A-Z]{2,8})(?=(?:Mr|Mrs|Ms|Dr|Prof)\.\s|(?:The|This|According)\s)")
# A word glued to a date: "trí30/05/2025". A date never follows a letter directly.
_DATE_GLUE = re.compile(r"(?<=[^\W\d_])(?=\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b)")
# Missing space after a full stop before a common sentence opener: "said.The minister".
# Domain names and code ("gate.io", "Node.js") have lower case after the dot.
# A credit in brackets glued to the sentence after it ("(AFP)The minister") is the same defect.
_STOP_GLUE = re.compile(
    r"(?:(?:(?<=\s)|^)[a-z]{3,}[.!?]|(?<=\w)\))(?=(?:The|This|That|These|He|She|It|They|We|In|On|At|According|"
    r"However|Meanwhile|Mr|Mrs|Ms|Dr|But|After|Before|When|While)\b)"
)


# What each defect needs at least (searched first: most lines have none of them; each pattern
# starts with a character that is rare in prose, its look-behind is tried only there). An acronym
# ends in two capitals before the sentence (a capital opening its first word); a date has its
# digits and separators (the day's last digit, a separator, the month, a separator, the year); a
# full stop or bracket touches a capital; a seam is a lower-case letter (ASCII or not) before a
# capital.
_ACRONYM_NEED = re.compile(r"[MDPTA](?<=[A-Z]{3})(?:r|s|rof|he|his|ccording)")
_DATE_NEED = re.compile(r"[/.-](?<=\d[/.-])\d\d?[/.-]\d{4}")
_STOP_NEED = re.compile(r"[.!?)][A-Z][a-z](?<=\w...)")


# Non-ASCII ranges without a cased character (Latin-1 signs, general punctuation, currency signs,
# CJK, Hangul: str.islower and str.isupper are false on every one of them, checked in the tests).
# They stand on neither side of a seam, and news text is full of them (\u2019 \u201c \u201d \u2014 \u20ac).
UNCASED_RANGES = ((0x80, 0xA9), (0xAB, 0xB4), (0xB6, 0xB9), (0xBB, 0xBF), (0x2000, 0x206F), (0x20A0, 0x20CF),
                  (0x3000, 0x9FFF), (0xAC00, 0xD7A3))


def _non_ascii_but_uncased() -> str:
    """A regex class body: every non-ASCII code point outside ``UNCASED_RANGES``."""
    parts, cur = [], 0x80
    for lo, hi in UNCASED_RANGES:
        if cur < lo:
            parts.append(f"\\U{cur:08x}-\\U{lo - 1:08x}")
        cur = hi + 1
    parts.append(f"\\U{cur:08x}-\\U0010ffff")
    return "".join(parts)


# A lower-case letter directly before an upper-case one (str.islower / str.isupper). Candidates
# come from one cheap class scan (ASCII upper or a non-ASCII character that may be cased, after
# ASCII lower or such a character: the upper side is searched first, it is the rarer one); the
# case test runs only on those, so no class of every cased BMP letter has to be compiled.
_SEAM_CANDIDATE = re.compile(
    f"[A-Z{_non_ascii_but_uncased()}](?<=[a-z{_non_ascii_but_uncased()}][A-Z{_non_ascii_but_uncased()}])"
)


def _has_seam(text: str) -> bool:
    for m in _SEAM_CANDIDATE.finditer(text):
        a, b = text[m.start() - 1], m.group()
        if (a.islower() or a > "\uffff") and (b.isupper() or b > "\uffff"):
            return True
    return False


def glued_fixes(text: str, active: frozenset[str] | None = None) -> list[Fix]:
    acronym = _ACRONYM_NEED.search(text)
    date = _DATE_NEED.search(text)
    stop = _STOP_NEED.search(text)
    seam = _has_seam(text)
    if not (acronym or date or stop or seam):
        return []
    fixes: list[Fix] = []
    glued: list[tuple[int, int]] = []
    # Sentences the repetition rule removes are not separated first ("said.said." stays one
    # edit), so a second run finds nothing new.
    in_repeat = None
    for m in _ACRONYM_GLUE.finditer(text) if acronym else ():
        p = m.end()
        fixes.append((p, p, ". ",
                      f"{m.group(1)!r} is glued to the next sentence {text[p:p + 12]!r}\N{HORIZONTAL ELLIPSIS}: "
                      "a source or caption credit ran into the text", 0.8))
    for s, e in _glued_repeats(text) if seam else ():
        fixes.append((s, e, "", f"removed {text[s:e]!r} printed twice without a space "
                      "(a byline or site name doubled by the page)", 0.85))
        glued.append((s, e))
    in_glued = _overlap_test(glued)
    for m in _DATE_GLUE.finditer(text) if date else ():
        p = m.start()
        if in_glued(p, p):
            continue
        fixes.append((p, p, " ", f"separated the date {text[p:p + 10]!r} glued to the word before it", 0.85))
    for m in _STOP_GLUE.finditer(text) if stop else ():
        p = m.end()
        if in_repeat is None:
            in_repeat = _overlap_test(_repetitions(text))
        if in_repeat(p, p + 1):  # (p inside a removed copy, or at its start)
            continue
        fixes.append((p, p, " ", f"added the missing space after {text[m.start():p]!r}", 0.8))
    fixes.sort()
    if not fixes:
        return fixes
    if in_repeat is None:
        in_repeat = _overlap_test(_repetitions(text))
    return [f for f in fixes if not (in_repeat(f[0], f[1]) or _makes_repeat(text, f))]


# Candidates for the upper-case side of a seam (filtered with str.isupper; scanning only these
# instead of every character keeps long texts fast).
_LETTER_NOT_ASCII_LOWER = re.compile(r"[^\W\d_a-z]")


def _glued_repeats(text: str) -> list[tuple[int, int]]:
    """Spans of a second copy glued to the first: "Báo Dân tríBáo Dân trí" (lower case directly
    followed by upper case, and the same two to eight words on both sides of that seam)."""
    out: list[tuple[int, int]] = []
    for m in _LETTER_NOT_ASCII_LOWER.finditer(text, 1):
        p = m.start()
        if not (text[p - 1].islower() and text[p].isupper()) or (out and p < out[-1][1]):
            continue
        for n in range(min(p, len(text) - p, 80), 3, -1):
            a = text[p - n : p]
            if a != text[p : p + n] or " " not in a.strip():
                continue
            if p - n > 0 and text[p - n - 1].isalnum():
                continue
            if not a[0].isupper() or len(a.split()) > 8:
                continue
            e = p + n
            while True:  # printed three times or more, glued or spaced
                if text[e : e + n] == a:
                    e += n
                elif text[e : e + n + 1] == " " + a:
                    e += n + 1
                else:
                    break
            out.append((p, e))
            break
    return out


# ---------------------------------------------------------------------------------------------
# immediate-repetition

# Words that are never correctly doubled. "that that", "had had", "her her" and "is is" can be
# correct English, so they are not here.
_NEVER_DOUBLED = {"the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "from", "by", "at", "its", "their"}
# "X and X" is a repeated noun ("the parade and parade": MT rendered two source words for one
# event as the same English word), except in these idioms and in comparatives and plurals
# ("bigger and bigger", "years and years").
_X_AND_X_OK = {"more", "less", "again", "over", "on", "round", "through", "by", "up", "down", "out", "back",
               "forth", "one", "two", "ever", "time", "neck", "so", "such", "worse", "far", "off", "well"}
#: The longest run of sentences compared for an immediate repeat within one line.
MAX_SENTENCE_RUN = 64
# Words of phrases people repeat for emphasis ("thank you thank you", "yes please yes please").
_EMPHATIC = {"thank", "thanks", "you", "please", "yes", "yeah", "sorry", "hello", "goodbye", "bye", "come",
             "hurry", "faster", "help", "stop", "wait", "never", "again", "well", "okay"}
_TOKEN = re.compile(r"\w+(?:['\N{RIGHT SINGLE QUOTATION MARK}-]\w+)*")


def _fold(text: str) -> str:
    return text.lower() if text.isascii() else text.casefold()


def _folds_in_place(text: str) -> bool:
    """True when case-folding the whole line gives the case-folded tokens of the line: every
    character folds to one character of the same kind (str.casefold works character by character;
    checked over all of Unicode, only U+0345, a combining mark that folds to a letter, changes
    kind). ASCII folds to its lower case."""
    if text.isascii():
        return True
    return len(text.casefold()) == len(text) and "\N{COMBINING GREEK YPOGEGRAMMENI}" not in text


# After the second copy of "X and X", a word that goes on into a compound makes the second X the
# first word of another name ("bun cha and cha ca": two dishes, "cha" is shared): the pair is a
# repeat only when it ends the phrase (punctuation, line end, or one of these words after it).
_PHRASE_ENDS = frozenset("in on at of for to with from by into over under near during after before since as "
                         "and or but nor so yet was were is are be been being has have had will would can could "
                         "may might must shall should did does do that which who whose where when while than "
                         "this these those there here it its their his her our".split())


class _Line:
    """The case-folded tokens of one line, their spans taken only where two copies line up (most
    lines have none: this keeps clean text cheap), and the two tests of the rule on them."""

    def __init__(self, text: str):
        self.text = text
        self.low = _TOKEN.findall(_fold(text)) if _folds_in_place(text) else list(map(str.casefold, _TOKEN.findall(text)))
        self.n = len(self.low)
        self._spans: list[tuple[int, int, str]] = []

    def tok(self, t: int) -> tuple[int, int, str]:
        if not self._spans:
            self._spans.extend((m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.text))
        return self._spans[t]

    def spaced(self, t0: int, t1: int) -> bool:
        """Only spaces (no line break) between tokens t0..t1."""
        for t in range(t0, t1):
            gap = self.text[self.tok(t)[1]:self.tok(t + 1)[0]]
            if gap.strip() != "" or "\n" in gap:
                return False
        return True

    def _phrase_ok(self, k: int, size: int) -> bool:
        """Can the phrase of ``size`` words at token k, printed twice, be removed as a repeat?"""
        low, phrase = self.low, self.low[k : k + size]
        if not all(w.isalpha() for w in phrase):
            return False  # labels and diagrams: "E0E1 E2E3 E0E1 E2E3"
        if size == 1:
            return phrase[0] in _NEVER_DOUBLED and self.tok(k + 1)[2].islower()  # "very very", "bye bye", "had had"; "A A A C"
        if len(set(phrase)) == 1 or sum(len(w) for w in phrase) < (10 if size == 2 else 8):
            return False  # "ha ha ha ha"; too short to be sure ("go on go on", "no way no way")
        if size == 2 and phrase[0] in ("of", "and", "or"):
            return False  # "a list of tuples of tuples", "and Johnson and Johnson agreed"
        if any(len(w) == 1 and w not in ("a", "i") for w in phrase):
            return False  # a formula: "chunk length x chunk length"
        if all(w in _EMPHATIC or len(w) <= 3 for w in phrase):
            return False  # "thank you thank you", "come on come on": said twice on purpose
        # "Coded character coded character" (a heading and a term): same case only.
        return [self.tok(t)[2] for t in range(k, k + size)] == [self.tok(t)[2] for t in range(k + size, k + 2 * size)]

    def repeat_at(self, k: int) -> tuple[int, int] | None:
        """(size, copies) of a phrase of 1..8 words repeated right after itself at token k."""
        low, n = self.low, self.n
        for size in range(1, min(8, (n - k) // 2) + 1):  # the shortest period: one pass removes all copies
            if low[k] != low[k + size] or low[k : k + size] != low[k + size : k + 2 * size]:
                continue
            if not self.spaced(k, k + 2 * size - 1) or not self._phrase_ok(k, size):
                continue
            phrase = low[k : k + size]
            reps = 2
            while low[k + size * reps : k + size * (reps + 1)] == phrase and self.spaced(
                k + size * reps - 1, k + size * (reps + 1) - 1
            ):
                reps += 1
            end = k + size * reps
            if size > 1 and (
                (k > 0 and low[k - 1] == phrase[-1] and self.spaced(k - 1, k))
                or (end < n and low[end] == phrase[0] and self.spaced(end - 1, end))
            ):
                # The pattern runs on past the copies ("modules that import modules that import
                # modules"): a recursive construction, not a phrase printed twice.
                continue
            return size, reps
        return None

    def x_and_x_at(self, k: int) -> bool:
        """'the parade and parade': a word, then a word, 'and', the same word, ending the phrase."""
        low = self.low
        if k + 3 >= self.n:
            return False
        x = low[k + 1]
        if not (low[k] not in ("and", "or") and low[k + 2] == "and" and x == low[k + 3] and len(x) >= 3 and x.isalpha()):
            return False
        if self.tok(k + 1)[2] != x or self.tok(k + 3)[2] != x:
            return False  # lower case only: "Johnson and Johnson" is a name
        if x in _X_AND_X_OK or x.endswith(("er", "s")) or not self.spaced(k, k + 3):
            return False  # idioms; "bigger and bigger", "years and years"
        return not (k + 4 < self.n and self.spaced(k + 3, k + 4) and low[k + 4] not in _PHRASE_ENDS)

    def candidate_starts(self) -> list[int]:
        """Tokens with the same word 1..8 tokens later ("X and X" has it two later, one token in):
        only these can start a repeat. One pass chains each word to its previous occurrence."""
        starts: set[int] = set()
        last: dict[str, int] = {}
        before: list[int] = []  # the previous occurrence of each token's word
        for j, w in enumerate(self.low):
            p = last.get(w, -9)
            last[w] = j
            before.append(p)
            while j - p <= 8:
                starts.add(p)
                if j - p == 2 and p:
                    starts.add(p - 1)
                p = before[p]
        return sorted(starts)


def _word_repeats(text: str) -> list[tuple[int, int, str, float]]:
    """Words and phrases of up to eight words printed twice or more in a row (the first copy
    stays), and "X and X" naming one thing twice, as removals in text order."""
    line = _Line(text)
    tok, n = line.tok, line.n
    order = line.candidate_starts()
    starts = set(order)
    found: list[tuple[int, int, str, float]] = []

    def x_and_x(k: int) -> None:
        found.append((tok(k + 1)[1], tok(k + 3)[1], f"'{tok(k + 1)[2]} and {tok(k + 3)[2]}' names one thing twice", 0.8))

    k = 0
    while k < n:
        if k not in starts:
            nxt = bisect_left(order, k)
            if nxt == len(order):
                break
            k = order[nxt]
        rep = line.repeat_at(k)
        if rep:
            size, reps = rep
            what = "the same word twice in a row" if size == 1 else f"the same {size} words twice in a row"
            found.append((tok(k + size - 1)[1], tok(k + size * reps - 1)[1], what, 0.85 if size == 1 else 0.8))
            # The first copy stays; the last word of the copies may stand before another repeat
            # ("the the parade and parade", "View Original View Original parade and parade").
            k += size * reps - 1
            if line.x_and_x_at(k):
                x_and_x(k)
                k += 3
            else:
                k += 1
        elif line.x_and_x_at(k):
            x_and_x(k)
            k += 3  # the second copy may start a new pattern
        else:
            k += 1
    return found


#: A removal: (start, end, why, confidence), offsets into the line.
Removal = tuple[int, int, str, float]


def _repetitions(text: str) -> list[Removal]:
    """What the immediate-repetition rule removes from one line: doubled words and phrases,
    "X and X", then looping lists and repeated sentences as the line reads without the doubled
    words (so one pass finds everything), a larger removal swallowing smaller ones."""
    found = _word_repeats(text)
    if not found:
        return sorted(_looping_lists(text) + _repeated_sentences(text))
    return _merged(found + _on_reduced_text(text, found))


def _on_reduced_text(text: str, removed: list[Removal]) -> list[Removal]:
    """Looping lists and repeated sentences of ``text`` without the ``removed`` spans, mapped back
    onto ``text``."""
    keep = [True] * len(text)
    for s, e, *_ in removed:
        for x in range(s, e):
            keep[x] = False
    pos = [x for x in range(len(text)) if keep[x]]
    reduced = "".join(text[x] for x in pos)
    return [(pos[s], pos[e - 1] + 1, why, conf)
            for s, e, why, conf in _looping_lists(reduced) + _repeated_sentences(reduced) if s < e]


def _merged(found: list[Removal]) -> list[Removal]:
    """Removals sorted and disjoint: a larger removal swallows the smaller ones inside or across it."""
    found = sorted(found, key=lambda f: (f[0], -f[1]))
    merged: list[Removal] = []
    for f in found:
        if merged and f[0] < merged[-1][1]:
            last = merged[-1]
            if f[1] > last[1]:
                big = last if last[1] - last[0] >= f[1] - f[0] else f
                merged[-1] = (last[0], f[1], big[2], min(last[3], f[3]))
            continue
        merged.append(f)
    return merged


_ITEM_SPLIT = re.compile(r",\s+")
_LIST_AND = re.compile(r"^(?:and|or)\s+")
# A sentence, or (``\Z``) the unterminated rest of the text: a pattern that matches wherever a
# match may start, so that a long text without a full stop is scanned once (a pattern that
# requires the full stop is retried from every position of it: quadratic).
_SENTENCE = re.compile(r"[^.!?]+(?:(?P<end>[.!?]+)[\"'\N{RIGHT DOUBLE QUOTATION MARK}]?|\Z)")


def _looping_lists(text: str) -> list[tuple[int, int, str, float]]:
    """A comma list whose items start over: "China, Japan, Korea, China, Japan, Korea"."""
    out = []
    if _CODE.search(text) or "[" in text:
        return []  # data and code: "[1, 3], [1, 3]"
    if text.count(",") < 3:
        return []  # a loop needs four items at least
    for sent in re.finditer(r"[^.!?;:]+", text):
        if text.count(",", sent.start(), sent.end()) < 3:
            continue
        parts = []
        pos = sent.start()
        for m in _ITEM_SPLIT.finditer(text, sent.start(), sent.end()):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, sent.end()))
        items = [_LIST_AND.sub("", text[s:e].strip()).casefold() for s, e in parts]
        if len(set(items)) == len(items):
            continue  # a loop repeats an item after its first
        for size in range(2, len(items) // 2 + 1):  # the shortest period: one pass removes all copies
            done = False
            for k in range(0, len(items) - 2 * size + 1):
                # The first item carries the words before the list ("came from China").
                first, again = items[k], items[k + size]
                if not (first == again or first.endswith(" " + again)):
                    continue
                if items[k + 1 : k + size] != items[k + size + 1 : k + 2 * size]:
                    continue
                if len(set(items[k + size : k + 2 * size])) < size:
                    continue
                if size < 3 and all(len(it.split()) < 2 for it in items[k + size : k + 2 * size]):
                    continue  # "left, right, left, right" is a chant
                if not all(any(ch.isalpha() for ch in it) for it in items[k + size : k + 2 * size]):
                    continue  # numbers: "[1, 3, 9], [1, 3, 9]" is data
                reps = 2
                while items[k + reps * size : k + (reps + 1) * size] == items[k + size : k + 2 * size]:
                    reps += 1
                s = parts[k + size - 1][1]
                e = parts[k + reps * size - 1][1]
                if text[s:e].rstrip() != text[s:e]:
                    e = s + len(text[s:e].rstrip())
                out.append((s, e, f"the list repeats its {size} items", 0.8))
                done = True
                break
            if done:
                break
    return out


def _repeated_sentences(text: str) -> list[tuple[int, int, str, float]]:
    """The same sentence, or the same run of sentences (a paragraph or a whole body flattened
    onto one line), twice in a row: five words or more."""
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group("end")]
    sents = [text[s:e].strip() for s, e in spans]
    if len(set(sents)) == len(sents):
        return []  # no sentence occurs twice
    out = []
    n = len(sents)
    i = 0
    while i < n:
        for k in range(1, min((n - i) // 2, MAX_SENTENCE_RUN) + 1):  # the shortest period first
            if sents[i] != sents[i + k] or sents[i : i + k] != sents[i + k : i + 2 * k]:
                continue
            if sum(len(_TOKEN.findall(x)) for x in sents[i : i + k]) < 5:
                continue
            if any(_CODE.search(x) for x in sents[i : i + k]):
                continue  # documentation of code repeats its formulas on purpose
            reps = 2
            while sents[i + reps * k : i + (reps + 1) * k] == sents[i : i + k]:
                reps += 1
            s, e = spans[i + k - 1][1], spans[i + reps * k - 1][1]
            what = "the same sentence twice in a row" if k == 1 else f"the same {k} sentences twice in a row"
            out.append((s, e, what, 0.85))
            i += reps * k - 1
            break
        i += 1
    return out


def repetition_fixes(text: str, active: frozenset[str] | None = None) -> list[Fix]:
    return [(s, e, "", f"removed {_short(text[s:e].strip())!r}: {why}", conf) for s, e, why, conf in _repetitions(text)]


def _short(t: str) -> str:
    return t if len(t) <= 100 else t[:60] + "\N{HORIZONTAL ELLIPSIS}" + t[-30:]


# ---------------------------------------------------------------------------------------------
# registration

#: The inline rules in the order the pipeline runs them (their ``order``).
LINE_RULES: tuple[tuple[str, Callable[..., list[Fix]]], ...] = (
    ("garbled-parentheses", parentheses_fixes),
    ("glued-tokens", glued_fixes),
    ("immediate-repetition", repetition_fixes),
)


def fixes_for(name: str, text: str, active: frozenset[str], cache: dict | None = None) -> list[Fix]:
    """The fixes of inline rule ``name`` on one line, memoised in ``cache`` (the plan's: the line
    plan previews every line and the rules then emit the same fixes)."""
    key = (name, text, active)
    if cache is not None and key in cache:
        return cache[key]
    fixes = dict(LINE_RULES)[name](text, active)
    if cache is not None:
        cache[key] = fixes
    return fixes


def preview(text: str, active: Iterable[str], cache: dict | None = None) -> str:
    """``text`` as the active inline rules leave it (same overlap policy as the pipeline)."""
    active = frozenset(active)
    kept: list[Fix] = []
    taken = Intervals()
    for name, _ in LINE_RULES:
        if name not in active:
            continue
        for f in fixes_for(name, text, active, cache):
            if not taken.overlaps(f[0], f[1]):
                kept.append(f)
                taken.add(f[0], f[1])
    out, pos = [], 0
    for s, e, new, *_ in sorted(kept):
        out.append(text[pos:s])
        out.append(new)
        pos = e
    out.append(text[pos:])
    return "".join(out)
