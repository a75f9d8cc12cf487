"""A Ray Data stage for corpora beyond one machine (``pip install 'normalize[ray]'``).

:func:`clean_dataset` adds a ``map_batches`` stage whose actors each hold one
:class:`~normalize.Cleaner` (glossaries and models loaded once per actor, reused for every batch).
:func:`clean_batch` is the same work on one batch, without Ray: a dict of columns, a pandas
DataFrame or a pyarrow Table in, the same kind out, so it drops into other corpus tools
(docs/pipelines.md shows datatrove and NeMo Curator).

Output: ``column`` holds the fixed text, ``<column>_edits`` the applied edits as a JSON array (the
``check --format json`` items that have a replacement); every other column is unchanged. A null
text stays null (its edits too).
"""

from __future__ import annotations

import json
from typing import Any

from .config import Config
from .pipeline import Cleaner


def _is_null(v) -> bool:
    # None, a float NaN (pandas' missing string) or pandas.NA
    return v is None or (isinstance(v, float) and v != v) or type(v).__name__ == "NAType"


def _clean_values(cleaner: Cleaner, values, column: str) -> tuple[list, list]:
    texts, edits = [], []
    for v in values:
        if not isinstance(v, str):
            if _is_null(v):
                texts.append(None)
                edits.append(None)
                continue
            raise TypeError(f"column {column!r} holds {type(v).__name__} values, not text")
        r = cleaner.clean_and_explain(v)
        texts.append(r.output)
        edits.append(json.dumps([i for i in r.items() if i["replacement"] is not None], ensure_ascii=False))
    return texts, edits


def clean_batch(batch: Any, column: str = "text", config: Config | None = None, *, cleaner: Cleaner | None = None):
    """Clean ``batch[column]``; return a batch of the same kind with ``<column>_edits`` added.

    ``batch``: a mapping of column name to sequence (lists or numpy arrays), a
    ``pandas.DataFrame`` or a ``pyarrow.Table``. Pass a long-lived ``cleaner`` when calling this
    for many batches (otherwise one is made per call from ``config``).
    """
    cleaner = cleaner or Cleaner(config)
    edits_column = f"{column}_edits"
    kind = type(batch).__module__.split(".")[0]
    if kind == "pyarrow":
        import pyarrow as pa

        texts, edits = _clean_values(cleaner, batch.column(column).to_pylist(), column)
        out = batch.set_column(batch.schema.get_field_index(column), column, pa.array(texts, pa.string()))
        if edits_column in out.schema.names:
            out = out.drop_columns([edits_column])
        return out.append_column(edits_column, pa.array(edits, pa.string()))
    if kind == "pandas":
        texts, edits = _clean_values(cleaner, batch[column].tolist(), column)
        out = batch.copy()
        out[column] = texts
        out[edits_column] = edits
        return out
    texts, edits = _clean_values(cleaner, list(batch[column]), column)
    out = dict(batch)
    if type(batch[column]).__module__.split(".")[0] == "numpy":
        import numpy as np

        out[column], out[edits_column] = np.array(texts, dtype=object), np.array(edits, dtype=object)
    else:
        out[column], out[edits_column] = texts, edits
    return out


class CleanBatch:
    """The callable class of the ``map_batches`` stage: one Cleaner per actor, built once."""

    def __init__(self, column: str = "text", config: Config | None = None):
        self.column = column
        self.cleaner = Cleaner(config)
        self.cleaner.context.glossary  # load the glossaries when the actor starts, not in the first batch

    def __call__(self, batch):
        return clean_batch(batch, self.column, cleaner=self.cleaner)


def clean_dataset(ds, column: str = "text", config: Config | None = None, *, workers: int | tuple[int, int] = 1,
                  batch_size: int | None = 256, num_cpus: float = 1, batch_format: str = "pyarrow"):
    """``ds`` with ``column`` cleaned and ``<column>_edits`` added, as a lazy ``map_batches`` stage.

    ``workers``: the number of actors (each ``num_cpus`` cores and one Cleaner), or ``(min, max)``
    for an autoscaling pool; on a cluster give about the number of cores. Glossary and model
    paths in ``config`` must exist on every node.
    """
    from ray.data import ActorPoolStrategy

    lo, hi = workers if isinstance(workers, tuple) else (workers, workers)
    return ds.map_batches(CleanBatch, fn_constructor_kwargs={"column": column, "config": config},
                          batch_size=batch_size, batch_format=batch_format, num_cpus=num_cpus,
                          compute=ActorPoolStrategy(min_size=lo, max_size=hi))
