"""Typed settings: packaged defaults (``default_config.toml``) overridden by a user's TOML file.

Unknown keys fail at start-up (pydantic ``extra="forbid"``), so a typo never silently changes a run.
The resolved settings are hashed (:func:`config_sha256`) into every record's provenance.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from marsad.errors import ConfigError

__all__ = ["Settings", "config_sha256", "load_settings"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PipelineSettings(_Strict):
    stages: tuple[str, ...]
    on_error: Literal["raise", "record"] = "record"
    #: articles analysed together by stages that batch (the NER model); results do not depend on it
    batch_size: int = Field(32, gt=0)
    #: wall seconds one article may take: past it, the later stages are skipped for that article, which
    #: keeps its partial analysis and an E011 diagnostic (a stage that has started is not interrupted)
    article_seconds: float = Field(60.0, gt=0)


class InputSettings(_Strict):
    max_bytes: int = Field(20_000_000, gt=0)
    max_chars: int = Field(200_000, gt=0)
    min_arabic_ratio: float = Field(0.3, ge=0, le=1)


class NerSettings(_Strict):
    use_model: bool = True
    min_score: float = Field(0.0, ge=0, le=1)
    #: spread the model's names to their untagged occurrences in the article (marsad.ner.consistency)
    consistency: bool = True


class EventSettings(_Strict):
    min_confidence: float = Field(0.0, ge=0, le=1)
    #: where mentions come from: the trigger lexicon, the learned model, or both (marsad.events.propose)
    detector: Literal["rules", "model", "both"] = "both"
    #: another trained event model (an event_model.npz); none: the packaged one
    model_path: str | None = None


class IngestSettings(_Strict):
    """How `marsad ingest`/`watch` fetch from the web and batch their writes."""

    fetch_timeout: float = Field(15.0, gt=0)
    fetch_retries: int = Field(2, ge=0)
    fetch_backoff: float = Field(0.5, ge=0)
    per_host_interval: float = Field(1.0, ge=0)
    max_response_bytes: int = Field(5_000_000, gt=0)
    max_redirects: int = Field(5, ge=0)
    respect_robots: bool = True
    batch_size: int = Field(50, gt=0)


class ServeSettings(_Strict):
    """``marsad serve``: the REST API and the dashboard (the ingest token comes from ``MARSAD_API_TOKEN``)."""

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    read_requires_token: bool = False  # also require the bearer token for every read endpoint
    default_limit: int = Field(50, ge=1)
    max_limit: int = Field(1000, ge=1)
    geojson_max: int = Field(2000, ge=1)  # markers sent to the map at most (the newest; filters narrow)
    tile_url: str | None = None  # e.g. "http://127.0.0.1:8080/{z}/{x}/{y}.png"; none: the bundled outlines only
    tile_attribution: str = ""
    max_ingest_records: int = Field(1000, ge=1)
    max_body_bytes: int = Field(20_000_000, ge=1)  # larger request bodies get 413 before they are read or parsed
    max_analyze_chars: int = Field(200_000, ge=1)  # POST /api/analyze: longer texts get 413 (analysis time)
    max_concurrent_analyses: int = Field(2, ge=1)  # analyses at once (analyze, ingest of articles); more get 503


class StoreSettings(_Strict):
    url: str = "marsad.duckdb"
    batch_size: int = Field(200, gt=0)
    near_duplicate_threshold: float = Field(0.6, gt=0, le=1)
    date_tolerance_days: int = Field(1, ge=0)
    near_km: float = Field(50.0, gt=0)
    continues_days: int = Field(120, ge=0)
    min_overlap: float = Field(0.15, ge=0, le=1)
    same_wording: float = Field(0.5, ge=0, le=1)


class Settings(_Strict):
    pipeline: PipelineSettings
    input: InputSettings = InputSettings()
    ner: NerSettings = NerSettings()
    events: EventSettings = EventSettings()
    ingest: IngestSettings = IngestSettings()
    serve: ServeSettings = ServeSettings()
    store: StoreSettings = StoreSettings()


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    text = resources.files("marsad").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_settings(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Defaults, then the user's file, then ``overrides``; raises :class:`ConfigError` (E020)."""
    data = _defaults()
    if path is not None:
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
    if overrides:
        data = _merge(data, overrides)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid config at '{where}': {first['msg']}") from exc


def config_sha256(settings: Settings) -> str:
    """SHA-256 of the resolved settings in canonical JSON."""
    blob = json.dumps(settings.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
