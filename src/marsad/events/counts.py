"""Counts of people in a folded sentence: «توقيف ثلاثة أشخاص», «مقتل 9 وإصابة 12 آخرين», «شخصين».

:func:`find_counts` reads every count of the sentence, each with what happened to the people; which
event a count belongs to is decided by :func:`marsad.events.arguments.counts_of` (the trigger that
governs it). A count is

* a quantity (:mod:`marsad.events.numbers`: digits, number words, approximations, ranges, vague
  amounts) before a noun of people (``data/count_nouns.tsv``, a plural of relation «ـيين»/«ـيون»,
  «آخرين»), directly or through «من» and up to two words («سبعة من قادة التنظيم», «16 من ميليشيات»),
  Darija «د»/«ديال» too; never one before a measure or a thing («10 سنوات», «60 كيلوغرام»);
* a dual of such a noun («شخصين», «جنديان», «امرأتين»), or a noun followed by «اثنين» or a definite
  number («الفتيات الثلاث», «عناصرها الثلاثة»);
* a bare quantity right after a word of killing or injury («مقتل 9», «إصابة 12») or right before a
  verb of it («11 قتلوا», «اثنان قتلا»).

What happened (``kind``) comes from the noun («قتيلا», «جرحى»), else the word right before the count
or right after the people (``data/count_cues.tsv``: «مقتل», «إصابة», «اعتقال», «قتلوا», «بجروح»,
«شاركوا»); a count without such a word is ``people`` and not ``explicit`` (the governing trigger
decides: the object of a killing is killed). Counts joined by «و» with nothing between but their
nouns are one count, summed: both sides' tolls («19 من مقاتلي بوكو حرام وجنديين من تشاد قتلوا» is
21), and «محمد بديع و17 آخرين» is 18. A breakdown («بينهم 5 أطفال») is part of a total already
counted and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import read_tsv, word_sets
from marsad.events.numbers import Quantity, Token, number_words, quantity_at, tokens

__all__ = ["CountHit", "count_cues", "find_counts", "noun_role"]

_PREFIXES = ("وال", "بال", "فال", "لل", "دال", "ال", "و", "ف", "ب", "ل")
_OTHERS = frozenset({"اخرين", "اخرون", "الاخرين"})
_OF = frozenset({"من", "د", "ديال"})
_AND = frozenset({"و", "وكذا", "وكذلك", "كذا"})
_JOIN_GAP = 4
_COMMAS = frozenset({"،", ","})  # tokens between two counts joined by «و» (the first one's complement: «من تشاد»)


@dataclass(frozen=True, slots=True)
class CountHit:
    """A count: folded offsets within the sentence (the quantity to its noun), its value (None for
    a vague amount), what happened to the people, and whether a word said so (``explicit``)."""

    start: int
    end: int
    value: int | None
    kind: str  # people | killed | injured
    explicit: bool = True


@dataclass(frozen=True, slots=True)
class _Raw:
    first: int  # token span of the count, noun included
    last: int
    number: int  # token of the number
    value: int | None
    role: str | None  # the noun's role, if any
    others: bool = False  # the noun is «آخرين»


@lru_cache(maxsize=1)
def _nouns() -> dict[str, tuple[str, str]]:
    """Folded form → (role, number: sg | pl | du), the derived accusative and dual forms included."""
    rows = list(read_tsv("marsad.events", "data/count_nouns.tsv"))
    plurals = {p for r in rows for p in r["plural"].split(",") if p}
    out: dict[str, tuple[str, str]] = {}
    for r in rows:
        role, sg = r["role"], r["singular"]
        for pl in (p for p in r["plural"].split(",") if p):
            out[pl] = (role, "pl")
            if pl.endswith("ين"):  # «مقاتلون»، and the construct «مقاتلي بوكو حرام»
                out.setdefault(pl[:-2] + "ون", (role, "pl"))
                out.setdefault(pl[:-1], (role, "pl"))
        if role == "none":  # a word that only looks like a count noun: «طالبان» is no dual of «طالب»
            out[sg] = (role, "sg")
            continue
        if sg:
            out.setdefault(sg, (role, "sg"))
            out.setdefault(sg + "ا", (role, "sg"))
            stem = sg[:-1] + "ت" if sg.endswith("ه") else sg
            out.setdefault(stem + "ان", (role, "du"))
            if stem + "ين" not in plurals:
                out.setdefault(stem + "ين", (role, "du"))
    return out


@lru_cache(maxsize=1)
def count_cues() -> dict[tuple[str, str], str]:
    """(folded word, before | after) → killed | injured | people | part (``data/count_cues.tsv``)."""
    return {(r["word"], r["position"]): r["kind"] for r in read_tsv("marsad.events", "data/count_cues.tsv")}


def _bare(tok: str) -> list[str]:
    """The token and what is left of it without one proclitic group («وال», «بال», «لل», «و» …)."""
    out = [tok]
    for p in _PREFIXES:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            out.append(tok[len(p) :])
    return out


@lru_cache(maxsize=8192)
def noun_role(tok: str) -> tuple[str, str] | None:
    """(role, number) of a folded token that is a noun of people or a thing, clitics allowed; a
    plural of relation in «ـيين»/«ـيون» («ايطاليين», «كويتيين») is a plural of people."""
    nouns = _nouns()
    for w in _bare(tok):
        if w in nouns:
            return nouns[w] if nouns[w][0] != "none" else None
        for suffix in ("ه", "ها", "هم", "هما"):
            if w.endswith(suffix) and w[: -len(suffix)] in nouns:
                return nouns[w[: -len(suffix)]]
    w = _bare(tok)[-1]
    if len(w) >= 5 and w.endswith(("يين", "يون")) and w not in number_words():
        return ("person", "pl")
    return None


def _cue(tok: str, position: str) -> str | None:
    cues = count_cues()
    return next((cues[(w, position)] for w in _bare(tok) if (w, position) in cues), None)


#: words between a cue and its count: «ارتفاع عدد القتلى إلى 30», «القبض على 3»
_SKIP = frozenset(word_sets("marsad.events", "data/words.tsv")["count_skip"])
_AFTER_REACH = 4  # tokens after the counted people where a verb of what happened to them may stand


def _cue_before(toks: list[str], i: int) -> str | None:
    """The cue before token ``i``, over «إلى», «على», «عن», «عدد» (:data:`_SKIP`)."""
    k = i - 1
    while k >= 0 and toks[k] in _SKIP and i - k < 5:
        k -= 1
    return _cue(toks[k], "before") if k >= 0 else None


def _cue_after(toks: list[str], i: int) -> str | None:
    """The first cue among the few tokens from ``i`` («من تشاد قتلوا», «سقطوا قتلى»), past «على
    الأقل» and a breakdown («22 شخصا على الأقل معظمهم من رجال ميليشيا محلية قتلوا»)."""
    reach = i + _AFTER_REACH
    k = i
    while k < min(reach, len(toks)):
        if toks[k : k + 2] == ["علي", "الاقل"] or _cue(toks[k], "before") == "part":
            reach += 2 if toks[k] == "علي" else _AFTER_REACH
        elif (kind := _cue(toks[k], "after")) is not None:
            return kind
        k += 1
    return None


def _after_wa(toks: list[str], i: int) -> bool:
    """True when token ``i`` is coordinated: «و» before it, or glued to it («وجنديين», «وثمانية»)."""
    tok = toks[i]
    glued = tok.startswith("و") and len(tok) > 2 and (noun_role(tok[1:]) is not None or tok[1:] in number_words())
    return (i > 0 and toks[i - 1] in _AND) or glued


def _noun_after(toks: list[str], k: int) -> tuple[int, str, bool] | None:
    """(end token, role, «آخرين») of the noun of people counted from token ``k``, else None."""
    if k >= len(toks):
        return None
    if toks[k] in _OTHERS:
        return k + 1, "person", True
    nr = noun_role(toks[k])
    if nr is not None:
        others = k + 1 < len(toks) and toks[k + 1] in _OTHERS
        return None if nr[0] == "thing" else (k + 1 + others, nr[0], others)
    if toks[k] not in _OF and not toks[k].startswith("دال"):
        return None
    start = k if toks[k].startswith("دال") else k + 1
    for j in range(start, min(start + 2, len(toks))):
        nr = noun_role(toks[j])
        if nr is not None and nr[0] != "thing":
            return j + 1, nr[0], False
    return None


def _raw_counts(toks: list[str]) -> list[_Raw]:
    out: list[_Raw] = []
    i = 0
    while i < len(toks):
        q = quantity_at(toks, i)
        raw = _counted(toks, q) if q is not None else _dual_or_postposed(toks, i)
        if raw is None:
            i += 1
            continue
        out.append(raw)
        i = raw.last
    return out


def _counted(toks: list[str], q: Quantity) -> _Raw | None:
    noun = _noun_after(toks, q.last)
    year = q.value is not None and 1900 <= q.value <= 2100 and q.first == q.number
    if noun is not None and not (year and noun[0] > q.last + 1):
        end, role, others = noun
        return _Raw(q.first, end, q.number, q.value, role, others)
    if q.last < len(toks) and (nr := noun_role(toks[q.last])) is not None and nr[0] == "thing":
        return None
    if year:
        return None  # «2018)، من …»: a year
    before, after = _cue_before(toks, q.first), _cue_after(toks, q.last)
    if before in ("killed", "injured") or after in ("killed", "injured"):  # «مقتل 9»، «11 قتلوا»
        return _Raw(q.first, q.last, q.number, q.value, None)
    return None


def _dual_or_postposed(toks: list[str], i: int) -> _Raw | None:
    nr = noun_role(toks[i])
    if nr is None or nr[0] == "thing":
        return None
    if nr[1] == "du":
        return _Raw(i, i + 1, i, 2, nr[0])
    for j in (i + 1, i + 2):  # «مدنيين اثنين»، «عسكريين تركيين اثنين»، «الفتيات الثلاث»
        if j < len(toks) and (v := _postposed(toks[j])) is not None and nr[1] == "pl":
            return _Raw(i, j + 1, j, v, nr[0])
    return None


def _postposed(tok: str) -> int | None:
    words = number_words()
    if tok in ("اثنين", "اثنان", "اثنتين", "اثنتان"):
        return 2
    if tok.startswith("ال") and (w := tok[2:]) in words and words[w][1] in ("unit", "ten") and words[w][0] >= 3:
        return words[w][0]  # «الثلاث»; not «الاثنين» (Monday), «الاحد» (Sunday)
    return None


def _kind(toks: list[str], raw: _Raw) -> tuple[str, bool]:
    """What happened to the people of a count, and whether a word says so."""
    if raw.role in ("killed", "injured"):
        return raw.role, True
    for kind in (_cue_before(toks, raw.first), _cue_after(toks, raw.last)):
        if kind is not None and kind != "part":
            return kind, True
    return "people", False


def _joined(toks: list[str], a: _Raw, b: _Raw) -> bool:
    """True when count ``b`` is coordinated with ``a`` by «و», with no word of its own between them
    (the first one's complement may stand between: «19 من مقاتلي بوكو حرام، وجنديين»)."""
    between = toks[a.last : b.first]
    gap = [t for t in between if t not in _COMMAS]
    if len(gap) > _JOIN_GAP or len(between) - len(gap) > 1 or any(not t[0].isalnum() for t in gap):
        return False
    if any(_cue(t, "before") or _cue(t, "after") for t in gap):
        return False
    return _after_wa(toks, b.first)


@lru_cache(maxsize=4096)
def find_counts(norm: str) -> tuple[CountHit, ...]:
    """The counts of people in a folded sentence (see the module rules), in text order."""
    toks_at: list[Token] = tokens(norm)
    toks = [t.text for t in toks_at]
    out: list[CountHit] = []
    raws = _raw_counts(toks)
    i = 0
    while i < len(raws):
        group = [raws[i]]
        while i + 1 < len(raws) and _joined(toks, group[-1], raws[i + 1]):
            i += 1
            group.append(raws[i])
        i += 1
        if _cue_before(toks, group[0].first) == "part":
            continue  # «بينهم 5 أطفال»: part of a total
        out.append(_group_hit(toks_at, toks, group))
    return tuple(out)


def _group_hit(toks_at: list[Token], toks: list[str], group: list[_Raw]) -> CountHit:
    kinds = [_kind(toks, r) for r in group]
    explicit = [k for k in kinds if k[1]]
    kind = explicit[-1][0] if explicit else "people"
    values = [r.value for r in group if r.value is not None]
    value = sum(values) if values else None
    first = group[0]
    if value is not None and first.others and _after_wa(toks, first.number):
        value += 1  # «محمد بديع و17 آخرين»: the one named and the others
    return CountHit(toks_at[first.first].start, toks_at[group[-1].last - 1].end, value, kind, bool(explicit))
