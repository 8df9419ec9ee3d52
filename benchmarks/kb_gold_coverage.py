"""Coverage of the actor KB and geocoder on the dev gold (diagnostic, not the pipeline eval).

Usage: PYTHONPATH=src python benchmarks/kb_gold_coverage.py [GOLD.jsonl] [-v]
Reports: share of gold GPE/ORG/LOC entity strings that ``ActorKB.link`` or
``Geocoder.resolve`` resolves; share of gold event actor/recipient and relation codes that are KB
ids and that ``ActorKB.find`` finds in the article; share of gold event places whose
``Geocoder.resolve`` country equals the gold event country.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from marsad.kb.actors import ActorKB
from marsad.kb.places import Geocoder

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> None:
    paths = [a for a in argv[1:] if not a.startswith("-")]
    candidates = [d / "shared/gold/dev.jsonl" for d in (ROOT.parent, ROOT.parent.parent)]
    gold = Path(paths[0]) if paths else next(p for p in candidates if p.is_file())
    kb, geo = ActorKB.load(), Geocoder.load()
    ent: Counter[str] = Counter()
    ent_ok: Counter[str] = Counter()
    codes = codes_known = codes_found = places = places_ok = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        text = d["doc"]["text"]
        found = {m.actor.id for m in kb.find(text)}
        found |= {m.actor.country for m in kb.find(text) if m.actor.country}
        ctx = [m.place.country for m in geo.find(text) if m.place.country]
        for e in d["entities"]:
            if e["label"] in ("GPE", "ORG", "LOC"):
                ent[e["label"]] += 1
                ok = kb.link(e["text"]) is not None or (
                    geo.resolve(e["text"]).precision != "unresolved"
                )
                ent_ok[e["label"]] += ok
                if not ok and "-v" in argv:
                    print("unlinked", e["label"], e["text"])
        pairs = [(ev.get("actor"), ev.get("recipient")) for ev in d["events"]]
        pairs += [(r.get("a"), r.get("b")) for r in d["relations"]]
        for code in (c for p in pairs for c in p if c):
            codes += 1
            codes_known += kb.by_code(code) is not None
            actor = kb.by_code(code)
            codes_found += actor is not None and actor.id in found
            if code not in found and "-v" in argv:
                print("code not found in text", code)
        for ev in d["events"]:
            if ev.get("place") and ev.get("country"):
                places += 1
                p = geo.resolve(ev["place"], ctx)
                places_ok += p.country == ev["country"]
                if p.country != ev["country"] and "-v" in argv:
                    print("place", ev["place"], ev["country"], "->", p.country, p.precision)
    for label in sorted(ent):
        print(f"entity linking coverage {label}: {ent_ok[label]}/{ent[label]} "
              f"= {ent_ok[label] / ent[label]:.3f}")  # fmt: skip
    print(
        f"actor/relation codes known to the KB: {codes_known}/{codes} = {codes_known / codes:.3f}"
    )
    print(f"actor/relation codes found in their article: {codes_found}/{codes} "
          f"= {codes_found / codes:.3f}")  # fmt: skip
    print(f"event place -> gold country: {places_ok}/{places} = {places_ok / max(places, 1):.3f}")


if __name__ == "__main__":
    main(sys.argv)
