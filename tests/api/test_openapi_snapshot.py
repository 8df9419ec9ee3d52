"""The OpenAPI schema is pinned: a change to a route, a parameter or a model shows up as a diff here.

After an intended API change, regenerate the snapshot and review the diff in the commit::

    .venv/bin/python tests/api/test_openapi_snapshot.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from marsad.api.app import create_app

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = create_app(store_factory=lambda: None).openapi()
    return schema


def write() -> None:
    """Rewrite the snapshot from the current code."""
    SNAPSHOT.write_text(json.dumps(_schema(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def test_openapi_schema_matches_the_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert _schema() == expected, "the OpenAPI schema changed; see this module's docstring to regenerate it"


if __name__ == "__main__":
    write()
