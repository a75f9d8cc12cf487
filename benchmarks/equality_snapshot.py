"""Record every output, edit and unresolved finding on a fixed set of documents, or compare with a record.

A speed change must not change a result. This script runs ``Cleaner.clean_and_explain`` on

- the news-like corpus (benchmarks/newslike.py) at seeds 1-3 and 0.3 MB, whole and paragraph by
  paragraph, and at seed 1 and 2 MB whole (the size the throughput goal is measured at);
- every input of tests/cases (each with its own configuration);
- ../shared/samples (documents and lines) and the text fields of ../shared/corpora/*.jsonl,
  read in place when present;

and writes one line per document: its name, a SHA-256 of its input and the ``repr`` of its
output, edits, unresolved findings and model hints (JSON Lines). ``--compare OLD`` reruns and
names every document whose line differs, with the first differing item.

Run: python benchmarks/equality_snapshot.py -o /tmp/before.jsonl
     python benchmarks/equality_snapshot.py --compare /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def documents(quick: bool = False):
    """(name, text, Config or None) of every document of the set, in a fixed order."""
    import newslike
    from casefiles import case_config, load_cases

    seeds = (1,) if quick else (1, 2, 3)
    for seed in seeds:
        text = newslike.generate(0.3, seed=seed)
        yield f"news-s{seed}-0.3", text, None
        for i, para in enumerate(_paragraphs(text)):
            yield f"news-s{seed}-0.3-p{i}", para, None
    if not quick:
        yield "news-s1-2", newslike.generate(2.0, seed=1), None
    for case in load_cases():
        if "input" in case:
            yield f"case:{case['_where']}", case["input"], case_config(case)
    samples = SHARED / "samples"
    for path in sorted(samples.glob("*.txt")) if samples.is_dir() else ():
        text = path.read_text(encoding="utf-8")
        yield f"sample:{path.name}", text, None
        for i, line in enumerate(text.splitlines()):
            if line.strip():
                yield f"sample:{path.name}:{i}", line, None
    corpora = SHARED / "corpora"
    for path in sorted(list(samples.glob("*.jsonl")) + list(corpora.glob("*.jsonl"))) if corpora.is_dir() else ():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            for field in ("text", "hyp", "input", "src"):
                if isinstance(record.get(field), str):
                    yield f"{path.name}:{n}:{field}", record[field], None


def record(cleaners: dict, name: str, text: str, config) -> dict:
    from normalize import Cleaner

    key = repr(config)
    if key not in cleaners:
        cleaners[key] = Cleaner(config)
    result = cleaners[key].clean_and_explain(text)
    return {
        "name": name,
        "input": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        "output": result.output if result.output != text else None,
        "edits": [repr(e) for e in result.edits],
        "unresolved": [repr(f) for f in result.unresolved],
        "model_wanted": repr(result.model_wanted),
    }


def _first_difference(old: dict, new: dict) -> str:
    for field in ("input", "output", "edits", "unresolved", "model_wanted"):
        a, b = old.get(field), new.get(field)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list):
            for x, y in zip(a, b):
                if x != y:
                    return f"{field}: {x!r} -> {y!r}"
            return f"{field}: {len(a)} items -> {len(b)} items"
        return f"{field} differs"
    return "same"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, help="write the record here")
    ap.add_argument("--compare", type=Path, help="compare with this record")
    ap.add_argument("--quick", action="store_true", help="one seed, no 2 MB document")
    args = ap.parse_args(argv)
    cleaners: dict = {}
    t0 = time.perf_counter()
    rows = [record(cleaners, *doc) for doc in documents(args.quick)]
    print(f"{len(rows)} documents in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if args.output:
        args.output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    if not args.compare:
        return 0
    old = {}
    for line in args.compare.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        old[r["name"]] = r
    bad = 0
    for r in rows:
        o = old.get(r["name"])
        if o is None:
            continue
        if o != r:
            bad += 1
            if bad <= 20:
                print(f"DIFF {r['name']}: {_first_difference(o, r)}")
    compared = sum(r["name"] in old for r in rows)
    print(f"{compared} documents compared, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
