"""The ``model`` resolver: a local translation model for leftovers nothing else resolved.

Runs last (order 900) and receives only findings that the glossary and name rules left without a
confident candidate. For each finding it

1. routes by the finding's language to a model (``--model`` / ``--models-dir``; discovery.py);
   no model: the finding stays reported, and the run ends with one summary hint (how many
   leftovers a model could take, per language, and how to install one: :func:`hint`) instead of
   the same note on every finding;
2. builds the request: the fragment with up to eight words of its sentence on each side
   (normalize/translate/context.py explains the choice), hashtags alone;
3. translates every request of the document in batches, once per (model, fragment, context):
   the cache lives in ``ctx.cache`` and so is shared by every document a Cleaner processes;
4. aligns the answer back to the fragment and runs the output guards (guards.py); a rejected
   answer leaves the finding reported with the reason as a note.

Nothing here imports torch or transformers: the backend does, the first time a model is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ModelError
from ..records import Candidate, Finding
from ..rules import rule

#: Kinds of finding a translation can fix; ``document`` findings (site boilerplate) are not text.
_KINDS = frozenset({"script", "vietnamese", "name", "latin", "hashtag"})
#: Confidence = FLOOR + SPAN * p, where p is the geometric-mean probability the model gave the tokens
#: of the fragment's translation. With the default min_confidence 0.5 a translation needs p >= 0.3:
#: a model that hesitates between readings leaves the finding reported.
_FLOOR, _SPAN, _CAP = 0.35, 0.5, 0.85
#: Bound on cached translations per Cleaner (a translation is ~200 bytes).
_CACHE_MAX = 100_000
_STATE_KEY = "model"


@dataclass(frozen=True)
class Verdict:
    output: str
    replacement: str = ""
    confidence: float = 0.0
    rejected: str = ""  # why the answer was not used; "" = accepted


@dataclass
class _State:
    models: list | None = None
    translators: dict = field(default_factory=dict)
    broken: dict = field(default_factory=dict)
    verdicts: dict = field(default_factory=dict)
    #: While :func:`prefetch` runs its first pass: requests collected per (model, language).
    collecting: dict | None = None


def _state(ctx) -> _State:
    st = ctx.cache.get(_STATE_KEY)
    if st is None:
        st = ctx.cache[_STATE_KEY] = _State()
    return st


def _note(ctx, finding: Finding, message: str) -> None:
    if hasattr(ctx, "note"):
        ctx.note(finding, message)


def _want(ctx, finding: Finding, language: str) -> None:
    """Count ``finding`` toward the run's one "a model could take these" hint."""
    from ..translate.langs import primary

    wanted = getattr(ctx, "wanted", None)
    if wanted is not None:
        wanted[(finding.start, finding.end)] = primary(language)
    else:  # a context without the hint (a caller's own): keep the per-finding note
        from ..translate import missing_message

        _note(ctx, finding, missing_message(language, ctx.config.models_dir, ctx.config.model))


def hint(counts, model=None, models_dir=None) -> str:
    """One line for a run: how many leftovers no installed model serves, by language, and where
    installing one is explained ("" when there are none). ``counts`` maps language -> count
    (summed ``Result.model_wanted`` of every input)."""
    from ..translate import README_INSTALL
    from ..translate.langs import pair

    counts = {k: v for k, v in dict(counts).items() if v}
    if not counts:
        return ""
    total = sum(counts.values())
    by = ", ".join(f"{n} {lang}" for lang, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    pairs = ", ".join(pair(lang) if lang != "und" else "mul-en" for lang in sorted(counts))
    where = []
    if model is not None:
        where.append(f"--model {model} does not serve them")
    if models_dir is not None:
        where.append(f"none under {models_dir}")
    if not where:
        where.append("no --model or --models-dir given")
    return (f"hint: a local translation model could take {total} unresolved leftover(s) ({by}); "
            f"{'; '.join(where)}: install {pairs} (see {README_INSTALL})")


def translator_for(ctx, info):
    """The (lazily loaded) Translator for ``info``, shared through ``ctx.cache``."""
    from ..translate import Translator

    st = _state(ctx)
    tr = st.translators.get(info.path)
    if tr is None:
        tr = st.translators[info.path] = Translator(info, device=ctx.config.device)
    return tr


def judge(window, output) -> Verdict:
    """Align ``output`` to the window's fragment and run the guards."""
    from ..translate import align, check
    from ..translate.context import as_hashtag

    aligned, why = align(window, output.text)
    if aligned is None:
        return Verdict(output.text, rejected=why or "could not align")
    why = check(window.fragment, aligned.text)
    if why:
        return Verdict(output.text, rejected=why)
    p = output.prob(aligned.start, aligned.end)
    confidence = round(min(_CAP, _FLOOR + _SPAN * p), 3)
    text = as_hashtag(aligned.text) if window.mode == "hashtag" else aligned.text
    return Verdict(output.text, replacement=text, confidence=confidence)


def _translate(ctx, info, lang: str, windows) -> bool:
    """Translate and judge the windows not judged yet; False when the model fails on them
    (raises ModelError when it cannot be loaded at all)."""
    st = _state(ctx)
    todo = list(dict.fromkeys(w for w in windows if (info.path, w.key) not in st.verdicts))
    if not todo:
        return True
    tr = translator_for(ctx, info)
    tr.load()  # a model that cannot be loaded is an error for the whole run (ModelError), not a note
    try:
        outputs = tr.translate([w.text for w in todo], lang)
    except ModelError as exc:
        st.broken[info.path] = f"model {info.id} unusable: {exc}"
        return False
    if len(st.verdicts) > _CACHE_MAX:
        st.verdicts.clear()
    for w, o in zip(todo, outputs):
        st.verdicts[(info.path, w.key)] = judge(w, o)
    return True


def prefetch(cleaner, texts) -> None:
    """Batch the model work of many documents (files) before cleaning them one by one.

    Runs the pipeline once over ``texts`` with the model resolver only collecting its requests,
    translates them in full batches per (model, language), and leaves the verdicts in the
    Cleaner's cache: the real ``clean_and_explain`` calls that follow make no model call. The
    pipeline up to the resolver costs milliseconds per document; a generate() call costs far more,
    and fewer, fuller batches amortise it (benchmarks/bench_model.py).
    """
    ctx = cleaner.context
    st = _state(ctx)
    st.collecting = {}
    try:
        for text in texts:
            cleaner.clean_and_explain(text)
        pending, st.collecting = st.collecting, None
    finally:
        st.collecting = None
    for (info, lang), windows in pending.items():
        _translate(ctx, info, lang, list(windows))


@rule(
    "model",
    stage="resolve",
    order=900,
    description="translate leftovers nothing else resolved with a local translation model "
    "(--model / --models-dir), in context, behind output guards",
)
def resolve_model(findings, doc, ctx):
    from ..translate import discover, route, window_for
    from ..translate.langs import primary

    st = _state(ctx)
    config = ctx.config
    if st.models is None:
        st.models = discover(config.model, config.models_dir)
    groups: dict[tuple, list] = {}
    for f in findings:
        if f.kind not in _KINDS:
            continue
        lang = f.language
        if st.models and f.kind in ("latin", "vietnamese"):
            from ..detect.language import phrase_language

            lang = phrase_language(f.text, lang)  # a long phrase: langdetect picks the model
        info = route(lang, st.models)
        if info is None:
            _want(ctx, f, lang)
            continue
        if info.path in st.broken:
            _note(ctx, f, st.broken[info.path])
            continue
        groups.setdefault((info, primary(lang)), []).append((f, window_for(doc, f.start, f.end)))

    if st.collecting is not None:
        for (info, lang), items in groups.items():
            st.collecting.setdefault((info, lang), {}).update(dict.fromkeys(w for _, w in items))
        return {}
    out: dict[Finding, list[Candidate]] = {}
    for (info, lang), items in groups.items():
        if not _translate(ctx, info, lang, [w for _, w in items]):
            for f, _ in items:
                _note(ctx, f, st.broken[info.path])
            continue
        for f, w in items:
            v = st.verdicts[(info.path, w.key)]
            if v.rejected:
                shown = v.output if len(v.output) <= 120 else v.output[:117] + "..."
                _note(ctx, f, f"model {info.id} answered {shown!r} for {w.text!r}: rejected, {v.rejected}")
                out[f] = []
                continue
            out[f] = [
                Candidate(
                    replacement=v.replacement,
                    source=f"model:{info.id}",
                    confidence=v.confidence,
                    rule="model",
                    reason=f"translated by {info.id} in context: {w.text!r} -> {v.output!r}",
                    entity="label" if w.mode == "hashtag" else "phrase",
                )
            ]
    return out
