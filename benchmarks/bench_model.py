"""Model work: translating only the leftovers (the ``model`` resolver) vs re-translating whole articles.

Both sides use the same model and the same backend (normalize.translate.Translator, batched
generate()); the numbers are tokens through the model (encoder input + generated output) and
generation wall time (model loading excluded, it is paid once either way).

- fragments: ``Cleaner(...).clean_and_explain(article)`` with the model configured. By default the
  shipped glossaries are switched off, so that *every* leftover reaches the model (the worst case
  for the fallback; with glossaries on, the example article needs no model call at all, shown too).
- whole: every sentence of the article through the model, as a re-translation workflow would.

Inputs: examples/gate-kuala-lumpur.txt (the real article, printed twice by its site: the document
rules drop the second copy before any model runs) and a generated set of articles made of its
sentences with leftovers inserted at random (tests/tiny_model.py phrase table, seeded).

    python benchmarks/bench_model.py                 # builds the tiny test model (about 30-60 s)
    python benchmarks/bench_model.py --model DIR     # any local seq2seq model (models/README.md)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import normalize.resolve.model  # noqa: E402,F401  (registers the rule)
from normalize import Cleaner, Config  # noqa: E402
from normalize.document import Document  # noqa: E402
from normalize.translate import Translator, read_info  # noqa: E402


def sentences(text: str) -> list[str]:
    doc = Document(text)
    starts = doc.sentence_starts + [len(doc.nfc)]
    return [doc.nfc[a:b].strip() for a, b in zip(starts, starts[1:]) if doc.nfc[a:b].strip()]


def generated_articles(base: str, n: int, rate: float, seed: int = 0) -> list[str]:
    from tiny_model import PHRASES

    rng = random.Random(seed)
    pool = list(dict.fromkeys(s for s in sentences(base) if len(s.split()) > 6))
    out = []
    for _ in range(n):
        lines = []
        for s in rng.sample(pool, min(30, len(pool))):
            if rng.random() < rate:
                words = s.split()
                k = rng.randrange(1, len(words))
                words.insert(k, rng.choice(PHRASES)[1])
                s = " ".join(words)
            lines.append(s)
        out.append("\n".join(lines) + "\n")
    return out


def _warm(tr) -> None:
    """Load and run one generate() before measuring: the first call pays one-off setup costs."""
    tr.load()
    tr.translate(["warm up"], "vi")
    tr.stats = type(tr.stats)()


def measure(model_dir: Path, texts: list[str], glossaries: bool, across_files: bool = False) -> dict:
    cleaner = Cleaner(Config(model=model_dir, builtin_glossary=glossaries))
    info = read_info(model_dir, explicit=True)
    from normalize.resolve.model import translator_for

    tr = translator_for(cleaner.context, info)
    _warm(tr)
    edits = unresolved = 0
    if across_files:
        from normalize.resolve.model import prefetch

        prefetch(cleaner, texts)
    for t in texts:
        r = cleaner.clean_and_explain(t)
        edits += sum(1 for e in r.edits if e.rule == "model")
        unresolved += len(r.unresolved)
    s = tr.stats
    return {"requests": s.requests, "tokens_in": s.tokens_in, "tokens_out": s.tokens_out, "seconds": s.seconds,
            "model_edits": edits, "unresolved": unresolved}


def measure_whole(model_dir: Path, texts: list[str]) -> dict:
    tr = Translator(read_info(model_dir, explicit=True))
    _warm(tr)
    for t in texts:
        # The article once: the re-translation workflow would also drop the site's duplicate copy.
        tr.translate(sentences(t), "vi")
    s = tr.stats
    return {"requests": s.requests, "tokens_in": s.tokens_in, "tokens_out": s.tokens_out, "seconds": s.seconds}


def _row(name: str, d: dict) -> str:
    return (f"{name:<34} {d['requests']:>8} {d['tokens_in']:>9} {d['tokens_out']:>9} "
            f"{d['tokens_in'] + d['tokens_out']:>9} {d['seconds']:>8.2f}")


def report(title: str, frag: dict, whole: dict, extra: dict | None = None, batched: dict | None = None) -> float:
    print(f"\n## {title}\n")
    print(f"{'':<34} {'requests':>8} {'tok in':>9} {'tok out':>9} {'tokens':>9} {'gen s':>8}")
    print(_row("whole-article re-translation", whole))
    print(_row("fragments only (glossaries off)", frag))
    if extra is not None:
        print(_row("fragments only (glossaries on)", extra))
    if batched is not None:
        print(_row("fragments, batched across files", batched))
        print(f"  (batched across files: {batched['seconds']:.2f} s, "
              f"{whole['seconds'] / batched['seconds'] if batched['seconds'] else float('inf'):.1f}x less generation time)")
    ft = frag["tokens_in"] + frag["tokens_out"]
    wt = whole["tokens_in"] + whole["tokens_out"]
    ratio = wt / ft if ft else float("inf")
    in_ratio = whole["tokens_in"] / frag["tokens_in"] if frag["tokens_in"] else float("inf")
    t_ratio = whole["seconds"] / frag["seconds"] if frag["seconds"] else float("inf")
    print(f"\nless model work: {in_ratio:.1f}x input tokens, {ratio:.1f}x tokens in+out, {t_ratio:.1f}x generation "
          f"time ({frag['model_edits']} model edits, {frag['unresolved']} findings left reported)")
    ratio = min(ratio, in_ratio)
    return ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, help="model directory (default: build the tiny test model)")
    ap.add_argument("--articles", type=int, default=40, help="size of the generated set")
    # The example article has 2 distinct leftovers in 29 sentences (one in 15); 1 in 10 is denser.
    ap.add_argument("--rate", type=float, default=0.1, help="share of generated sentences given a leftover")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (1: measures work with less noise on a shared machine)")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        model = args.model
        if model is None:
            from tiny_model import build_tiny_model

            t0 = time.perf_counter()
            model = build_tiny_model(Path(tmp) / "tiny-good", "good")
            print(f"built tiny model in {time.perf_counter() - t0:.1f} s")
        article = (ROOT / "examples" / "gate-kuala-lumpur.txt").read_text(encoding="utf-8")
        # The site printed the body twice; a re-translation would translate the article once.
        once = article[: article.index("SN_Nour") + len("SN_Nour")] if "SN_Nour" in article else article
        ratio = report(
            "examples/gate-kuala-lumpur.txt",
            measure(model, [article], glossaries=False),
            measure_whole(model, [once]),
            measure(model, [article], glossaries=True),
        )
        gen = generated_articles(once, args.articles, args.rate)
        report(f"generated set: {len(gen)} articles, {sum(len(sentences(g)) for g in gen)} sentences, "
               f"leftover rate {args.rate}",
               measure(model, gen, glossaries=False), measure_whole(model, gen),
               batched=measure(model, gen, glossaries=False, across_files=True))
    print(f"\nexample article: {'PASS' if ratio >= 20 else 'FAIL'} (>= 20x less model work)")
    return 0 if ratio >= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
