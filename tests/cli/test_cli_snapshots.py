"""What every `marsad` command prints, pinned by snapshots under ``snapshots/``.

Every command's ``--help``, and the output of the commands that work on a small fixture: `analyze`
(jsonl, json and table on ``examples/seed``), `summary`, `store load` into a temporary DuckDB, then
`events`, `event ID`, `quotes`, `relations`, `actors`, `stats`, `export` (csv, jsonl, acled),
`quarantine list`, and `eval` on a two-line gold file. The commands run from a temporary folder with
relative paths, so nothing printed depends on where the test runs. After an intended change to an
output, rerun with ``MARSAD_UPDATE_SNAPSHOTS=1`` and review the diff in the commit.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from test_ingest_summary_output import ROOT, _check, _run
from typer.testing import CliRunner

from marsad.cli import app

_STAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d)?")  # when a row was stored
_EPOCH = re.compile(r"(?<=,)1[6-9]\d{8}(?=,)")  # ACLED's `timestamp` column: when the row was exported
HELP_ENV = {"COLUMNS": "120", "TERM": "dumb", "NO_COLOR": "1"}

#: every command and group of `marsad`, as `marsad … --help` names them
COMMANDS = [
    (), ("analyze",), ("summary",), ("version",), ("eval",), ("bench",), ("ingest",), ("watch",),
    ("quarantine",), ("quarantine", "list"), ("quarantine", "show"), ("quarantine", "retry"),
    ("store",), ("store", "load"), ("events",), ("event",), ("quotes",), ("relations",), ("actors",),
    ("stats",), ("export",), ("serve",), ("report",), ("alerts",), ("alerts", "check"), ("alerts", "list"),
]  # fmt: skip

TEXT = "أوقفت الشرطة المغربية ثلاثة أشخاص في فاس. وقال المسؤول إن التعاون مع إسبانيا قوي."
TEXT2 = "صرح مسؤول مغربي بأن التعاون الأمني مع الجزائر متوقف."
GOLD = [
    {"doc": {"id": "d1", "text": TEXT, "published": "2025-02-26"},
     "entities": [{"text": "فاس", "label": "GPE"}, {"text": "إسبانيا", "label": "GPE"}],
     "events": [{"type": "COERCE", "mode": "arrest", "country": "MAR", "place": "Fès", "status": "occurred",
                 "date": "2025-02-24", "date_precision": "week", "count_people": 3,
                 "evidence": "أوقفت الشرطة المغربية ثلاثة أشخاص"}],
     "quotes": [{"speaker": "المسؤول", "cue": "قال", "evidence": "التعاون مع إسبانيا قوي"}],
     "relations": [{"a": "MAR", "b": "ESP", "polarity": 1}]},
    {"doc": {"id": "d2", "text": TEXT2, "published": "2025-02-27"},
     "entities": [{"text": "الجزائر", "label": "GPE"}], "events": [], "quotes": [],
     "relations": [{"a": "MAR", "b": "DZA", "polarity": -1}]},
]  # fmt: skip


def _all_commands() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()

    def walk(cmd: Any, path: tuple[str, ...]) -> None:  # typer's own (vendored) click command or group
        found.add(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, value in HELP_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("MARSAD_DB", raising=False)
    return tmp_path


def _config_hash_masked(text: str) -> str:
    """The records' ``provenance.config_sha256`` changes with any new setting: masked (its value is
    checked against the settings in ``tests/test_pipeline.py``)."""
    return re.sub(r'("config_sha256": ")[0-9a-f]{64}"', r'\1<config sha256>"', text)


def test_every_command_is_pinned() -> None:
    assert _all_commands() == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c) or "marsad")
def test_help(here: Path, command: tuple[str, ...]) -> None:
    _check("help_" + ("_".join(command) or "marsad"), _run(*command, "--help"))


def test_analyze_summary_store_and_queries(here: Path) -> None:
    shutil.copytree(ROOT / "examples" / "seed", "seed")
    pub = ("--published", "2025-02-26")
    _check("analyze_jsonl", _config_hash_masked(_run("analyze", "seed", *pub)))
    _check("analyze_json", _config_hash_masked(_run("analyze", "seed", *pub, "--format", "json")))
    _check("analyze_table", _run("analyze", "seed", *pub, "--format", "table"))
    demo = (ROOT / "examples" / "demo" / "corpus.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    Path("in.jsonl").write_text("".join(demo[:12]) + '{"id": "broken", "text": \n', encoding="utf-8")
    _run("analyze", "seed", "in.jsonl", *pub, "--out", "recs.jsonl", code=1)  # 1: the broken line
    _check("summary", _run("summary", "recs.jsonl"))
    _check("store_load", _run("store", "load", "recs.jsonl", "--db", "s.duckdb"))
    db = ("--db", "s.duckdb")
    _check("events", _run("events", *db))
    _check("events_json", _run("events", *db, "--json"))
    _check("events_filtered", _run("events", *db, "--country", "MAR", "--limit", "3", "--offset", "1"))
    first = json.loads(_run("events", *db, "--json", "--limit", "1"))[0]["id"]
    _check("event", _run("event", first, *db))
    _check("event_json", _run("event", first, *db, "--json"))
    _check("quotes", _run("quotes", *db))
    _check("quotes_json", _run("quotes", *db, "--json"))
    _check("relations", _run("relations", *db))
    _check("relations_pair", _run("relations", *db, "--pair", "MAR:DZA"))
    _check("relations_pair_json", _run("relations", *db, "--pair", "mar:dza", "--json"))
    _check("actors", _run("actors", *db))
    _check("actors_json", _run("actors", *db, "--json"))
    _check("stats", _run("stats", *db))
    _check("stats_json", _run("stats", *db, "--json"))
    for target, fmt in (("events", "csv"), ("event_mentions", "jsonl"), ("acled", "csv")):
        out = f"{target}.{fmt}"
        text = _run("export", target, "--out", out, "--format", fmt, *db) + Path(out).read_text(encoding="utf-8")
        _check(f"export_{target}_{fmt}", _EPOCH.sub("<epoch>", _STAMP.sub("<stamp>", text)))
    _check("quarantine_list", _run("quarantine", "list", *db, mask_ids=True))


def _fails(*args: str, code: int = 2) -> str:
    """What a failing command prints on stdout and stderr together (its one error line or usage box)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def test_errors(here: Path) -> None:
    shutil.copy(ROOT / "examples" / "seed" / "000_d6cd407ba9de5a66.txt", "a.txt")
    _run("analyze", "a.txt", "--out", "recs.jsonl")
    _run("store", "load", "recs.jsonl", "--db", "s.duckdb")
    db = ("--db", "s.duckdb")
    Path("bad.toml").write_text("[nope]\nx = 1\n", encoding="utf-8")
    out = [
        _fails("analyze", "nope.txt"),
        _fails("analyze", "a.txt", "--published", "26/02/2025"),
        _fails("analyze", "a.txt", "--cluster", "local:1"),
        _fails("summary", "nope.jsonl"),
        _fails("store", "load", "nope.jsonl"),
        _fails("events", "--db", "nope.duckdb"),
        _fails("events", *db, "--near", "somewhere"),
        _fails("event", "no-such-event", *db),
        _fails("relations", *db, "--pair", "MAR"),
        _fails("export", "nothing", "--out", "x.csv", *db),
        _fails("export", "events", "--out", "x.csv", "--format", "xml", *db),
        _fails("eval", "nope.jsonl"),
        _fails("eval", "ner"),
        _fails("eval", "quadclass"),
        _fails("bench", "--corpus", "nope"),
        _fails("ingest", "a.txt", "--map", "body=story", "--db", "i.duckdb"),
        _fails("ingest", "a.txt", "--since", "yesterday", "--db", "i.duckdb"),
        _fails("ingest", "a.txt", "--cluster", "local:1", "--db", "i.duckdb"),
        _fails("watch", "feeds.txt", "--every", "often"),
        _fails("watch", "feeds.txt", "--config", "bad.toml", code=3),
        _fails("quarantine", "show", "nope", *db, code=1),
        _fails("quarantine", "retry", *db),
        _fails("serve", "--db", "nope.duckdb", "--no-analyze", "--check"),
        _fails("serve", *db, "--workers", "2", "--no-analyze", "--check", code=3),  # DuckDB: one writing process
    ]
    _check("errors", "\n----\n".join(out))


def test_eval_on_two_gold_lines(here: Path) -> None:
    Path("gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in GOLD), encoding="utf-8")
    _check("eval", _run("eval", "gold.jsonl"))
    _check("eval_json", _run("eval", "gold.jsonl", "--json"))
