"""Scale: all cores of one machine (:func:`analyze_parallel`) and a Dask cluster (:func:`run_on_dask`).

Both give records identical to a single worker's. The Dask path writes hive-partitioned Parquet
(``month=…/country=…/part-<id>.parquet``) that :func:`load_parquet` merges into the store.
The Dask and Parquet parts are imported on first use, so pool workers never load pyarrow.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from marsad.scale.pool import analyze_parallel, cached_pipeline, resolve_workers

if TYPE_CHECKING:
    from marsad.scale.dask_run import (
        DaskRunResult,
        Partition,
        PartitionResult,
        analyze_partition,
        partitions,
        run_on_dask,
    )
    from marsad.scale.load import iter_records, load_parquet

__all__ = [
    "DaskRunResult", "Partition", "PartitionResult", "analyze_parallel", "analyze_partition",
    "cached_pipeline", "iter_records", "load_parquet", "partitions", "resolve_workers", "run_on_dask",
]  # fmt: skip

_LAZY = {
    "DaskRunResult": "dask_run", "Partition": "dask_run", "PartitionResult": "dask_run",
    "analyze_partition": "dask_run", "partitions": "dask_run", "run_on_dask": "dask_run",
    "iter_records": "load", "load_parquet": "load",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"marsad.scale.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'marsad.scale' has no attribute {name!r}")
