"""Print load and find timings of the actor KB and the geocoder on a ~3,000-character article.

Usage: PYTHONPATH=src python benchmarks/kb_speed.py [ARTICLE.txt]
(defaults to the first 3,000 characters of ../shared/examples/000_*.txt, or a built-in text).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_FALLBACK = (
    "أعلنت المديرية العامة لمراقبة التراب الوطني بالرباط عن تفكيك خلية إرهابية موالية "
    "لتنظيم داعش تنشط في مدن طنجة وتطوان والدار البيضاء وحد السوالم، بتنسيق مع الدرك الملكي. "
) * 20


def _article(argv: list[str]) -> str:
    paths = [a for a in argv[1:] if not a.startswith("-")]
    if paths:
        return Path(paths[0]).read_text(encoding="utf-8")[:3000]
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        files = sorted((shared / "examples").glob("000_*.txt"))
        if files:
            return files[0].read_text(encoding="utf-8")[:3000]
    return _FALLBACK[:3000]


def main(argv: list[str]) -> None:
    text = _article(argv)
    t = time.perf_counter()
    from marsad.kb.actors import ActorKB

    kb = ActorKB.load()
    t_kb = time.perf_counter() - t
    t = time.perf_counter()
    from marsad.kb.places import Geocoder

    geo = Geocoder.load()
    t_geo = time.perf_counter() - t
    n = 50
    kb.find(text)
    t = time.perf_counter()
    for _ in range(n):
        actors = kb.find(text)
    t_find = (time.perf_counter() - t) / n
    geo.find(text)
    t = time.perf_counter()
    for _ in range(n):
        places = geo.find(text)
    t_places = (time.perf_counter() - t) / n
    print(f"text: {len(text)} chars")
    print(f"ActorKB.load: {t_kb * 1000:.0f} ms")
    print(f"Geocoder.load (after ActorKB): {t_geo * 1000:.0f} ms")
    print(f"ActorKB.find: {t_find * 1000:.2f} ms, {len(actors)} mentions")
    print(f"Geocoder.find (incl. ActorKB.find): {t_places * 1000:.2f} ms, {len(places)} places")
    if "-v" in argv:
        for m in actors:
            print("  actor", text[m.start : m.end], m.actor.id, m.via, m.score)
        for p in places:
            pl = p.place
            print("  place", text[p.start : p.end], pl.name, pl.country, pl.precision)


if __name__ == "__main__":
    main(sys.argv)
