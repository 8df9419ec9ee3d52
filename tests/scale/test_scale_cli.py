"""`marsad analyze --workers`, `--cluster` and `marsad store load` from the shell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from marsad.cli import _register_all, app
from marsad.inputs import ArticleInput, InputFailure

_register_all()
runner = CliRunner()


def _jsonl(articles: list[ArticleInput | InputFailure], path: Path, n: int) -> Path:
    rows = [{"id": f"a{i}", "text": a.text, "published": a.published}
            for i, a in enumerate(articles[:n]) if isinstance(a, ArticleInput)]  # fmt: skip
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_analyze_with_two_workers_writes_what_one_worker_writes(articles: Any, tmp_path: Path) -> None:
    src = _jsonl(articles, tmp_path / "in.jsonl", 70)
    one = runner.invoke(app, ["analyze", str(src), "--workers", "1"])
    two = runner.invoke(app, ["analyze", str(src), "--workers", "2"])
    default = runner.invoke(app, ["analyze", str(src)])  # 69 items > 64: all cores
    assert one.exit_code == two.exit_code == default.exit_code == 0, two.output
    assert len(one.stdout.splitlines()) == 69  # the 70 first inputs hold one unreadable item
    assert one.stdout == two.stdout == default.stdout


def test_store_load_merges_parquet_into_the_store(articles: Any, settings: Any, tmp_path: Path) -> None:
    from marsad.scale.dask_run import analyze_partition, partitions

    out = tmp_path / "parquet"
    for part in partitions(articles[:12], 4):  # the Dask task, run here: same files as on a cluster
        analyze_partition(part, settings.model_dump_json(), str(out))
    db = str(tmp_path / "s.duckdb")
    first = runner.invoke(app, ["store", "load", str(out), "--db", db])
    again = runner.invoke(app, ["store", "load", str(out), "--db", db])
    assert first.exit_code == again.exit_code == 0, first.output
    assert "records" in first.stdout and "12" in first.stdout
    missing = runner.invoke(app, ["store", "load", str(tmp_path / "nowhere"), "--db", db])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output


def test_analyze_cluster_needs_an_output_folder(tmp_path: Path, articles: Any) -> None:
    src = _jsonl(articles, tmp_path / "in.jsonl", 3)
    result = runner.invoke(app, ["analyze", str(src), "--cluster", "local:1"])
    assert result.exit_code == 2 and "--out DIR" in result.output


def test_store_load_takes_the_jsonl_of_marsad_analyze(articles: Any, tmp_path: Path) -> None:
    src = _jsonl(articles, tmp_path / "in.jsonl", 10)
    records = tmp_path / "records.jsonl"
    assert runner.invoke(app, ["analyze", str(src), "--workers", "1", "--out", str(records)]).exit_code == 0
    readable = sum(1 for line in records.read_text("utf-8").splitlines() if json.loads(line)["text"])
    with records.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    db = str(tmp_path / "s.duckdb")
    first = runner.invoke(app, ["store", "load", str(records), "--db", db])
    again = runner.invoke(app, ["store", "load", str(records), "--db", db])
    assert first.exit_code == again.exit_code == 0, first.output
    from marsad.store import open_store

    store = open_store(db, read_only=True)
    try:
        assert store.stats()["tables"]["articles"] == readable  # unreadable items are quarantined, as the bad line
        assert {q.code for q in store.list_quarantine()} >= {"E005"}
    finally:
        store.close()
