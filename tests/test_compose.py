"""``pipeline.compose``: edits made on the repaired text, expressed on the original offsets.

The property is exact: for any edits ``first`` on a text and any edits ``second`` on the text
they produce, the composed edits are valid for ``apply_edits`` (strict: in bounds, matching,
never overlapping) and reproduce both passes. The document-rule rounds rely on nothing else.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from normalize.pipeline import compose
from normalize.records import Edit, apply_edits

settings.register_profile("compose", derandomize=True, max_examples=2000, deadline=None)


def _edit(text: str, s: int, e: int, new: str, rule: str) -> Edit:
    return Edit(s, e, text[s:e], new, rule, f"rule:{rule}", 0.9, reason=rule)


@st.composite
def edits_on(draw, text: str, rule: str):
    """Non-overlapping edits on ``text``: removals, insertions and replacements, some adjacent."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    out, pos = [], 0
    for k in range(0, len(cuts) - 1, 2):
        s, e = max(cuts[k], pos), cuts[k + 1]
        if s > e:
            continue
        if s == e and out and out[-1].start == out[-1].end == s:
            continue  # two insertions at one point conflict
        new = draw(st.sampled_from(["", "", "X", "the United States", " "]))
        if s == e and not new:
            continue
        out.append(_edit(text, s, e, new, rule))
        pos = e
    return out


@st.composite
def two_passes(draw):
    text = draw(st.text("ab .\n", min_size=0, max_size=40))
    first = draw(edits_on(text, "first"))
    mid = apply_edits(text, first)
    second = draw(edits_on(mid, "second"))
    return text, first, second


@settings(settings.get_profile("compose"))
@given(two_passes())
def test_composed_edits_replay_both_passes(case):
    text, first, second = case
    composed = compose(text, first, second)
    assert apply_edits(text, composed) == apply_edits(apply_edits(text, first), second)
    for e in composed:
        assert text[e.start : e.end] == e.old


def test_a_removal_starting_where_an_earlier_removal_was_does_not_swallow_it():
    # The shape of issue 16: round 1 removes a paragraph at 4:8; round 2 removes the paragraph
    # that now starts at 4. The second removal starts after the first one in the original text.
    text = "AAA\nBBB\nCCC\nDDD\n"
    first = [_edit(text, 4, 8, "", "first")]
    mid = apply_edits(text, first)
    assert mid == "AAA\nCCC\nDDD\n"
    second = [_edit(mid, 4, 8, "", "second")]
    composed = compose(text, first, second)
    assert [(e.start, e.end, e.rule) for e in composed] == [(4, 8, "first"), (8, 12, "second")]
    assert apply_edits(text, composed) == "AAA\nDDD\n"


def test_two_edits_touching_one_earlier_edit_become_one():
    text = "from Mỹ today"
    first = [_edit(text, 5, 7, "the United States", "glossary")]
    mid = apply_edits(text, first)
    s = mid.index("United")
    second = [_edit(mid, s - 4, s - 3, "T", "a"), _edit(mid, s + 7, s + 13, "US", "b")]
    composed = compose(text, first, second)
    assert len(composed) == 1
    assert apply_edits(text, composed) == "from The United US today"
    assert "includes 'Mỹ'" in composed[0].reason
