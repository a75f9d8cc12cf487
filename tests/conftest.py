import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Tests never reach a model hub; glossary caches go to a per-session temporary directory.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory):
    os.environ["NORMALIZE_CACHE_DIR"] = str(tmp_path_factory.mktemp("normalize-cache"))


@pytest.fixture
def shared():
    """The read-only ../shared folder (samples, corpora); skip when it is absent (a user's clone)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the repository")
    return SHARED
