"""[tool.normalize] in pyproject.toml: discovery, validation, CLI precedence; the pre-commit hooks."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import Config, ConfigError, settings
from normalize.cli import main

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
DIRTY = "Delegations from Mỹ and China met.\n"
CLEAN = "Delegations from the United States and China met.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A repository with a glossary of its own, run from a subdirectory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "terms").mkdir()
    shutil.copy(TESTS / "data" / "core-test.tsv", tmp_path / "terms" / "house.tsv")
    sub = tmp_path / "articles" / "2026"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)

    def write(body: str) -> Path:
        p = tmp_path / "pyproject.toml"
        p.write_text('[project]\nname = "x"\n\n[tool.normalize]\n' + body, encoding="utf-8")
        return p

    return write


def test_found_upward_and_paths_relative_to_the_file(project):
    p = project('builtin-glossary = false\nglossaries = ["terms/house.tsv"]\nmin-confidence = 0.7\n'
                'disabled-rules = ["boilerplate"]\n')
    assert settings.find() == p
    cfg = settings.project_config(Config(), set())
    assert cfg.builtin_glossary is False and cfg.min_confidence == 0.7
    assert cfg.glossaries == (p.parent / "terms" / "house.tsv",)
    assert cfg.disabled_rules == {"boilerplate"}
    r = CliRunner().invoke(main, ["fix"], input=DIRTY.encode())
    assert (r.exit_code, r.stdout) == (0, CLEAN)


def test_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.normalize]\nmin-confidence = 0.9\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    assert settings.find() is None


def test_flags_override_the_file(project):
    project('min-confidence = 0.9\nglossaries = ["terms/house.tsv"]\ndisabled-rules = ["boilerplate"]\n')
    cfg = settings.merge(Config(min_confidence=0.6, enabled_rules=frozenset({"boilerplate"})),
                         {"min_confidence", "enabled_rules"}, settings.load(settings.find()))
    assert cfg.min_confidence == 0.6 and "boilerplate" in cfg.enabled_rules
    assert "boilerplate" not in cfg.disabled_rules
    # --min-confidence 1.0 on the command line beats the file's 0.9 (nothing is applied at 1.0)
    r = CliRunner().invoke(main, ["fix", "--no-builtin-glossary", "--min-confidence", "1.0"], input=DIRTY.encode())
    assert (r.exit_code, r.stdout) == (0, DIRTY)
    r = CliRunner().invoke(main, ["fix", "--no-builtin-glossary"], input=DIRTY.encode())
    assert r.stdout == CLEAN


@pytest.mark.parametrize("body,message", [
    ("colour = 1\n", "[tool.normalize]: unknown key 'colour' (known: builtin-glossary, glossaries, min-confidence,"),
    ("min-confidence = 2\n", "[tool.normalize] min-confidence: expected a number between 0 and 1, got 2"),
    ('disabled-rules = "boilerplate"\n', "[tool.normalize] disabled-rules: expected a list of strings, got 'boilerplate'"),
    ('enabled-rules = ["no-such-rule"]\n', "[tool.normalize] enabled-rules: unknown rule name(s): no-such-rule"),
    ("keep-title = 1\n", "[tool.normalize] keep-title: expected true or false, got 1"),
])
def test_bad_settings_name_the_file(project, body, message):
    p = project(body)
    with pytest.raises(ConfigError) as exc:
        settings.project_config(Config(), set())
    assert str(exc.value).startswith(f"{p}: {message}")
    r = CliRunner().invoke(main, ["check"], input=DIRTY.encode())
    assert r.exit_code == 3 and r.stderr.startswith(f"normalize: error: {p}: {message}")
    assert CliRunner().invoke(main, ["check", "--no-config"], input=b"Fine.\n").exit_code == 0


def test_pre_commit_hooks_run_the_cli(tmp_path):
    yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read .pre-commit-hooks.yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"normalize-check", "normalize-fix"}
    a = tmp_path / "a.md"
    a.write_text("Officials from Mỹ met. See `Mỹ` in code.\n", encoding="utf-8")
    glossary = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
    for hook in hooks.values():
        assert hook["language"] == "python" and hook.get("pass_filenames", True)
        argv = shlex.split(hook["entry"])
        assert argv[0] == "normalize"
        r = CliRunner().invoke(main, [*argv[1:], *hook.get("args", []), *glossary, str(a)])
        assert r.exit_code == (1 if hook["id"] == "normalize-check" else 0), r.output
    assert a.read_text(encoding="utf-8") == "Officials from the United States met. See `Mỹ` in code.\n"
