"""The parties a relation can hold between, found in an article's text.

- a state: an entity or actor mention the knowledge base resolves to a state, a state organ or a
  state official (:func:`marsad.kb.refs.state_code`);
- an organisation or a group of states (annotation brief: EU, GCC, AU, UN, «دول الساحل»): a KB
  entry listed in ``data/parties.tsv`` (its relation code: ``SAU_COAL`` → «Arab coalition»,
  ``SAHEL`` → «Sahel states»), or a name that file lists and the KB lacks («القوى الست» → P5+1);
  a grouping named as «دول …» keeps its member states (a focus word or a cause can name them);
- «البلدين» (the two states last named) and «بلاده/بلادها/بلادنا» (the speaker's state).

A demonym right after a party names its state («حكومة الوحدة الوطنية الأفغانية» is Afghan). A
state a preposition of place governs («في ليبيا», «بتونس») is where something happens, and one a
preposition of topic governs («بشأن اليمن», «حول سوريا») what it is about: neither is a party. A
region named as a place («الشرق الأوسط») is no party either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import read_tsv
from marsad.kb.refs import state_code
from marsad.records import Entity
from marsad.text.fold import fold
from marsad.text.match import FoldedText, PhraseMatcher

__all__ = ["Party", "find_parties", "party_codes"]

_PLACE = frozenset({"في", "فى", "داخل", "بمدينه"})
_TOPIC = frozenset({"بشان", "حول", "حيال", "ازاء", "بخصوص"})
_STATE = re.compile(r"[A-Z]{3}")
_DEICTIC = re.compile(r"(?<!\w)(البلدين|بلاده|بلادها|بلادنا)(?!\w)")


@dataclass(frozen=True, slots=True)
class Party:
    start: int
    end: int
    codes: tuple[str, ...]  # one party, or the members of a grouping
    grouping: bool
    group: str | None = None  # the grouping's own code («دول الساحل» → Sahel states); None for «البلدين»
    label: str = ""  # the mention's entity label (MISC for a demonym)


@lru_cache(maxsize=1)
def party_codes() -> dict[str, str]:
    """KB id → relation code of the organisations and groupings that are parties."""
    return {r["key"]: r["code"] for r in read_tsv("marsad.relations", "data/parties.tsv") if r["source"] == "kb"}


@lru_cache(maxsize=1)
def _names() -> PhraseMatcher[str]:
    rows = read_tsv("marsad.relations", "data/parties.tsv")
    return PhraseMatcher([(r["key"], "x", r["code"]) for r in rows if r["source"] == "name"])


def find_parties(ft: FoldedText, mentions: list[Entity]) -> list[Party]:
    """Every party mention of the text, in order (see the module doc)."""
    text = ft.text
    out: list[Party] = []
    people = [(e.start, e.end) for e in mentions if e.label == "PER"]
    for e in mentions:
        party = _party(text, e)
        inside = e.label != "PER" and any(a <= e.start and e.end <= b for a, b in people)
        if party is None or _governed(text, e.start) or inside:
            continue  # «منصور التركي» is a man, not Turkey
        if _demonym_of(text, out[-1] if out else None, e):
            out[-1] = Party(out[-1].start, e.end, party.codes, False, label=e.label)  # «حكومة … الأفغانية»
        elif not out or out[-1].end <= e.start:
            out.append(party)
    for hit in _names().find(ft):
        if not any(p.start < hit.end and hit.start < p.end for p in out):
            out.append(Party(hit.start, hit.end, (hit.entry,), False))
    out.sort(key=lambda p: p.start)
    return _with_deictics(text, out)


def _demonym_of(text: str, prev: Party | None, e: Entity) -> bool:
    """A demonym right after an organ of state («حكومة الوحدة الوطنية الأفغانية»), not after another
    demonym («العلاقات السعودية الجزائرية» names two states)."""
    return (
        prev is not None
        and not prev.grouping
        and prev.label == "ORG"
        and e.label == "MISC"
        and not text[prev.end : e.start].strip()
    )


def _party(text: str, e: Entity) -> Party | None:
    c = e.canonical
    if c is None:
        return None
    code = party_codes().get(c.id)
    before = fold(text[max(0, e.start - 6) : e.start]).split()
    if c.members and (fold(text[e.start : e.end]).startswith(("دول", "الدول")) or before[-1:] in (["دول"], ["الدول"])):
        return Party(e.start, e.end, tuple(c.members), True, code or c.id, e.label)  # «دول (منطقة) الساحل»
    if c.kind == "region":
        return None  # a region named as a place («منطقة الساحل», «الشرق الأوسط»)
    if code is not None:
        return Party(e.start, e.end, (code,), False, label=e.label)
    if c.members:
        return None  # a region named as a place («الشرق الأوسط»)
    state = state_code(e)
    return Party(e.start, e.end, (state,), False, label=e.label) if state else None


def _governed(text: str, start: int) -> bool:
    """A place or a topic: «في ليبيا», «بتونس», «بشأن اليمن»."""
    if start > 0 and text[start - 1] == "ب" and (start < 2 or not text[start - 2].isalpha()):
        return True
    words = fold(text[max(0, start - 16) : start]).split()
    return bool(words) and (words[-1] in _PLACE or words[-1] in _TOPIC)


def _with_deictics(text: str, parties: list[Party]) -> list[Party]:
    """«البلدين» and «بلاده/بلادها/بلادنا» resolve from the states named before them."""
    out = list(parties)
    for m in _DEICTIC.finditer(text):
        pos, word = m.start(), m.group(1)
        distinct: list[str] = []
        for p in reversed([p for p in parties if p.end <= pos and not p.grouping and _STATE.fullmatch(p.codes[0])]):
            if p.codes[0] not in distinct:
                distinct.append(p.codes[0])
        if word == "البلدين" and len(distinct) >= 2:
            out.append(Party(pos, pos + len(word), (distinct[1], distinct[0]), True))
        elif word.startswith("بلاد") and distinct:
            out.append(Party(pos, pos + len(word), ("@speaker", *distinct[:3]), False))
    out.sort(key=lambda p: p.start)
    return out
