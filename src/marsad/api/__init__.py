"""marsad's REST API (FastAPI) over the store; the dashboard (:mod:`marsad.web`) is served by the same app."""

from __future__ import annotations

from marsad.api.app import TOKEN_ENV, create_app
from marsad.api.core import ApiError, ApiState, EventFilters

__all__ = ["TOKEN_ENV", "ApiError", "ApiState", "EventFilters", "create_app"]
