"""Fragment in context: what the model sees, and how its answer is cut back to the fragment.

Strategy (documented in models/README.md#how-normalize-uses-a-model): **translate the span with its
neighbours, then align.** The model input is the leftover together with up to ``WINDOW_WORDS``
words on each side from its own sentence, exactly as written ("…delegations from Mỹ and China
have…"). OPUS-MT style models pass English through largely unchanged, so the English neighbours
come back as they went in and give the model the syntax it needs (a date after "in", a name after
"President"). The answer is then aligned with the input word by word (difflib's longest matching
blocks over case-folded tokens); the words between the last left neighbour and the first right
neighbour are the fragment's translation.

Why not the alternatives:

- the bare fragment: MT models hallucinate on one- or two-word inputs (Koehn &
  Knowles 2017) and cannot tell "Mỹ" the country from "Mỹ" in a place name without context;
- markers around the span (``<x>…</x>``, brackets): OPUS-MT vocabularies were not trained on
  them, so they are dropped or translated unpredictably;
- the whole sentence, keeping all of the output: rewrites correct English, which the project
  treats as sacred, and costs more model work.

The alignment is also a check: when the neighbours adjacent to the fragment do not come back, or
fewer than ``MIN_KEPT`` of the context words survive, the model rewrote the sentence and nothing
can be attributed to the fragment: the finding stays reported.

Hashtags are translated alone (their neighbours are other tags, not syntax) and rebuilt as one
CamelCase tag ("#鲍威尔讲话" -> "#PowellSpeech").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Words of context on each side of the fragment. Eight words cover the clause around a leftover in
#: news prose while keeping model work a small fraction of re-translating the sentence.
WINDOW_WORDS = 8
#: Share of context tokens that must come back unchanged for the alignment to be trusted.
MIN_KEPT = 0.6

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_QUOTES = str.maketrans({
    "\N{LEFT DOUBLE QUOTATION MARK}": '"', "\N{RIGHT DOUBLE QUOTATION MARK}": '"',
    "\N{LEFT SINGLE QUOTATION MARK}": "'", "\N{RIGHT SINGLE QUOTATION MARK}": "'",
})
_SENT_PUNCT = ".!?\N{IDEOGRAPHIC FULL STOP}\N{FULLWIDTH EXCLAMATION MARK}\N{FULLWIDTH QUESTION MARK}"
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Window:
    """One model request: ``left + fragment + right`` is sent; the fragment's translation is wanted."""

    left: str
    fragment: str
    right: str
    mode: str = "context"  # "context" | "hashtag"

    @property
    def text(self) -> str:
        return self.left + self.fragment + self.right

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.mode, self.left, self.fragment, self.right)


def _clip_left(text: str, words: int) -> str:
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    return text[starts[-words]:] if len(starts) > words else text.lstrip()


def _clip_right(text: str, words: int) -> str:
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return text[: ends[words - 1]] if len(ends) > words else text.rstrip()


def hashtag_body(fragment: str) -> str | None:
    m = re.fullmatch(r"#(.+?)#?", fragment.strip())
    return m.group(1) if m else None


def build_window(sentence_left: str, fragment: str, sentence_right: str, words: int = WINDOW_WORDS) -> Window:
    """The request for ``fragment`` given the text of its sentence before and after it."""
    body = hashtag_body(fragment)
    if body is not None:
        return Window("", body, "", mode="hashtag")
    left = _clip_left(sentence_left, words) if sentence_left.strip() else ""
    right = _clip_right(sentence_right, words) if sentence_right.strip() else ""
    return Window(left, fragment, right)


def window_for(doc, start: int, end: int, words: int = WINDOW_WORDS) -> Window:
    """Window for the original span ``start:end`` of ``doc`` (a :class:`normalize.document.Document`)."""
    ns, ne = doc.nfc_offset(start), doc.nfc_offset(end)
    s, e = doc.sentence_bounds(ns)
    return build_window(doc.nfc[s:ns], doc.nfc[ns:ne], doc.nfc[ne:max(e, ne)], words)


def _norm(tok: str) -> str:
    return tok.translate(_QUOTES).casefold()


@dataclass(frozen=True)
class Aligned:
    text: str
    #: Character range of ``text`` inside the model output (to score just these tokens).
    start: int
    end: int


def align(window: Window, output: str) -> tuple[Aligned | None, str | None]:
    """Cut the fragment's translation out of the model ``output``: (aligned, None) or (None, reason)."""
    out_toks = list(_TOKEN.finditer(output))
    if window.mode == "hashtag" or (not window.left and not window.right):
        text = output.strip()
        if text and text[-1] in _SENT_PUNCT and window.fragment.strip()[-1:] not in _SENT_PUNCT:
            text = text[:-1].rstrip()  # the model ended the "sentence"; the fragment did not
        start = output.find(text) if text else 0
        return Aligned(text, start, start + len(text)), None
    left = [_norm(m.group()) for m in _TOKEN.finditer(window.left)]
    right = [_norm(m.group()) for m in _TOKEN.finditer(window.right)]
    a = left + ["\x00"] + right
    b = [_norm(m.group()) for m in out_toks]
    amap: dict[int, int] = {}
    for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(blk.size):
            amap[blk.a + k] = blk.b + k
    n_left = len(left)
    if left and n_left - 1 not in amap:
        return None, f"the words before the fragment ({window.left.split()[-1]!r}) are not in the translation"
    if right and n_left + 1 not in amap:
        return None, f"the words after the fragment ({window.right.split()[0]!r}) are not in the translation"
    kept = sum(1 for i in amap if i != n_left) / max(1, len(left) + len(right))
    if kept < MIN_KEPT:
        return None, f"the model rewrote the context ({kept:.0%} of it kept)"
    b_start = amap[n_left - 1] + 1 if left else 0
    b_end = amap[n_left + 1] if right else len(b)
    if b_end <= b_start:
        return None, "empty translation"
    cs, ce = out_toks[b_start].start(), out_toks[b_end - 1].end()
    text = output[cs:ce]
    if not right:
        while text and text[-1] in _SENT_PUNCT and not window.fragment.rstrip().endswith(text[-1]):
            text = text[:-1].rstrip()
    ce = cs + len(text)
    return Aligned(text, cs, ce), None


def as_hashtag(translation: str) -> str:
    """English words -> one CamelCase tag: "the Powell speech" -> "#PowellSpeech"."""
    words = re.findall(r"\w+", _LEADING_ARTICLE.sub("", translation.strip()))
    return "#" + "".join(w[:1].upper() + w[1:] for w in words)
