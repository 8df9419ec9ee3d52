"""Build ``src/marsad/kb/data/divisions.tsv.gz``: the world's first- and second-level divisions.

Usage: PYTHONPATH=src python training/build_divisions.py   (needs the ``kb-build`` extra)

Source: the ISO 3166-2 subdivisions shipped in the ``pycountry`` package (Debian iso-codes,
LGPL-2.1; names only, see ``src/marsad/kb/data/ATTRIBUTION.md``). They have Latin names only:
marsad finds them after a place noun («محافظة أبين», «منطقة عسير», «إقليم كردستان») by the
consonant skeleton both scripts share (:meth:`marsad.kb.places.Geocoder.division`), in the
countries the article names. Morocco, Western Sahara and Algeria are left out: their divisions
are in ``places.tsv.gz`` with Arabic names.

Coordinates: those of the most populous gazetteer town of the country whose Latin name has the
division's skeleton (a division named after its seat: Mopti, Najrān, Kunduz), else the country's
row of ``places.tsv.gz`` (the median of its towns; the precision says it is a division).

Columns (tab-separated, UTF-8, gzip, sorted by code): code (ISO 3166-2), name (the ISO name less
a generic word such as «Iqlīm»), country (ISO alpha-3), precision (admin1 for a top-level
division, admin2 for one inside another), parent (the parent division's name, or empty), lat, lon,
skeletons (``|``-separated consonant skeletons of the name and its variants).
"""

from __future__ import annotations

import gzip
import io
import re
import unicodedata
from pathlib import Path

import pycountry

from marsad.kb.translit import latin_skeleton

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "marsad" / "kb" / "data"
OUT = DATA / "divisions.tsv.gz"
#: countries whose divisions places.tsv.gz already has with Arabic names
CURATED = frozenset({"MA", "EH", "DZ"})
#: generic words inside ISO names («Iqlīm Kūrdistān», «Wilāyat …», «… Province»), ascii-folded, lower case
_GENERIC = re.compile(
    r"^(?:iqlim|wilayat|muhafazat|mintaqat|province of|region of|department of)\s+|"
    r"\s+(?:province|region|governorate|prefecture|district|state|department|county|oblast)$"
)


def _ascii(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    return "".join(c for c in s if not unicodedata.combining(c))


#: the ayn and hamza marks of ISO romanisations («Şāʻdah», «Karbalā’») written as GeoNames writes them
_MARKS = str.maketrans({"ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "´": "'"})


def _plain(name: str) -> str:
    """The name less a generic word, in its own letters, marks as apostrophes («Iqlīm Kūrdistān» →
    «Kūrdistān», «Şāʻdah» → «Şā'dah»)."""
    name = re.sub(r"\s*\[[^\]]*\]", "", name.translate(_MARKS))
    folded = _ascii(name).lower()
    m = _GENERIC.search(folded)
    if m is None:
        return name
    # the generic word is ascii-foldable letter for letter: cut the same span from the name
    return (name[m.end() :] if m.start() == 0 else name[: m.start()]).strip()


def _variants(name: str) -> list[str]:
    """The name, and each part of a bilingual name («Tanger-Tétouan» stays whole; «X / Y» splits)."""
    parts = [name, *re.split(r"\s*[/;]\s*", name)]
    out: list[str] = []
    for part in parts:
        plain = _plain(part.strip())
        if plain and plain not in out:
            out.append(plain)
    return out


def _places() -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple[int, float, float]]]:
    """Country coordinates and, per (country, skeleton), the most populous town's coordinates."""
    countries: dict[str, tuple[float, float]] = {}
    towns: dict[tuple[str, str], tuple[int, float, float]] = {}
    with gzip.open(DATA / "places.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            _gid, name, _ar, cc, _a1, lat, lon, pop, prec, _names, _lat_names = line.rstrip("\n").split("\t")
            if not lat or not lon:
                continue
            if prec == "country":
                countries[cc] = (float(lat), float(lon))
            elif prec == "town":
                key = (cc, latin_skeleton(name))
                if key not in towns or int(pop or 0) > towns[key][0]:
                    towns[key] = (int(pop or 0), float(lat), float(lon))
    return countries, towns


def rows() -> list[list[str]]:
    countries, towns = _places()
    names = {s.code: s.name for s in pycountry.subdivisions}
    out = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.country_code in CURATED:
            continue
        country = pycountry.countries.get(alpha_2=s.country_code)
        if country is None:
            continue
        cc = country.alpha_3
        variants = _variants(s.name)
        skeletons = [k for k in dict.fromkeys(latin_skeleton(v) for v in variants) if k]
        if not skeletons:
            continue
        seat = max((towns[(cc, k)] for k in skeletons if (cc, k) in towns), default=None)
        lat, lon = (seat[1], seat[2]) if seat else countries.get(cc, (None, None))
        if lat is None or lon is None:
            continue
        parent = names.get(s.parent_code or "", "")
        precision = "admin2" if parent else "admin1"
        out.append([s.code, variants[0], cc, precision, _plain(parent) if parent else "",
                    f"{lat:.5f}", f"{lon:.5f}", "|".join(skeletons)])  # fmt: skip
    return out


def main() -> None:
    # mtime=0 and no file name in the header: the same inputs give the same bytes
    with (
        OUT.open("wb") as binary,
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=binary, mtime=0) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as fh,
    ):
        fh.write("# ISO 3166-2 divisions (pycountry / iso-codes, LGPL-2.1); built by training/build_divisions.py\n")
        for row in rows():
            fh.write("\t".join(c.replace("\t", " ") for c in row) + "\n")


if __name__ == "__main__":
    main()
