"""Documents whose sentences repeat: the shapes of a page printed twice (issue 16).

One generator serves the hypothesis strategies and the deterministic corpus of the suite: a
small pool of sentences, some carrying leftovers (a Vietnamese country name, a Sino-Vietnamese
reading of a Chinese name, Han characters), repeated in the patterns real pages show (the body
twice, a paragraph twice, "A B A B B", a sentence doubled in place), joined by spaces, line
breaks and blank lines, on one line or in paragraphs.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

CLEAN = (
    "The council approved the budget on Tuesday.",
    "Trading volume fell to a two-month low.",
    "The storm cut power to thousands of homes.",
    "Shares of the carmaker rose 3% in early trading.",
    "Police said the road would reopen on Friday.",
    "The minister said talks would continue next week.",
    "Rescue teams reached the village after two days.",
    "Exports grew for the fifth month in a row.",
)
LEFTOVER = (
    "Officials from Mỹ and Nhật Bản met in Hà Nội.",
    "Vice Premier Hà Lập Phong arrived on Sunday.",
    "习近平 spoke at the opening session.",
    "Delegations from Mỹ and China resumed talks in Geneva.",
    "The Nhật Bản team won the final in Bangkok.",
)
TITLES = ("Talks resume in Geneva", "Storm hits the coast", "Markets close higher")
SEPARATORS = (" ", "\n", "\n\n", "\r\n")


def _pattern(rng: random.Random, body: list[str]) -> list[str]:
    """The body's sentences repeated in one of the shapes seen on real pages."""
    shape = rng.randrange(5)
    if shape == 0:  # the body printed twice (or three times)
        return body * rng.choice((2, 2, 3))
    if shape == 1:  # random picks from the body: "A B A B B"
        return [rng.choice(body) for _ in range(rng.randint(3, 9))]
    if shape == 2:  # one sentence doubled in place
        k = rng.randrange(len(body))
        return body[: k + 1] + [body[k]] * rng.randint(1, 2) + body[k + 1 :]
    if shape == 3:  # a passage repeated further down
        i = rng.randrange(len(body))
        j = rng.randint(i + 1, len(body))
        return body + body[i:j] + body[: rng.randint(0, len(body))]
    return [rng.choice(body) for _ in range(rng.randint(2, 4))] * 2  # a run repeated


def document(rng: random.Random, leftovers: bool | None = None) -> str:
    """One document: a body of 2-6 sentences from the pool, repeated, joined by separators."""
    if leftovers is None:
        leftovers = rng.random() < 0.6
    pool = CLEAN + LEFTOVER if leftovers else CLEAN
    body = rng.sample(pool, rng.randint(2, 6))
    seq = _pattern(rng, body)
    if rng.random() < 0.2:
        title = rng.choice(TITLES)
        seq = [title, *seq[: len(seq) // 2], title, *seq[len(seq) // 2 :]]
    if rng.random() < 0.7:  # one separator throughout
        sep = rng.choice(SEPARATORS)
        text = sep.join(seq)
    else:  # mixed: sentences on one line, paragraphs, blank lines
        text = seq[0]
        for s in seq[1:]:
            text += rng.choice(SEPARATORS) + s
    return text + rng.choice(("", "", "\n"))


def corpus(n: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    return [document(rng) for _ in range(n)]


@st.composite
def repeated_documents(draw, leftovers: bool | None = None) -> str:
    """Hypothesis: the generator above driven by a drawn seed and leftover choice (shrinks to a
    smaller seed, and a failing example prints as a reproducible document)."""
    seed = draw(st.integers(0, 2**32 - 1))
    with_leftovers = draw(st.booleans()) if leftovers is None else leftovers
    return document(random.Random(seed), with_leftovers)


@st.composite
def sentence_sequences(draw) -> str:
    """Hypothesis: any sequence of pool sentences (indices into a pool drawn small, so that
    sentences repeat) with any separators: shrinks to the shortest failing sequence."""
    pool = draw(st.lists(st.sampled_from(CLEAN + LEFTOVER), min_size=1, max_size=4, unique=True))
    picks = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=10))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(picks) - 1, max_size=len(picks) - 1))
    text = picks[0]
    for sep, s in zip(seps, picks[1:]):
        text += sep + s
    return text
