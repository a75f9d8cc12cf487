"""Measure detection: span precision and recall per kind, fix accuracy, and the negative corpus.

Runs the whole pipeline (``normalize.Cleaner``) on

- the labelled cases in ``tests/data/labelled/*.jsonl`` (our own sentences modelled on real
  material, each naming its source), and the cases that point into ``../shared/corpora/`` by id
  (``tests/data/labelled/corpora.jsonl``): their text is read in place at run time, never copied;
- the negative corpus (``scripts/negative_corpus.py``): every finding and edit there is a false
  positive.

A labelled case: ``{"id", "source", "text", "spans": [{"text", "nth", "kind", "fix"}], "note"}``;
``text`` is the leftover as it occurs in the case text (``nth`` = which occurrence, 1 by default),
``kind`` one of KINDS, ``fix`` the expected replacement ("" = removed) or null when reporting it is
the right outcome (no confident fix exists); without ``fix`` the span counts for detection only.
Corpus cases name a leftover by its index in the corpus line's ``leftovers`` (``"leftover": 0``). A case without spans is a negative: nothing may be
found in it. A corpus case has ``corpus`` and ``ref`` (the corpus line id) instead of ``text``.

Matching: a reported item (edit or unresolved finding) is correct when it overlaps a labelled
span; a labelled span is found when some item overlaps it. Per-kind precision groups items by the
kind they map to (``item_kind``), recall groups spans by their label.

Usage: python scripts/eval_detection.py [--misses] [--json OUT] [--no-negative] [--limit-mb N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

LABELLED = REPO / "tests" / "data" / "labelled"
SHARED = (REPO / ".." / "shared").resolve()
KINDS = ("script", "vietnamese", "name", "latin", "hashtag", "leak", "boilerplate")


def item_kind(item: dict) -> str:
    """The evaluation kind of a reported item: policies by rule, the rest by finding kind."""
    rule = item["rule"]
    if rule == "script-hashtag":
        return "hashtag"
    if rule == "script-leak":
        return "leak"
    if rule == "script-boilerplate":
        return "boilerplate"
    return item["kind"] or "document"


_UNSCORED = object()  # a span whose fix is not judged (no "fix" key in its label)


@dataclass
class Span:
    start: int
    end: int
    kind: str
    fix: object


@dataclass
class Case:
    id: str
    source: str
    text: str
    spans: list[Span] = field(default_factory=list)
    file: str = ""
    #: False when the source labels only some leftovers (unmatched items are then not scored).
    complete: bool = True
    #: Disputed regions: items there are not scored either way.
    ignore: list[tuple[int, int]] = field(default_factory=list)


def _locate(text: str, needle: str, nth: int, where: str) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.find(needle, pos + 1)
        if pos == -1:
            raise ValueError(f"{where}: {needle!r} (occurrence {nth}) not in text")
    return pos


def _corpus_lines(name: str) -> dict[str, dict]:
    path = SHARED / "corpora" / name
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out[d["id"]] = d
    return out


def load_cases(with_corpora: bool = True) -> list[Case]:
    cases: list[Case] = []
    corpora: dict[str, dict[str, dict]] = {}
    files = sorted(LABELLED.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no labelled files in {LABELLED}")
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            d = json.loads(line)
            where = f"{path.name}:{n}"
            if "corpus" in d:
                if not with_corpora or not (SHARED / "corpora").is_dir():
                    continue
                table = corpora.setdefault(d["corpus"], _corpus_lines(d["corpus"]))
                row = table[d["ref"]]
                text = row.get("hyp") or row.get("text")
                source = f"{d['corpus']}#{d['ref']}: {row['source']}"
            else:
                text, source = d["text"], d["source"]
            case = Case(d.get("id", d.get("ref")), source, text, file=path.name, complete=d.get("complete", True))
            for s in d.get("spans", []):
                needle = s["text"] if "text" in s else row["leftovers"][s["leftover"]]
                if s.get("ignore"):
                    start = _locate(text, needle, s.get("nth", 1), where)
                    case.ignore.append((start, start + len(needle)))
                    continue
                if s["kind"] not in KINDS:
                    raise ValueError(f"{where}: unknown kind {s['kind']!r}")
                # A corpus leftover is labelled at every occurrence ("S新18 billion to S新21 billion").
                nths = [s["nth"]] if "nth" in s else range(1, text.count(needle) + 1) if "leftover" in s else [1]
                for nth in nths:
                    start = _locate(text, needle, nth, where)
                    if any(_overlap(start, start + len(needle), x.start, x.end) for x in case.spans):
                        continue
                    case.spans.append(Span(start, start + len(needle), s["kind"], s.get("fix", _UNSCORED)))
            cases.append(case)
    return cases


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def _norm(s: str) -> str:
    return " ".join(s.split())


def _fix_outcome(case, s, result, hit: bool) -> tuple[bool, str, str]:
    """(right, what the region reads, what it should read): the region covered by the span and the
    edits touching it must read as expected (a null fix expects the span reported and unchanged)."""
    edits = [e for e in result.edits if _overlap(e.start, e.end, s.start, s.end)]
    lo = min([s.start] + [e.start for e in edits])
    hi = max([s.end] + [e.end for e in edits])
    got = case.text[lo:hi]
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        got = got[: e.start - lo] + e.new + got[e.end - lo :]
    if s.fix is None:
        return not edits and hit, got, case.text[s.start : s.end] + " (reported, unchanged)"
    want = case.text[lo : s.start] + s.fix + case.text[s.end : hi]
    return _norm(got) == _norm(want) and bool(edits), got, want


def evaluate(cleaner, cases):
    tp_items = Counter()
    fp_items = Counter()
    found = Counter()
    total = Counter()
    fix_ok = Counter()
    fix_total = Counter()
    misses, false_pos, bad_fixes, unscored, document_items = [], [], [], [], []
    for case in cases:
        result = cleaner.clean_and_explain(case.text)
        items = []
        for it in result.items():
            if (
                it["kind"] == "document" and it["rule"] != "script-boilerplate"
                and not any(_overlap(it["start"], it["end"], s.start, s.end) for s in case.spans)
            ):
                # Document rules repair text ("( preprocessing)"); unless they remove a labelled
                # leftover with it, they are not detection and are not scored here.
                document_items.append((case, it))
                continue
            items.append(it)
        for it in items:
            k = item_kind(it)
            if any(_overlap(it["start"], it["end"], a, b) for a, b in case.ignore):
                # An `ignore` label marks correct English (a Vietnamese name with diacritics in a
                # Vietnamese work): a report there is a false report, never hidden (issue 13).
                fp_items[k] += 1
                false_pos.append((case, it))
            elif any(_overlap(it["start"], it["end"], s.start, s.end) for s in case.spans):
                tp_items[k] += 1
            elif case.complete:
                fp_items[k] += 1
                false_pos.append((case, it))
            else:
                unscored.append((case, it))
        for s in case.spans:
            total[s.kind] += 1
            hit = [it for it in items if _overlap(it["start"], it["end"], s.start, s.end)]
            if hit:
                found[s.kind] += 1
            else:
                misses.append((case, s))
            if s.fix is _UNSCORED:
                continue
            fix_total[s.kind] += 1
            ok, got, want = _fix_outcome(case, s, result, bool(hit))
            if ok:
                fix_ok[s.kind] += 1
            else:
                bad_fixes.append((case, s, got, want))
    return dict(tp_items=tp_items, fp_items=fp_items, found=found, total=total, fix_ok=fix_ok,
                fix_total=fix_total, misses=misses, false_pos=false_pos, bad_fixes=bad_fixes,
                unscored=unscored, document_items=document_items)


def _pct(a, b) -> str:
    return f"{100 * a / b:.1f}" if b else "-"


def table(r) -> str:
    kinds = [k for k in KINDS if r["total"][k] or r["tp_items"][k] or r["fp_items"][k]]
    kinds += sorted(k for k in set(r["fp_items"]) | set(r["tp_items"]) if k not in kinds)
    lines = ["| kind | labelled spans | found | recall % | reported items | correct | precision % | fix accuracy % |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for k in kinds:
        items = r["tp_items"][k] + r["fp_items"][k]
        lines.append(
            f"| {k} | {r['total'][k]} | {r['found'][k]} | {_pct(r['found'][k], r['total'][k])} | {items} | "
            f"{r['tp_items'][k]} | {_pct(r['tp_items'][k], items)} | {_pct(r['fix_ok'][k], r['fix_total'][k])} |"
        )
    T = sum(r["total"].values())
    F = sum(r["found"].values())
    I = sum(r["tp_items"].values()) + sum(r["fp_items"].values())
    C = sum(r["tp_items"].values())
    lines.append(f"| **all** | {T} | {F} | {_pct(F, T)} | {I} | {C} | {_pct(C, I)} | "
                 f"{_pct(sum(r['fix_ok'].values()), sum(r['fix_total'].values()))} |")
    return "\n".join(lines)


def negative(cleaner, limit_mb: float | None):
    import negative_corpus

    docs = list(negative_corpus.documents())
    if not docs:
        return None
    size = 0
    items = []
    t0 = time.perf_counter()
    for name, text in docs:
        size += len(text.encode("utf-8"))
        result = cleaner.clean_and_explain(text)
        for it in result.items():
            items.append((name, text, it))
        if limit_mb and size >= limit_mb * 1e6:
            break
    dt = time.perf_counter() - t0
    return dict(size=size, seconds=dt, items=items, source=negative_corpus.SOURCE_NAME)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="detection precision/recall per kind")
    ap.add_argument("--misses", action="store_true", help="list misses, false positives and wrong fixes")
    ap.add_argument("--no-negative", action="store_true", help="skip the negative corpus")
    ap.add_argument("--no-corpora", action="store_true", help="only the cases written in the repo")
    ap.add_argument("--limit-mb", type=float, default=None, help="stop the negative corpus after N MB")
    ap.add_argument("--json", type=Path, help="write the numbers as JSON")
    args = ap.parse_args(argv)

    import normalize.detect.latin  # noqa: F401  (registers the rules even before the lead wires them)
    import normalize.detect.policies  # noqa: F401
    import normalize.resolve.policies  # noqa: F401
    from normalize import Cleaner

    cleaner = Cleaner()
    cases = load_cases(with_corpora=not args.no_corpora)
    r = evaluate(cleaner, cases)
    n_files = Counter(c.file for c in cases)
    print(f"labelled cases: {len(cases)} ({', '.join(f'{f}: {n}' for f, n in sorted(n_files.items()))})")
    print(table(r))
    if args.misses:
        print("\nmisses (labelled, not found):")
        for case, s in r["misses"]:
            print(f"  {case.id}: {case.text[s.start:s.end]!r} [{s.kind}]  in {case.text[max(0, s.start - 40):s.end + 40]!r}")
        print("\nfalse positives (found, not labelled):")
        for case, it in r["false_pos"]:
            print(f"  {case.id}: {it['text']!r} [{item_kind(it)} / {it['rule']}] -> {it['replacement']!r}")
        print("\nnot scored (cases whose source labels only some leftovers):")
        for case, it in r["unscored"]:
            print(f"  {case.id}: {it['text']!r} [{item_kind(it)} / {it['rule']}]")
        print("\ndocument-rule edits (repairs, not detection; not scored):")
        for case, it in r["document_items"]:
            print(f"  {case.id}: {it['text']!r} [{it['rule']}] -> {it['replacement']!r}")
        print("\nwrong or missing fixes:")
        for case, s, got, want in r["bad_fixes"]:
            print(f"  {case.id} [{s.kind}]: got {got!r}, want {want!r}")
    neg = None
    if not args.no_negative:
        neg = negative(cleaner, args.limit_mb)
        if neg is None:
            print("\nnegative corpus: not installed (apt-get install python3-doc); skipped")
        else:
            print(f"\nnegative corpus: {neg['source']}: {neg['size'] / 1e6:.2f} MB, "
                  f"{len(neg['items'])} findings/edits, {neg['size'] / 1e6 / neg['seconds']:.2f} MB/s (whole pipeline)")
            for name, text, it in neg["items"][:50]:
                ctx = text[max(0, it["start"] - 40) : it["end"] + 40].replace("\n", " ")
                print(f"  {name}: {it['text']!r} [{item_kind(it)} / {it['rule']}] in {ctx!r}")
    if args.json:
        out = {k: dict(v) for k, v in r.items() if isinstance(v, Counter)}
        if neg:
            out["negative"] = {"bytes": neg["size"], "seconds": neg["seconds"], "items": len(neg["items"])}
        args.json.write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
