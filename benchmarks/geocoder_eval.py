"""Print the geocoder's accuracy on Maghreb/Sahel place names drawn from the gazetteers.

Usage: PYTHONPATH=src python benchmarks/geocoder_eval.py [SHARED_DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from marsad.kb.geo_eval import draw_cases, evaluate

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> None:
    paths = [a for a in argv[1:] if not a.startswith("-")]
    shared = (
        Path(paths[0])
        if paths
        else next(
            (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
            ROOT.parent / "shared",
        )
    )
    cases = draw_cases(shared)
    for ctx in (True, False):
        t = time.perf_counter()
        r = evaluate(cases, with_context=ctx)
        dt = time.perf_counter() - t
        print(
            f"context={ctx}: n={r.n} found={r.found:.3f} country_acc={r.country_accuracy:.3f} "
            f"id_acc={r.id_accuracy:.3f} (n_with_id={r.n_with_id}) [{dt:.2f}s]"
        )
    if "-v" in argv:
        from marsad.kb.places import Geocoder

        geo = Geocoder.load()
        for c in cases:
            ms = geo.find(c.sentence, (c.country,))
            m = next((m for m in ms if m.start < c.end and c.start < m.end), None)
            if (
                m is None
                or m.place.country != c.country
                or (c.geonames_id is not None and m.place.geonames_id != c.geonames_id)
            ):
                got = None if m is None else (m.place.name, m.place.country, m.place.geonames_id)
                print("MISS", c.sentence, "|", c.country, c.geonames_id, "->", got)


if __name__ == "__main__":
    main(sys.argv)
