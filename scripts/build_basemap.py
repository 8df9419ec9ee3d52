"""Build the dashboard's bundled country-outline base map from npm's ``world-atlas`` (TopoJSON, ISC).

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_basemap.py package/countries-50m.json src/marsad/web/static/geo/countries.geojson \
        package/countries-110m.json
    python scripts/build_basemap.py --finish src/marsad/web/static/geo/countries.geojson  # only tag and unwrap

Decodes the TopoJSON (quantised, delta-encoded arcs) in plain Python, keeps the countries that touch
Africa, the Middle East and Europe at 1:50m and, from the optional third file, every other country
at 1:110m (so an event in the Americas or East Asia is not a dot in an empty sea), rounds
coordinates to 0.01° and drops repeated points, so the GeoJSON stays around 1 MB. World-atlas
derives from Natural Earth (public domain).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

BBOX = (-32.0, -40.0, 75.0, 72.0)  # lon_min, lat_min, lon_max, lat_max
DIGITS = 2


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts[1:] if out else pts)
    coords: list[list[float]] = []
    for lon, lat in out:
        p = [round(lon, DIGITS), round(lat, DIGITS)]
        if not coords or coords[-1] != p:
            coords.append(p)
    if coords and coords[0] != coords[-1]:
        coords.append(coords[0])
    return coords


def in_region(polys: list[list[list[list[float]]]]) -> bool:
    lon_min, lat_min, lon_max, lat_max = BBOX
    return any(lon_min <= x <= lon_max and lat_min <= y <= lat_max for poly in polys for r in poly for x, y in r)


def convert(topo: dict[str, Any], inside: bool = True) -> dict[str, Any]:
    """The countries that touch the region (``inside``) or, with ``inside=False``, all the others."""
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            parts = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            parts = geom["arcs"]
        else:
            continue
        polys = [[r for r in (ring(idx, arcs) for idx in poly) if len(r) >= 4] for poly in parts]
        polys = [p for p in polys if p]
        if not polys or in_region(polys) != inside:
            continue
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": {"name": geom.get("properties", {}).get("name")},
                         "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    return {"type": "FeatureCollection", "features": features}


ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")  # Debian's iso-codes package
#: outlines world-atlas leaves without an ISO numeric code, by name
_NAMED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def unwrap(ring: list[list[float]]) -> list[list[float]]:
    """A ring that crosses 180° continued past it (179 → 181, not 179 → -179): no stripe across the map."""
    out = [ring[0]]
    for raw, lat in ring[1:]:
        prev, lon = out[-1][0], raw
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append([round(lon, DIGITS), lat])
    return out


def finish(data: dict[str, Any]) -> dict[str, Any]:
    """Each outline tagged with its ISO alpha-3 code (``iso3``; the dashboard shades a country by it) and its
    rings unwrapped at the antimeridian."""
    numeric = {}
    if ISO_CODES.exists():
        numeric = {c["numeric"]: c["alpha_3"] for c in json.loads(ISO_CODES.read_text("utf-8"))["3166-1"]}
    for f in data["features"]:
        name = f["properties"].get("name")
        f["properties"]["iso3"] = numeric.get(str(f.get("id") or "").zfill(3)) or _NAMED.get(name)
        f["geometry"]["coordinates"] = [[unwrap(r) for r in poly] for poly in f["geometry"]["coordinates"]]
    return data


def main(argv: list[str]) -> int:
    if argv[:1] == ["--finish"]:
        path = Path(argv[1])
        path.write_text(json.dumps(finish(json.loads(path.read_text("utf-8"))), separators=(",", ":"),
                                   ensure_ascii=False), "utf-8")  # fmt: skip
        return 0
    src, dst = Path(argv[0]), Path(argv[1])
    data = convert(json.loads(src.read_text("utf-8")))
    if len(argv) > 2:  # the rest of the world, coarser
        data["features"] += convert(json.loads(Path(argv[2]).read_text("utf-8")), inside=False)["features"]
    data = finish(data)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), "utf-8")
    print(f"{len(data['features'])} countries, {dst.stat().st_size} bytes -> {dst}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
