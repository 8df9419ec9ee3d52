"""Geocoder evaluation on Maghreb/Sahel place names drawn from the source gazetteers.

Draws places with an Arabic name from ``geonames_maghreb_sahel/cities500_maghreb_sahel.tsv``
(GeoNames id known) and Moroccan communes from ``morocco_admin_divisions`` (country known; the
GeoNames id when the commune's French name is that of a GeoNames place), puts each name in a
sentence with a clitic or preposition («ب», «و», «في …», «لـ», «من …», «إلى …», «مدينة …»)
and checks the mention the geocoder finds over the name: its country and its GeoNames id.

Excluded, because no name-based geocoder can get them and the rule is by design: names equal to
a country name («تونس», «الجزائر»: the country wins), and names shared by two places of the same
country (no context can decide). Context: the place's own country is passed as the article's
country context (``with_context=False`` measures without it).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from marsad.kb.actors import ActorKB
from marsad.kb.places import Geocoder
from marsad.text.fold import fold

__all__ = ["EvalCase", "EvalResult", "draw_cases", "evaluate"]

_NON_ARABIC = re.compile("[پچژٹڈڑںےھۓۍېټځڅډړږښڼ،,]")
_BIDI = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
#: Morocco's two southern regions lie in Western Sahara (GeoNames country EH).
_SOUTH = frozenset(["REGION_03", "REGION_07"])
_ISO3 = {"MA": "MAR", "EH": "ESH", "DZ": "DZA", "TN": "TUN", "LY": "LBY", "MR": "MRT",
         "ML": "MLI", "NE": "NER", "BF": "BFA", "TD": "TCD"}  # fmt: skip
TEMPLATES = (
    "وقع الحادث ب{n} صباح اليوم",
    "شهدت المنطقة و{n} أمطارا غزيرة",
    "في {n} اعتقلت السلطات مشتبها به",
    "توجه الوفد ل{n} أمس",
    "وصل المسافرون من {n} مساء الأحد",
    "نقل المصابون إلى {n} للعلاج",
    "زار الوزير مدينة {n} لتفقد المشاريع",
)


@dataclass(frozen=True)
class EvalCase:
    name: str
    country: str
    geonames_id: int | None
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class EvalResult:
    n: int
    country_accuracy: float
    id_accuracy: float  # over cases with a known GeoNames id
    n_with_id: int
    found: float


def _with_clitic(template: str, name: str) -> tuple[str, int, int]:
    """The sentence and the expected span («ل» + «الناظور» → «للناظور», span from the 2nd «ل»)."""
    start = template.index("{n}")
    if template[start - 1] == "ل" and name.startswith("ال"):
        name = name[1:]
    return template.format(n=name), start, start + len(name)


def _display(raw: str) -> str | None:
    for r in raw.split("|"):
        n = _BIDI.sub("", r).strip()
        if n and not _NON_ARABIC.search(n) and re.search("[\u0621-\u064a]", n):
            return n
    return None


def draw_cases(shared: Path, n_geonames: int = 400, n_communes: int = 150,
               seed: int = 13) -> list[EvalCase]:  # fmt: skip
    """The evaluation sentences (deterministic for a seed)."""
    kb = ActorKB.load()
    country_names = {n for a in kb.actors() if a.kind in ("state", "region") for n in a.names}
    tsv = shared / "data/gazetteers/geonames_maghreb_sahel/cities500_maghreb_sahel.tsv"
    rows = []
    with tsv.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"), strict=False)))
    named: list[tuple[str, str, int | None]] = []
    for r in rows:
        disp = _display(r["arabic_names"])
        if disp:
            named.append((disp, _ISO3[r["countrycode"]], int(r["geonameid"])))
    by_latin = {(r["countrycode"], r["name"].lower()): int(r["geonameid"]) for r in rows}
    base = shared / "data/gazetteers/morocco_admin_divisions"
    divs = {
        d["id"]: d["region_id"]
        for d in json.loads((base / "region-divisions.json").read_text(encoding="utf-8"))[
            "region_divisions"
        ]
    }
    communes = []
    for c in json.loads((base / "communes.json").read_text(encoding="utf-8"))["communes"]:
        cc = "EH" if divs[c["region_division_id"]] in _SOUTH else "MA"
        fr = c["name"]["fr"].lower()
        communes.append((c["name"]["ar"], _ISO3[cc], by_latin.get((cc, fr))))
    per_country: dict[tuple[str, str], int] = {}
    for disp, cc, _ in named + communes:
        k = (fold(disp), cc)
        per_country[k] = per_country.get(k, 0) + 1
    rng = random.Random(seed)

    def usable(items: list[tuple[str, str, int | None]]) -> list[tuple[str, str, int | None]]:
        return [
            x
            for x in items
            if fold(x[0]) not in country_names
            and per_country[(fold(x[0]), x[1])] == 1
            and len(fold(x[0])) >= 3
        ]

    pick = rng.sample(usable(named), min(n_geonames, len(usable(named))))
    pick += rng.sample(usable(communes), min(n_communes, len(usable(communes))))
    cases = []
    for i, (name, cc, gid) in enumerate(pick):
        sent, s, e = _with_clitic(TEMPLATES[i % len(TEMPLATES)], name)
        cases.append(EvalCase(name, cc, gid, sent, s, e))
    return cases


def evaluate(cases: list[EvalCase], with_context: bool = True) -> EvalResult:
    geo = Geocoder.load()
    ok_c = ok_id = n_id = found = 0
    for c in cases:
        ms = geo.find(c.sentence, (c.country,) if with_context else ())
        m = next((m for m in ms if m.start < c.end and c.start < m.end), None)
        found += m is not None
        ok_c += m is not None and m.place.country == c.country
        if c.geonames_id is not None:
            n_id += 1
            ok_id += m is not None and m.place.geonames_id == c.geonames_id
    n = len(cases)
    return EvalResult(n, ok_c / n, ok_id / max(n_id, 1), n_id, found / n)
