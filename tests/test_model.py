"""The translation-model fallback: guards, alignment, discovery and routing (fast, pure Python), and
the real path through transformers with tiny models trained by tests/tiny_model.py (``-m model``).

The model tests build three models once per session (good, echo, babble: about 30-60 s on two
cores) and then run ``normalize fix --model DIR`` through the real CLI, loading and generation code.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import normalize.resolve.model  # noqa: F401  registers the rule even before rules._MODULES lists it
from normalize import Cleaner, Config
from normalize.translate import Window, align, check, discover, missing_message, read_info, route

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _cases(name):
    path = HERE / "data" / name
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert cases, f"no cases in {path}"
    return pytest.mark.parametrize("case", cases, ids=[c["id"] for c in cases])


# -- guards and alignment: data-driven, no model ----------------------------------------------------


@_cases("model-guards.jsonl")
def test_guard(case):
    assert check(case["source"], case["output"]) == case["reason"]


@_cases("model-align.jsonl")
def test_align(case):
    aligned, why = align(Window(case["left"], case["fragment"], case["right"]), case["output"])
    assert (aligned.text if aligned else None) == case.get("expect")
    assert why == case.get("error")
    if aligned:
        assert case["output"][aligned.start : aligned.end] == aligned.text


# -- discovery and routing: directories with config files only ------------------------------------


def _fake_model(path: Path, name_or_path: str = "", model_type: str = "marian", tokenizer: dict | None = None) -> Path:
    path.mkdir(parents=True)
    cfg = {"model_type": model_type}
    if name_or_path:
        cfg["_name_or_path"] = name_or_path
    (path / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    (path / "model.safetensors").write_bytes(b"\0" * 16)
    if tokenizer is not None:
        (path / "tokenizer_config.json").write_text(json.dumps(tokenizer), encoding="utf-8")
    return path


def test_discovery_and_routing(tmp_path):
    d = tmp_path / "models"
    _fake_model(d / "vi-en", "Helsinki-NLP/opus-mt-vi-en")
    _fake_model(d / "mul-en")
    _fake_model(d / "opus-mt-zh-en")
    _fake_model(d / "m2m100_418M", model_type="m2m_100", tokenizer={"tokenizer_class": "M2M100Tokenizer"})
    _fake_model(d / "unnamed")  # says nothing about its languages: never routed to
    (d / "notes").mkdir()
    found = {m.path.name: m for m in discover(None, d)}
    assert sorted(found) == ["m2m100_418M", "mul-en", "opus-mt-zh-en", "unnamed", "vi-en"]
    assert found["vi-en"].id == "Helsinki-NLP/opus-mt-vi-en"
    assert found["mul-en"].id == "mul-en" and found["mul-en"].sources is None
    assert found["m2m100_418M"].codes == "m2m100"
    models = list(found.values())
    assert route("vi", models).path.name == "vi-en"
    assert route("zh-Hans", models).path.name == "opus-mt-zh-en"
    assert route("ko", models).path.name in ("m2m100_418M", "mul-en")  # a multilingual model serves the rest
    assert route("und", models).path.name == "mul-en"  # M2M100 needs a language code
    assert route("vi", [found["unnamed"]]) is None


def test_explicit_model_wins_and_serves_its_pair(tmp_path):
    explicit = read_info(_fake_model(tmp_path / "my-zh-en"), explicit=True)
    pair = read_info(_fake_model(tmp_path / "d" / "zh-en"))
    assert route("zh", [pair, explicit]) is explicit
    assert route("vi", [explicit]) is None  # its name says zh-en
    unknown = read_info(_fake_model(tmp_path / "whatever"), explicit=True)
    assert route("vi", [unknown]) is unknown  # chosen by the user, languages unknown: serves all


def test_missing_model_message():
    assert missing_message("vi", Path("/m"), None) == (
        "no model for vi-en (no vi-en/ or mul-en/ under /m): see models/README.md#installing-models"
    )
    assert missing_message("zh-Hant", None, None) == (
        "no model for zh-en (no --model or --models-dir given): see models/README.md#installing-models"
    )


def test_no_model_reports_and_leaves_text_without_importing_torch(tmp_path):
    # A fresh interpreter: the fallback must not import torch/transformers when there is no model.
    code = (
        "import sys, normalize.resolve.model\n"
        "from pathlib import Path\n"
        "from normalize import Cleaner, Config\n"
        f"r = Cleaner(Config(models_dir=Path({str(tmp_path)!r}))).clean_and_explain('Sales of đậu nành were higher.')\n"
        "assert r.output == r.input, r.output\n"
        "assert r.model_wanted == (('vi', 1),), r.model_wanted\n"
        "assert 'no model' not in r.unresolved[0].evidence, r.unresolved[0].evidence\n"
        "from normalize.resolve.model import hint\n"
        f"print(hint(dict(r.model_wanted), None, Path({str(tmp_path)!r})))\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == (f"hint: a local translation model could take 1 unresolved leftover(s) (1 vi); "
                           f"none under {tmp_path}: install vi-en (see models/README.md#installing-models)")


def test_one_hint_per_run_not_a_note_per_finding(tmp_path):
    # Two files, three leftovers no model serves: the flags carry no model note; the run ends
    # with one hint that counts them all.
    from normalize.cli import main

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Sales of đậu nành rose. Exports of hạt điều fell.\n", encoding="utf-8")
    b.write_text("the report on 首页导航 this week.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(a), str(b)])
    assert res.exit_code == 1
    assert "models/README.md" not in res.stdout
    hints = [ln for ln in res.stderr.splitlines() if ln.startswith("hint:")]
    assert hints == ["hint: a local translation model could take 3 unresolved leftover(s) (2 vi, 1 zh); "
                     "no --model or --models-dir given: install vi-en, zh-en (see models/README.md#installing-models)"]


# -- the real path: tiny trained models -----------------------------------------------------------


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    sys.path.insert(0, str(HERE))
    from tiny_model import build_tiny_model

    base = tmp_path_factory.mktemp("tiny-models")
    return {kind: build_tiny_model(base / f"tiny-{kind}", kind) for kind in ("good", "echo", "babble")}


def _fix(args, text):
    from normalize.cli import main

    return CliRunner().invoke(main, ["fix", "--explain", *args], input=text)


GOOD_SENTENCE = "officials met with Nền tảng quảng bá again."


@pytest.mark.model
def test_cli_fix_uses_model_and_explains(tiny):
    res = _fix(["--model", str(tiny["good"])], GOOD_SENTENCE)
    assert res.exit_code == 0, res.output
    assert res.stdout == "officials met with promotion platform again."
    assert "[-Nền tảng quảng bá-]{+promotion platform+} again." in res.stderr and "(model:tiny-good, 0.85)" in res.stderr


@pytest.mark.model
def test_cli_without_model_reports_and_keeps_text(tiny, tmp_path):
    res = _fix(["--models-dir", str(tmp_path)], GOOD_SENTENCE)
    assert res.stdout == GOOD_SENTENCE
    assert "(vi, left unchanged)" in res.stderr
    assert res.stderr.count("models/README.md#installing-models") == 1
    assert "hint: a local translation model could take 1 unresolved leftover(s) (1 vi)" in res.stderr


@pytest.mark.model
def test_models_dir_routes_by_language(tiny, tmp_path):
    shutil.copytree(tiny["good"], tmp_path / "vi-en")
    text = "the report on 首页导航 this week. prices rose in đậu nành, analysts said."
    r = Cleaner(Config(models_dir=tmp_path)).clean_and_explain(text)
    assert r.output == "the report on 首页导航 this week. prices rose in soybeans, analysts said."
    (edit,) = r.edits
    assert edit.source == "model:vi-en" and edit.rule == "model" and 0.5 <= edit.confidence <= 0.85
    (left,) = r.unresolved
    assert left.text == "首页导航" and r.model_wanted == (("zh", 1),)


@pytest.mark.model
def test_resolver_on_a_constructed_finding(tiny):
    # "tháng 10" (October) is not flagged by the detectors (no Vietnamese-only letter); the resolver
    # still translates any finding it is given, in context.
    from normalize.document import Document
    from normalize.pipeline import Context
    from normalize.records import Finding
    from normalize.resolve.model import resolve_model

    text = "prices rose in tháng 10, analysts said."
    f = Finding(15, 23, "tháng 10", kind="vietnamese", rule="vietnamese", language="vi")
    (cand,) = resolve_model((f,), Document(text), Context(Config(model=tiny["good"])))[f]
    assert (cand.replacement, cand.source, cand.rule) == ("October", "model:tiny-good", "model")


@pytest.mark.model
def test_nfd_input_same_result(tiny):
    import unicodedata

    nfd = unicodedata.normalize("NFD", GOOD_SENTENCE)
    r = Cleaner(Config(model=tiny["good"])).clean_and_explain(nfd)
    assert r.output == "officials met with promotion platform again."
    assert r.edits[0].old == nfd[19:19 + len(r.edits[0].old)] and r.edits[0].old.startswith("Ne\N{COMBINING CIRCUMFLEX ACCENT}")


@pytest.mark.model
def test_hashtag_becomes_one_tag(tiny):
    r = Cleaner(Config(model=tiny["good"])).clean_and_explain("Watch #鲍威尔讲话 now")
    assert r.output == "Watch #PowellSpeech now"


@pytest.mark.model
@pytest.mark.parametrize(
    "kind, text, reason",
    [
        ("echo", "prices rose in đậu nành, analysts said.", "rejected, translation merely copies the input"),
        ("echo", "#鲍威尔讲话", "rejected, translation merely copies the input"),
        ("babble", "#鲍威尔讲话", "rejected, translation repeats itself (repeated sequence 'the the market market')"),
        ("babble", GOOD_SENTENCE, "rejected, the words before the fragment ('with') are not in the translation"),
    ],
)
def test_guards_reject_bad_models(tiny, kind, text, reason):
    r = Cleaner(Config(model=tiny[kind])).clean_and_explain(text)
    assert r.output == text and not r.edits
    (f,) = r.unresolved
    assert f"model tiny-{kind} answered" in f.evidence and reason in f.evidence


@pytest.mark.model
def test_batches_per_document_and_caches_across_documents(tiny):
    from normalize.resolve.model import translator_for

    cleaner = Cleaner(Config(model=tiny["good"]))
    text = "prices rose in đậu nành, analysts said.\nofficials met with Nền tảng quảng bá again.\nthe report on 首页导航 this week."
    r = cleaner.clean_and_explain(text)
    assert r.output == "prices rose in soybeans, analysts said.\nofficials met with promotion platform again.\nthe report on home page navigation this week."
    tr = next(iter(cleaner.context.cache["model"].translators.values()))
    assert (tr.stats.calls, tr.stats.requests) == (2, 3)  # one generate() per language of the document
    again = cleaner.clean_and_explain("prices rose in đậu nành, analysts said.")
    assert again.output == "prices rose in soybeans, analysts said."
    assert (tr.stats.calls, tr.stats.requests) == (2, 3)  # every (model, fragment, context) was cached
    assert translator_for(cleaner.context, tr.info) is tr
    assert cleaner.clean(r.output) == r.output  # idempotent


@pytest.mark.model
def test_prefetch_batches_across_files(tiny):
    from normalize.resolve.model import prefetch

    cleaner = Cleaner(Config(model=tiny["good"]))
    docs = ["prices rose in đậu nành, analysts said.", GOOD_SENTENCE, "news about người nông dân this week."]
    prefetch(cleaner, docs)
    tr = next(iter(cleaner.context.cache["model"].translators.values()))
    assert (tr.stats.calls, tr.stats.requests) == (1, 3)  # three files, one generate() call
    outs = [cleaner.clean(d) for d in docs]
    assert outs[1] == "officials met with promotion platform again."
    assert (tr.stats.calls, tr.stats.requests) == (1, 3)  # cleaning used the verdicts


@pytest.mark.model
def test_broken_model_fails_before_any_text(tiny, tmp_path):
    from normalize.errors import ModelError

    broken = tmp_path / "vi-en"
    shutil.copytree(tiny["good"], broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelError) as info:
        Cleaner(Config(models_dir=tmp_path))
    assert str(info.value) == (
        f"--models-dir {tmp_path}: vi-en/ exists but is unusable: model.safetensors is not a safetensors file "
        "(no valid header) (see models/README.md#layout)"
    )


@pytest.mark.model
@pytest.mark.parametrize("mode", [["fix"], ["fix", "--explain"], ["check"], ["check", "--format", "json"]], ids=" ".join)
def test_model_that_only_torch_finds_broken_is_exit_3(tiny, tmp_path, mode):
    # Files that pass the cheap checks but do not load: the first use raises, the run stops, exit 3.
    from normalize.cli import main

    broken = tmp_path / "vi-en"
    shutil.copytree(tiny["good"], broken)
    (broken / "source.spm").write_bytes(b"garbage, not a sentencepiece model")
    res = CliRunner().invoke(main, [*mode, "--models-dir", str(tmp_path)], input=GOOD_SENTENCE)
    assert res.exit_code == 3
    assert res.stdout == ""
    assert res.stderr.startswith(f"normalize: error: {broken}: cannot load model vi-en: ")
    assert res.stderr.count("\n") == 1  # one line: no transformers load report


@pytest.mark.model
def test_beam_search_scores_like_greedy(tiny):
    from normalize.translate import Translator

    info = read_info(tiny["good"], explicit=True)
    greedy, beam = Translator(info, num_beams=1), Translator(info, num_beams=3)
    (g,), (b,) = greedy.translate([GOOD_SENTENCE], "vi"), beam.translate([GOOD_SENTENCE], "vi")
    assert g.text == b.text == "officials met with promotion platform again."
    assert len(b.logprobs) == len(b.ends) and b.ends[-1] == len(b.text)
    assert 0.5 < b.prob() <= 1.0 and abs(b.prob() - g.prob()) < 0.05


@pytest.mark.model
def test_language_code_models_run(tiny, tmp_path):
    # M2M100/NLLB: routed to for any detected language, source set on the tokenizer, English forced.
    from tiny_model import build_random_m2m100

    build_random_m2m100(tmp_path / "m2m100_tiny")
    (info,) = discover(None, tmp_path)
    assert (info.family, info.codes, info.sources) == ("m2m100", "m2m100", None)
    r = Cleaner(Config(models_dir=tmp_path)).clean_and_explain("prices rose in đậu nành, analysts said.")
    assert r.output == r.input  # an untrained model's answer never passes the guards
    assert "model m2m100_tiny answered '" in r.unresolved[0].evidence
    assert "__en__" not in r.unresolved[0].evidence  # the forced language token is not text


@pytest.mark.model
def test_models_commands(tiny, tmp_path):
    from normalize.commands.models import models

    shutil.copytree(tiny["good"], tmp_path / "vi-en")
    runner = CliRunner()
    listed = runner.invoke(models, ["list", "--models-dir", str(tmp_path)])
    assert listed.exit_code == 0 and listed.output.split()[:3] == ["vi-en", "vi", "->"]
    ok = runner.invoke(models, ["check", "--models-dir", str(tmp_path), "--probe", "vi", GOOD_SENTENCE, "promotion"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("OK      vi-en (vi -> en, marian, cpu): load ")
    suspect = runner.invoke(models, ["check", "--models-dir", str(tmp_path)])  # cannot say "capital"
    assert suspect.exit_code == 1 and suspect.output.startswith("SUSPECT vi-en")
    none = runner.invoke(models, ["check", "--models-dir", str(tmp_path / "empty")])
    assert none.exit_code == 1 and "no translation models found" in none.stderr
