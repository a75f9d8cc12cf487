"""Cost of one long line: a document of news-like prose with no line break (issue 16: a 4 MB line
must cost at most 5x a 1 MB line; a scraped page flattened onto one line is a real input).

The line is built from a pool of sentences with varied numbers, names and places, so that
sentences recur (as on a page printed twice) but no two neighbours are the same. Reports CPU
seconds (``time.process_time``: the machine may be shared), MB/s, the growth ratio between the
sizes and the peak memory of a run (``tracemalloc``) for each size; ``--profile`` prints the top
functions of the largest size (cProfile).

Usage: python benchmarks/bench_longline.py [--mb 1 4] [--document-rules] [--profile] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

_SUBJECTS = ("The ministry", "Officials in Geneva", "The central bank", "Police", "The company", "Analysts",
             "Rescue workers", "The delegation", "Local authorities", "The committee")
_VERBS = ("said", "reported", "announced", "confirmed", "estimated", "warned")
_OBJECTS = ("that exports rose {n}% in the third quarter", "that {n} people had been evacuated",
            "that talks with Mỹ would resume on day {n}", "that the port handled {n} containers",
            "that the budget would grow by {n} billion", "that {n} homes were without power",
            "that Hà Lập Phong would visit on the {n}th", "that prices fell for the {n}th week")


def news_line(n_bytes: int, seed: int = 14) -> str:
    """One line of about ``n_bytes`` UTF-8 bytes of news-like sentences joined by spaces."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        s = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS).format(n=rng.randint(2, 60))}."
        parts.append(s)
        size += len(s.encode()) + 1
    return " ".join(parts)


def measure(cleaner, text: str) -> tuple[float, int]:
    """(CPU seconds, peak bytes allocated) of one ``clean_and_explain``."""
    tracemalloc.start()
    t0 = time.process_time()
    cleaner.clean_and_explain(text)
    cpu = time.process_time() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return cpu, peak


def document_rules_cpu(cleaner, text: str) -> float:
    """CPU seconds of the document rules alone on ``text`` (one round, as the pipeline runs them)."""
    from normalize import rules
    from normalize.document import Document

    ctx = cleaner.context
    ctx.per_doc = {}
    doc = Document(text)
    t0 = time.process_time()
    for r in rules.active("document", cleaner.config):
        list(r.func(doc, ctx))
    return time.process_time() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[1.0, 4.0], help="line sizes in MB")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest size")
    ap.add_argument("--document-rules", action="store_true",
                    help="time the document rules alone (on the line as it is), besides the whole pipeline")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    from normalize import Cleaner

    cleaner = Cleaner()
    cleaner.clean("Delegations from Mỹ met.")  # glossaries and tables loaded before timing
    rows = []
    for mb in args.mb:
        text = news_line(int(mb * 1_000_000))
        # (tracemalloc slows allocation-heavy code: time and memory are measured in separate runs)
        t0 = time.process_time()
        cleaner.clean_and_explain(text)
        cpu = time.process_time() - t0
        _, peak = measure(cleaner, text)
        row = {"mb": mb, "cpu_s": round(cpu, 2), "mb_per_s": round(mb / cpu, 3), "peak_mb": round(peak / 1e6, 1)}
        note = ""
        if args.document_rules:
            row["document_rules_cpu_s"] = round(document_rules_cpu(cleaner, text), 2)
            note = f"; document rules alone {row['document_rules_cpu_s']:.2f} s"
        rows.append(row)
        print(f"{mb:6.2f} MB line: {cpu:7.2f} s CPU, {mb / cpu:6.3f} MB/s, peak {peak / 1e6:7.1f} MB{note}", flush=True)
    for a, b in zip(rows, rows[1:]):
        ratio = b["cpu_s"] / a["cpu_s"]
        print(f"{b['mb']:g} MB / {a['mb']:g} MB: cost x{ratio:.2f} for x{b['mb'] / a['mb']:g} the size")
        b["ratio_to_previous"] = round(ratio, 2)
        if args.document_rules:
            dr = b["document_rules_cpu_s"] / max(a["document_rules_cpu_s"], 1e-3)
            print(f"  document rules alone: x{dr:.2f}")
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        cleaner.clean_and_explain(news_line(int(args.mb[-1] * 1_000_000)))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
