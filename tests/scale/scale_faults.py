"""A Dask task that kills its worker process the first time it meets a chosen partition."""

from __future__ import annotations

import os
from pathlib import Path

from marsad.scale.dask_run import Partition, PartitionResult, analyze_partition

CRASH_AT = 40  # the input position whose partition dies once


def crash_once(partition: Partition, settings_json: str, out_dir: str) -> PartitionResult:
    """Leave a half-written temp file and ``os._exit`` the worker on the first attempt, then work normally."""
    marker = Path(out_dir).parent / "worker-killed"
    if partition.start <= CRASH_AT < partition.start + len(partition.items) and not marker.exists():
        marker.touch()
        folder = Path(out_dir) / "month=2015-07" / "country=SAU"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f".part-{partition.id}.parquet.dead.tmp").write_bytes(b"PAR1 half a file")
        os._exit(1)
    return analyze_partition(partition, settings_json, out_dir)
