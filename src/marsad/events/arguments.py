"""Event arguments: actor and recipient, date, counts, and the evidence clause (places: :mod:`marsad.events.where`)."""

from __future__ import annotations

from collections.abc import Sequence

from marsad.article_index import ArticleIndex
from marsad.events.detect import Mention
from marsad.events.governed import counts_for
from marsad.events.when import governing_time
from marsad.kb.refs import actor_ref, is_group, state_code
from marsad.records import ActorRef, Counts, TimeRef

__all__ = ["actors_of", "clause_of", "counts_of", "date_of"]

_CLAUSE_BREAKS = '،؛:;\n«»"'
_MIN_CLAUSE = 25
_MAX_BEFORE = 120
_STATE_FIRST = frozenset({"COERCE", "SANCTION", "MOBILIZE", "AID", "CONSULT", "AGREE", "SUPPORT"})
_CIVILIANS = ActorRef("civilians", "civilians", None)
#: statements whose doer, in verb-first order, is the entity right after the verb
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONCEDE"})
_VSO_GAP = 25  # characters between the verb and its subject: a title or two («الرئيس التونسي»)


def actors_of(idx: ArticleIndex, m: Mention, main: str | None) -> tuple[ActorRef | None, ActorRef | None]:
    """(actor, recipient) from the linked entities of the sentence; security organs act for their state."""
    s = idx.sentence(m.sent)
    ents = [e for e in idx.entities_in(s.start, s.end) if actor_ref(e, idx.knowledge) is not None]
    before = [e for e in ents if e.end <= m.start]
    after = [e for e in ents if e.start >= m.end]
    groups = [e for e in ents if is_group(e)]
    states = [e for e in ents if state_code(e)]
    actor: ActorRef | None = None
    recipient: ActorRef | None = None
    if m.type in _STATE_FIRST:
        st = [e for e in before if state_code(e)] or states
        actor = actor_ref(st[-1] if st and st[-1] in before else st[0], idx.knowledge) if st else None
        if actor is None and m.type in ("COERCE", "SANCTION") and main:
            actor = ActorRef(main, idx.knowledge.state_name(main), None)
        rec = [e for e in after if e in groups] or groups or [e for e in after if state_code(e)]
        recipient = actor_ref(rec[0], idx.knowledge) if rec else None
        if recipient is None and m.type in ("COERCE", "SANCTION"):
            recipient = _previous_group(idx, m.start)
    else:
        act = [e for e in before if is_group(e) or state_code(e)]
        subject = [e for e in after[:1] if m.type in _SPEECH_ACTS and e.start - m.end <= _VSO_GAP]
        if not act and subject:  # verb first (VSO): «أدانت الجزائر الهجوم»، «طالب الرئيس قيس سعيد …»
            act = subject
            after = after[1:]
        actor = actor_ref(act[-1], idx.knowledge) if act else (actor_ref(groups[0], idx.knowledge) if groups else None)
        rec = [e for e in after if actor is None or actor_ref(e, idx.knowledge) != actor]
        recipient = actor_ref(rec[0], idx.knowledge) if rec else None
        if m.type == "ASSAULT" and idx.has(m.sent, "civilians") and (recipient is None or recipient == actor):
            recipient = _CIVILIANS
    if recipient is not None and actor is not None and recipient.code == actor.code and m.type != "AID":
        recipient = None
    return actor, recipient


def _previous_group(idx: ArticleIndex, offset: int) -> ActorRef | None:
    for e in reversed(idx.entities):
        if e.start < offset and is_group(e):
            return actor_ref(e, idx.knowledge)
    return None


def date_of(idx: ArticleIndex, m: Mention) -> TimeRef | None:
    """The resolved time expression that governs the event's clause (:mod:`marsad.events.when`), else None."""

    return governing_time(idx, m, clause_of(idx, m))


def counts_of(idx: ArticleIndex, m: Mention, rivals: Sequence[Mention] = ()) -> Counts:
    """People, killed and injured counts the trigger governs among the sentence's ``rivals``
    (:func:`marsad.events.governed.counts_for`)."""
    return counts_for(idx, m, rivals)


def clause_of(idx: ArticleIndex, m: Mention) -> tuple[int, int]:
    """The shortest span stating the event: the clause (between «،» «؛» «:» or quotes) with its trigger."""
    text = idx.article.text
    s = idx.sentence(m.sent)
    a = m.start
    while a > s.start and text[a - 1] not in _CLAUSE_BREAKS and m.start - a < _MAX_BEFORE:
        a -= 1
    b = m.end
    while b < s.end and text[b] not in _CLAUSE_BREAKS:
        b += 1
    if b - a < _MIN_CLAUSE:
        b2 = b
        while b2 < s.end and (b2 - a) < _MIN_CLAUSE * 2 and text[b2] not in ".؟!\n":
            b2 += 1
        b = b2
    while a < b and text[a] in " \t،؛:«»\"'":
        a += 1
    while b > a and text[b - 1] in " \t،؛:«»\"'.":
        b -= 1
    return a, b
