"""The CLI: exit codes mean something, errors are one readable line, output is the contract."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import _register_all, app

_register_all()
runner = CliRunner()
ARTICLE = "توقيف مشتبه به\n\nكريم العلوي\n\nأوقفت عناصر الشرطة بمدينة وجدة، أمس، شخصا يشتبه في تورطه في السرقة."


def test_analyze_writes_one_record_per_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "j1", "text": "خبر قصير عن الأمن."}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["analyze", str(tmp_path), "--published", "2025-03-04"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "j1"]
    assert records[0]["published"] == "2025-03-04" and records[1]["published"] is None
    assert records[0]["title"] == "توقيف مشتبه به" and records[0]["author"] == "كريم العلوي"


def test_some_bad_inputs_exit_1_and_the_rest_is_analysed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert records[1]["diagnostics"][0]["code"] == "E001"
    assert "could not be read" in result.stderr


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_config_exits_3(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text("[pipeline]\nstages = ['text.tokens.v9']\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--config", str(cfg)])
    assert result.exit_code == 3
    assert "text.tokens.v9" in result.stderr


def test_json_and_table_formats(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    as_json = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--format", "json"])
    assert json.loads(as_json.stdout)[0]["id"] == "a"
    table = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--format", "table"])
    assert table.exit_code == 0 and "توقيف مشتبه به" in table.stdout


def test_summary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["summary", str(out)])
    assert result.exit_code == 0 and "articles" in result.stdout
