"""The Ray Data stage on a local cluster: every row equals Cleaner().clean, other columns unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize import Cleaner, Config

TESTS = Path(__file__).resolve().parent
CONFIG = Config(builtin_glossary=False, glossaries=(TESTS / "data" / "core-test.tsv",))
TEXTS = ["Delegations from Mỹ and China met.", "Nothing to do here.", "Hà Lập Phong visited Mỹ.",
         "Officials from Mỹ spoke in tháng 10.", "A plain line."] * 8


def test_clean_batch_every_batch_kind():
    pd = pytest.importorskip("pandas", reason="pandas comes with the ray extra")
    pa = pytest.importorskip("pyarrow", reason="pyarrow comes with the ray extra")
    import numpy as np

    from normalize.ray import clean_batch

    c = Cleaner(CONFIG)
    want = [c.clean(t) for t in TEXTS]
    ids = list(range(len(TEXTS)))
    d = clean_batch({"id": ids, "body": TEXTS}, "body", CONFIG)
    assert d["body"] == want and d["id"] == ids
    assert [e["replacement"] for e in json.loads(d["body_edits"][0])] == ["the United States"]
    n = clean_batch({"id": np.array(ids), "body": np.array(TEXTS, dtype=object)}, "body", cleaner=c)
    assert list(n["body"]) == want and isinstance(n["body_edits"], np.ndarray)
    df = clean_batch(pd.DataFrame({"id": ids, "text": TEXTS}), config=CONFIG)
    assert df["text"].tolist() == want and df["id"].tolist() == ids
    t = clean_batch(pa.table({"id": ids, "text": TEXTS}), cleaner=c)
    assert t.column("text").to_pylist() == want and t.column_names == ["id", "text", "text_edits"]
    nulls = clean_batch({"text": [None, "Mỹ"]}, cleaner=c)
    assert nulls["text"] == [None, "The United States"] and nulls["text_edits"][0] is None
    missing = clean_batch(pd.DataFrame({"text": ["Mỹ", None]}, dtype="string"), cleaner=c)
    assert missing["text"].tolist()[0] == "The United States" and missing["text"].isna().tolist() == [False, True]
    with pytest.raises(TypeError, match="column 'text' holds int values, not text"):
        clean_batch({"text": [1]}, cleaner=c)


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray", reason="the `ray` extra is not installed (pip install -e '.[ray]')")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_clean_dataset_on_a_local_cluster(ray_local):
    from normalize.ray import clean_dataset

    ds = ray_local.data.from_items([{"id": i, "text": t, "lang": "en"} for i, t in enumerate(TEXTS)])
    rows = clean_dataset(ds, config=CONFIG, workers=2, batch_size=8).take_all()
    c = Cleaner(CONFIG)
    assert sorted(r["id"] for r in rows) == list(range(len(TEXTS)))
    for r in rows:
        text = TEXTS[r["id"]]
        result = c.clean_and_explain(text)
        assert r["text"] == result.output and r["lang"] == "en"
        assert json.loads(r["text_edits"]) == [i for i in result.items() if i["replacement"] is not None]
