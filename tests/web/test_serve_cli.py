"""`marsad serve --check`: start, self-check /api/stats and /, print the address and figures, exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import open_sample_store
from typer.testing import CliRunner

from marsad.cli import _register_all, app


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register_all()
    return CliRunner()


def test_serve_check(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_API_TOKEN", raising=False)
    open_sample_store(tmp_path).close()
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "test.duckdb"), "--port", "0", "--check"])
    assert result.exit_code == 0, result.output
    assert "dashboard OK at http://127.0.0.1:" in result.output and "6 articles" in result.output


def test_serve_check_with_token_and_pipeline(runner: CliRunner, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("MARSAD_API_TOKEN", "tok")
    open_sample_store(tmp_path).close()
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "test.duckdb"), "--port", "0", "--no-block"])
    assert result.exit_code == 0, result.output


def test_serve_without_a_store_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb"), "--check", "--no-analyze"])
    assert result.exit_code == 2
    assert "no store at" in result.output


def test_serve_with_an_unreachable_database_is_a_clear_error(runner: CliRunner) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
    result = runner.invoke(app, ["serve", "--db", url, "--check", "--no-analyze"])
    assert result.exit_code == 2
    assert "cannot open the store" in result.output
