"""The base map's place labels, read offline from the project's gazetteer (``kb/data/places.tsv.gz``):
every capital and every town of at least :data:`MIN_POPULATION` people, with Arabic and English names."""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from typing import Any

from marsad.kb.places import PLACES_FILE

__all__ = ["MIN_POPULATION", "arabic_name", "labels"]

MIN_POPULATION = 250_000
#: letters of Persian, Urdu, Kurdish or Uyghur spellings, not of Arabic («ئالجىر» is Uyghur for Algiers)
_NOT_ARABIC = re.compile(r"[گکپژچیۆەێڤڵۇۈۋېھ]|ى\w|(?:^|\s)ئ")


def arabic_name(name: str, aliases: str) -> str:
    """The gazetteer's Arabic name, or its first alias in Arabic spelling when that name is in another script's
    spelling (an alias, stored folded, still reads right: «الجزائر»)."""
    if name and not _NOT_ARABIC.search(name):
        return name
    for alias in aliases.split("|"):
        if alias and not _NOT_ARABIC.search(alias):
            return alias
    return name


@lru_cache(maxsize=1)
def labels() -> list[dict[str, Any]]:
    """``[{"ar", "en", "cc", "lat", "lon", "pop", "capital"}]``, capitals first, then by population."""
    capitals: set[str] = set()
    rows: list[list[str]] = []
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#capitals\t"):
                pairs = line.rstrip("\n").split("\t", 1)[1].split("|")
                capitals = {pair.split(":", 1)[1] for pair in pairs if ":" in pair}
                continue
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 9 and cells[8] in ("town", "locality"):
                rows.append(cells)
    out = []
    for cells in rows:
        try:
            pop, lat, lon = int(cells[7] or 0), float(cells[5]), float(cells[6])
        except ValueError:
            continue
        capital = cells[0] in capitals
        if capital or pop >= MIN_POPULATION:
            ar = arabic_name(cells[2], cells[9] if len(cells) > 9 else "") or cells[1]
            out.append({"ar": ar, "en": cells[1], "cc": cells[3], "lat": round(lat, 3),
                        "lon": round(lon, 3), "pop": pop, "capital": capital})  # fmt: skip
    out.sort(key=lambda r: (not r["capital"], -int(str(r["pop"]))))
    return out
