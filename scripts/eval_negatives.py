#!/usr/bin/env python
"""Changed and flagged counts on every negative set (correct English that must come out untouched).

Sets:

- ``asian-press (dev|test)``: tests/data/labelled/asian-press.jsonl, our own sentences in the
  styles of English news by Asian outlets (each tagged with the pattern it probes); split by a
  hash of the text into dev (tuned on) and a frozen test part (only reported);
- ``labelled negatives``: the other labelled cases without spans (tests/data/labelled/*.jsonl);
- ``case files``: tests/cases/negative/*.jsonl;
- ``python3-doc``: the negative corpus (scripts/negative_corpus.py), per document, when installed.

"changed": the output differs from the input; "flagged": at least one unresolved finding. Both
are counted per sentence (per document for python3-doc). Usage:
python scripts/eval_negatives.py [--list] [--no-corpus]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def sets(with_corpus: bool):
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # set -> (id, pattern, text)
    for path in sorted((REPO / "tests" / "data" / "labelled").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            c = json.loads(line) if line.strip() else None
            if not c or c.get("spans") or "text" not in c:
                continue
            if path.name == "asian-press.jsonl":
                out[f"asian-press ({c['split']})"].append((c["id"], c["pattern"], c["text"]))
            else:
                out["labelled negatives"].append((c["id"], "", c["text"]))
    for path in sorted((REPO / "tests" / "cases" / "negative").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                c = json.loads(line)
                if not c.get("config"):
                    out["case files (negative/)"].append((c["id"], path.stem, c["input"]))
    if with_corpus:
        import negative_corpus

        for name, text in negative_corpus.documents():
            out["python3-doc"].append((name, "", text))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true", help="list every changed or flagged item")
    ap.add_argument("--no-corpus", action="store_true", help="skip the python3-doc corpus")
    args = ap.parse_args()
    from normalize import Cleaner

    cleaner = Cleaner()
    print("| negative set | items | changed | flagged | flagged % |")
    print("|---|---:|---:|---:|---:|")
    listing, by_pattern = [], Counter()
    data = sets(not args.no_corpus)
    if not args.no_corpus and not data.get("python3-doc"):
        listing.append("python3-doc: not installed (apt-get install python3-doc); skipped")
    for name, items in data.items():
        changed = flagged = 0
        for cid, pattern, text in items:
            r = cleaner.clean_and_explain(text)
            ch, fl = r.output != text, bool(r.unresolved)
            changed += ch
            flagged += fl
            if ch or fl:
                by_pattern[pattern] += 1
                what = "; ".join([f"{e.old!r}->{e.new!r} ({e.rule})" for e in r.edits]
                                 + [f"flag {f.text!r} ({f.rule})" for f in r.unresolved])
                listing.append(f"{name}: {cid}: {what}")
        print(f"| {name} | {len(items)} | {changed} | {flagged} | {100 * flagged / max(len(items), 1):.1f} |")
    if args.list:
        print()
        for line in listing:
            print(line)
        if by_pattern:
            print("\nby pattern:", ", ".join(f"{p or '-'} {n}" for p, n in by_pattern.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
