"""The report's figures, drawn offline with matplotlib (Agg): a map of the period's events on the bundled
country outlines (PNG: a region's outlines at 1:50m are megabytes of SVG paths, slow to lay out) and a timeline
(SVG). Fixed fonts (the bundled Noto Sans Arabic), text as paths, a fixed ``svg.hashsalt`` and no date or
software metadata, so the same data gives the same bytes.

The figures hold no Arabic text: matplotlib neither shapes nor reorders it, and the bundled web subset of the
font has no presentation forms to shape it by hand. Titles and the timeline's legend are in the HTML, where
pango (PDF) or the browser shapes them."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad import __version__
from marsad.report.figures import COUNTED_STATUSES, event_day
from marsad.report.period import Period
from marsad.store.rows import EventRow

__all__ = ["COLORS", "FONT_FAMILY", "FONT_FILES", "map_png", "timeline_series", "timeline_svg"]

FONT_FAMILY = "Noto Sans Arabic"
#: The bundled web fonts (WOFF2), Latin and Arabic subsets, regular and bold.
FONT_FILES = tuple(f"noto-sans-arabic-{script}-{weight}-normal.woff2" for script in ("latin", "arabic")
                   for weight in (400, 700))  # fmt: skip
COLORS = ("#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#4d4d4d")
_LAND, _EDGE, _FOCUS = "#eeeeee", "#9a9a9a", "#dbe6f1"


def fonts_dir() -> Path:
    return Path(str(resources.files("marsad.web").joinpath("static/vendor/fonts")))


@cache
def _font_paths() -> tuple[Path, ...]:
    """The bundled fonts as TrueType files matplotlib can read (converted once per process from WOFF2)."""
    from fontTools.ttLib import TTFont

    out_dir = Path(tempfile.gettempdir()) / f"marsad-fonts-{__version__}"
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in FONT_FILES:
        path = out_dir / name.replace(".woff2", ".ttf")
        if not path.exists():
            font = TTFont(str(fonts_dir() / name))
            font.flavor = None
            part = path.with_suffix(f".{os.getpid()}.part")
            font.save(str(part))
            part.replace(path)  # atomic: a concurrent process sees the whole file or none
        paths.append(path)
    return tuple(paths)


@contextmanager
def _style() -> Iterator[Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    names = []
    for path in _font_paths():
        font_manager.fontManager.addfont(str(path))
        names.append(font_manager.FontProperties(fname=str(path)).get_name())
    rc: Any = {"font.family": list(dict.fromkeys(names)), "svg.fonttype": "path", "svg.hashsalt": "marsad",
          "font.size": 9, "axes.unicode_minus": False, "path.simplify": True}  # fmt: skip
    with plt.rc_context(rc):
        yield plt


def _svg(fig: Any, plt: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


Ring = tuple[tuple[float, float], ...]


@cache
def _outlines() -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """Country name → its rings (outer rings only: the base map has no holes worth drawing at this scale)."""
    data = json.loads(resources.files("marsad.web").joinpath("static/geo/countries.geojson").read_text("utf-8"))
    out = []
    for feature in data["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = tuple(tuple((float(x), float(y)) for x, y in poly[0]) for poly in polys)
        out.append((str(feature["properties"].get("name", "")), rings))
    return tuple(out)


@cache
def _boxes() -> tuple[tuple[str, Ring, tuple[float, float, float, float]], ...]:
    """Every ring with its name and bounding box (x0, x1, y0, y1)."""
    return tuple((name, ring, (min(x for x, _ in ring), max(x for x, _ in ring), min(y for _, y in ring),
                               max(y for _, y in ring)))
                 for name, rings in _outlines() for ring in rings)  # fmt: skip


def _extent(points: Sequence[tuple[float, float]], focus: Sequence[str]) -> tuple[float, float, float, float]:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    for name, rings in _outlines():
        if name in focus:
            xs += [x for ring in rings for x, _ in ring]
            ys += [y for ring in rings for _, y in ring]
    if not xs:
        return (-20.0, 60.0, 0.0, 45.0)
    pad = max(2.0, 0.08 * max(max(xs) - min(xs), max(ys) - min(ys)))
    return (min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad)


def map_png(events: Sequence[EventRow], focus: Sequence[str]) -> bytes:
    """The events placed on the base map (a dot per event, sized by people killed or involved; a ring for an
    event that did not happen as reported: planned, attempted, denied); ``focus``: English names of the
    scope's countries, shaded and kept in view."""
    placed = [e for e in events if e.lat is not None and e.lon is not None]
    points = [(float(e.lon), float(e.lat)) for e in placed]  # type: ignore[arg-type]
    x0, x1, y0, y1 = _extent(points, focus)
    with _style() as plt:
        fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=100)
        step = max(1, int((x1 - x0) // 15))  # wide views draw every n-th vertex: the same look, less work
        for name, ring, (rx0, rx1, ry0, ry1) in _boxes():
            if rx1 >= x0 and rx0 <= x1 and ry1 >= y0 and ry0 <= y1:
                outline = ring[::step] if len(ring) > 8 * step else ring
                ax.fill(*zip(*outline, strict=True), facecolor=_FOCUS if name in focus else _LAND,
                        edgecolor=_EDGE, linewidth=0.4)  # fmt: skip
        for happened in (True, False):  # one scatter per kind: a call per event is slow with thousands
            group = [(e, p) for e, p in zip(placed, points, strict=True) if (e.status in COUNTED_STATUSES) is happened]
            if not group:
                continue
            sizes = [30 + 10 * min(20, (e.killed or 0) + (e.people or 0) ** 0.5) for e, _ in group]
            ax.scatter([x for _, (x, _) in group], [y for _, (_, y) in group], s=sizes, marker="o", zorder=3,
                       linewidths=1.0, edgecolors=COLORS[0], facecolors=COLORS[0] if happened else "none",
                       alpha=0.75 if happened else 1.0)  # fmt: skip
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_facecolor("#f7fbff")
        buf = io.BytesIO()
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
        fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
        plt.close(fig)
        return buf.getvalue()


def timeline_series(events: Sequence[EventRow]) -> list[tuple[str, frozenset[str], str]]:
    """The timeline's stacks: (name, the types it counts, colour); the five commonest types, then the rest as
    one (named ``…``)."""
    types = [t for t, _ in sorted(Counter(e.type for e in events).items(), key=lambda kv: (-kv[1], kv[0]))]
    groups = [(t, frozenset({t})) for t in types[:5]] + ([("…", frozenset(types[5:]))] if types[5:] else [])
    return [(name, members, COLORS[i % len(COLORS)]) for i, (name, members) in enumerate(groups)]


def timeline_svg(events: Sequence[EventRow], period: Period) -> str:
    """Events a day over ``period``, stacked by :func:`timeline_series` (its legend is the caller's)."""
    days = [period.start + dt.timedelta(days=i) for i in range(period.days)]
    with _style() as plt:
        fig, ax = plt.subplots(figsize=(6.4, 2.4), dpi=100)
        bottom = [0] * len(days)
        for _name, members, color in timeline_series(events):
            counts = Counter(event_day(e) for e in events if e.type in members)
            heights = [counts.get(d, 0) for d in days]
            ax.bar(range(len(days)), heights, bottom=bottom, color=color, width=0.8)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        step = max(1, len(days) // 10)
        ax.set_xticks(range(0, len(days), step), [d.strftime("%m-%d") for d in days[::step]])
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        return _svg(fig, plt)
