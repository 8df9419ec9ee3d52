"""``GET /api/export``: the current filtered view as a file, CSV, GeoJSON or ACLED-shaped CSV, with the
same filter parameters as ``/api/events`` (what the analyst sees is what is exported)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from marsad.api.core import READ, FiltersDep, SortDep, StateDep
from marsad.export.acled import ACLED_COLUMNS, MARSAD_COLUMNS, acled_rows, safe_cell
from marsad.store.queries import event_where
from marsad.store.rows import EventRow

__all__ = ["EXPORT_MAX", "router"]

router = APIRouter(prefix="/api", dependencies=[READ])
#: the most events one export holds (``X-Marsad-Truncated: true`` says when more matched)
EXPORT_MAX = 100_000
_COLUMNS = [f.name for f in dataclasses.fields(EventRow)]
_MEDIA = {"csv": "text/csv; charset=utf-8", "acled": "text/csv; charset=utf-8", "geojson": "application/geo+json"}
_NAMES = {"csv": "marsad-events.csv", "acled": "marsad-acled.csv", "geojson": "marsad-events.geojson"}


def _csv(header: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    w.writeheader()
    w.writerows({k: safe_cell(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows)
    return out.getvalue()


def _geojson(rows: list[dict[str, Any]]) -> str:
    features = [{"type": "Feature", "id": r["id"],
                 "geometry": {"type": "Point", "coordinates": [round(r["lon"], 5), round(r["lat"], 5)]},
                 "properties": {k: v for k, v in r.items() if k not in ("id", "lat", "lon")}}
                for r in rows if r["lat"] is not None and r["lon"] is not None]  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


@router.get("/export", tags=["events"], summary="The filtered events as a CSV, GeoJSON or ACLED CSV file",
            response_class=Response,
            responses={200: {"content": {"text/csv": {}, "application/geo+json": {}},
                             "description": "the file (Content-Disposition: attachment)"}})  # fmt: skip
def export(state: StateDep, filters: FiltersDep,
           sort: SortDep,
           format: Annotated[Literal["csv", "geojson", "acled"], Query(description="csv: every field with the"
                             " descriptions; geojson: the located events; acled: ACLED's columns")] = "csv",
           ) -> Response:  # fmt: skip
    """The same filters as ``/api/events`` (and ``sort`` for csv and geojson). The ACLED file keeps the
    events ACLED would code, oldest first, its ``notes`` the English description. At most
    :data:`EXPORT_MAX` events; the header ``X-Marsad-Total`` counts every match."""
    where, params = event_where(**filters.as_kwargs())
    with state.use() as store:
        total = int(store.db.execute("SELECT COUNT(*) FROM events" + where, params)[0][0])
        if format == "acled":
            body = _csv([*ACLED_COLUMNS, *MARSAD_COLUMNS],
                        acled_rows(store, where=where, params=params, limit=EXPORT_MAX))  # fmt: skip
        else:
            rows = [r.to_json() for r in store.events(**filters.as_kwargs(), sort=sort, limit=EXPORT_MAX)]
            body = _csv(_COLUMNS, rows) if format == "csv" else _geojson(rows)
    headers = {"Content-Disposition": f'attachment; filename="{_NAMES[format]}"', "X-Marsad-Total": str(total),
               "X-Marsad-Truncated": "true" if total > EXPORT_MAX else "false"}  # fmt: skip
    return Response(body, media_type=_MEDIA[format], headers=headers)
