"""write_atomic and --in-place / -o: symlinks, modes, owners, hard links, umask, signals, stale temps."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.io.atomic import STALE_AFTER, clean_stale, temp_name, write_atomic

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
DIRTY = "Delegations from Mỹ and China met.\n"
CLEAN = "Delegations from the United States and China met.\n"


def run(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_in_place_writes_through_a_symlink(tmp_path):
    real = tmp_path / "data" / "a.txt"
    real.parent.mkdir()
    real.write_text(DIRTY, encoding="utf-8")
    real.chmod(0o604)
    link = tmp_path / "link.txt"
    link.symlink_to(Path("data") / "a.txt")  # relative, resolved from the link's directory
    r = run(["fix", "-i", str(link), *GLOSSARY])
    assert (r.exit_code, r.stderr) == (0, "")
    assert link.is_symlink() and os.readlink(link) == os.path.join("data", "a.txt")
    assert real.read_text(encoding="utf-8") == CLEAN
    assert real.stat().st_mode & 0o7777 == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "link.txt"]
    assert [p.name for p in real.parent.iterdir()] == ["a.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_in_place_keeps_owner_and_group(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")
    os.chown(p, 12345, 23456)
    p.chmod(0o2640)  # set-gid survives too: chmod comes after chown
    assert run(["fix", "-i", str(p), *GLOSSARY]).exit_code == 0
    st = p.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (12345, 23456, 0o2640)
    assert p.read_text(encoding="utf-8") == CLEAN


def test_hard_link_is_broken_and_said(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(DIRTY, encoding="utf-8")
    b = tmp_path / "b.txt"
    os.link(a, b)
    r = run(["fix", "-i", str(a), *GLOSSARY])
    assert r.exit_code == 0
    assert r.stderr == (
        f"normalize: warning: {a} had 2 hard links: the rewritten file is a new file, the other links keep the old text\n"
    )
    assert a.read_text(encoding="utf-8") == CLEAN and b.read_text(encoding="utf-8") == DIRTY
    assert a.stat().st_nlink == b.stat().st_nlink == 1


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_dir_files_follow_the_umask(tmp_path, umask, mode):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")
    p.chmod(0o600)  # the input's mode is not copied to a new output file
    old = os.umask(umask)
    try:
        assert run(["fix", "-o", str(tmp_path / "out"), str(p), *GLOSSARY]).exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out" / "a.txt").stat().st_mode & 0o7777 == mode


def test_output_dir_keeps_the_mode_of_a_file_it_replaces(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("old", encoding="utf-8")
    (out / "a.txt").chmod(0o640)
    assert run(["fix", "-o", str(out), str(p), *GLOSSARY]).exit_code == 0
    assert (out / "a.txt").stat().st_mode & 0o7777 == 0o640
    assert (out / "a.txt").read_text(encoding="utf-8") == CLEAN


def test_write_atomic_library(tmp_path):
    p = tmp_path / "x"
    assert write_atomic(p, b"one") == 0
    assert write_atomic(p, b"two\r\n") == 1
    assert p.read_bytes() == b"two\r\n"
    assert [q.name for q in tmp_path.iterdir()] == ["x"]
    with pytest.raises(OSError) as info:
        write_atomic(tmp_path / "missing-dir" / "x", b"")
    assert info.value.filename == str(tmp_path / "missing-dir" / "x")


# -- signals: a real process, paused after the temporary file is written, then killed ---------------

_PAUSED = """
import os, sys, time
real = os.fsync
def slow(fd):
    real(fd)
    if not os.path.isdir(f"/proc/self/fd/{fd}") and os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
        print("temp written", flush=True)
        time.sleep(60)
os.fsync = slow
from normalize.cli import main
main(sys.argv[1:])
"""


def _paused_fix(tmp_path):
    """`fix -i` on a dirty a.txt in a child that pauses once its temp file is written."""
    p = tmp_path / "a.txt"
    p.write_text(DIRTY, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _PAUSED, "fix", "-i", str(p), *GLOSSARY],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    return p, proc


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="uses /proc to see the temp file")
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_during_write_removes_temp_and_keeps_original(tmp_path, signum, code):
    p, proc = _paused_fix(tmp_path)
    try:
        assert proc.stdout.readline() == "temp written\n"
        (tmp,) = [q for q in tmp_path.iterdir() if q.name != "a.txt"]
        assert tmp.name.startswith(".a.txt.normalize.") and tmp.read_text(encoding="utf-8") == CLEAN
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    name = signal.Signals(signum).name
    assert proc.returncode == code
    assert err == f"normalize: error: interrupted: {name} during the write of {p}: left unchanged\n"
    assert p.read_text(encoding="utf-8") == DIRTY
    assert [q.name for q in tmp_path.iterdir()] == ["a.txt"]


# -- stale temporary files: only this tool's own, only old ones of dead processes -------------------


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_cleaned_only_ours_and_old(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(CLEAN, encoding="utf-8")  # nothing to fix: cleaning happens anyway
    dead, old = _dead_pid(), time.time() - STALE_AFTER - 5
    files = {
        "stale": f".a.txt.normalize.{dead}.abcdefgh.tmp",
        "live-pid": f".a.txt.normalize.{os.getpid()}.abcdefgh.tmp",
        "fresh": f".a.txt.normalize.{dead}.zzzzzzzz.tmp",
        "other-target": f".b.txt.normalize.{dead}.abcdefgh.tmp",
        "other-tool": ".a.txt.abcdefgh.tmp",
        "other-shape": f".a.txt.normalize.{dead}.abcdefgh.tmp.keep",
    }
    for key, name in files.items():
        (tmp_path / name).write_text("partial", encoding="utf-8")
        if key != "fresh":
            os.utime(tmp_path / name, (old, old))
    assert run(["fix", "-i", str(p), *GLOSSARY]).exit_code == 0
    left = {q.name for q in tmp_path.iterdir()}
    assert files["stale"] not in left
    assert left == {"a.txt"} | {n for k, n in files.items() if k != "stale"}
    # a day later even a file whose pid is alive (reused) is stale
    removed = clean_stale(p, now=time.time() + 86400 + 10)
    assert {q.name for q in removed} == {files["live-pid"], files["fresh"]}


def test_temp_name_shape(tmp_path):
    name = temp_name(tmp_path / "a b.txt")
    assert name.startswith(f".a b.txt.normalize.{os.getpid()}.") and name.endswith(".tmp") and len(name) == len(
        f".a b.txt.normalize.{os.getpid()}.") + 12


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="uses /proc to see the temp file")
def test_sigkill_leaves_a_temp_file_the_next_run_removes(tmp_path):
    p, proc = _paused_fix(tmp_path)
    try:
        assert proc.stdout.readline() == "temp written\n"
        proc.kill()
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    (tmp,) = [q for q in tmp_path.iterdir() if q.name != "a.txt"]
    assert p.read_text(encoding="utf-8") == DIRTY
    old = time.time() - STALE_AFTER - 5  # as if it had been left a while ago
    os.utime(tmp, (old, old))
    assert run(["fix", "-i", str(p), *GLOSSARY]).exit_code == 0
    assert [q.name for q in tmp_path.iterdir()] == ["a.txt"]
    assert p.read_text(encoding="utf-8") == CLEAN
