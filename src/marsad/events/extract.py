"""Event extraction: mentions → events with arguments, status and confidence; repeated mentions merge.

One event per happening and (type, mode) inside an article (rules in :func:`_joins`): a later mention of
the same (type, mode) with the same status and no conflicting place, date or count («المواد التي تم حجزها»
after «تم العثور على عبوة») joins the first; so does a reference back to an attack already told («وأسفر
الهجوم عن مقتل ستة»، «وقد قتل ستة في هذا الهجوم»), which gives the first mention the counts or town it
lacked, and a quoted casualty report without a place of its own. A mention with its own place or date
(«الخلية التي تم ضبطها في حد السوالم قبل أيام»), or «هجوم آخر», stays a separate event."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.article import Article
from marsad.article_index import ArticleIndex
from marsad.datafiles import word_sets
from marsad.events.arguments import actors_of, clause_of, counts_of, date_of
from marsad.events.detect import Mention, detect_mentions
from marsad.events.learned import EventModel
from marsad.events.lexicon import ACLED
from marsad.events.propose import echoes, propose
from marsad.events.roles import choose as choose_roles
from marsad.events.status import is_background, status_of
from marsad.events.when import statement_time, vaguely_dated
from marsad.events.where import COARSE, VERBAL, Scenes
from marsad.kb.refs import main_country, state_code
from marsad.records import ActorRef, Counts, Event, Evidence, Place
from marsad.text.fold import fold
from marsad.time.guard import FUTURE_STATUSES, dated_event

__all__ = ["EventFeatures", "extract_events"]


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """Rule features an event's confidence is computed from (and calibrated on)."""

    strength: float
    weak: bool
    has_actor: bool
    has_place: bool
    has_count: bool
    mentions: int
    status_occurred: bool


#: Logistic weights over EventFeatures: hand-set priors (bias -1.8, strength 2.2, weak -0.6, actor 0.5,
#: place 0.3, count 0.4, mentions 0.3, occurred 0.2), then scaled by 0.908 and shifted by +0.717 in
#: logit space: the Platt fit of correct ~ σ(s·z + d) on the dev gold's 99 events, after the
#: precision work of the third session made the priors under-confident (python benchmarks/calibration.py).
_W = {"bias": -0.917, "strength": 2.0, "weak": -0.545, "has_actor": 0.454, "has_place": 0.272, "has_count": 0.363,
      "mentions": 0.272, "status_occurred": 0.182}  # fmt: skip


def confidence(f: EventFeatures) -> float:
    z = (_W["bias"] + _W["strength"] * f.strength + _W["weak"] * f.weak + _W["has_actor"] * f.has_actor
         + _W["has_place"] * f.has_place + _W["has_count"] * f.has_count
         + _W["mentions"] * min(f.mentions - 1, 2) + _W["status_occurred"] * f.status_occurred)  # fmt: skip
    return 1.0 / (1.0 + math.exp(-z))


def extract_events(article: Article, idx: ArticleIndex | None = None, model: EventModel | None = None,
                   detector: str = "rules") -> list[Event]:  # fmt: skip
    """The events of an article whose entities/places/timexes/sentences layers are set (any may be empty);
    mentions come from the lexicon, the learned ``model`` or both (:func:`marsad.events.propose.propose`)."""
    idx = idx or ArticleIndex.of(article)
    published = article.meta.published
    main = main_country(idx.entities, idx.places)
    main_place = _main_place(idx, main)
    lexical = detect_mentions(idx)
    found = propose(idx, model, detector, lexical)
    # the lexicon's deeds too: a place past one («تعازي … للقتلى في الاعتداءات أمس في كابل») is the deed's,
    # not the statement's, even where the model keeps no event of it
    scenes = Scenes.build(idx, main, main_place, [*found, *lexical])
    drafts: list[Draft] = []
    mentions = [m for m in found if not is_background(idx, m.sent, m.start, m.end, published)]
    threats = {m.sent for m in mentions if m.type == "THREATEN"}
    for headline in (False, True):  # a headline restates the body: coded only when the body does not
        body_types = {d.event.type for d in drafts}
        for m in mentions:
            if m.headline != headline or (headline and m.type in body_types):
                continue
            draft = _build(idx, m, main, scenes, model, found)
            # «تعهد بسحق المسلحين»: the threat is the THREATEN event of the sentence, not an assault
            if draft.event.type == "ASSAULT" and draft.event.status == "threatened" and m.sent in threats:
                continue
            _merge_or_add(drafts, draft)
    for m in echoes(lexical, found):  # a reference back the model did not keep: it only merges
        told = any(d.event.type == m.type and d.mention.start < m.start for d in drafts)
        if told and not m.headline and not is_background(idx, m.sent, m.start, m.end, published):
            _merge_or_add(drafts, _build(idx, m, main, scenes, model, found), add=False)
    drafts = _refined(drafts)
    events = []
    for i, d in enumerate(sorted(drafts, key=lambda d: d.event.evidence.start), start=1):
        conf = confidence(d.features) if model is None else model.calibrate(confidence(d.features))
        events.append(dataclasses.replace(d.event, id=f"V{i}", confidence=conf))
    return events


@dataclass(frozen=True, slots=True)
class Draft:
    """An event being built: its record, confidence features, the mention that states it, and what
    its own sentence says (a place, a time), whether it is quoted, and whether it is «another» one."""

    event: Event
    features: EventFeatures
    mention: Mention
    own_place: bool = False
    own_date: bool = False
    quoted: bool = False
    another: bool = False
    report: int = 0  # the start of the report of a digest the mention is in


def _build(idx: ArticleIndex, m: Mention, main: str | None, scenes: Scenes, model: EventModel | None = None,
           rivals: Sequence[Mention] = ()) -> Draft:  # fmt: skip
    actor, recipient = actors_of(idx, m, main)
    if model is not None and "actor" in model.heads:
        actor, recipient = choose_roles(idx, m, main, model, (actor, recipient))
    place, own_place = scenes.place_of(m, _speaker(idx, m, actor), _named_in_sentence(idx, m, actor))
    if own_place and place is not None and not m.headline:
        scenes.note_lead(m.start, place)
    status = status_of(idx, m.sent, m.start, m.end, m.type, is_foiling=(m.type == "COERCE" and m.mode is None))
    pub = idx.article.meta.published  # a date after it only for a planned or threatened event
    own_date, status = dated_event(date_of(idx, m), pub, status)
    a, b = clause_of(idx, m)
    vague = own_date is None and vaguely_dated(idx, m, (a, b))
    carried = None if status in FUTURE_STATUSES else scenes.carried_date(m)  # no day told for what is to come
    date = None if vague else own_date or carried or statement_time(idx, m)
    if own_date is None:
        date, status = dated_event(date, pub, status)
    counts = counts_of(idx, m, rivals)
    acled = m.acled
    if m.territory:
        acled = ACLED["GOV"] if _is_state_ref(idx, actor) else ACLED["NSA"]
    if (
        m.type == "ASSAULT"
        and recipient is not None
        and recipient.code == "civilians"
        and acled is not None
        and acled.event_type == "Battles"
    ):
        acled = ACLED["VAT"]
    ev = Event(id="", type=m.type, mode=m.mode, evidence=Evidence(a, b), status=status, acled=acled,
               actor=actor, recipient=recipient, place=place, date=date, counts=counts,
               trigger=Evidence(m.start, m.end))  # fmt: skip
    feats = EventFeatures(m.strength, m.weak, actor is not None, scenes.sentence_names_place(m),
                          counts.people is not None, 1, status == "occurred")  # fmt: skip
    text = idx.article.text
    quoted = m.type == "ASSAULT" and _quoted(text, scenes.paragraph_of(m.start), m.start)  # only read for assaults
    return Draft(
        ev, feats, m, own_place, own_date is not None, quoted, _another(text, m.end), scenes.report_of(m.start)
    )


def _named_in_sentence(idx: ArticleIndex, m: Mention, ref: ActorRef | None) -> bool:
    """True when the event's actor is an entity of the trigger's own sentence (not one carried from
    an earlier sentence to a verb without a subject: «ودعا إلى …»)."""
    if ref is None or ref.entity is None:
        return False
    s = idx.sentence(m.sent)
    return any(e.id == ref.entity and s.start <= e.start < s.end for e in idx.entities)


def _quoted(text: str, para: int, pos: int) -> bool:
    """True when ``pos`` is inside quotation marks opened in its paragraph («…», “…”, "…")."""
    before = text[para:pos]
    opened = before.count("«") + before.count("“") - before.count("»") - before.count("”")
    return opened > 0 or before.count('"') % 2 == 1


#: Words right after an event noun that make it a different happening: «هجوم آخر», «اعتداء جديد» (as written).
_ANOTHER = frozenset(word_sets("marsad.events", "data/surface_words.tsv")["another"])


def _another(text: str, end: int) -> bool:
    return any(w.strip('،,.«»"') in _ANOTHER for w in text[end : end + 30].split()[:2])


def _is_state_ref(idx: ArticleIndex, ref: ActorRef | None) -> bool:
    if ref is None:
        return False
    if ref.entity is None:
        return ref.code is not None and len(ref.code) == 3 and ref.code.isupper()
    return any(e.id == ref.entity and state_code(e) for e in idx.entities)


def _speaker(idx: ArticleIndex, m: Mention, ref: ActorRef | None) -> str | None:
    """The state that makes a statement: the actor when it is a state not after a preposition («مع
    أنقرة»), else, without an actor, a state organ right after the verb (the subject in verb-first
    order: «أدانت وزارة الخارجية المغربية»)."""
    if ref is not None:
        if not _is_state_ref(idx, ref):
            return None
        ent = next((e for e in idx.entities if e.id == ref.entity), None)
        return ref.code if ent is None or not _after_preposition(idx, ent.start) else None
    for e in idx.entities:
        if m.end <= e.start <= m.end + _SUBJECT_GAP and (code := state_code(e)):
            return None if _after_preposition(idx, e.start) else code
    return None


def _after_preposition(idx: ArticleIndex, start: int) -> bool:
    text = idx.article.text
    if start > 0 and text[start - 1] in "لب":  # a glued «ل» or «ب»
        return True
    words = text[max(0, start - 20) : start].split()
    return bool(words) and fold(words[-1]) in _PREPOSITIONS


_SUBJECT_GAP = 30
_PREPOSITIONS = frozenset({"مع", "الي", "علي", "ضد", "عن", "من", "لدي", "بين", "تجاه", "حول"})


#: Types whose repeated mentions in an article are one happening; diplomatic acts repeat as new acts.
_MERGEABLE = frozenset({"COERCE", "ASSAULT", "PROTEST", "SANCTION", "MOBILIZE", "RETREAT", "AID"})


def _merge_or_add(drafts: list[Draft], new: Draft, add: bool = True) -> None:
    """Merge ``new`` into the latest draft that tells the same happening (rules in :func:`_joins`), else
    add it. A reference back the model did not keep (``add`` false) merges only into an event told before it."""
    ev, m = new.event, new.mention
    for i in range(len(drafts) - 1, -1, -1):
        d = drafts[i]
        old, om = d.event, d.mention
        if d.report != new.report or (not add and om.start > m.start) or not _joins(d, new):
            continue
        if not add:  # a reference back the model did not keep only says where («إن الهجوم وقع في …»)
            place = _finer_place(old.place, ev.place) if new.own_place else old.place
            drafts[i] = dataclasses.replace(d, event=dataclasses.replace(old, place=place))
            return
        base = ev if om.headline and not m.headline else old
        merged = dataclasses.replace(
            base,
            mode=old.mode or ev.mode,
            acled=old.acled or ev.acled,
            actor=old.actor or ev.actor,
            recipient=old.recipient or ev.recipient,
            place=_finer_place(old.place, ev.place) if new.own_place else old.place,
            date=old.date or ev.date,
            counts=old.counts if old.counts.people is not None else ev.counts,
        )
        if base is ev:
            merged = dataclasses.replace(merged, place=ev.place, status=ev.status)
        kept = m if om.headline and not m.headline else om
        feats = dataclasses.replace(d.features, mentions=d.features.mentions + 1,
                                    strength=max(d.features.strength, new.features.strength))  # fmt: skip
        drafts[i] = dataclasses.replace(d, event=merged, features=feats, mention=kept,
                                        own_place=d.own_place or new.own_place)  # fmt: skip
        return
    if add:
        drafts.append(new)


def _joins(d: Draft, new: Draft) -> bool:
    """True when ``new`` tells again the happening of the earlier draft ``d``.

    Always the same type and status (or a definite reference back to a planned one), and agreeing modes
    (:func:`_modes_agree`, loose for a reference back and a quoted detail).

    * A definite reference back («الهجوم»، «هذا الهجوم»، «الهجمات»، «منفذ الهجوم»): for an assault
      whatever the people it counts («وقد قتل ستة في هذا الهجوم», «كانوا في الفندق ساعة الهجوم»)
      unless its sentence names another day or a killing of another number («المواجهة التي نشبت
      … تم قتل خمسة من المسلحين» after a killing of civilians); for other types only without counts.
    * A repeated mention of a mergeable type without a conflicting place, day or count; a mode
      left unknown agrees with any other when the mention counts no one of its own («مسلحين شنوا
      هجوما بالرشاشات على المدينة» after «قتل أربعة في هجوم على المدينة»); a takeover of ground is
      no other assault's repetition.
    * A quoted casualty report or detail of an assault («قتيلين وثلاثة جرحى سقطوا») that names no
      place of its own: the assault already told, whatever the partial counts it gives.

    Never «هجوم آخر» (another one), nor across the reports of a digest (checked by the caller).
    """
    old, ev, m = d.event, new.event, new.mention
    if new.another or old.type != ev.type:
        return False
    # «الزيارة» after «سيتوجه أوباما إلى كينيا بعد أسبوع»: a reference back to a planned event is that event
    if ev.status != old.status and not (m.definite and (old.status, ev.status) == ("planned", "occurred")):
        return False
    quoted_detail = ev.type == "ASSAULT" and new.quoted and not new.own_place
    if not _modes_agree(old.mode, ev.mode, ev.type, loose=m.definite or quoted_detail):
        return False
    if m.definite and ev.type == "ASSAULT":
        killed = not m.kill or _same_count(old.counts, ev.counts)
        return killed and (not new.own_date or _same_date(old, ev))
    if m.definite and not m.kill and ev.counts.people is None:
        return True
    return _repeats(d, new)


def _repeats(d: Draft, new: Draft) -> bool:
    """A mention of a mergeable type that is no reference back: the second and third rules of :func:`_joins`."""
    old, ev = d.event, new.event
    if ev.type not in _MERGEABLE or new.mention.territory != d.mention.territory:
        return False
    if not _same(old.place, ev.place) or not _same_date(old, ev):
        return False
    if old.date is None and new.own_date and new.own_place and not d.own_place:
        return False  # a happening of its own day and place, not a repetition of one told in general
    if ev.type == "ASSAULT" and new.quoted and not new.own_place:
        return True
    # a count of its own: a mode newly named tells a new happening
    return (old.mode == ev.mode or ev.counts.people is None) and _same_count(old.counts, ev.counts)


def _refined(drafts: list[Draft]) -> list[Draft]:
    """An assault placed only in a country takes the finer place its report gives the other assaults
    there, when they name one place only: an article tells one attack, made precise in a later
    sentence («نفت البعثة … قتل 20 مدنيا في الصومال» then «القوات قتلت المدنيين في مدينة مركة»: Marka).
    Arrests and seizures keep their country: one operation often spans several towns («تفكيك خلية»
    in Morocco, one arrest of it in Had Soualem).

    A deed its text does not date, at a town or a finer place, takes the one day the report's other
    deeds placed by the same mention have (of its sentence, or carried from the sentences before:
    «… في مدينة سيفاري أمس الجمعة … فقام الجيش بإقفال المنطقة»).
    Statements keep where and when they were made."""
    out = []
    for d in drafts:
        ev = d.event
        if ev.type == "ASSAULT" and ev.place is not None and ev.place.precision in COARSE:
            finer = {o.event.place.name: o.event.place for o in drafts
                     if o is not d and o.report == d.report and o.event.type == ev.type and o.own_place
                     and o.event.place is not None and o.event.place.country == ev.place.country
                     and o.event.place.precision not in COARSE}  # fmt: skip
            if len(finer) == 1:
                ev = dataclasses.replace(ev, place=next(iter(finer.values())))
        if ev.type not in VERBAL and ev.date is None and ev.place is not None and ev.place.precision not in COARSE:
            days = {o.event.date.value: o.event.date for o in drafts
                    if o is not d and o.report == d.report and o.event.type not in VERBAL and o.event.date is not None
                    and o.event.date.value is not None and _site(o.event.place) == _site(ev.place)}  # fmt: skip
            if len(days) == 1:
                ev = dataclasses.replace(ev, date=next(iter(days.values())))
        out.append(dataclasses.replace(d, event=ev))
    return out


def _site(p: Place | None) -> tuple[str | None, str | None, str, int | None, int | None, int | None] | None:
    """A place and the mention that named it (``None`` offsets: carried from the sentences before).
    Two deeds share a day only when one mention places both: comparing the places alone, whatever
    mention named them, spread one day over a town's unrelated deeds (dev date 0.815 → 0.739)."""
    return None if p is None else (p.name, p.country, p.precision, p.geonames_id, p.start, p.end)


def _finer_place(old: Place | None, new: Place | None) -> Place | None:
    """The earlier mention's place, unless it is coarser than a town (a country, a region, a division)
    and the restatement names a town or a finer place in it («قتل أربعة في مالي … الهجوم على مدينة
    سيفاري», «قتلوا في إقليم قندز … الهجوم وقع في ضاحية خان آباد»)."""
    if new is None or old is None:
        return old if new is None else new
    coarse = COARSE | {"admin1", "admin2"}
    if old.precision not in coarse or new.precision in coarse or new.country != old.country:
        return old
    return new


def _modes_agree(a: str | None, b: str | None, typ: str, loose: bool = False) -> bool:
    """Modes that may name one happening: equal or one unknown; an abduction, destruction, torture or
    sexual violence is never the same assault as a killing. ``loose`` (a reference back, «القصف» after
    «الغارة»): any two assault modes other than those agree."""
    if typ == "ASSAULT" and (a in _DISTINCT or b in _DISTINCT):
        return a == b
    return a is None or b is None or a == b or (loose and typ == "ASSAULT")


_DISTINCT = frozenset({"abduct", "destroy", "torture", "sexual"})


def _same(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.precision == "country" or b.precision == "country":
        return a is None or b is None or a.country == b.country
    return a.name == b.name


def _same_date(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or a.date.value is None or b.date.value is None:
        return True
    return abs((a.date.value - b.date.value).days) <= 1


def _same_count(a: Counts, b: Counts) -> bool:
    return a.people is None or b.people is None or a.people == b.people


def _main_place(idx: ArticleIndex, main: str | None) -> Place | None:
    """The article's main country as a country-precision place, with its coordinates."""
    if main is None:
        return None
    for p in idx.places:
        if p.country == main and p.precision == "country":
            return dataclasses.replace(p, start=None, end=None)
    return idx.knowledge.country_place(main)
