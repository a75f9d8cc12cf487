"""Measure known names in context (issue 12): every glossary country, Chinese place and Taiwan
place put in news-style sentence frames, and the share that comes out right.

    python scripts/eval_known_names.py              # Markdown table per class
    python scripts/eval_known_names.py --show       # also every sentence that is not right
    python scripts/eval_known_names.py --min 98     # exit 1 when a class is below 98 %

Classes and where their names come from (the shipped glossaries, so the measure follows the data):

- **country (vi)**: places/vi-en.countries.tsv, the Vietnamese CLDR names and press forms;
- **Chinese place (vi)** / **(Han)**: places/vi-en.china.tsv, the Sino-Vietnamese reading and the
  Han form of each province, prefecture and listed district, outside Taiwan;
- **Taiwan place (vi)** / **(Han)**: the same file's Taiwan entries (note says Taiwan).

Entries flagged ``review`` and ``keep`` entries are not applied by design and are left out. Each
name goes into every frame of its class: it is right when the output is the frame with the
entry's English target in its place (an article dropped or capitalised as English needs). The
frames are written for this script (own wording, CC0-1.0); a Chinese or Taiwan frame names the
country, as a news sentence about a district does (district readings apply only with such a cue).
Works on any branch: it uses only the public API.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize import Cleaner  # noqa: E402
from normalize.glossary import builtin_dir, load_file  # noqa: E402

# {X} is the name: after a preposition, as an object, as the subject at a sentence start, after
# "of", in a coordination. No frame puts it before a noun it modifies (there the adjective is the
# right English: "Japanese firms"), which the long-tail set measures.
FRAMES = {
    "country": (
        "Imports from {X} rose 5% last year.",
        "The minister visited {X} last week.",
        "Officials in {X} declined to comment.",
        "Talks with {X} resumed on Monday.",
        "{X} imposed new tariffs on steel.",
        "The foreign ministers of {X} and Vietnam met in Geneva.",
        "Trade between Vietnam and {X} grew 8%.",
    ),
    "china": (
        "Factories in {X} cut output, Chinese state media said.",
        "A delegation from {X} arrived in Hanoi to discuss trade with China.",
        "Heavy rain hit {X} in southern China on Sunday.",
        "{X} reported record exports, China's customs office said.",
        "The Chinese government sent aid to {X} and its neighbours.",
    ),
    "taiwan": (
        "Chipmakers in {X} expanded their plants, Taiwan's statistics office said.",
        "A delegation from {X} visited Taiwan's trade partners in Hanoi.",
        "Heavy rain hit {X} in Taiwan on Sunday.",
        "{X} opened a new metro line, Taiwan's transport ministry said.",
        "Flights between {X} and Hanoi resumed, Taiwanese officials said.",
    ),
}


def names() -> dict[str, list[tuple[str, str, str]]]:
    """class -> [(written form, English target, glossary line)]."""
    out: dict[str, list] = defaultdict(list)
    places = builtin_dir() / "places"
    for e in load_file(places / "vi-en.countries.tsv").entries:
        if not (e.review or e.keep or e.requires):
            for form in _written_forms(e):
                out["country (vi)"].append((form, e.target, e.ref))
    for e in load_file(places / "vi-en.china.tsv").entries:
        if e.review or e.keep:
            continue
        where = "Taiwan place" if "Taiwan" in e.note else "Chinese place"
        if e.source != e.han:
            for form in _written_forms(e):
                out[f"{where} (vi)"].append((form, e.target, e.ref))
        if e.han:
            out[f"{where} (Han)"].append((e.han, e.target, e.ref))
    return out


def _written_forms(e) -> list[str]:
    """The source and its spelling variants with Vietnamese letters (plain-ASCII aliases apply
    only in a name context, by design)."""
    return [e.source] + [a for a in e.aliases if not a.isascii() and a != e.han]


def frames_of(cls: str) -> tuple[str, ...]:
    return FRAMES["country" if cls.startswith("country") else "taiwan" if cls.startswith("Taiwan") else "china"]


def expected(frame: str, targets) -> set[str]:
    """The frame with the English name in place ("the" kept: English needs it after a
    preposition), capitalised at a sentence start. A form two lines give two spellings of one
    place (澳门: Macau, CLDR's Macao) is right with either."""
    outs = (frame.replace("{X}", t) for t in targets)
    return {o[:1].upper() + o[1:] for o in outs}


def _targets(gl, form: str, target: str) -> set[str]:
    return {target} | {e.target for e in gl.get(form) if e.type in ("place", "country") and not e.requires}


def evaluate(cleaner) -> tuple[dict, list]:
    from normalize.config import Config
    from normalize.glossary import GlossarySet

    gl = GlossarySet.from_config(Config())
    table: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for cls, items in sorted(names().items()):
        for form, target, ref in items:
            for frame in frames_of(cls):
                text = frame.replace("{X}", form)
                out = cleaner.clean(text)
                ok = out in expected(frame, _targets(gl, form, target))
                table[cls]["right" if ok else "not right"] += 1
                if not ok:
                    wrong.append((cls, ref, text, out, frame.replace("{X}", target)))
    return table, wrong


def markdown(table: dict) -> str:
    lines = ["**known names in context** (glossary names x news-style frames)", "",
             "| class | forms | sentences | right | right % |", "|---|---:|---:|---:|---:|"]
    total = Counter()
    for cls in sorted(table):
        c = table[cls]
        n = c["right"] + c["not right"]
        total.update(c)
        lines.append(f"| {cls} | {n // len(frames_of(cls))} | {n} | {c['right']} | {100 * c['right'] / n:.1f} |")
    n = total["right"] + total["not right"]
    lines.append(f"| **all** | | {n} | {total['right']} | {100 * total['right'] / max(n, 1):.1f} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="print every sentence that is not right")
    ap.add_argument("--min", type=float, default=None, help="exit 1 when a class is below this share (%%)")
    args = ap.parse_args(argv)
    table, wrong = evaluate(Cleaner())
    print(markdown(table))
    if args.show:
        for cls, ref, text, out, want in wrong:
            print(f"  [{cls}] {ref}: {text!r}\n      -> {out!r}\n    want {want!r}")
    if args.min is not None:
        low = [c for c, t in table.items() if 100 * t["right"] / (t["right"] + t["not right"]) < args.min]
        if low:
            print(f"below {args.min} %: {', '.join(sorted(low))}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
