"""The built wheel ships the glossaries where normalize.glossary.builtin_dir() looks for them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_glossaries(tmp_path):
    pytest.importorskip("hatchling")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("normalize-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT / "glossaries").as_posix() for p in (ROOT / "glossaries").rglob("*.tsv")}
    assert shipped, "no glossary files in the checkout"
    for rel in shipped:
        assert f"normalize/_glossaries/{rel}" in names
    assert "normalize/data/english-viet-syllables.txt" in names

    # Installed from the wheel (unpacked), builtin_dir() finds the packaged copy.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    out = subprocess.run(
        [sys.executable, "-c", "import normalize.glossary as g; print(g.builtin_dir())"],
        check=True, capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(site)},
    ).stdout.strip()
    assert out == str(site / "normalize" / "_glossaries")
