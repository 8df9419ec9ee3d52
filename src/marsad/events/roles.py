"""Who did it and to whom: the actor and recipient of an event, chosen among candidates by a learned ranker.

Candidates come from the event's sentence: every entity that stands for a state, a state organ or
a known group (:func:`marsad.kb.refs.actor_ref`), every role noun of ``data/roles.tsv``
(suspects, smugglers, protesters, residents, gunmen, migrants …: the non-state parties the
knowledge base cannot name), and the article's main country (the state whose police and courts act
when no state is named). Each candidate is described by features of its place relative to the
trigger (before or after it, how far, the preposition before it, right after the verb as its
subject), its kind, its role label, whether it is the source of the news («مصدر أمني»، «حسب …»),
and whether the lexicon's rules (:func:`marsad.events.arguments.actors_of`) chose it. Two linear
heads of the event model (``actor``, ``recipient``) score every candidate; the best one above
the head's threshold is taken, else nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from marsad.article_index import ArticleIndex
from marsad.datafiles import read_tsv, word_sets
from marsad.events.detect import Mention
from marsad.events.learned import EventModel
from marsad.kb.refs import actor_ref, is_group, state_code
from marsad.layers import QUOTES
from marsad.records import ActorRef
from marsad.text.fold import fold
from marsad.text.match import PhraseMatcher

__all__ = ["Candidate", "candidates", "choose", "role_features", "role_matcher"]

_PREPOSITIONS = frozenset(word_sets("marsad.events", "data/words.tsv")["role_preposition"])
_SOURCE_WORDS = frozenset(word_sets("marsad.events", "data/words.tsv")["source_word"])
_WORD = re.compile(r"[^\W_]+")
_TITLE_CHARS = 40  # a speaker's title before the name: «وزير الخارجية السعودي»


@dataclass(frozen=True, slots=True)
class Candidate:
    """A party an event may have as actor or recipient."""

    ref: ActorRef
    start: int | None  # source span in the article (None for the implicit main country)
    end: int | None
    kind: str  # state, group, role:<kind>, main
    speaker: bool = False  # the speaker of a quote that holds the trigger


@lru_cache(maxsize=1)
def role_matcher() -> PhraseMatcher[tuple[str, str]]:
    rows = [(r["phrase"], r["cls"], (r["label"], r["kind"])) for r in read_tsv("marsad.events", "data/roles.tsv")]
    return PhraseMatcher(rows)


def candidates(idx: ArticleIndex, m: Mention, main: str | None) -> list[Candidate]:
    """Every party of the event's sentence and the one before it, the article's main country, and the
    civilians an attack may strike without naming them."""
    s = idx.sentence(m.sent)
    lo = idx.sentence(m.sent - 1).start if m.sent > 0 else s.start
    out: list[Candidate] = []
    speakers = _speakers(idx, m)
    for e in idx.entities_in(lo, s.end):
        ref = actor_ref(e, idx.knowledge)
        if ref is not None:
            kind = "state" if state_code(e) else "group" if is_group(e) else "other"
            out.append(Candidate(ref, e.start, e.end, kind, e.id in speakers))
    for e in idx.entities:
        if e.id in speakers and not lo <= e.start < s.end and (ref := actor_ref(e, idx.knowledge)) is not None:
            out.append(Candidate(ref, e.start, e.end, "state" if state_code(e) else "group", True))
    drugs = idx.family_counts.get("drugs", 0) > 0
    for h in role_matcher().find(idx.ft):
        if lo <= h.start < s.end and not any(c.start is not None and c.start <= h.start < (c.end or 0) for c in out):
            label, kind = h.entry
            out.append(Candidate(ActorRef(label, label, None), h.start, h.end, f"role:{kind}"))
            if drugs and kind == "crime":  # the suspects of a drug case are drug traffickers
                out.append(Candidate(_DRUGS, h.start, h.end, "role:drugs"))
    if main:
        out.append(Candidate(ActorRef(main, idx.knowledge.state_name(main), None), None, None, "main"))
    group = _main_group(idx)
    if group is not None and all(c.ref.code != group.code for c in out):
        out.append(Candidate(group, None, None, "main_group"))
    for ref, kind in _IMPLICIT.get(m.type, ()):
        out.append(Candidate(ref, None, None, kind))
    if drugs and m.type == "COERCE":
        out.append(Candidate(_DRUGS, None, None, "drugs"))
    return out


_DRUGS = ActorRef("drug traffickers", "drug traffickers", None)
#: Parties an event of a type may have without the sentence naming them: the civilians an attack
#: strikes, the suspects an arrest takes.
_IMPLICIT = {
    "ASSAULT": ((ActorRef("civilians", "civilians", None), "civilians"),),
    "COERCE": ((ActorRef("suspects", "suspects", None), "suspects"),),
}


def _main_group(idx: ArticleIndex) -> ActorRef | None:
    """The armed or political group the article names most, if any."""
    counts: dict[str, int] = {}
    refs: dict[str, ActorRef] = {}
    for e in idx.entities:
        if is_group(e) and (ref := actor_ref(e, idx.knowledge)) is not None and ref.code:
            counts[ref.code] = counts.get(ref.code, 0) + 1
            refs.setdefault(ref.code, ActorRef(ref.code, ref.name, None))
    return refs[max(counts, key=lambda k: counts[k])] if counts else None


def _speakers(idx: ArticleIndex, m: Mention) -> set[str]:
    """Entity ids of the speakers of the quotes that hold the trigger (the quotes layer, when it ran first),
    with the state of a speaker's title («وزير الخارجية السعودي عادل الجبير»: SAU)."""
    out = set()
    for q in idx.article.layer(QUOTES):
        if not (q.evidence.start <= m.start and m.end <= q.evidence.end):
            continue
        if q.speaker.entity:
            out.add(q.speaker.entity)
        if q.speaker.start is not None and q.speaker.end is not None:
            lo = max(q.speaker.start - _TITLE_CHARS, q.cue.end if q.cue.end <= q.speaker.start else 0)
            out.update(e.id for e in idx.entities if lo <= e.start < q.speaker.end and state_code(e))
    return out


def _bucket(n: int) -> str:
    return "0" if n <= 3 else "1" if n <= 12 else "2" if n <= 40 else "3"


def role_features(idx: ArticleIndex, m: Mention, c: Candidate,
                  rule: tuple[ActorRef | None, ActorRef | None]) -> list[str]:  # fmt: skip
    """Features of candidate ``c`` for the event mention ``m`` (see the module doc)."""
    t = m.type
    f = [f"k:{c.kind}", f"T:{t}|k:{c.kind}"]
    if c.kind.startswith("role"):
        f += [f"r:{c.ref.code}", f"T:{t}|r:{c.ref.code}"]
    if c.speaker:
        f += ["spk", f"T:{t}|spk", f"T:{t}|spk|k:{c.kind}"]
    if c.start is None or c.end is None:
        f.append(f"T:{t}|implicit")
    elif c.end <= idx.sentence(m.sent).start:
        f += ["prev", f"T:{t}|prev", f"T:{t}|prev|k:{c.kind}"]
    else:
        side = "b" if c.end <= m.start else "a" if c.start >= m.end else "o"
        gap = len(idx.article.text[c.end : m.start].split()) if side == "b" else len(
            idx.article.text[m.end : c.start].split())  # fmt: skip
        f += [f"d:{side}{_bucket(gap)}", f"T:{t}|d:{side}{_bucket(gap)}", f"T:{t}|{side}"]
        prev = _previous_word(idx, c.start)
        prep = _preposition(idx.article.text, c.start, prev)
        if prep:
            f += [f"p:{prep}", f"T:{t}|p:{prep}"]
        if side == "a" and gap <= 2:
            f += ["adj", f"T:{t}|adj"]
        if prev in _SOURCE_WORDS or _previous_word(idx, c.start, 2) in _SOURCE_WORDS:
            f += ["src", f"T:{t}|src"]
    actor, recipient = rule
    if actor is not None and _same(actor, c.ref):
        f += ["rule_actor", f"T:{t}|rule_actor"]
    if recipient is not None and _same(recipient, c.ref):
        f += ["rule_recipient", f"T:{t}|rule_recipient"]
    if m.headline:
        f.append("headline")
    return f


def _preposition(text: str, start: int, prev: str) -> str:
    """The preposition before a party: «ب»/«ل» glued to its word («للمغرب»), else the word before it."""
    if start > 0 and text[start - 1] in "لب" and (start < 2 or not text[start - 2].isalpha()):
        return text[start - 1]
    return prev if prev in _PREPOSITIONS else ""


def _same(a: ActorRef, b: ActorRef) -> bool:
    return a.code == b.code


def _previous_word(idx: ArticleIndex, start: int, k: int = 1) -> str:
    words = _WORD.findall(idx.article.text[max(0, start - 40) : start])
    return fold(words[-k]) if len(words) >= k else ""


def choose(idx: ArticleIndex, m: Mention, main: str | None, model: EventModel,
           rule: tuple[ActorRef | None, ActorRef | None]) -> tuple[ActorRef | None, ActorRef | None]:  # fmt: skip
    """(actor, recipient): per role, the best candidate the head scores above its threshold; never the same
    party twice (but for aid between a state's own organs)."""
    cands = candidates(idx, m, main)
    if not cands:
        return None, None
    feats = [role_features(idx, m, c, rule) for c in cands]
    picks: list[ActorRef | None] = []
    for role in ("actor", "recipient"):
        head = model.heads.get(role)
        if head is None:
            picks.append(rule[0] if role == "actor" else rule[1])
            continue
        logodds = head.column_scores([head.rows(f) for f in feats], "1", against="0")
        scores = [float(x) for x in 1.0 / (1.0 + np.exp(-logodds))]
        order = sorted(range(len(cands)), key=lambda i: -scores[i])
        chosen = None
        for i in order:
            if scores[i] < model.threshold(role):
                break
            if picks and picks[0] is not None and cands[i].ref.code == picks[0].code:
                continue
            chosen = cands[i].ref
            break
        picks.append(chosen)
    return picks[0], picks[1]
