"""Places below the gazetteer: a name after a place noun that no gazetteer knows («بحي سيدي مومن»).

A place noun (``data/place_nouns.tsv``: «حي», «دوار», «جماعة», «قرية», «منطقة», «مقاطعة», «ولاية»,
«إقليم», «عمالة», «معبر», «جبل» …, with or without a proclitic: «بدوار», «وبحي») followed by a
name the gazetteer did not find makes a place of the noun's precision (``neighbourhood`` or
``locality``; ``admin1``/``admin2`` for an unknown division). Rules:

* The name: one word, or a toponym head and what it governs («سيدي مومن», «أولاد تايمة», «عين
  السبع»: ``data/toponym_heads.tsv``), or the span the NER model tagged there; it stops at
  punctuation, a word glued to «ب»/«و» (the next place of a chain, another clause), a time word
  (``data/time_words.tsv``: «صباح» is never a place), a function word or a common adjective
  (``data/name_stops.tsv``: «منطقة صناعية», «حي سكني»), and a demonym («الأفغانية»).
* A noun that is also an ordinary word (``strict = 0``: «جماعة» a group, «منطقة» an area, «ولاية»
  a term of office) names a place only before a toponym head or a name the NER model tagged as a
  place («جماعة بوكو حرام» is no commune).
* The parent: the place right after it in a chain («بحي X بمدينة Y», «بدوار X التابع لجماعة Y»,
  «منطقة X شمال الرمادي», «X، بإقليم Y»), processed right to left so that «بدوار X بجماعة Y بإقليم
  Z» chains through unknown places; else the last town named before it in its sentence; else the
  article's main country. The place takes the parent's coordinates, country and admin1, and names
  the parent in ``parent``.
* A name after a division noun («ولاية», «محافظة», «إقليم», «منطقة» …) that is a division the
  gazetteer has only in Latin letters (:mod:`marsad.kb.divisions`: «محافظة أبين» Abyan, «منطقة
  عسير» 'Asīr) is that division, with its coordinates.
* Else its Latin name comes from :func:`marsad.kb.translit.latin_name` (toponym heads, the NERAr
  dictionaries' spellings, else letters); ``name_ar`` is the name as written.
* «الجزائر العاصمة», «تونس العاصمة»: a country name followed by «العاصمة» is its capital city.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import read_tsv, word_sets
from marsad.kb.translit import latin_name, toponym_heads
from marsad.records import Entity, Place
from marsad.text.match import FoldedText, WholeWords

__all__ = ["PlaceNoun", "find_localities", "place_nouns", "time_words"]

_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "فب", "ول", "فل")
_WORD = re.compile(r"[\s\"'“”«»(]*(\w+)")
_BETWEEN_WORD = re.compile(r"\w+")
#: words allowed between a place and its parent («التابع ل», «بنواحي», «شمال شرقي» …), folded
_CONNECTORS = frozenset(word_sets("marsad.kb", "data/words.tsv")["connector"])
_GAP = 40  # folded characters between a place and its parent
_BEFORE = 150  # folded characters back to a town named before the place, in its sentence
_FINE = frozenset({"neighbourhood", "locality", "town"})
_NAME_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: nouns before a town's name: only such a name is looked up by its Latin spelling
_TOWN_NOUNS = frozenset({"مدينه", "مدن", "مدينتي", "بلده", "قريه", "جماعه", "جماعه حضريه", "بلديه"})
#: a first word that begins with a preposition and the article is no name («للمسلحين», «بالمنطقة»)
_PREPOSED = ("لل", "بال", "وال", "فال", "كال")
#: (folded Arabic name, country) → the gazetteer place with that Latin name there (Geocoder.by_skeleton)
Lookup = Callable[[str, str], Place | None]
#: (folded Arabic name, countries in order) → the division with that Latin name (Divisions.find)
DivisionLookup = Callable[[str, Sequence[str]], Place | None]


@dataclass(frozen=True, slots=True)
class PlaceNoun:
    """A place noun's folded form and what a name after it is."""

    noun: str
    precision: str
    strict: bool
    #: a name after it that the gazetteer lacks may be a division known only in Latin letters
    division: bool = False


@lru_cache(maxsize=1)
def place_nouns() -> dict[str, PlaceNoun]:
    """Folded place nouns (one or two words) → :class:`PlaceNoun`."""
    rows = read_tsv("marsad.kb", "data/place_nouns.tsv")
    return {r["noun"]: PlaceNoun(r["noun"], r["precision"], r["strict"] == "1", r["division"] == "1") for r in rows}


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Folded words for a time of day or a day: never a place without a place noun before them."""
    return frozenset(r["word"] for r in read_tsv("marsad.kb", "data/time_words.tsv"))


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("marsad.kb", "data/name_stops.tsv")) | time_words()


@lru_cache(maxsize=1)
def _noun_matcher() -> tuple[WholeWords, dict[str, tuple[str, str]]]:
    """The first words of the place nouns with their proclitics, and each form → (clitic, first word)."""
    forms: dict[str, tuple[str, str]] = {}
    for noun in place_nouns():
        first = noun.split()[0]
        for c in _CLITICS:
            forms.setdefault(c + first, (c, first))
    return WholeWords(forms), forms


@dataclass(frozen=True, slots=True)
class _Ctx:
    ft: FoldedText
    known: list[Place]  # sorted by start (source offsets)
    starts: list[int]
    named: list[tuple[int, int]]  # NER place spans (source offsets)
    persons: list[tuple[int, int]]  # people and organisations: no place name begins there
    demonyms: list[tuple[int, int]]
    sentence_starts: list[int]
    main: Place | None
    lookup: Lookup | None = None
    division: DivisionLookup | None = None


def find_localities(ft: FoldedText, places: Sequence[Place], entities: Sequence[Entity],
                    sentence_starts: Sequence[int], main: Place | None,
                    capitals: dict[str, Place] | None = None, lookup: Lookup | None = None,
                    division: DivisionLookup | None = None) -> list[Place]:  # fmt: skip
    """``places`` (the gazetteer's mentions) with the capitals read in «X العاصمة» and the unknown
    places after place nouns added, sorted by start."""
    out = _capitals(ft, places, capitals or {})
    named = [(e.start, e.end) for e in entities if e.label in _NAME_LABELS and e.source == "ner.model"]
    demonyms = [(e.start, e.end) for e in entities if e.source == "kb.demonym"]
    persons = [(e.start, e.end) for e in entities if e.label in ("PER", "ORG") and e.source != "kb.demonym"]
    matcher, forms = _noun_matcher()
    hits = matcher.find(ft.norm)
    out = _without_noun_words(ft, out, hits, forms)
    if division is not None:
        out = _divisions_of_towns(ft, out, hits, forms, division)
    for start, end, form in reversed(hits):
        known = sorted(out, key=lambda p: p.start or 0)
        ctx = _Ctx(ft, known, [p.start or 0 for p in known], named, persons, demonyms, list(sentence_starts), main,
                   lookup, division)
        place = _locality(ctx, start, end, forms[form][1])
        if place is not None:
            out.append(place)
    return sorted(out, key=lambda p: (p.start or 0, p.end or 0))


def _without_noun_words(ft: FoldedText, places: list[Place], hits: list[tuple[int, int, str]],
                        forms: dict[str, tuple[str, str]]) -> list[Place]:  # fmt: skip
    """``places`` less those that are the second word of a two-word place noun («منطقة أمن»: no Emmen)."""
    spans = []
    for _start, end, form in hits:
        noun, pos = _noun_at(ft.norm, forms[form][1], end)
        if noun is not None and " " in noun.noun:
            spans.append(ft.source(end, pos))
    return [p for p in places if not any(a <= (p.start or -1) < b for a, b in spans)]


def _divisions_of_towns(ft: FoldedText, places: list[Place], hits: list[tuple[int, int, str]],
                        forms: dict[str, tuple[str, str]], division: DivisionLookup) -> list[Place]:  # fmt: skip
    """``places`` with each town named right after an admin1/admin2 noun made the division named after
    it, where the gazetteer has no such division but the divisions data does («في إقليم قندز» is Kunduz
    province, «محافظة الحسكة» Al Ḩasakah governorate, not their seats). Not after «منطقة»: «منطقة X»
    of a known town is as often the area around it."""
    after: dict[int, str] = {}
    for _start, end, form in hits:
        noun, pos = _noun_at(ft.norm, forms[form][1], end)
        if noun is not None and noun.precision in ("admin1", "admin2"):
            m = _WORD.match(ft.norm, pos)
            if m is not None:
                after[ft.source(m.start(1), m.end(1))[0]] = noun.noun
    out = []
    for p in places:
        if p.precision == "town" and p.start is not None and p.start in after and p.country:
            found = division(_folded(ft, p), [p.country])
            if found is not None:
                out.append(dataclasses.replace(found, name_ar=ft.text[p.start : p.end], start=p.start, end=p.end))
                continue
        out.append(p)
    return out


def _folded(ft: FoldedText, p: Place) -> str:
    """The folded text of a place's span."""
    return ft.norm[ft.folded_offset(p.start or 0) : ft.folded_offset(p.end or 0)]


def _capitals(ft: FoldedText, places: Sequence[Place], capitals: dict[str, Place]) -> list[Place]:
    out = []
    for p in places:
        cap = capitals.get(p.country or "") if p.precision == "country" else None
        if cap is not None and p.start is not None and p.end is not None:
            f = ft.folded_offset(p.start)
            if re.match(r"\w+\s+العاصمه(?!\w)", ft.norm[f : f + 30]):
                out.append(dataclasses.replace(cap, name_ar=ft.text[p.start : p.end], start=p.start, end=p.end))
                continue
        out.append(p)
    return out


def _locality(ctx: _Ctx, start: int, end: int, first: str) -> Place | None:
    """The unknown place named after the place noun whose first word is ``norm[start:end]``."""
    norm = ctx.ft.norm
    noun, pos = _noun_at(norm, first, end)
    if noun is None:
        return None
    words = _name_words(ctx, noun, pos)
    if not words:
        return None
    a, b = words[0][0], words[-1][1]
    src_a, src_b = ctx.ft.source(a, b)
    if _covered(ctx, src_a, src_b):
        return None
    parent = _parent(ctx, b, src_a)
    folded = " ".join(w for _s, _e, w in words)
    country = parent.country if parent is not None else None
    known = _by_latin_name(ctx, noun, folded, parent) or _division(ctx, noun, folded, parent)
    if known is not None:  # a gazetteer place or a division under its Latin name («مدينة سيفاري»: Sévaré)
        return dataclasses.replace(known, name_ar=ctx.ft.text[src_a:src_b], start=src_a, end=src_b)
    base = parent or Place(None)
    return Place(latin_name(folded, country), ctx.ft.text[src_a:src_b], None, base.lat, base.lon, country,
                 base.admin1, noun.precision, src_a, src_b, parent.name if parent is not None else None)  # fmt: skip


def _by_latin_name(ctx: _Ctx, noun: PlaceNoun, folded: str, parent: Place | None) -> Place | None:
    """The gazetteer town a name after «مدينة», «بلدة», «قرية» or «جماعة» writes in Arabic and the
    gazetteer only in Latin letters, in the parent's country (and admin1, for a parent below it);
    not for a name led by a toponym head (their skeletons are too alike: «سيدي مومن»)."""
    if ctx.lookup is None or parent is None or not parent.country or noun.noun not in _TOWN_NOUNS:
        return None
    if folded.split(maxsplit=1)[0] in toponym_heads():
        return None
    found = ctx.lookup(folded, parent.country)
    if found is None or (parent.precision != "country" and found.admin1 != parent.admin1):
        return None
    return found


def _division(ctx: _Ctx, noun: PlaceNoun, folded: str, parent: Place | None) -> Place | None:
    """The division a name after «ولاية», «محافظة», «إقليم», «منطقة» … names (:mod:`marsad.kb.divisions`):
    in the parent's country when the parent is a town or a division, else in the parent country and
    then the other countries the article names, in text order («منطقة عسير» in a report on Tunisia's
    condolences names Saudi Arabia too)."""
    if ctx.division is None or not noun.division:
        return None
    if parent is not None and parent.precision != "country":
        countries = [parent.country] if parent.country else []
    else:
        named = [p.country for p in ctx.known if p.precision == "country" and p.country]
        first = [c for c in (parent.country if parent else None, ctx.main.country if ctx.main else None) if c]
        countries = list(dict.fromkeys([*first, *named]))
    return ctx.division(folded, countries) if countries else None


def _noun_at(norm: str, first: str, end: int) -> tuple[PlaceNoun | None, int]:
    """The (longest) place noun starting with the word ``first`` that ends at ``end``, and where it ends."""
    nouns = place_nouns()
    m = _WORD.match(norm, end)
    if m is not None:
        two = first + " " + m.group(1)
        if two in nouns:
            return nouns[two], m.end()
    return nouns.get(first), end


def _name_words(ctx: _Ctx, noun: PlaceNoun, pos: int) -> list[tuple[int, int, str]]:
    """The folded words of the name after the noun ending at ``pos`` (empty: no name there)."""
    norm, stops, heads = ctx.ft.norm, _stops(), toponym_heads()
    words: list[tuple[int, int, str]] = []
    while len(words) < 4:
        m = _WORD.match(norm, pos)
        if m is None or (words and re.search(r"[^\s\w]", norm[pos : m.start(1)])):
            break
        w = m.group(1)
        if w in stops or w.isdigit() or len(w) < 2 or (words and w[0] in "وبف" and w[1:] not in heads
                                                        and w not in heads):  # fmt: skip
            break
        if words and (_inside(ctx.demonyms, ctx.ft.source(m.start(1), m.end(1))) or w in place_nouns()):
            break
        words.append((m.start(1), m.end(1), w))
        pos = m.end(1)
    if not words:
        return []
    return _name_of(ctx, noun, words)


def _name_of(ctx: _Ctx, noun: PlaceNoun, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words of ``words`` (after a place noun) that name a place: see the module rules."""
    first, heads = words[0][2], toponym_heads()
    src = ctx.ft.source(words[0][0], words[0][1])
    # «مخيم للمسلحين», «بجماعة بإقليم»: a preposition, not a name; a person or an organisation, but a
    # toponym head is a place after a place noun whatever the model says («بجماعة أولاد امبارك», ORG)
    if _glued_place(first) or first.startswith(_PREPOSED) or (_inside(ctx.persons, src) and first not in heads):
        return []
    if first in heads:
        keep = 2 + (len(words) > 2 and words[2][2].startswith("ال") and words[1][2] not in heads)
        return words[:keep]
    if first.endswith("يه") and not first.startswith("ال"):
        return []  # an adjective: «قرية تشادية», «منطقة عسكرية»
    tagged = _tagged(ctx, src)
    if tagged is not None:
        return [w for w in words if ctx.ft.source(w[0], w[1])[1] <= tagged[1]] or words[:1]
    # a noun that is also a common word: a bare name, not a verb («جماعة تطلق على نفسها»)
    if noun.strict or not (first.startswith(("ال", "ت", "ي", "ن")) or first.endswith("ه")):
        return words[:1]
    return []


def _glued_place(word: str) -> bool:
    """«بولاية», «وبمدينة»: a place noun with a proclitic begins the next place of a chain, not a name."""
    bare = word.lstrip("وف")
    return bare[:1] in "بل" and bare[1:] in {n.split()[0] for n in place_nouns()}


def _tagged(ctx: _Ctx, src: tuple[int, int]) -> tuple[int, int] | None:
    """The NER place span that begins at the word ``src``, else None."""
    for a, b in ctx.named:
        if a <= src[0] < b:
            return a, b
    return None


def _inside(spans: list[tuple[int, int]], src: tuple[int, int]) -> bool:
    return any(a <= src[0] < b for a, b in spans)


def _covered(ctx: _Ctx, a: int, b: int) -> bool:
    """True when a known place overlaps the source span ``[a, b)``."""
    i = bisect.bisect_left(ctx.starts, b)
    return any((p.end or 0) > a for p in ctx.known[max(0, i - 8) : i])


def _parent(ctx: _Ctx, fold_end: int, src_start: int) -> Place | None:
    """The place the one ending at folded ``fold_end`` belongs to (see the module rules)."""
    norm = ctx.ft.norm
    i = bisect.bisect_left(ctx.starts, ctx.ft.index[min(fold_end, len(ctx.ft.index) - 1)] if fold_end < len(norm)
                           else len(ctx.ft.text))  # fmt: skip
    for p in ctx.known[i : i + 3]:
        f = ctx.ft.folded_offset(p.start or 0)
        if f - fold_end > _GAP:
            break
        if _connects(norm[fold_end:f]) and p.precision != "unresolved":
            return dataclasses.replace(p, start=None, end=None)
    return _before(ctx, src_start)


def _connects(between: str) -> bool:
    """True when only punctuation and connector words stand between a place and its parent."""
    if re.search(r"[.؟!?\n]", between):
        return False
    allowed = {n.split()[0] for n in place_nouns()} | _CONNECTORS
    for w in _BETWEEN_WORD.findall(between):
        readings = {w, w[1:] if w[:1] == "و" else w}
        readings |= {r[1:] for r in readings if r[:1] in "بل" and len(r) > 2}
        if not readings & allowed:
            return False
    return True


def _before(ctx: _Ctx, src_start: int) -> Place | None:
    """The last town (or finer place) named before ``src_start`` in its sentence, else the country its
    sentence names nearest to it, else the main country."""
    k = bisect.bisect_right(ctx.sentence_starts, src_start) - 1
    s_lo = ctx.sentence_starts[k] if k >= 0 else 0
    s_hi = ctx.sentence_starts[k + 1] if k + 1 < len(ctx.sentence_starts) else len(ctx.ft.text)
    lo = max(s_lo, ctx.ft.index[max(0, ctx.ft.folded_offset(src_start) - _BEFORE)])
    for p in reversed(ctx.known[: bisect.bisect_left(ctx.starts, src_start)]):
        if (p.start or 0) < lo:
            break
        if p.precision in _FINE:
            return dataclasses.replace(p, start=None, end=None)
    states = [p for p in ctx.known if s_lo <= (p.start or 0) < s_hi and p.precision == "country"]
    if states:
        nearest = min(states, key=lambda p: abs((p.start or 0) - src_start))
        return dataclasses.replace(nearest, start=None, end=None)
    return ctx.main
