"""Throughput on news-like text: MB/s of check and fix, growth per doubling, memory, a flashtext anchor.

One run measures, on the corpus of benchmarks/newslike.py (correct English news with unknown
names, numbers, glosses and about one leftover in fifty sentences) at each size (default 0.5, 1
and 2 MB; each timing on texts of their own seeds, which the process has not seen):

- ``check`` through the library (``Cleaner.clean_and_explain``: findings, edits, reasons) and
  ``fix`` (``Cleaner.clean``), in MB/s, in this process, tables loaded beforehand;
- the same split into the leftover stage (detectors, name context, resolvers, rewriting) and the
  rest (document rules), so a slow part is named;
- ``normalize check`` and ``normalize fix`` as whole processes (start-up included) on a file,
  wall time and peak resident memory of the child;
- the growth ratio per doubling of the input (linear cost: 2.0) and t(2 MB) / t(0.5 MB)
  (goal: <= 5);
- flashtext keyword extraction (``KeywordProcessor.extract_keywords``) over the same text with every
  form of the shipped glossaries as keywords: the speed of finding known strings and nothing
  else, the anchor the issue measures against (goal: check at least half as fast, then faster).

Timings are CPU seconds (this process, or the child's user + system time), medians of
``--repeat`` runs: on a shared machine they vary far less than wall time (the JSON also holds
the CLI's wall time). Needs the ``bench`` extra
(``pip install -e '.[bench]'``: flashtext).

Run: python benchmarks/bench_throughput.py [--sizes 0.5 1 2] [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def _median_time(fn, repeat: int) -> float:
    """Median CPU seconds of this process over ``repeat`` calls: on a shared machine the CPU time
    of one single-threaded run varies far less than its wall time."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def _unseen_time(fn, mb: float, seed: int, repeat: int) -> tuple:
    """Median CPU seconds of ``fn(text)`` over ``repeat`` news-like texts of ``mb`` MB that this
    process has not cleaned before (seeds ``seed``, ``seed + 1``, ...), then the first text and its
    generator (for its counts).

    The pipeline keeps some results by line text across documents (bounded), so a text seen
    before (the same one again, or a longer corpus that starts with a shorter one) is partly
    answered from those caches; a day of news is not."""
    import newslike

    times, first = [], None
    for k in range(repeat):
        text, gen = newslike.generate_with_stats(mb, seed=seed + k)
        first = first if first is not None else (text, gen)
        t0 = time.process_time()
        fn(text)
        times.append(time.process_time() - t0)
    return statistics.median(times), *first


def _process(cmd: list[str], env: dict) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MB, exit code, CPU seconds) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, p.returncode, usage.ru_utime + usage.ru_stime


def glossary_forms() -> list[str]:
    """Every written form of every entry of the shipped glossaries (sources and aliases)."""
    from normalize.glossary import builtin_files, load_file

    forms = set()
    for path in builtin_files():
        for entry in load_file(path).entries:
            forms.add(entry.source)
            forms.update(entry.aliases)
    return sorted(f for f in forms if f)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1.0, 2.0], help="corpus sizes in MB")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-cli", action="store_true", help="skip the whole-process runs")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    try:
        from flashtext import KeywordProcessor
    except ImportError:
        print("flashtext missing: pip install -e '.[bench]'", file=sys.stderr)
        return 3
    import newslike
    from normalize import Cleaner, Config, rules

    cache = os.environ.get("NORMALIZE_CACHE_DIR")
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # Children run from bytecode, as an installed package does (see bench_load.py).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pycache = tempfile.TemporaryDirectory()
    env["PYTHONPYCACHEPREFIX"] = pycache.name
    cli = [sys.executable, "-c", "from normalize.cli import main; main()"]

    t0 = time.perf_counter()
    forms = glossary_forms()
    kp = KeywordProcessor(case_sensitive=True)
    for f in forms:
        kp.add_keyword(f)
    flash_build = time.perf_counter() - t0

    cleaner = Cleaner()
    doc_rules = frozenset(r.name for r in rules.active("document", Config()))
    leftovers_only = Cleaner(Config(disabled_rules=doc_rules))
    warm = newslike.generate(0.05, seed=args.seed + 1000)
    cleaner.clean_and_explain(warm)  # tables and caches loaded outside the timings
    leftovers_only.clean_and_explain(warm)

    print(f"news-like corpus (benchmarks/newslike.py, seed {args.seed}), median of {args.repeat}; "
          f"flashtext: {len(forms):,} glossary forms, built in {flash_build:.2f} s; cache {cache or 'default'}")
    head = (f"{'MB':>5} {'check':>8} {'fix':>8} {'leftover':>9} {'doc rules':>9} {'flashtext':>9} "
            f"{'check/flash':>11} {'CLI check':>9} {'CLI fix':>8} {'peak MB':>8}")
    print(head + "\n" + " " * 5 + "   (MB/s of CPU time unless marked; CLI: CPU seconds of the whole process)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, mb in enumerate(args.sizes):
            # Every timing on texts of their own seeds (see _unseen_time); flashtext keeps nothing
            # between calls and reads the first text check read.
            seed = args.seed + 100 * (i + 1)
            t_check, text, gen = _unseen_time(cleaner.clean_and_explain, mb, seed, args.repeat)
            t_fix = _unseen_time(cleaner.clean, mb, seed + 30, args.repeat)[0]
            t_left = _unseen_time(leftovers_only.clean_and_explain, mb, seed + 60, args.repeat)[0]
            t_flash = _median_time(lambda: kp.extract_keywords(text), args.repeat)
            size = len(text.encode("utf-8")) / 1e6
            row = {
                "mb": round(size, 3), "sentences": gen.sentences, "leftovers": sum(gen.leftovers.values()),
                "check_s": round(t_check, 3), "fix_s": round(t_fix, 3), "leftover_stage_s": round(t_left, 3),
                "document_rules_s": round(max(t_check - t_left, 0.0), 3), "flashtext_s": round(t_flash, 4),
            }
            if not args.no_cli:
                path = Path(tmp) / f"news-{mb}.txt"
                path.write_text(text, encoding="utf-8")
                c_check = [_process(cli + ["check", str(path)], env) for _ in range(args.repeat)]
                c_fix = [_process(cli + ["fix", str(path)], env) for _ in range(args.repeat)]
                row.update(cli_check_s=round(statistics.median(x[3] for x in c_check), 2),
                           cli_fix_s=round(statistics.median(x[3] for x in c_fix), 2),
                           cli_check_wall_s=round(statistics.median(x[0] for x in c_check), 2),
                           cli_fix_wall_s=round(statistics.median(x[0] for x in c_fix), 2),
                           cli_check_exit=c_check[0][2],
                           peak_rss_mb=round(max(x[1] for x in c_check + c_fix), 1))
            rows.append(row)
            print(f"{size:5.2f} {size / t_check:8.3f} {size / t_fix:8.3f} {size / t_left:9.3f} "
                  f"{row['document_rules_s']:8.2f}s {size / t_flash:9.2f} {t_flash / t_check:11.3f} "
                  f"{row.get('cli_check_s', float('nan')):9.2f} {row.get('cli_fix_s', float('nan')):8.2f} "
                  f"{row.get('peak_rss_mb', float('nan')):8.1f}")
    growth = {}
    for a, b in zip(rows, rows[1:]):
        growth[f"{a['mb']:.2f}->{b['mb']:.2f}"] = {
            "check": round(b["check_s"] / a["check_s"], 2),
            "leftover_stage": round(b["leftover_stage_s"] / a["leftover_stage_s"], 2),
            "document_rules": round(b["document_rules_s"] / a["document_rules_s"], 2) if a["document_rules_s"] else None,
        }
    print("growth per step (linear: the size ratio):")
    for step, g in growth.items():
        print(f"  {step} MB: check x{g['check']}, leftover stage x{g['leftover_stage']}, document rules x{g['document_rules']}")
    summary = {"rows": rows, "growth": growth, "flashtext_forms": len(forms)}
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        ratio = last["check_s"] / first["check_s"]
        summary["check_ratio_last_first"] = round(ratio, 2)
        print(f"t({last['mb']:.2f} MB) / t({first['mb']:.2f} MB) for check: {ratio:.2f} "
              f"(size ratio {last['mb'] / first['mb']:.1f}; goal for 2 / 0.5 MB: <= 5)")
        print(f"check on {last['mb']:.2f} MB: {last['flashtext_s'] / last['check_s']:.3f} of flashtext's speed "
              f"(goal >= 0.5, then > 1)")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
