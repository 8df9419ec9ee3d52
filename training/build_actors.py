"""Build ``src/marsad/kb/data/actors.jsonl`` from pycountry and the curated tables.

Usage: PYTHONPATH=src python training/build_actors.py
States are seeded from pycountry (English name, French and Arabic names via its gettext
catalogues, offline) and completed by training/actors_states.py; institutions, armed groups,
groupings and media come from training/actors_curated.py. Every stored name is folded.
"""

from __future__ import annotations

import gettext
import json
import sys
from pathlib import Path
from typing import Any

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actors_curated import AGENCIES, GROUPINGS, GROUPS, MEDIA
from actors_states import NOT_STATES, STATES

from marsad.text.fold import fold

OUT = Path(__file__).resolve().parents[1] / "src" / "marsad" / "kb" / "data" / "actors.jsonl"

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


def states() -> list[dict[str, Any]]:
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    rows: list[dict[str, Any]] = []
    for c in pycountry.countries:
        code = c.alpha_3
        if code in NOT_STATES:
            continue
        cur = STATES.get(code, {})
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
            "country": code, "sector": "government", "wikidata": cur.get("wd"), "members": [],
            "names": _clean(ar_names) + _latin(latin), "acronyms": [],
            "metonyms": _clean(cur.get("cap", [])), "demonyms": _clean(dem),
            "context": _clean(ar_names + dem) if cur.get("ctx") else [],
            "_dem": cur.get("dem", []),
        }  # fmt: skip
        rows.append(row)
    return rows


def _row(r: tuple[Any, ...], kind: str, label: str) -> dict[str, Any]:
    ident, country, sector, en, ar_names, latin, wd = r
    acr = [x for x in latin if x.isupper()]
    return {
        "id": ident, "kind": kind, "label": label, "name_en": en, "name_ar": ar_names[0],
        "country": country, "sector": sector, "wikidata": wd, "members": [],
        "names": _clean(ar_names) + _latin([x for x in latin if not x.isupper()]),
        "acronyms": acr, "metonyms": [], "demonyms": [], "context": [],
    }  # fmt: skip


def generic_agencies(state_rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for st in state_rows:
        stems = st.pop("_dem")
        if not stems:
            continue
        short = STATES[st["id"]]["ar"][0]
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


def build() -> list[dict[str, Any]]:
    st = states()
    generic = generic_agencies(st)
    rows = list(st)
    for r in AGENCIES:
        row = _row(r, "agency", "ORG")
        if row["id"] in generic:
            g = generic.pop(row["id"])
            row["context"] = [n for n in g["context"] if n not in row["names"]]
            row["names"] = row["names"] + [n for n in g["names"] if n not in row["names"]]
        rows.append(row)
    rows += list(generic.values())
    rows += [_row(r, "group", "ORG") for r in GROUPS]
    rows += [_row(r, "media", "ORG") for r in MEDIA]
    for ident, kind, label, en, ar_names, latin, members, wd in GROUPINGS:
        row = _row((ident, None, "international", en, ar_names, latin, wd), kind, label)
        row["members"] = members
        rows.append(row)
    for row in rows:
        row.pop("_dem", None)
        # a name that is also a demonym of the same actor stays a name only
        row["demonyms"] = [d for d in row["demonyms"] if d not in row["names"]]
    return rows


#: rows written by hand (platforms, people), copied after the generated ones as they stand
HAND = Path(__file__).resolve().parent / "actors_hand.jsonl"


def main() -> None:
    rows = build()
    hand = HAND.read_text(encoding="utf-8").splitlines()
    ids = [r["id"] for r in rows] + [json.loads(line)["id"] for line in hand if line.strip() and line[0] != "#"]
    assert len(ids) == len(set(ids)), "duplicate actor ids"
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.write("\n".join(hand) + "\n")


if __name__ == "__main__":
    main()
