"""One process, a pool of 2 and a Dask cluster of 2 give the same records; a killed worker loses nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.inputs import ArticleInput, InputFailure
from marsad.scale import analyze_parallel, iter_records, resolve_workers, run_on_dask
from marsad.scale.pool import auto_parallel

Items = list[ArticleInput | InputFailure]


def test_pool_of_two_gives_the_single_worker_records_in_order(articles: Items, settings: Any,
                                                              single: list[dict[str, Any]]) -> None:  # fmt: skip
    records = list(analyze_parallel(articles, settings, workers=2, chunk=16))
    assert [r["id"] for r in records] == [r["id"] for r in single]
    assert records == single
    assert any(r["diagnostics"] and r["diagnostics"][0]["code"] == "E002" for r in records)


def test_auto_parallel_runs_small_inputs_in_process(settings: Any, single: list[dict[str, Any]],
                                                    articles: Items) -> None:  # fmt: skip
    assert list(auto_parallel(articles[:3], settings)) == single[:3]


def test_workers_zero_or_none_means_every_core() -> None:
    import os

    assert resolve_workers(0) == resolve_workers(None) == (os.cpu_count() or 1)
    assert resolve_workers(3) == 3
    with pytest.raises(ValueError):
        resolve_workers(-1)


def test_dask_cluster_gives_the_single_worker_records(
        dask_client: Any, articles: Items, settings: Any, single: list[dict[str, Any]], tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "parquet"
    result = run_on_dask(articles, dask_client, out, settings, partition_size=40)
    assert (result.partitions, result.rows) == (6, len(articles))
    records = [r for part in iter_records(out) for r in part]
    assert records == single
    # DuckDB reads the hive layout directly, month and country as columns
    glob = str(out / "**" / "*.parquet")
    query = f"SELECT count(*), count(DISTINCT month) FROM read_parquet('{glob}', hive_partitioning = true)"
    ((n, months),) = duckdb.connect().execute(query).fetchall()
    assert n == len(articles) and months >= 1
    assert all(rss < 1024 for rss in result.peak_rss_mib.values())


def test_killed_worker_partition_is_retried_and_every_article_stored_once(
        dask_client: Any, articles: Items, settings: Any, single: list[dict[str, Any]], tmp_path: Path) -> None:
    import cloudpickle
    import scale_faults  # type: ignore[import-not-found]

    from marsad.scale import load_parquet
    from marsad.store import open_store

    cloudpickle.register_pickle_by_value(scale_faults)
    out = tmp_path / "parquet"
    some, expected = articles[:80], single[:80]  # storing is the slow part: 80 inputs, one unreadable
    result = run_on_dask(some, dask_client, out, settings, partition_size=10, task=scale_faults.crash_once)
    assert (tmp_path / "worker-killed").exists(), "the fault was not injected"
    assert result.rows == len(some)
    assert not list(out.rglob("*.tmp")), "a half-written file was left behind"
    assert [r for part in iter_records(out) for r in part] == expected

    with open_store(tmp_path / "store.duckdb") as store:
        first = load_parquet(store, out)
        again = load_parquet(store, out)  # idempotent: nothing new the second time
        n_articles = store.stats()["tables"]["articles"]
    readable = [r for r in expected if r["text"]]
    assert first.quarantined == 1 and first.stored + first.duplicate == len(readable)
    assert n_articles == len({r["id"] for r in readable})
    assert again.stored == 0 and again.duplicate == len(readable)


def test_ingest_on_cluster_reads_a_saudinewsnet_style_zip(dask_client: Any, articles: Items, settings: Any,
                                                          tmp_path: Path) -> None:  # fmt: skip
    import json
    import zipfile

    from marsad.ingest import ColumnMapping
    from marsad.scale import load_parquet
    from marsad.scale.sources import ingest_on_cluster
    from marsad.store import open_store

    rows = [{"content": a.text, "date_extracted": f"{a.published} 10:00:00", "source": "spa"}
            for a in articles[:20] if isinstance(a, ArticleInput)]  # fmt: skip
    rows.append({"content": "This wire story is in English only, with no Arabic at all in it.", "source": "x"})
    archive = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2015-07-21.json", json.dumps(rows, ensure_ascii=False))
    out = tmp_path / "parquet"
    mapping = ColumnMapping.parse("text=content,published=date_extracted")
    result = ingest_on_cluster([str(archive)], dask_client, out, settings, mapping)
    assert result.rows == 21
    with open_store(tmp_path / "s.duckdb") as store:
        summary = load_parquet(store, out)
        assert store.stats()["tables"]["articles"] == summary.stored == 20
    assert summary.quarantined == 1  # the English item, with its raw bytes
