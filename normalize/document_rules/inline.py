"""Inline document rules: damage inside a kept line (garbled parentheses, glued tokens, words or
phrases printed twice). Each rule looks only at text no line rule removes (``kept_segments``)."""

from __future__ import annotations

import re
from typing import Iterable

from ..records import Edit
from ..rules import rule
from ._common import kept_segments, make_edit

# ---------------------------------------------------------------------------------------------
# garbled-parentheses

# Words that continue the sentence: MT that moves a bracket boundary leaves "( and X )", which is
# never an aside. The padding space after "(" is the MT signature; "(and its coach)" is English.
_CONTINUATION = re.compile(r"(?:and|or|but|while|with|as well as|along with|together with|plus)\b")
_OPEN = "(\N{FULLWIDTH LEFT PARENTHESIS}"
_CLOSE = ")\N{FULLWIDTH RIGHT PARENTHESIS}"


@rule(
    "garbled-parentheses",
    stage="document",
    description="repair parentheses garbled by MT: '( and X )' unwrapped, empty '( )' and stray "
    "padded brackets removed, '( X )' tightened",
    order=20,
)
def garbled_parentheses(doc, ctx) -> Iterable[Edit]:
    edits: list[Edit] = []
    for off, text in kept_segments(doc, ctx):
        stack: list[int] = []
        for k, ch in enumerate(text):
            if ch in _OPEN:
                stack.append(k)
            elif ch in _CLOSE:
                if stack:
                    o = stack.pop()
                    edits.extend(_pair(doc, off, text, o, k))
                else:
                    edits.extend(_stray_close(doc, off, text, k))
        for o in stack:
            edits.extend(_stray_open(doc, off, text, o))
    edits.sort(key=lambda e: e.start)
    # Nested pairs can both qualify; the outer one wins (the inner one lies inside its span).
    out: list[Edit] = []
    for e in edits:
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out


def _pair(doc, off: int, text: str, o: int, c: int) -> list[Edit]:
    inner = text[o + 1 : c]
    core = inner.strip()
    if not core:
        # "()" glued to a word is code or a placeholder ("print()"): leave it.
        if o > 0 and (text[o - 1].isalnum() or text[o - 1] == "_"):
            return []
        s, e = o, c + 1
        if s > 0 and text[s - 1] == " ":
            s -= 1
        elif e < len(text) and text[e] == " ":
            e += 1
        return [make_edit(doc, off + s, off + e, "", "garbled-parentheses",
                          f"removed empty parentheses {text[o:c + 1]!r} left by machine translation",
                          confidence=0.9)]
    padded_left = inner[:1].isspace()
    padded_right = inner[-1:].isspace()
    if padded_left and _CONTINUATION.match(core):
        return [make_edit(doc, off + o, off + c + 1, core, "garbled-parentheses",
                          f"unwrapped {text[o:c + 1]!r}: a bracket opening on {core.split()[0]!r} "
                          "continues the sentence, it is not an aside (MT moved the bracket)",
                          confidence=0.85)]
    if (padded_left or padded_right) and any(ch.isalpha() for ch in core) and "\n" not in inner:
        return [make_edit(doc, off + o, off + c + 1, text[o] + core + text[c], "garbled-parentheses",
                          f"removed the spaces inside {text[o:c + 1]!r}", confidence=0.8)]
    return []


def _stray_close(doc, off: int, text: str, k: int) -> list[Edit]:
    # Only a bracket standing between spaces: "1)", "a)" and ":)" have a character before it.
    if k == 0 or not text[k - 1].isspace():
        return []
    if k + 1 < len(text) and not (text[k + 1].isspace() or text[k + 1] in ".,;:!?"):
        return []
    s = k
    while s > 0 and text[s - 1] == " ":
        s -= 1
    return [make_edit(doc, off + s, off + k + 1, "", "garbled-parentheses",
                      "removed a closing bracket that closes nothing on its line", confidence=0.8)]


def _stray_open(doc, off: int, text: str, o: int) -> list[Edit]:
    # Only a padded "( " that is never closed on its line; "(text" may continue on the next line.
    if o + 1 < len(text) and not text[o + 1].isspace():
        return []
    e = o + 1
    while e < len(text) and text[e] == " ":
        e += 1
    if o > 0 and text[o - 1] == " " and e == len(text):
        o -= 1
    return [make_edit(doc, off + o, off + e, "", "garbled-parentheses",
                      "removed an opening bracket that is never closed on its line", confidence=0.8)]


# ---------------------------------------------------------------------------------------------
# glued-tokens

# An acronym (news agency, outlet) glued to the next sentence: "CNNMr. Ly", "REUTERSThe". No
# English word has two or more capitals followed by one of these words.
_ACRONYM_GLUE = re.compile(r"(?<![\w])([A-Z]{2,8})(?=(?:Mr|Mrs|Ms|Dr|Prof)\.\s|(?:The|This|According)\s)")
# A word glued to a date: "trí30/05/2025". A date never follows a letter directly.
_DATE_GLUE = re.compile(r"(?<=[^\W\d_])(?=\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b)")
# Missing space after a full stop before a common sentence opener: "said.The minister".
# Domain names and code ("gate.io", "Node.js") have lower case after the dot.
_STOP_GLUE = re.compile(
    r"(?:(?<=\s)|^)[a-z]{3,}[.!?](?=(?:The|This|That|These|He|She|It|They|We|In|On|At|According|However|"
    r"Meanwhile|Mr|Mrs|Ms|Dr|But|After|Before|When|While)\b)"
)


@rule(
    "glued-tokens",
    stage="document",
    description="separate tokens glued together by scraping: 'CNNMr. Ly' -> 'CNN. Mr. Ly', "
    "a name printed twice without a space, a word glued to a date",
    order=21,
)
def glued_tokens(doc, ctx) -> Iterable[Edit]:
    edits: list[Edit] = []
    for off, text in kept_segments(doc, ctx):
        taken: list[tuple[int, int]] = []
        for m in _ACRONYM_GLUE.finditer(text):
            p = m.end()
            edits.append(make_edit(doc, off + p, off + p, ". ", "glued-tokens",
                                   f"{m.group(1)!r} is glued to the next sentence {text[p:p + 12]!r}\N{HORIZONTAL ELLIPSIS}: "
                                   "a source or caption credit ran into the text", confidence=0.8))
            taken.append((p, p))
        for p in _glued_repeats(text):
            s, e = p
            edits.append(make_edit(doc, off + s, off + e, "", "glued-tokens",
                                   f"removed {text[s:e]!r} printed twice without a space "
                                   "(a byline or site name doubled by the page)", confidence=0.85))
            taken.append((s, e))
        for m in _DATE_GLUE.finditer(text):
            p = m.start()
            if any(s < p < e for s, e in taken):
                continue
            edits.append(make_edit(doc, off + p, off + p, " ", "glued-tokens",
                                   f"separated the date {text[p:p + 10]!r} glued to the word before it",
                                   confidence=0.85))
        for m in _STOP_GLUE.finditer(text):
            p = m.end()
            edits.append(make_edit(doc, off + p, off + p, " ", "glued-tokens",
                                   f"added the missing space after {text[m.start():p]!r}", confidence=0.8))
    edits.sort(key=lambda e: (e.start, e.end))
    return edits


def _glued_repeats(text: str) -> list[tuple[int, int]]:
    """Spans of a second copy glued to the first: "Báo Dân tríBáo Dân trí" (lower case directly
    followed by upper case, and the same two to eight words on both sides of that seam)."""
    out = []
    for p in range(1, len(text)):
        if not (text[p - 1].islower() and text[p].isupper()):
            continue
        for n in range(min(p, len(text) - p, 80), 3, -1):
            a = text[p - n : p]
            if a != text[p : p + n] or " " not in a.strip():
                continue
            if p - n > 0 and text[p - n - 1].isalnum():
                continue
            if not a[0].isupper() or len(a.split()) > 8:
                continue
            out.append((p, p + n))
            break
    return out


# ---------------------------------------------------------------------------------------------
# immediate-repetition

# Words that are never correctly doubled. "that that", "had had", "her her" and "is is" can be
# correct English, so they are not here.
_NEVER_DOUBLED = {"the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "from", "by", "at", "its", "their"}
# "X and X" after a determiner is a repeated noun ("the parade and parade"); these words make
# idioms ("the more and more") and stay.
_X_AND_X_OK = {"more", "less", "again", "over", "on", "round", "through", "by", "up", "down", "out", "back",
               "forth", "one", "two"}
_TOKEN = re.compile(r"\w+(?:['\N{RIGHT SINGLE QUOTATION MARK}-]\w+)*")
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "your", "my"}


@rule(
    "immediate-repetition",
    stage="document",
    description="remove words, phrases, list items or sentences printed twice in a row "
    "('the parade and parade', 'the the'); idioms such as 'again and again' stay",
    order=22,
)
def immediate_repetition(doc, ctx) -> Iterable[Edit]:
    edits: list[Edit] = []
    for off, text in kept_segments(doc, ctx):
        spans = _repetitions(text)
        for s, e, why, conf in spans:
            edits.append(make_edit(doc, off + s, off + e, "", "immediate-repetition",
                                   f"removed {text[s:e].strip()!r}: {why}", confidence=conf))
    return edits


def _repetitions(text: str) -> list[tuple[int, int, str, float]]:
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    low = [t[2].casefold() for t in toks]
    found: list[tuple[int, int, str, float]] = []

    def only_space(a: int, b: int) -> bool:
        return text[a:b].strip() == "" and "\n" not in text[a:b]

    k = 0
    n = len(toks)
    while k < n:
        # A phrase of 1..8 words repeated right after itself, as many times as it repeats.
        hit = False
        for size in range(min(8, (n - k) // 2), 0, -1):
            if low[k : k + size] != low[k + size : k + 2 * size]:
                continue
            if not all(only_space(toks[t][1], toks[t + 1][0]) for t in range(k, k + 2 * size - 1)):
                continue
            phrase = low[k : k + size]
            if size == 1 and phrase[0] not in _NEVER_DOUBLED:
                continue  # "very very", "bye bye", "had had"
            if len(set(phrase)) == 1 and size > 1:
                continue  # "ha ha ha ha"
            if size > 1 and sum(len(w) for w in phrase) < 8:
                continue  # too short to be sure ("go on go on")
            if toks[k + size][2] != toks[k][2] and not (k == 0 or size > 1):
                continue
            reps = 1
            while low[k + size * reps : k + size * (reps + 1)] == phrase and all(
                only_space(toks[t][1], toks[t + 1][0]) for t in range(k + size * reps - 1, k + size * (reps + 1) - 1)
            ):
                reps += 1
            s = toks[k + size - 1][1]
            e = toks[k + size * reps - 1][1]
            what = "the same word twice in a row" if size == 1 else f"the same {size} words twice in a row"
            found.append((s, e, what, 0.85 if size == 1 else 0.8))
            k += size * reps
            hit = True
            break
        if hit:
            continue
        # "the parade and parade": a determiner, a word, "and", the same word.
        if (
            k + 3 < n
            and low[k] in _DETERMINERS
            and low[k + 2] == "and"
            and low[k + 1] == low[k + 3]
            and low[k + 1] not in _X_AND_X_OK
            and not low[k + 1].endswith("er")
            and all(only_space(toks[t][1], toks[t + 1][0]) for t in range(k, k + 3))
        ):
            found.append((toks[k + 1][1], toks[k + 3][1], f"'{toks[k + 1][2]} and {toks[k + 3][2]}' names one thing twice", 0.8))
            k += 4
            continue
        k += 1
    found.extend(_looping_lists(text, found))
    found.extend(_repeated_sentences(text, found))
    found.sort()
    return found


_ITEM_SPLIT = re.compile(r",\s+")


def _looping_lists(text: str, taken) -> list[tuple[int, int, str, float]]:
    """A comma list whose items start over: "China, Japan, Korea, China, Japan, Korea"."""
    out = []
    for sent in re.finditer(r"[^.!?;:]+", text):
        parts = []
        pos = sent.start()
        for m in _ITEM_SPLIT.finditer(text, sent.start(), sent.end()):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, sent.end()))
        items = [re.sub(r"^(?:and|or)\s+", "", text[s:e].strip()).casefold() for s, e in parts]
        for size in range(len(items) // 2, 1, -1):
            done = False
            for k in range(0, len(items) - 2 * size + 1):
                if items[k : k + size] != items[k + size : k + 2 * size] or len(set(items[k : k + size])) < size:
                    continue
                if size < 3 and all(len(it.split()) < 2 for it in items[k : k + size]):
                    continue  # "left, right, left, right" is a chant
                s = parts[k + size - 1][1]
                e = parts[k + 2 * size - 1][1]
                if text[s:e].rstrip() != text[s:e]:
                    e = s + len(text[s:e].rstrip())
                if any(a < e and s < b for a, b, *_ in taken):
                    continue
                out.append((s, e, f"the list repeats its {size} items", 0.8))
                done = True
                break
            if done:
                break
    return out


def _repeated_sentences(text: str, taken) -> list[tuple[int, int, str, float]]:
    """The same sentence (five words or more) twice in a row within a paragraph."""
    sents = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]+[\"'\N{RIGHT DOUBLE QUOTATION MARK}]?", text)]
    out = []
    for (s1, e1), (s2, e2) in zip(sents, sents[1:]):
        a, b = text[s1:e1].strip(), text[s2:e2].strip()
        if a == b and len(_TOKEN.findall(a)) >= 5:
            if any(x < e2 and e1 < y for x, y, *_ in taken):
                continue
            out.append((e1, e2, "the same sentence twice in a row", 0.85))
    return out
