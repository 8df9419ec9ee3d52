"""``POST /api/analyze`` (one article → its output-contract record) and ``POST /api/ingest`` (token)."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Request

from marsad.analyze import analyze
from marsad.api.cancel import run_cancellable, run_stoppable
from marsad.api.core import READ, WRITE, ApiError, ApiState, StateDep
from marsad.api.models import AnalyzeRequest, ApiErrorBody, IngestItem, IngestRequest, IngestResponse
from marsad.errors import CODES
from marsad.inputs import ArticleInput, InputFailure, input_from_mapping
from marsad.store.rows import AddResult

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api")
_AUTH: dict[int | str, dict[str, Any]] = {401: {"model": ApiErrorBody, "description": "no bearer token"},
         403: {"model": ApiErrorBody, "description": "wrong token, or ingest disabled (no MARSAD_API_TOKEN)"}}


def _prepare(state: ApiState, body: AnalyzeRequest, origin: str) -> ArticleInput | InputFailure:
    if state.pipeline is None:
        raise ApiError(503, "no_pipeline", "analysis is not available: the server was started without a pipeline")
    if len(body.text) > state.settings.max_analyze_chars:
        raise ApiError(413, "too_large", f"text longer than {state.settings.max_analyze_chars} characters "
                                         f"({len(body.text)}); split it, or raise serve.max_analyze_chars")  # fmt: skip
    obj = body.model_dump()
    return input_from_mapping(obj, origin, json.dumps(obj, ensure_ascii=False).encode())


def _run(state: ApiState, item: ArticleInput | InputFailure) -> dict[str, Any]:
    assert state.pipeline is not None  # checked by _prepare
    with state.analysing():
        record: dict[str, Any] = next(analyze([item], state.pipeline))
    return record


def _analyze_one(state: ApiState, body: AnalyzeRequest, origin: str) -> dict[str, Any]:
    """Analyse for a synchronous route (ingest's articles); stopped when the server stops."""
    item = _prepare(state, body, origin)
    return run_stoppable(state, lambda: _run(state, item))


@router.post("/analyze", tags=["analysis"], dependencies=[READ],
             responses={503: {"model": ApiErrorBody,
                              "description": "no pipeline loaded, every analysis slot busy (Retry-After), "
                                             "or the server is stopping"}},
             summary="Analyse one article; returns its output-contract record (nothing is stored)")  # fmt: skip
async def analyze_article(request: Request, state: StateDep, body: AnalyzeRequest) -> dict[str, Any]:
    """The record has the fields of ``docs/output-contract.md``: entities, events, quotes, relations,
    provenance and diagnostics, with offsets into ``text``. The analysis stops (before its next stage)
    when the client goes away or the server is stopping."""
    item = _prepare(state, body, "api")
    return await run_cancellable(request, state, lambda: _run(state, item))


def _check_record(record: dict[str, Any]) -> str | None:
    if not isinstance(record.get("id"), str) or not record["id"]:
        return "record has no string id"
    if not isinstance(record.get("text"), str):
        return "record has no text"
    for layer in ("entities", "events", "quotes", "relations"):
        if not isinstance(record.get(layer, []), list):
            return f"record field {layer!r} is not a list"
    return None


def _aside(store: Any, index: int, record: Any, problem: str) -> IngestItem:
    """Quarantine one record that cannot be stored (E060), with its bytes; never drop it."""
    raw = json.dumps(record, ensure_ascii=False, default=str).encode()
    qid = store.quarantine("api:ingest", str(record.get("id") or index), "E060", problem[:500], raw)
    return IngestItem(index=index, article_id=None, status="quarantined", quarantine_id=qid, message=problem[:500])


def _item(index: int, result: AddResult) -> IngestItem:
    return IngestItem(index=index, article_id=result.article_id, status=result.status,
                      duplicate_of=result.duplicate_of, created=list(result.created), merged=list(result.merged))


@router.post("/ingest", tags=["ingest"], dependencies=[WRITE], response_model=IngestResponse,
             responses=_AUTH, summary="Store records (or analyse then store articles); needs the bearer token")
def ingest(state: StateDep, body: IngestRequest) -> IngestResponse:
    """Idempotent: the same content twice is reported ``duplicate`` and changes nothing. A record that is not
    shaped like the output contract is quarantined (kept aside with a message), never dropped."""
    n = len(body.records) + len(body.articles)
    if n == 0:
        raise ApiError(400, "bad_parameter", "nothing to ingest: give 'records' and/or 'articles'")
    if n > state.settings.max_ingest_records:
        raise ApiError(413, "too_large", f"at most {state.settings.max_ingest_records} items per request, got {n}")
    records = list(body.records) + [_analyze_one(state, a, "api:ingest") for a in body.articles]
    items: list[IngestItem] = []
    good: list[tuple[int, dict[str, Any]]] = []
    with state.writing() as store:
        for i, record in enumerate(records):
            problem = _check_record(record)
            if problem is None:
                good.append((i, record))
            else:
                items.append(_aside(store, i, record, problem))
        try:
            items += [_item(i, res) for (i, _), res in zip(good, store.add_records([r for _, r in good]), strict=True)]
        except Exception:  # the batch was rolled back: store one by one, keep the failing ones aside
            log.exception("ingest batch of %d records failed; retrying one by one", len(good))
            for i, record in good:
                try:
                    items.append(_item(i, store.add_records([record])[0]))
                except Exception as exc:
                    items.append(_aside(store, i, record, f"{CODES['E060']}: {exc.__class__.__name__}: {exc}"))
    state.invalidate()
    items.sort(key=lambda it: it.index)
    counts: dict[str, int] = {}
    for it in items:
        counts[it.status] = counts.get(it.status, 0) + 1
    return IngestResponse(items=items, counts=counts)
