"""The transformers seq2seq backend: load a local model, translate batches, score the output.

transformers and torch are imported in :meth:`Translator.load`, never at module import (the
package must import in milliseconds; importing torch + transformers costs about 8 s on a 2-core machine).
transformers 5.x removed the ``translation`` pipeline, so this is tokenizer + ``model.generate()``.
Nothing reaches a hub: every ``from_pretrained`` call gets ``local_files_only=True`` and the
offline switches are set before transformers is imported.
"""

from __future__ import annotations

import math
import os
import time
import warnings
from dataclasses import dataclass, field
from typing import Sequence

from ..errors import ModelError
from . import langs
from .discovery import ModelInfo

#: Requests per ``generate()`` call. Sorted by length before batching, so padding stays small.
BATCH_SIZE = 16
#: Output budget per request: English needs at most ~3 tokens per source token for CJK input in
#: OPUS-MT vocabularies; anything longer is a runaway decoder the guards would reject anyway.
MAX_NEW_PER_INPUT, MAX_NEW_EXTRA, MAX_NEW_CAP = 3, 10, 256


@dataclass(frozen=True)
class Output:
    """One translation with per-token log-probabilities, to score any part of it."""

    text: str
    logprobs: tuple[float, ...] = ()
    #: Character offset in ``text`` where each generated token ends.
    ends: tuple[int, ...] = ()

    def prob(self, start: int = 0, end: int | None = None) -> float:
        """Geometric-mean probability of the tokens that overlap ``text[start:end]``."""
        end = len(self.text) if end is None else end
        picked = []
        prev = 0
        for lp, e in zip(self.logprobs, self.ends):
            if e > start and prev < end and e > prev:
                picked.append(lp)
            prev = e
        if not picked:
            picked = list(self.logprobs)
        return math.exp(sum(picked) / len(picked)) if picked else 0.0


@dataclass
class Stats:
    """Model work, for ``normalize models check`` and benchmarks/bench_model.py."""

    calls: int = 0
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0

    @property
    def tokens(self) -> int:
        return self.tokens_in + self.tokens_out


@dataclass
class Translator:
    info: ModelInfo
    device: str = "cpu"
    batch_size: int = BATCH_SIZE
    #: None = the model's own generation config (OPUS-MT ships num_beams 4-6).
    num_beams: int | None = None
    stats: Stats = field(default_factory=Stats)
    _tok: object = field(default=None, repr=False)
    _model: object = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.info.id

    def load(self) -> None:
        if self._model is not None:
            return
        t0 = time.perf_counter()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch  # noqa: F401  (fails early with a clear message when the extra is missing)
            import transformers
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError as exc:
            raise ModelError(
                f"the model backend needs transformers, torch and sentencepiece: pip install 'normalize[model]' ({exc})"
            ) from exc
        transformers.utils.logging.disable_progress_bar()
        path = self.info.path
        if not path.is_dir():
            raise ModelError(f"{path}: model directory not found (see models/README.md#layout)")
        verbosity = transformers.utils.logging.get_verbosity()
        # The load report (a table per mismatched tensor) is noise next to the one-line ModelError.
        transformers.utils.logging.set_verbosity_error()
        try:
            with warnings.catch_warnings():
                # MarianTokenizer recommends sacremoses for punctuation normalisation it does not need here.
                warnings.filterwarnings("ignore", message=".*sacremoses.*")
                tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                model = AutoModelForSeq2SeqLM.from_pretrained(str(path), local_files_only=True)
            model.to(self.device)
            model.eval()
        except Exception as exc:  # transformers raises OSError/ValueError/KeyError/RuntimeError here
            first = (str(exc).strip().splitlines() or [""])[0]
            raise ModelError(f"{path}: cannot load model {self.id}: {type(exc).__name__}: {first}") from exc
        finally:
            transformers.utils.logging.set_verbosity(verbosity)
        self._tok, self._model = tok, model
        self.stats.load_seconds += time.perf_counter() - t0

    def _language_kwargs(self, language: str) -> dict:
        """Source/target language tokens for M2M100 and NLLB; nothing for Marian pair models."""
        if not self.info.codes:
            return {}
        tok = self._tok
        if self.info.codes == "nllb":
            src, tgt = langs.flores(language), "eng_Latn"
        else:
            src, tgt = langs.primary(language), "en"
        if not src:
            raise ModelError(f"{self.id}: no language code for {language!r}")
        tok.src_lang = src
        tgt_id = tok.get_lang_id(tgt) if hasattr(tok, "get_lang_id") else tok.convert_tokens_to_ids(tgt)
        return {"forced_bos_token_id": tgt_id}

    def translate(self, texts: Sequence[str], language: str = "und") -> list[Output]:
        """Translate ``texts`` (all in ``language``) into English, batched; order preserved."""
        import torch

        self.load()
        tok, model = self._tok, self._model
        results: list[Output | None] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        t0 = time.perf_counter()
        extra = self._language_kwargs(language)
        # Inputs and outputs beyond the learnt positions crash the embedding lookup (OPUS-MT: 512).
        limit = min(512, int(getattr(model.config, "max_position_embeddings", 512) or 512))
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            enc = tok([texts[i] for i in idx], return_tensors="pt", padding=True, truncation=True, max_length=limit)
            enc = {k: v.to(self.device) for k, v in enc.items()}
            n_in = int(enc["attention_mask"].sum())
            width = enc["input_ids"].shape[1]
            beams = self.num_beams or getattr(model.generation_config, "num_beams", 1) or 1
            with torch.inference_mode():
                gen = model.generate(
                    **enc,
                    num_beams=beams,
                    max_new_tokens=min(MAX_NEW_CAP, limit - 1, width * MAX_NEW_PER_INPUT + MAX_NEW_EXTRA),
                    max_length=None,
                    output_scores=True,
                    return_dict_in_generate=True,
                    **extra,
                )
                scores = model.compute_transition_scores(
                    gen.sequences, gen.scores, getattr(gen, "beam_indices", None), normalize_logits=beams == 1
                )
            seqs = gen.sequences[:, 1:].tolist()  # drop the decoder start token
            scores = scores.tolist()
            # Language-code tokens (M2M100 "__en__", NLLB "eng_Latn") are not text either.
            special = set(tok.all_special_ids) | set(getattr(tok, "lang_token_to_id", {}).values())
            if "forced_bos_token_id" in extra:
                special.add(extra["forced_bos_token_id"])
            for row, i in enumerate(idx):
                ids, lps = [], []
                for t, lp in zip(seqs[row], scores[row]):
                    if t == tok.pad_token_id and not ids:
                        continue
                    if t in special:
                        if t == tok.eos_token_id:
                            break
                        continue
                    ids.append(t)
                    lps.append(float(lp) if math.isfinite(lp) else -50.0)
                text = tok.decode(ids, skip_special_tokens=True)
                ends = tuple(min(len(text), len(tok.decode(ids[: k + 1], skip_special_tokens=True))) for k in range(len(ids)))
                results[i] = Output(text, tuple(lps), ends)
                self.stats.tokens_out += len(ids) + 1  # + end of sequence
            self.stats.tokens_in += n_in
            self.stats.calls += 1
        self.stats.requests += len(texts)
        self.stats.seconds += time.perf_counter() - t0
        return [r for r in results]  # type: ignore[misc]
