"""Places: a gazetteer-backed geocoder for Arabic news (offline, clitic-aware).

Data: ``marsad/kb/data/places.tsv.gz`` built by ``training/build_gazetteer.py`` (GeoNames
CC BY 4.0 and morocco_admin_divisions MIT; see ``data/ATTRIBUTION.md``); countries and
multi-country regions come from the actor KB (:mod:`marsad.kb.actors`), so that «في المغرب»
geocodes to Morocco (precision ``country``) and «منطقة الساحل» to the Sahel (``region``).

Rules:
* Type constraint: a country or region name is always the country/region, never a town of the
  same name (the gazetteer holds no streets or buildings at all). Any name right after a street
  word (شارع, زنقة, نهج, ساحة, جادة, طريق) is not a place mention (it names a street).
* Disambiguation among same-named places: score = ln(population) + 6 if the place's country is
  in the article context (countries passed in plus countries named in the text) + 20 for the
  admin level a cue asks for («إقليم/عمالة/محافظة X» → admin2, «جهة/ولاية X» → admin1).
* Strong common-word names (ordinary words such as «إطار», «دور», «المدينة», weekday names)
  count only after a place noun (مدينة/منطقة/إقليم/ولاية/محافظة/عمالة/جماعة/بلدة/قرية/جهة/دوار)
  or inside a list of places.
* Common-word names (flagged at build time: «الجديدة», «عين», «السبت», «الداخلة», …) count in
  :meth:`Geocoder.find` only after a place cue: a «ب» or «ل» proclitic or one of في/من/إلى/نحو/قرب/
  مدينة/منطقة/إقليم/ولاية/بلدة/قرية/شمال/جنوب/شرق/غرب/وسط/ضواحي/حي; and for a place outside the
  region the news covers and the countries the article names, only after a place noun («في مدينة
  ليل»), not after a mere preposition («من ليل أول من أمس», «على صور»).
  A common name also counts inside a list of places («بالرباط ووجدة»، «وهران، الجديدة»).
* Word false friends derived from corpus counts (``data/place_false_friends.tsv``): a name seen
  mostly glued to «ب»/«ل» is not read through that proclitic («لجنة» ≠ ل + Djenné, «بلاتر» ≠
  ب + Latur); a frequent word that almost never follows a place noun («أمن» Emmen, «معسكر»
  Mascara) is a place only after a place noun, in a country of the context, or when the place
  has a million people.
* A city right after «حكومة» or «نظام» stands for the government («حكومة كابل»), not a place.
* A name that fills a whole quotation is a newspaper or a title, not a place: «الشرق الأوسط»
  in «قال لـ«الشرق الأوسط»», «الوطن»، «الرياض» as papers.
* Spans follow :mod:`marsad.kb._match` (clitic excluded).
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from marsad.datafiles import word_sets
from marsad.kb._match import FuzzyNames
from marsad.kb.actor_rows import ActorMention, word_false_friend
from marsad.kb.actors import COMMON_METONYMS, ActorKB
from marsad.kb.localities import time_words
from marsad.kb.place_names import (
    FALSE_FRIENDS_FILE,  # noqa: F401  (its old home)
    PlaceMention,
    _at,
    _Entry,
    _false_friends,
    _final_vowel_variant,
    _float,
    _latin_key,
    _latin_keys,
    _quoted_title,
)
from marsad.kb.translit import arabic_skeleton, latin_skeleton
from marsad.records import Place
from marsad.text.fold import fold, fold_with_map, source_span
from marsad.text.match import CLITICS, NameHit, NameMatcher, strip_clitics
from marsad.text.words import word_before

__all__ = ["PLACES_FILE", "Geocoder", "PlaceMention"]

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.tsv.gz"
_BIG_TOWN = 1_000_000
_MIN_SKELETON = 3
_HOME_REGIONS = ("MAGHREB", "SAHEL", "MIDDLE_EAST")
#: «حكومة كابل»، «نظام دمشق»: the city stands for the government seated there, not a place.
_SEAT_OF_POWER = frozenset(["حكومه", "نظام"])
_STREET = frozenset(["شارع", "زنقه", "نهج", "ساحه", "جاده", "طريق", "درب"])
_ADMIN2_CUES = frozenset(["اقليم", "باقليم", "عماله", "بعماله", "محافظه", "بمحافظه"])
_ADMIN1_CUES = frozenset(["جهه", "بجهه", "ولايه", "بولايه"])
#: Words before a name that cue a place (``data/words.tsv``), with the admin cues above.
_CUES = frozenset(word_sets("marsad.kb", "data/words.tsv")["place_cue"]) | _ADMIN2_CUES | _ADMIN1_CUES
#: Place nouns: the only cues that admit a "strong" common-word name («مدينة الجديدة»).
_PLACE_NOUNS = frozenset(word_sets("marsad.kb", "data/words.tsv")["place_noun"])
_RANK = {"country": 0, "region": 0, "neighbourhood": 1, "locality": 1, "town": 1, "admin2": 2, "admin1": 3}


class Geocoder:
    """Find and resolve place mentions; construct with :meth:`load`."""

    def __init__(
        self,
        entries: list[_Entry],
        arabic: dict[str, list[int]],
        latin: dict[str, list[int]],
        *,
        common: frozenset[str],
        kb: ActorKB,
        strong: frozenset[str] = frozenset(),
        proclitic: frozenset[str] = frozenset(),
        frequent: frozenset[str] = frozenset(),
        capitals: dict[str, int] | None = None,
    ) -> None:
        self._entries = entries
        self._capitals = {cc: entries[i].place for cc, i in (capitals or {}).items()}
        self._skeletons: dict[tuple[str, str], list[int]] | None = None
        # towns only: the regions (Sahel, Maghreb…) have a population but no id, and an id of None
        # here made every town without one (Algeria's and Morocco's communes) a city of a million
        self._big = frozenset(
            e.place.geonames_id
            for e in entries
            if e.population >= _BIG_TOWN and e.place.precision == "town" and e.place.geonames_id
        )
        self._arabic = arabic
        self._latin = latin
        self._common = common | strong
        self._strong = strong
        self._proclitic = proclitic
        self._frequent = frequent
        # a cued common name in the region the news covers keeps its cue rule («في الجديدة»)
        self._home = frozenset(c for r in _HOME_REGIONS if (a := kb.get(r)) is not None for c in a.members) | {"ESH"}
        self._kb = kb
        # no «ك» proclitic for places: «كبيرا» is not ك + «بيرا» (Beira)
        self._matcher = NameMatcher(arabic, clitics=CLITICS - {"ك", "وك", "فك"})
        self._fuzzy_names = FuzzyNames(arabic)

    @classmethod
    def load(cls) -> Geocoder:
        """The packaged gazetteer plus countries and regions from the actor KB (cached)."""
        return _load()

    # -- public ----------------------------------------------------------------------------
    def capitals(self) -> dict[str, Place]:
        """Each country's capital city by ISO alpha-3 code («الجزائر العاصمة» is Algiers)."""
        return self._capitals

    def by_skeleton(self, folded: str, country: str) -> Place | None:
        """The gazetteer place of ``country`` whose Latin name has the consonant skeleton of the folded
        Arabic name (:func:`marsad.kb.translit.arabic_skeleton`: «سيفاري» → Sévaré), the most populous
        one; None for a skeleton under three consonants or with no match."""
        skel = arabic_skeleton(folded)
        if len(skel) < _MIN_SKELETON:
            return None
        if self._skeletons is None:
            self._skeletons = self._skeleton_index()
        cands = self._skeletons.get((country, skel), [])
        return self._entries[max(cands, key=lambda i: self._entries[i].population)].place if cands else None

    def _skeleton_index(self) -> dict[tuple[str, str], list[int]]:
        index: dict[tuple[str, str], list[int]] = {}
        for key, idxs in self._latin.items():
            skel = latin_skeleton(key)
            if len(skel) < _MIN_SKELETON:
                continue
            for i in idxs:
                p = self._entries[i].place
                if p.country and p.precision not in ("country", "region"):
                    bucket = index.setdefault((p.country, skel), [])
                    if i not in bucket:
                        bucket.append(i)
        return index

    def needs_place_noun(self, folded: str) -> bool:
        """Whether a folded name is an ordinary word that names a place only after a place noun
        («المدينة», «العاصمة», «صباح»)."""
        return folded in self._strong

    def is_big_town(self, place: Place) -> bool:
        """Whether ``place`` is a city of a million people or more («نيويورك», «كراتشي»)."""
        return place.precision == "town" and place.geonames_id in self._big

    def arabic_names(self) -> list[str]:
        """Every folded Arabic name of the gazetteer (towns and admin divisions)."""
        return list(self._arabic)

    def find(self, text: str, context_countries: Sequence[str] = (),
             actor_mentions: Sequence[ActorMention] | None = None) -> list[PlaceMention]:  # fmt: skip
        """All place mentions in ``text`` (offsets into ``text``), clitic-aware.

        ``actor_mentions``: the actor KB's mentions in ``text`` when the caller has them already
        (the NER stage does), so they are not searched for twice.
        """
        folded, index = fold_with_map(text)
        ctx = set(context_countries)
        claimed: list[tuple[int, int]] = []
        out: list[PlaceMention] = []
        ambiguous: dict[tuple[int, int], tuple[list[int], str]] = {}
        mentions = self._kb.find_folded(folded, index) if actor_mentions is None else actor_mentions
        for m in mentions:
            a = m.actor
            if m.via in ("metonym", "demonym") or a.kind not in ("state", "region"):
                if m.via not in ("metonym", "demonym"):
                    claimed.append((m.start, m.end))
                continue
            if a.kind == "state":
                ctx.add(a.id)
            if a.kind == "region" and a.label != "LOC":
                continue
            place = self._actor_place(a.id)
            if (place is None or fold(word_before(text, m.start)) in _STREET or _quoted_title(text, m.start, m.end)
                    or word_false_friend(text[m.start : m.end])):  # tanween: «أوكرانيًا» (Ukrainian)
                continue
            claimed.append((m.start, m.end))
            out.append(PlaceMention(m.start, m.end, _at(place, m.start, m.end), 1))
        hits = self._matcher.find(folded)
        for n, h in enumerate(hits):
            s, e = source_span(index, h.start, h.end)
            if any(a < e and s < b and (b - a) >= (e - s) for a, b in claimed):
                continue
            prev = word_before(folded, h.start) if not h.clitic else ""
            if prev[:1] in ("و", "ف") and len(prev) > 3:
                prev = prev[1:]
            if prev in _STREET or prev in _SEAT_OF_POWER or _quoted_title(text, s, e):
                continue
            if self._lacks_cue(h, prev, folded, hits, n) or word_false_friend(text[s:e], h.key, folded, h.end):
                continue
            cands = self._arabic[h.key]
            best = self._best(cands, ctx, prev)
            if self._false_friend(h, best, cands, ctx, prev, folded, hits, n):
                continue
            out = [o for o in out if not (o.start < e and s < o.end)]
            out.append(PlaceMention(s, e, _at(best, s, e), len(cands)))
            ambiguous[(s, e)] = (cands, prev)
        return sorted(self._homonyms_again(out, ambiguous, ctx), key=lambda p: p.start)

    def _homonyms_again(self, out: list[PlaceMention], ambiguous: dict[tuple[int, int], tuple[list[int], str]],
                        ctx: set[str]) -> list[PlaceMention]:  # fmt: skip
        """Homonyms resolved again with the countries of the article's one-name towns added to the
        context («زنجبار» is Zinjibar in Yemen, not Zanzibar, in a report that names «عدن»)."""
        wider = ctx | {o.place.country for o in out if o.candidates == 1 and o.place.country}
        if wider == ctx:
            return out
        again = []
        for o in out:
            cands, prev = ambiguous.get((o.start, o.end), ([], ""))
            again.append(PlaceMention(o.start, o.end, _at(self._best(cands, wider, prev), o.start, o.end),
                                      o.candidates) if len(cands) > 1 else o)  # fmt: skip
        return again

    def resolve(self, name: str, context_countries: Sequence[str] = ()) -> Place:
        """Best place for one name (Arabic, French or English); never raises."""
        try:
            return self._resolve(name, set(context_countries))
        except Exception:
            return Place(name=name, precision="unresolved")

    # -- internals -------------------------------------------------------------------------
    def _resolve(self, name: str, ctx: set[str]) -> Place:
        f = " ".join(fold(name).split())
        if not f:
            return Place(name=name, precision="unresolved")
        mention = self._kb.link(f)
        if (
            mention is not None
            and mention.via == "name"
            and mention.actor.kind in ("state", "region")
        ):
            place = self._actor_place(mention.actor.id)
            if place is not None:
                return place
        words = f.split(" ")
        for first in strip_clitics(words[0]):
            key = " ".join([first, *words[1:]])
            if key in self._arabic:
                return self._best(self._arabic[key], ctx, "")
        for n, low in enumerate(_latin_keys(f)):
            cands = self._latin.get(low, [])
            if n:  # without the article: only a place in the article's countries
                cands = [i for i in cands if self._entries[i].place.country in ctx]
            if cands:
                return self._best(cands, ctx, "")
        variant = _final_vowel_variant(f)  # «كويتا» for «كويته» (Quetta)
        near = variant if variant in self._arabic else (res[0] if (res := self._fuzzy_names.best(f, 90)) else None)
        if near is not None:  # a near spelling, in the article's countries when it names some
            best = self._best(self._arabic[near], ctx, "")
            if not ctx or best.country in ctx:
                return best
        return Place(name=name, precision="unresolved")

    def _lacks_cue(self, h: NameHit, prev: str, folded: str, hits: list[NameHit], n: int) -> bool:
        """A strong name needs a place noun, a common one a place cue (or a list of places)."""
        if h.key in self._strong:  # a time word never counts through a list («الرباط، صباح اليوم»)
            if prev == "مركز" and h.key.startswith("ال"):  # «في مركز المدينة»: the city centre, not Medina
                return True
            return not (prev in _PLACE_NOUNS or (h.key not in time_words() and self._in_list(folded, hits, n)))
        if h.key in self._common:
            return not (h.clitic.endswith(("ب", "ل")) or prev in _CUES or self._in_list(folded, hits, n))
        return False

    def _false_friend(self, h: NameHit, best: Place, cands: list[int], ctx: set[str], prev: str,
                      folded: str, hits: list[NameHit], n: int) -> bool:  # fmt: skip
        """True when hit ``n`` is an ordinary word (see the module rules on word false friends)."""
        if h.key in COMMON_METONYMS and best.country not in ctx:  # «سيول»: torrents, unless Korea is named
            return True
        if h.key in self._proclitic and h.clitic.endswith(("ب", "ل")):
            return True
        if (h.key in self._common and h.key not in self._strong and prev not in _PLACE_NOUNS
                and best.country not in ctx and best.country not in self._home and not self._in_list(folded, hits, n)):
            return True  # «من ليل أول من أمس» is no Lille, «على صور» no Tyre: far away, a cue is not enough
        if h.key not in self._frequent:
            return False
        cued = prev in _CUES or h.clitic.endswith(("ب", "ل")) or self._in_list(folded, hits, n)
        return not self._frequent_ok(best, cands, ctx, prev, cued)

    def _frequent_ok(self, best: Place, cands: list[int], ctx: set[str], prev: str, cued: bool) -> bool:
        """A frequent word is a place after a place noun, in a context country, or when big."""
        if prev in _PLACE_NOUNS or best.country in ctx:
            return True
        if best.country in self._home and cued:
            return True
        return any(self._entries[i].place is best and self._entries[i].population >= _BIG_TOWN for i in cands)

    def _in_list(self, folded: str, hits: list[NameHit], n: int) -> bool:
        """True when a non-common place name is next to hit ``n`` in a list («X وY»، «X، Y»)."""
        h = hits[n]
        for k in (n - 1, n + 1):
            if 0 <= k < len(hits) and hits[k].key not in self._common:
                a, b = (hits[k], h) if k < n else (h, hits[k])
                gap = folded[a.end : b.start - len(b.clitic)]
                joined = b.clitic.startswith("و") or "،" in gap or "," in gap
                if joined and len(gap) <= 3 and not gap.strip(" ،,"):
                    return True
        return False

    def _best(self, cands: list[int], ctx: set[str], prev: str) -> Place:
        def score(i: int) -> tuple[float, int]:
            e = self._entries[i]
            p = e.place
            # a homonym in the article's countries; without any, in the region the news covers («ديفا»: Diffa)
            s = math.log(e.population + 2) + (6.0 if p.country in ctx else 0.0)
            if not ctx and p.country in self._home:
                s += 3.0
            if (prev in _ADMIN2_CUES and p.precision == "admin2") or (
                prev in _ADMIN1_CUES and p.precision == "admin1"
            ):
                s += 20
            if p.precision in ("country", "region"):
                s += 100
            s += 0.5 if p.geonames_id is not None else 0.0
            return s, -_RANK.get(p.precision, 9)

        return self._entries[max(cands, key=score)].place

    def _actor_place(self, actor_id: str) -> Place | None:
        idx = self._latin.get("\x00" + actor_id)
        return self._entries[idx[0]].place if idx else None


@lru_cache(maxsize=1)
def _load() -> Geocoder:
    kb = ActorKB.load()
    entries: list[_Entry] = []
    arabic: dict[str, list[int]] = {}
    latin: dict[str, list[int]] = {}
    headers: dict[str, str] = {}
    countries: dict[str, int] = {}
    by_gid: dict[int, int] = {}
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if cells[0].startswith("#"):
                headers[cells[0]] = cells[1]
                continue
            gid, name, name_ar, cc, a1, lat, lon, pop, prec, ar, lat_names = cells
            place = Place(name or None, name_ar or None, int(gid) if gid else None, _float(lat),
                          _float(lon), cc or None, a1 or None, prec)  # fmt: skip
            i = len(entries)
            entries.append(_Entry(place, int(pop or 0)))
            if gid and prec == "town":
                by_gid.setdefault(int(gid), i)
            if prec == "country":
                countries[cc] = i
                continue
            for n in filter(None, ar.split("|")):
                arabic.setdefault(n, []).append(i)
            for n in filter(None, lat_names.split("|")):
                latin.setdefault(_latin_key(n), []).append(i)
    for a in kb.actors():
        if a.kind == "state" and a.id in countries:
            old = entries[countries[a.id]]
            p = old.place
            place = Place(p.name, a.name_ar, p.geonames_id, p.lat, p.lon, a.id, None, "country")
        elif a.kind == "region" and a.label == "LOC":
            place = Place(a.name_en, a.name_ar, None, None, None, None, None, "region")
        else:
            continue
        i = len(entries)
        entries.append(_Entry(place, 10**9))
        latin["\x00" + a.id] = [i]
        for n in a.names:
            if n.isascii():
                latin.setdefault(_latin_key(n), []).insert(0, i)
    proclitic, frequent = _false_friends()
    common = frozenset(headers.get("#common", "").split("|")) - {""}
    # a time of day or a day is no place without a place noun («، صباح اليوم» is no Sabbah)
    strong = frozenset(headers.get("#strong", "").split("|")) - {""} | (time_words() & frozenset(arabic))
    capital_ids = (x.partition(":") for x in headers.get("#capitals", "").split("|"))
    capitals = {cc: by_gid[int(g)] for cc, _, g in capital_ids if g and int(g) in by_gid}
    return Geocoder(entries, arabic, latin, common=common, kb=kb, strong=strong, proclitic=proclitic,
                    frequent=frequent, capitals=capitals)  # fmt: skip
