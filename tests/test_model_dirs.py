"""Model directories fail loudly and cheaply: what is wrong with each is found from its files, without
torch, before any text is processed (exit 3 in every mode); `models check` says it per directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import Cleaner, Config
from normalize.cli import main
from normalize.errors import ModelError
from normalize.translate.discovery import preflight, unusable

TESTS = Path(__file__).resolve().parent
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
LAYOUT = "(see models/README.md#layout)"


def _safetensors(nbytes: int = 8) -> bytes:
    header = json.dumps({"w": {"dtype": "F32", "shape": [nbytes // 4], "data_offsets": [0, nbytes]}}).encode()
    return len(header).to_bytes(8, "little") + header + b"\0" * nbytes


def fake_model(path: Path) -> Path:
    """The files a Marian model directory holds, with valid headers (not loadable weights)."""
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps({"model_type": "marian"}), encoding="utf-8")
    (path / "model.safetensors").write_bytes(_safetensors())
    for name in ("source.spm", "target.spm"):
        (path / name).write_bytes(b"\x0a\x05piece")
    (path / "vocab.json").write_text('{"</s>": 0}', encoding="utf-8")
    (path / "tokenizer_config.json").write_text("{}", encoding="utf-8")
    return path


def _rm(name):
    return lambda p: (p / name).unlink()


def _put(name, data):
    return lambda p: (p / name).write_bytes(data)


def _truncate(p):
    data = (p / "model.safetensors").read_bytes()
    (p / "model.safetensors").write_bytes(data[:-3])


def _bin(data):
    def damage(p):
        (p / "model.safetensors").unlink()
        (p / "pytorch_model.bin").write_bytes(data)
    return damage


def _index(p):
    (p / "model.safetensors").unlink()
    (p / "model.safetensors.index.json").write_text(
        json.dumps({"weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}}))
    (p / "model-00001-of-00002.safetensors").write_bytes(_safetensors())


def _other_config(p):
    header = json.dumps({"model.shared.weight": {"dtype": "F32", "shape": [2, 1], "data_offsets": [0, 8]}}).encode()
    (p / "model.safetensors").write_bytes(len(header).to_bytes(8, "little") + header + b"\0" * 8)
    (p / "config.json").write_text(json.dumps({"model_type": "marian", "d_model": 4, "vocab_size": 2}))


DAMAGES = [
    ("config-of-another-model", _other_config, "config.json says d_model 4, model.safetensors holds model.shared.weight of 2 x 1"),
    ("no-config", _rm("config.json"), "no config.json"),
    ("config-not-json", _put("config.json", b"{"),
     "config.json is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ("config-list", _put("config.json", b"[]"), "config.json is not a JSON object"),
    ("no-model-type", _put("config.json", b"{}"), "config.json has no model_type"),
    ("no-weights", _rm("model.safetensors"), "no weights (model.safetensors or pytorch_model.bin)"),
    ("weights-garbage", _put("model.safetensors", b"not a safetensors file"),
     "model.safetensors is not a safetensors file (no valid header)"),
    ("weights-truncated", _truncate, "model.safetensors is truncated: 74 bytes, its header needs 77"),
    ("bin-garbage", _bin(b"<html>404</html>"), "pytorch_model.bin is not a PyTorch checkpoint"),
    ("bin-truncated-zip", _bin(b"PK\x03\x04" + b"\0" * 64), "pytorch_model.bin is truncated (its zip directory is missing)"),
    ("shard-missing", _index, "model.safetensors.index.json names model-00002-of-00002.safetensors, which is missing"),
    ("no-spm", _rm("source.spm"), "a Marian tokenizer needs source.spm (or tokenizer.json)"),
    ("empty-spm", _put("target.spm", b""), "target.spm is empty"),
    ("vocab-not-json", _put("vocab.json", b'{"a": 1,'),
     "vocab.json is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"),
    ("tokenizer-json-cut", _put("tokenizer.json", b'{"version": "1.0", "model": {'), "tokenizer.json is not a complete JSON object"),
]


def test_fake_model_is_usable(tmp_path):
    assert unusable(fake_model(tmp_path / "vi-en")) is None
    assert unusable(tmp_path / "nothing") == "no such directory"


@pytest.mark.parametrize("damage, reason", [d[1:] for d in DAMAGES], ids=[d[0] for d in DAMAGES])
def test_what_is_wrong_with_a_model_directory(tmp_path, damage, reason):
    d = fake_model(tmp_path / "zh-en")
    damage(d)
    assert unusable(d) == reason
    with pytest.raises(ModelError) as info:
        Cleaner(Config(models_dir=tmp_path))
    assert str(info.value) == f"--models-dir {tmp_path}: zh-en/ exists but is unusable: {reason} {LAYOUT}"


def test_preflight_names_every_broken_directory_and_ignores_others(tmp_path):
    fake_model(tmp_path / "vi-en")
    (tmp_path / "zh-en").mkdir()
    fake_model(tmp_path / "opus-mt-ja-en")
    (tmp_path / "opus-mt-ja-en" / "config.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes").mkdir()  # not meant as a model: ignored
    (tmp_path / ".cache").mkdir()
    with pytest.raises(ModelError) as info:
        preflight(None, tmp_path)
    assert str(info.value) == (
        f"--models-dir {tmp_path}: opus-mt-ja-en/ exists but is unusable: config.json has no model_type; "
        f"--models-dir {tmp_path}: zh-en/ exists but is unusable: no config.json {LAYOUT}"
    )
    # the model rule switched off: models are not used, so not checked
    Cleaner(Config(models_dir=tmp_path, disabled_rules=frozenset({"model"})))


BROKEN_MODES = [
    ["fix"], ["fix", "--explain"], ["check"], ["check", "--format", "json"], ["check", "--diff"],
]


@pytest.mark.parametrize("mode", BROKEN_MODES, ids=" ".join)
def test_broken_model_exit_3_in_every_mode_nothing_written(tmp_path, mode):
    bad = tmp_path / "bad-model"
    bad.mkdir()
    r = CliRunner().invoke(main, [*mode, "--model", str(bad), *GLOSSARY], input="Sales of đậu nành rose.\n")
    assert r.exit_code == 3
    assert (r.stdout, r.stderr) == ("", f"normalize: error: --model {bad}: unusable model: no config.json {LAYOUT}\n")


def test_broken_model_nothing_written_to_output_dir(tmp_path):
    d = fake_model(tmp_path / "models" / "zh-en")
    (d / "model.safetensors").write_bytes(b"")
    a = tmp_path / "a.txt"
    a.write_text("Delegations from Mỹ and China met.\n", encoding="utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["fix", "-o", str(out), "--models-dir", str(tmp_path / "models"), str(a), *GLOSSARY])
    assert r.exit_code == 3
    assert r.stderr == (
        f"normalize: error: --models-dir {tmp_path / 'models'}: zh-en/ exists but is unusable: "
        f"model.safetensors is not a safetensors file (no valid header) {LAYOUT}\n"
    )
    assert not out.exists()


def test_missing_models_dir_is_exit_3(tmp_path):
    r = CliRunner().invoke(main, ["check", "--models-dir", str(tmp_path / "nope"), *GLOSSARY], input="text\n")
    assert r.exit_code == 3
    assert r.stderr == f"normalize: error: --models-dir {tmp_path / 'nope'}: no such directory {LAYOUT}\n"


def test_models_dir_without_the_pair_is_a_note_not_an_error(tmp_path):
    fake_model(tmp_path / "vi-en")
    r = CliRunner().invoke(main, ["check", "--models-dir", str(tmp_path), *GLOSSARY], input="The page 首页导航 is new.\n")
    assert r.exit_code == 1
    # One hint for the run (on stderr), not a note on every finding.
    assert "no model for zh-en" not in r.stdout
    assert r.stderr.startswith(
        f"hint: a local translation model could take 1 unresolved leftover(s) (1 zh); none under {tmp_path}: "
        "install zh-en (see models/README.md#installing-models)\n")


def test_models_check_says_what_is_wrong_with_each(tmp_path):
    (tmp_path / "zh-en").mkdir()
    d = fake_model(tmp_path / "vi-en")
    (d / "vocab.json").unlink()
    r = CliRunner().invoke(main, ["models", "check", "--models-dir", str(tmp_path)])
    assert r.exit_code == 3
    assert r.stdout == (
        f"BROKEN  vi-en: a Marian tokenizer needs vocab.json (or tokenizer.json) ({tmp_path / 'vi-en'})\n"
        f"BROKEN  zh-en: no config.json ({tmp_path / 'zh-en'})\n"
    )
    r = CliRunner().invoke(main, ["models", "list", "--models-dir", str(tmp_path)])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[1].split() == ["zh-en", "unusable:", "no", "config.json", "discovered", str(tmp_path / "zh-en")]


# -- --device without a model: a warning, the run goes on ------------------------------------------


@pytest.mark.parametrize("extra", [[], ["--no-rule", "model", "--models-dir", "."]])
def test_device_without_model_warns(extra):
    r = CliRunner().invoke(main, ["fix", "--device", "cuda", *extra, *GLOSSARY], input="Delegations from Mỹ and China met.\n")
    assert r.exit_code == 0
    assert r.stdout == "Delegations from the United States and China met.\n"
    assert r.stderr == (
        "normalize: warning: --device cuda has no effect: no --model or --models-dir (or NORMALIZE_MODELS_DIR) given\n"
    )


def test_checks_import_neither_torch_nor_transformers(tmp_path):
    import subprocess
    import sys

    fake_model(tmp_path / "vi-en")
    (tmp_path / "zh-en").mkdir()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from normalize.translate.discovery import preflight, unusable\n"
        f"assert unusable(Path({str(tmp_path / 'vi-en')!r})) is None\n"
        "try:\n"
        f"    preflight(None, Path({str(tmp_path)!r}))\n"
        "except Exception as exc:\n"
        "    print(exc)\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=TESTS.parent, check=True).stdout
    assert out == f"--models-dir {tmp_path}: zh-en/ exists but is unusable: no config.json {LAYOUT}\n"
