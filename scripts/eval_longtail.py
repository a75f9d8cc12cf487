"""Measure the long tail (issue 12): labelled news-style sentences per kind, and the real MT corpus.

    python scripts/eval_longtail.py                 # dev and test parts, Markdown tables
    python scripts/eval_longtail.py --part test     # the frozen test part only
    python scripts/eval_longtail.py --nmt ../shared/corpora/nmt-leftovers.jsonl --list-fixed

Sentences: tests/data/longtail/{dev,test}.tsv (format in their headers). Each sentence is one of

- **right**: the output is the expected sentence (one of the alternatives of every mark);
- **wrong**: something changed that should not have (an edit outside the marks, an edit inside a
  mark that gives none of its alternatives, or any change to a "keep" sentence);
- **flagged**: not fixed, no wrong edit, and every mark left as it was is reported (unresolved);
- **missed**: not fixed, no wrong edit, and some mark neither fixed nor reported.

NMT corpus (``--nmt``): every listed leftover is **fixed** (an edit overlaps it), **flagged** (an
unresolved finding overlaps it) or **missed**. ``--judgements FILE`` (tests/data/longtail/
nmt-judgements.tsv: id, leftover, replacement, verdict, note; judged by hand against ``ref``) adds the
wrong share among the judged fixes. Works on any branch: it uses only the public API.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize import Cleaner, apply_edits  # noqa: E402

DATA = ROOT / "tests" / "data" / "longtail"
MARK = re.compile(r"\{([^{}|]+)\|([^{}]+)\}")
OUTCOMES = ("right", "wrong", "flagged", "missed")


def read_part(part: str) -> list[dict]:
    path = DATA / f"{part}.tsv"
    rows = []
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0] != "# normalize-longtail: 1":
        raise SystemExit(f"{path}:1: not a normalize-longtail file")
    for n, line in enumerate(lines, 1):
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise SystemExit(f"{path}:{n}: expected 3 tab-separated fields")
        id_, kind, sentence = fields
        rows.append(dict(parse(sentence), id=id_, kind=kind, where=f"{path.name}:{n}"))
    return rows


def parse(sentence: str) -> dict:
    """Input text, mark spans in it, and the alternatives of each mark."""
    out, marks, pos = [], [], 0
    for m in MARK.finditer(sentence):
        out.append(sentence[pos : m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        marks.append((start, start + len(m.group(1)), tuple(m.group(2).split("|"))))
        pos = m.end()
    out.append(sentence[pos:])
    return {"input": "".join(out), "marks": marks}


def expected(row) -> set[str]:
    text, marks = row["input"], row["marks"]
    outs = set()
    for combo in itertools.product(*[m[2] for m in marks]):
        parts, pos = [], 0
        for (s, e, _), alt in zip(marks, combo):
            parts.append(text[pos:s])
            parts.append(alt)
            pos = e
        parts.append(text[pos:])
        outs.add("".join(parts))
    return outs


def judge(row, result) -> str:
    text = row["input"]
    if not row["marks"]:
        return "right" if result.output == text else "wrong"
    if result.output in expected(row):
        return "right"
    edits = list(result.edits)
    fixed = set()
    for e in edits:
        hit = [k for k, (s, t, _) in enumerate(row["marks"]) if e.start < t and s < e.end or (e.start == e.end and s <= e.start <= t)]
        if not hit:
            return "wrong"
    for k, (s, t, alts) in enumerate(row["marks"]):
        mine = [e for e in edits if e.start < t and s < e.end]
        if not mine:
            continue
        lo, hi = min([s] + [e.start for e in mine]), max([t] + [e.end for e in mine])
        got = apply_edits(text, mine)[lo : hi + sum(len(e.new) - (e.end - e.start) for e in mine)]
        want = {text[lo:s] + a + text[t:hi] for a in alts}
        if got not in want and got[:1].lower() + got[1:] not in {w[:1].lower() + w[1:] for w in want}:
            return "wrong"
        fixed.add(k)
    for k, (s, t, _) in enumerate(row["marks"]):
        if k in fixed:
            continue
        if not any(f.start < t and s < f.end for f in result.unresolved):
            return "missed"
    return "flagged"


def evaluate(rows, cleaner) -> tuple[dict, list]:
    table: dict[str, Counter] = defaultdict(Counter)
    details = []
    for row in rows:
        r = cleaner.clean_and_explain(row["input"])
        outcome = judge(row, r)
        table[row["kind"]][outcome] += 1
        details.append((row, outcome, r.output))
    return table, details


def markdown(table: dict, title: str) -> str:
    lines = [f"**{title}**", "", "| kind | sentences | right | wrong | flagged | missed | right % |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    total = Counter()
    for kind in sorted(table):
        c = table[kind]
        n = sum(c.values())
        total.update(c)
        lines.append(f"| {kind} | {n} | {c['right']} | {c['wrong']} | {c['flagged']} | {c['missed']} | {100 * c['right'] / n:.0f} |")
    n = sum(total.values())
    lines.append(f"| **all** | {n} | {total['right']} | {total['wrong']} | {total['flagged']} | {total['missed']} | "
                 f"{100 * total['right'] / max(n, 1):.0f} |")
    return "\n".join(lines) + "\n"


def nmt(path: Path, cleaner, judgements: Path | None, list_fixed: bool) -> str:
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    counts = Counter()
    fixed = []
    for row in rows:
        r = cleaner.clean_and_explain(row["hyp"])
        pos = 0
        for left in row["leftovers"]:
            s = row["hyp"].find(left, pos)
            if s == -1:
                s = row["hyp"].find(left)
            if s == -1:
                counts["not found"] += 1
                continue
            e = s + len(left)
            pos = e
            # Fixed = an edit covers it and its new text no longer holds it (a spacing repair
            # around a leftover is no fix).
            mine = [x for x in r.edits if x.start < e and s < x.end and left not in x.new]
            if mine:
                counts["fixed"] += 1
                fixed.append((row["id"], left, "; ".join(f"{x.old!r}->{x.new!r}" for x in mine), mine[0].rule))
            elif any(f.start < e and s < f.end for f in r.unresolved):
                counts["flagged"] += 1
            else:
                counts["missed"] += 1
    total = sum(counts.values())
    out = [f"**{path.name}**: {total} leftovers: fixed {counts['fixed']}, flagged {counts['flagged']}, "
           f"missed {counts['missed']}" + (f", not found {counts['not found']}" if counts["not found"] else "")]
    by_rule = Counter(rule for *_, rule in fixed)
    out.append("fixed by rule: " + ", ".join(f"{k} {v}" for k, v in by_rule.most_common()))
    if judgements and judgements.exists():
        verdicts = {}
        for ln in judgements.read_text(encoding="utf-8").splitlines():
            if ln and not ln.startswith("#") and not ln.startswith("id\t"):
                f = ln.split("\t")
                verdicts[(f[0], f[1])] = f[3]
        judged = [(i, l) for i, l, *_ in fixed if (i, l) in verdicts]
        wrong = sum(1 for k in judged if verdicts[k] == "wrong")
        out.append(f"judged by hand: {len(judged)} of {len(fixed)} fixes; wrong {wrong} "
                   f"({100 * wrong / max(len(judged), 1):.1f} % of judged, {100 * wrong / max(total, 1):.1f} % of all leftovers)")
        unjudged = [(i, l) for i, l, *_ in fixed if (i, l) not in verdicts]
        if unjudged:
            out.append(f"not judged yet: {len(unjudged)}")
    if list_fixed:
        out.extend(f"  {i}\t{l}\t{rep}\t{rule}" for i, l, rep, rule in fixed)
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--nmt", type=Path, default=ROOT.parent / "shared" / "corpora" / "nmt-leftovers.jsonl")
    ap.add_argument("--judgements", type=Path, default=DATA / "nmt-judgements.tsv")
    ap.add_argument("--list-fixed", action="store_true", help="list every NMT fix (for judging by hand)")
    ap.add_argument("--show", choices=OUTCOMES, action="append", default=[], help="print sentences with this outcome")
    args = ap.parse_args(argv)
    cleaner = Cleaner()
    parts = ("dev", "test") if args.part == "all" else (args.part,)
    t0 = time.perf_counter()
    for part in parts:
        rows = read_part(part)
        table, details = evaluate(rows, cleaner)
        print(markdown(table, f"long tail, {part} part ({len(rows)} sentences)"))
        for row, outcome, output in details:
            if outcome in args.show:
                print(f"  [{outcome}] {row['id']}: {row['input']!r}\n      -> {output!r}")
    if args.nmt and args.nmt.exists():
        print(nmt(args.nmt, cleaner, args.judgements, args.list_fixed))
    print(f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
