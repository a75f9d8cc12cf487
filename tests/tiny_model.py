"""Build tiny, really-trained Marian translation models from code, for the model tests and the benchmark.

Nothing is downloaded: a sentencepiece model is trained on generated lines, a Marian ``vocab.json`` is
written around it, a :class:`transformers.MarianConfig` with tiny dimensions is instantiated and trained
for a few seconds on a synthetic phrase table embedded in short English contexts. The result is a
directory that loads with ``AutoTokenizer`` / ``AutoModelForSeq2SeqLM`` exactly like an OPUS-MT model,
so the tests go through the real loading and generation code.

Three kinds (``kind=``):

- ``good``: translates the phrases of :data:`PHRASES` inside a context window of English words, copying
  the English (the shape of input the ``model`` resolver sends: see ``normalize/translate/context.py``);
- ``echo``: copies its input unchanged (what a model does when it does not know the source language);
- ``babble``: answers every input with the same long repetitive word salad (a degenerate decoder).

The recipe (vocab layout, ``decoder_start_token_id`` = pad, ``hard_vocab_limit=False``) is the one
that builds, loads and generates fully offline (about 0.5 s after the imports).
"""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

#: (source language, source phrase, English). Languages are mixed on purpose: the same tiny model
#: serves as ``vi-en``, ``zh-en`` or ``mul-en`` depending on the directory it is placed in.
PHRASES: tuple[tuple[str, str, str], ...] = (
    ("vi", "tháng 10", "October"),
    ("vi", "tháng mười", "October"),
    ("vi", "tháng mười một", "November"),
    ("vi", "đậu nành", "soybeans"),
    ("vi", "người nông dân", "farmers"),
    ("vi", "Nền tảng quảng bá", "promotion platform"),
    ("vi", "Bộ Tài chính", "the Ministry of Finance"),
    ("zh", "首页导航", "home page navigation"),
    ("zh", "美联储", "the Fed"),
    ("zh", "鲍威尔讲话", "Powell speech"),
)

# A small closed English vocabulary for the contexts: the model learns to copy these words around
# the phrase it translates.
_LEFT = (
    "prices rose in", "the meeting was held in", "talks resumed in", "exports fell in",
    "he said that", "officials met with", "the report on", "sales of", "a deal for",
    "we saw", "they bought", "the plan for", "news about", "data from",
)
_RIGHT = (
    "last year", ", analysts said", "and China", "on Monday", "for the market", "again",
    ", he added", "this week", "in Asia", "were higher", "were lower", "at home",
)
_END = ("", ".", "")

#: Step limits per kind; training stops earlier once the smoothed loss is below ``target_loss``
#: (the good model needs about 280 steps with seed 0, the bad ones under 150).
_STEPS = {"good": 600, "echo": 300, "babble": 300}

#: Requests the tests send to the bad models (the ``model`` resolver's windows for the test
#: sentences: whole short sentences, and hashtag bodies alone).
PROBES: tuple[str, ...] = (
    "prices rose in đậu nành, analysts said.",
    "officials met with Nền tảng quảng bá again.",
    "鲍威尔讲话",
    "首页导航",
)

#: A fixed degenerate answer for the ``babble`` model.
BABBLE = "the the market market the the market market the the market market"


def _pairs(kind: str, rng: random.Random, n: int) -> list[tuple[str, str]]:
    out = []
    for _ in range(n):
        lang, src, tgt = rng.choice(PHRASES)
        left = rng.choice(_LEFT) if rng.random() < 0.75 else ""
        right = rng.choice(_RIGHT) if rng.random() < 0.75 else ""
        end = rng.choice(_END)
        if left and rng.random() < 0.3:
            left = left.split(" ", 1)[-1]
        s = " ".join(x for x in (left, src, right) if x).replace(" ,", ",") + end
        t = " ".join(x for x in (left, tgt, right) if x).replace(" ,", ",") + end
        if left == "" and s[:1].islower() and rng.random() < 0.5:
            s, t = s[:1].upper() + s[1:], t[:1].upper() + t[1:]
        if kind == "echo":
            t = s
        elif kind == "babble":
            t = BABBLE
        out.append((s, t))
    return out


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> None:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # a small corpus cannot fill a fixed vocabulary
        character_coverage=1.0,  # keep every Vietnamese letter and Han character
        normalization_rule_name="identity",
        model_type="unigram",
        minloglevel=2,
    )


def build_tiny_model(out_dir: Path, kind: str = "good", seed: int = 0, steps: int | None = None, name: str | None = None,
    batch_size: int = 64, lr: float = 6e-3, target_loss: float = 0.02, min_steps: int = 50, log=None) -> Path:
    """Train and save a tiny Marian model of ``kind`` into ``out_dir`` (created); return ``out_dir``."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    if kind not in _STEPS:
        raise ValueError(f"unknown tiny model kind {kind!r}")
    steps = _STEPS[kind] if steps is None else steps
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    torch.manual_seed(seed)

    if kind == "good":
        pairs = _pairs(kind, rng, 2000)
    else:
        # The bad models only need to misbehave on what the tests send (PROBES): memorising a few
        # pairs takes a fraction of the time the good model needs to generalise over contexts.
        pairs = [(p, p if kind == "echo" else BABBLE) for p in PROBES] * 8
    # The vocabulary always covers the whole phrase table, so every kind tokenises the same inputs.
    corpus = [s for s, _ in pairs] + [t for _, t in pairs] + [s for s, _ in _pairs("good", random.Random(seed), 300)]
    _train_spm(corpus, out_dir / "spm", vocab_size=400)
    for target in ("source.spm", "target.spm"):
        (out_dir / target).write_bytes((out_dir / "spm.model").read_bytes())
    pieces = [line.split("\t")[0] for line in (out_dir / "spm.vocab").read_text(encoding="utf-8").splitlines()]
    (out_dir / "spm.model").unlink()
    (out_dir / "spm.vocab").unlink()
    # Marian layout: </s> = 0, <unk> = 1, pieces, <pad> last (<unk> must exist).
    vocab = {"</s>": 0, "<unk>": 1}
    for p in pieces:
        if p not in vocab and p not in ("<s>", "<pad>"):
            vocab[p] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out_dir / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "MarianTokenizer", "source_lang": "mul", "target_lang": "en", "model_max_length": 128}),
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")  # punctuation normaliser, not needed
        tok = MarianTokenizer(str(out_dir / "source.spm"), str(out_dir / "target.spm"), str(out_dir / "vocab.json"))

    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=64,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=128,
        decoder_ffn_dim=128,
        max_position_embeddings=128,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        num_beams=1,
        max_length=64,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    model.train()
    # Tokenise once, pad per batch: tokenising inside the loop costs as much as the training step.
    src_ids = [tok(s)["input_ids"] for s, _ in pairs]
    tgt_ids = [tok(text_target=t)["input_ids"] for _, t in pairs]

    def _pad(seqs, fill):
        width = max(len(x) for x in seqs)
        return torch.tensor([x + [fill] * (width - len(x)) for x in seqs])

    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    threads = torch.get_num_threads()
    # One thread: at this size a step is dominated by per-op overhead, and two threads spin against
    # each other (and against other processes) on a 2-core machine. Also makes runs reproducible.
    torch.set_num_threads(1)
    avg = None
    for step in range(steps):
        idx = rng.sample(range(len(pairs)), min(batch_size, len(pairs)))
        input_ids = _pad([src_ids[i] for i in idx], pad)
        labels = _pad([tgt_ids[i] for i in idx], -100)
        loss = model(input_ids=input_ids, attention_mask=(input_ids != pad).long(), labels=labels).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
        avg = loss.item() if avg is None else 0.9 * avg + 0.1 * loss.item()
        if log:
            log(step, avg)
        if step >= min_steps and avg < target_loss:
            break  # the phrase table is learnt: stop early (deterministic for a given seed)
    torch.set_num_threads(threads)
    model.eval()
    model.generation_config.num_beams = 1
    model.generation_config.max_length = 64
    model.save_pretrained(out_dir)
    tok.save_pretrained(out_dir)
    if name:
        cfg = json.loads((out_dir / "config.json").read_text(encoding="utf-8"))
        cfg["_name_or_path"] = name
        (out_dir / "config.json").write_text(json.dumps(cfg, indent=2), encoding="utf-8")
    return out_dir


if __name__ == "__main__":  # python tests/tiny_model.py OUT_DIR [KIND]: build one by hand
    import sys
    import time

    t0 = time.perf_counter()
    d = build_tiny_model(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "good")
    print(f"built {d} in {time.perf_counter() - t0:.1f} s")


def build_random_m2m100(out_dir: Path, seed: int = 0) -> Path:
    """An untrained, tiny M2M100 (the architecture NLLB shares) with a real M2M100Tokenizer.

    It translates nothing; it exists to run the language-code path of the backend (source
    language set on the tokenizer, English forced as the first generated token).
    """
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    lines = [s for s, _ in _pairs("good", random.Random(seed), 300)]
    _train_spm(lines, out_dir / "spm", vocab_size=300)
    (out_dir / "spm.model").rename(out_dir / "sentencepiece.bpe.model")
    pieces = [line.split("\t")[0] for line in (out_dir / "spm.vocab").read_text(encoding="utf-8").splitlines()]
    (out_dir / "spm.vocab").unlink()
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}  # fairseq order, as M2M100's vocab.json
    for p in pieces:
        vocab.setdefault(p, len(vocab))
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tok = M2M100Tokenizer(str(out_dir / "vocab.json"), str(out_dir / "sentencepiece.bpe.model"))
    config = M2M100Config(
        # Language tokens sit after the pieces and may be numbered past len(tok) (made-up words).
        vocab_size=max(len(tok), max(tok.lang_token_to_id.values()) + 1) + 8, d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=128,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
    )
    model = M2M100ForConditionalGeneration(config)
    model.generation_config.max_length = 32
    model.save_pretrained(out_dir)
    tok.save_pretrained(out_dir)
    return out_dir
