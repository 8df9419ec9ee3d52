"""Build ``src/marsad/kb/data/actors.jsonl`` from pycountry and the curated data files.

Usage: PYTHONPATH=src python training/build_actors.py [--out PATH]
States are seeded from pycountry (English name, French and Arabic names via its gettext
catalogues, offline), less the entries of ``data/actors_not_states.tsv``, and completed by
``data/actors_states.jsonl``; institutions, armed groups, media and groupings come from
``data/actors_curated.jsonl``; the rows of ``actors_hand.jsonl`` are copied after them as they
stand. Each data file says its fields in its ``#`` header. Every stored name is folded.
"""

from __future__ import annotations

import argparse
import gettext
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.text.fold import fold

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "marsad" / "kb" / "data" / "actors.jsonl"
DATA = HERE / "data"
CURATED = DATA / "actors_curated.jsonl"
STATES = DATA / "actors_states.jsonl"
NOT_STATES = DATA / "actors_not_states.tsv"
#: rows written by hand (platforms, people), copied after the generated ones as they stand
HAND = HERE / "actors_hand.jsonl"

#: the fields of a row of actors_curated.jsonl and the JSON types each takes (``list`` = of strings)
CURATED_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "kind": (str,), "label": (str,), "country": (str, type(None)), "sector": (str,),
    "name_en": (str,), "wikidata": (str, type(None)), "members": (list,), "ar": (list,), "latin": (list,),
}  # fmt: skip
#: the fields of a row of actors_states.jsonl
STATE_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,), "ar": (list,), "dem": (list,), "dem_pl": (list,), "cap": (list,), "en": (list,),
    "fr": (list,), "wikidata": (str, type(None)), "ctx": (bool,),
}  # fmt: skip
#: curated kinds, in the order their rows are written (region and org rows together, as in the file)
KINDS = ("agency", "group", "media", "region", "org")
LABELS = ("ORG", "LOC")


def _data_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a ``#`` comment."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield n, line


def read_rows(path: Path, fields: dict[str, tuple[type, ...]]) -> list[dict[str, Any]]:
    """The JSON rows of ``path``, each with exactly ``fields`` of the right types and a unique id."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, line in _data_lines(path):
        where = f"{path.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not JSON ({exc})") from None
        if not isinstance(row, dict):
            raise ValueError(f"{where}: not a JSON object")
        missing = [f for f in fields if f not in row]
        unknown = [f for f in row if f not in fields]
        if missing or unknown:
            raise ValueError(f"{where}: missing fields {missing}, unknown fields {unknown}")
        for field, types in fields.items():
            value = row[field]
            if not isinstance(value, types) or (isinstance(value, list) and not all(isinstance(x, str) for x in value)):
                raise ValueError(f"{where}: {field} must be {' or '.join(t.__name__ for t in types)}: {value!r}")
        if row["id"] in seen:
            raise ValueError(f"{where}: duplicate id {row['id']}")
        seen.add(row["id"])
        rows.append(row)
    return rows


def read_curated(path: Path = CURATED) -> list[dict[str, Any]]:
    rows = read_rows(path, CURATED_FIELDS)
    for r in rows:
        if r["kind"] not in KINDS or r["label"] not in LABELS or not r["ar"]:
            raise ValueError(
                f"{path.name}: {r['id']}: kind must be one of {KINDS}, label one of {LABELS}, ar not empty"
            )
    return rows


def read_states(path: Path = STATES) -> dict[str, dict[str, Any]]:
    rows = read_rows(path, STATE_FIELDS)
    for r in rows:
        if r["dem"] and not r["ar"]:
            raise ValueError(f"{path.name}: {r['id']}: a state with demonyms needs an Arabic name")
    return {r["id"]: r for r in rows}


def read_not_states(path: Path = NOT_STATES) -> frozenset[str]:
    return frozenset(line.split("\t")[0].strip() for _, line in _data_lines(path))


#: Generic institutions generated for every state with a demonym: (id suffix, sector, English
#: label, templates). {m}/{f} = masculine/feminine demonym adjective with article, {n} = name.
TEMPLATES: list[tuple[str, str, str, list[str]]] = [
    (
        "GOV",
        "government",
        "Government of {e}",
        [
            "الحكومة {f}",
            "السلطات {f}",
            "الرئاسة {f}",
            "حكومة {n}",
            "سلطات {n}",
            "رئاسة {n}",
            "النظام {m}",
            "الدولة {f}",
        ],
    ),
    (
        "MIL",
        "military",
        "Armed forces of {e}",
        [
            "الجيش {m}",
            "القوات المسلحة {f}",
            "جيش {n}",
            "البحرية {f}",
            "سلاح الجو {m}",
            "القوات الجوية {f}",
        ],
    ),
    (
        "POL",
        "police",
        "Police of {e}",
        ["الشرطة {f}", "شرطة {n}", "قوات الأمن {f}", "الأجهزة الأمنية {f}", "المصالح الأمنية {f}"],
    ),
    (
        "MOI",
        "government",
        "Ministry of the Interior of {e}",
        ["وزارة الداخلية {f}", "الداخلية {f}"],
    ),
    ("MOD", "military", "Ministry of Defence of {e}", ["وزارة الدفاع {f}"]),
    (
        "MFA",
        "government",
        "Ministry of Foreign Affairs of {e}",
        ["وزارة الخارجية {f}", "الخارجية {f}", "الدبلوماسية {f}"],
    ),
    (
        "INT",
        "intelligence",
        "Intelligence services of {e}",
        ["المخابرات {f}", "الاستخبارات {f}", "أجهزة المخابرات {f}"],
    ),
    (
        "JUD",
        "judiciary",
        "Judiciary of {e}",
        ["القضاء {m}", "النيابة العامة {f}", "السلطات القضائية {f}"],
    ),
    (
        "PARL",
        "legislature",
        "Parliament of {e}",
        ["البرلمان {m}", "برلمان {n}", "مجلس النواب {m}", "مجلس الشعب {m}", "مجلس الشيوخ {m}"],
    ),
    (
        "CB",
        "government",
        "Central bank of {e}",
        ["البنك المركزي {m}", "المصرف المركزي {m}", "بنك {n} المركزي", "مصرف {n} المركزي"],
    ),
]


def demonyms(stems: list[str], plurals: list[str]) -> list[str]:
    out: list[str] = []
    for s in stems:
        for form in (s, s + "ة", s + "ين", s + "ون"):
            out += [form, "ال" + form]
    return out + plurals + [p.removeprefix("ال") for p in plurals if p.startswith("ال")]


def _clean(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        f = " ".join(fold(n).replace("(", " ").replace(")", " ").split())
        if f and f not in out and len(f) > 1:
            out.append(f)
    return out


def _latin(names: list[str]) -> list[str]:
    return [n for n in dict.fromkeys(x.strip().lower() for x in names) if len(n) > 2]


def states(curated: dict[str, dict[str, Any]], not_states: frozenset[str]) -> list[dict[str, Any]]:
    import pycountry  # the kb-build extra: only the build needs it

    unknown = sorted((set(curated) - {c.alpha_3 for c in pycountry.countries}) | (set(curated) & not_states))
    if unknown:
        raise ValueError(f"{STATES.name}: not a state pycountry knows and keeps: {unknown}")
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    rows: list[dict[str, Any]] = []
    for c in pycountry.countries:
        code = c.alpha_3
        if code in not_states:
            continue
        cur = curated.get(code, {})
        en = getattr(c, "common_name", None) or c.name
        ar_names = list(cur.get("ar", []))
        for raw in (ar.gettext(c.name), ar.gettext(getattr(c, "official_name", c.name))):
            parts = [p.strip() for p in raw.split("،")]
            ar_names += [p for p in (parts[1:] if len(parts) > 1 else parts) if "(" not in p]
        latin = [
            en,
            c.name,
            getattr(c, "official_name", c.name),
            fr.gettext(c.name).split(",")[0],
            *cur.get("en", []),
            *cur.get("fr", []),
        ]
        dem = demonyms(cur.get("dem", []), cur.get("dem_pl", []))
        row = {
            "id": code, "kind": "state", "label": "GPE", "name_en": en,
            "name_ar": (cur.get("ar") or [ar.gettext(c.name)])[0],
            "country": code, "sector": "government", "wikidata": cur.get("wikidata"), "members": [],
            "names": _clean(ar_names) + _latin(latin), "acronyms": [],
            "metonyms": _clean(cur.get("cap", [])), "demonyms": _clean(dem),
            "context": _clean(ar_names + dem) if cur.get("ctx") else [],
            "_dem": cur.get("dem", []),
        }  # fmt: skip
        rows.append(row)
    return rows


def _row(r: dict[str, Any]) -> dict[str, Any]:
    latin = r["latin"]
    acr = [x for x in latin if x.isupper()]
    return {
        "id": r["id"], "kind": r["kind"], "label": r["label"], "name_en": r["name_en"], "name_ar": r["ar"][0],
        "country": r["country"], "sector": r["sector"], "wikidata": r["wikidata"], "members": list(r["members"]),
        "names": _clean(r["ar"]) + _latin([x for x in latin if not x.isupper()]),
        "acronyms": acr, "metonyms": [], "demonyms": [], "context": [],
    }  # fmt: skip


def generic_agencies(state_rows: list[dict[str, Any]], curated: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for st in state_rows:
        stems = st.pop("_dem")
        if not stems:
            continue
        short = curated[st["id"]]["ar"][0]
        for suffix, sector, en, templates in TEMPLATES:
            names: list[str] = []
            for s in stems:
                for t in templates:
                    names.append(t.format(m="ال" + s, f="ال" + s + "ة", n=short))
            ident = f"{st['id']}_{suffix}"
            ctx = _clean(names) if st["context"] else []
            out[ident] = {
                "id": ident, "kind": "agency", "label": "ORG",
                "name_en": en.format(e=st["name_en"]),
                "name_ar": names[0], "country": st["id"], "sector": sector, "wikidata": None,
                "members": [], "names": _clean(names), "acronyms": [], "metonyms": [],
                "demonyms": [], "context": ctx,
            }  # fmt: skip
    return out


def build(
    curated_rows: list[dict[str, Any]], curated_states: dict[str, dict[str, Any]], not_states: frozenset[str]
) -> list[dict[str, Any]]:
    st = states(curated_states, not_states)
    generic = generic_agencies(st, curated_states)
    rows = list(st)
    for r in curated_rows:
        if r["kind"] != "agency":
            continue
        row = _row(r)
        if row["id"] in generic:
            g = generic.pop(row["id"])
            row["context"] = [n for n in g["context"] if n not in row["names"]]
            row["names"] = row["names"] + [n for n in g["names"] if n not in row["names"]]
        rows.append(row)
    rows += list(generic.values())
    rows += [_row(r) for r in curated_rows if r["kind"] == "group"]
    rows += [_row(r) for r in curated_rows if r["kind"] == "media"]
    rows += [_row(r) for r in curated_rows if r["kind"] not in ("agency", "group", "media")]
    for row in rows:
        row.pop("_dem", None)
        # a name that is also a demonym of the same actor stays a name only
        row["demonyms"] = [d for d in row["demonyms"] if d not in row["names"]]
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = ap.parse_args(argv)
    rows = build(read_curated(), read_states(), read_not_states())
    hand = HAND.read_text(encoding="utf-8").splitlines()
    ids = [r["id"] for r in rows] + [json.loads(line)["id"] for line in hand if line.strip() and line[0] != "#"]
    if len(ids) != len(set(ids)):
        raise SystemExit(f"duplicate actor ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.write("\n".join(hand) + "\n")


if __name__ == "__main__":
    main()
