"""The curated actor data files under ``training/data/`` that ``training/build_actors.py`` reads.

They are edited by hand, so each must parse, hold every field the builder reads (and nothing it
ignores), and give every actor its own id. Rebuilding ``actors.jsonl`` needs pycountry (the
``kb-build`` extra); these checks do not.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "training" / "build_actors.py"
_spec = importlib.util.spec_from_file_location("build_actors", _SCRIPT)
assert _spec is not None and _spec.loader is not None
build_actors = importlib.util.module_from_spec(_spec)  # a script of training/, loaded without touching sys.path
_spec.loader.exec_module(build_actors)


def _objects(path: Path) -> list[dict[str, Any]]:
    """Every non-comment line of a JSON-lines data file, parsed here independently of the builder."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            row = json.loads(line)
            assert isinstance(row, dict), line
            rows.append(row)
    return rows


def test_files_start_with_a_header() -> None:
    for path in (build_actors.CURATED, build_actors.STATES, build_actors.NOT_STATES):
        assert path.read_text(encoding="utf-8").startswith("# "), path


def test_curated_rows_hold_every_field() -> None:
    rows = _objects(build_actors.CURATED)
    assert len(rows) > 100
    for row in rows:
        assert set(row) == set(build_actors.CURATED_FIELDS), row["id"]
        assert row["ar"] and all(isinstance(n, str) and n.strip() for n in row["ar"]), row["id"]
        assert row["kind"] in build_actors.KINDS, row["id"]
        if row["kind"] in ("region", "org"):
            assert row["country"] is None and row["sector"] == "international", row["id"]
        else:
            assert not row["members"], row["id"]
    kinds = {row["kind"] for row in rows}
    assert {"agency", "group", "media", "region", "org"} <= kinds
    assert rows == build_actors.read_curated()  # the builder's own checks pass too


def test_state_rows_hold_every_field() -> None:
    rows = _objects(build_actors.STATES)
    assert len(rows) > 50
    for row in rows:
        assert set(row) == set(build_actors.STATE_FIELDS), row["id"]
        assert len(row["id"]) == 3 and row["id"].isupper(), row["id"]
        assert not row["dem"] or row["ar"], row["id"]  # the generated institutions are named with ar[0]
    assert {row["id"]: row for row in rows} == build_actors.read_states()


def test_not_states_are_iso_codes() -> None:
    codes = build_actors.read_not_states()
    assert len(codes) > 20
    assert all(len(c) == 3 and c.isupper() for c in codes)
    assert not codes & set(build_actors.read_states())  # a state is either curated or left out
    assert {"PSE", "VAT", "ESH"}.isdisjoint(codes)  # kept on purpose


def test_no_duplicate_ids_across_files() -> None:
    hand = [json.loads(line)["id"] for line in build_actors.HAND.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip
    ids = [r["id"] for r in _objects(build_actors.CURATED)] + [r["id"] for r in _objects(build_actors.STATES)] + hand
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes


def test_generated_institution_ids_name_a_curated_state() -> None:
    """A curated row with a generated id (``MAR_MIL``) merges with the generated institution only
    when its state has demonyms; otherwise it stands alone, which is allowed but must name a state."""
    states = build_actors.read_states()
    suffixes = {t[0] for t in build_actors.TEMPLATES}
    for row in build_actors.read_curated():
        iso, _, unit = row["id"].partition("_")
        if unit in suffixes and row["kind"] == "agency":
            assert row["country"] == iso, row["id"]
            assert iso in states, row["id"]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"id": "X"}', "missing fields"),
        ("not json", "not JSON"),
        ('["a list"]', "not a JSON object"),
    ],
)
def test_the_builder_refuses_a_bad_row(tmp_path: Path, line: str, error: str) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text("# header\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        build_actors.read_curated(path)


def test_the_builder_refuses_a_duplicate_id_and_a_wrong_type(tmp_path: Path) -> None:
    row = json.dumps(_objects(build_actors.CURATED)[0], ensure_ascii=False)
    path = tmp_path / "rows.jsonl"
    path.write_text(row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate id"):
        build_actors.read_curated(path)
    bad = json.loads(row) | {"ar": "a string, not a list"}
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ar must be list"):
        build_actors.read_curated(path)
