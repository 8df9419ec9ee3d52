"""marsad's web dashboard: server-rendered Jinja2 pages (autoescaped) with small vanilla JS modules,
Leaflet and a country-outline base map bundled under ``static/`` (no CDN, works offline)."""

from __future__ import annotations

from marsad.web.pages import mount_dashboard

__all__ = ["mount_dashboard"]
