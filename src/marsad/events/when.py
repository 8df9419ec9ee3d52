"""When an event happened: the time expression that governs the event's own clause.

Rules, in order:

* A resolved time expression inside the event's clause (:func:`marsad.events.arguments.clause_of`),
  the one nearest the trigger («قتل أربعة أشخاص أمس الجمعة في هجوم»).
* Never a time «ل» makes the complement of a noun («قانون المالية لسنة 2017», «ليوم الجمعة»).
* An event its clause dates only vaguely («في الآونة الأخيرة», «مؤخرا») has no day.
* An event told in a clause that names the matter of the sentence («في قضية اتهام 68 إرهابيا»،
  «على خلفية …») takes only a time of that clause.
* Else one of the sentence nearest the trigger, except one whose clause is an attribution or a
  report of the news («، حسبما ذكرت السلطات أمس»، «، بحسب ما ذكر الأهالي أمس السبت»، «أعلنت …
  أمس، أنها رفعت دعوى»: the day of the report, not of the deed), one of a relative clause that
  tells another deed («التفجير الذي استهدف، أمس، مسجدا» is not the day of the condemnation) unless
  commas close it before the time («زار أعضاء الوفد، الذي يزور المملكة، أمس، مقر الوزارة»), and
  one in a clause that begins with another verb of time («المستمر منذ سقوط … في 2001»).
"""

from __future__ import annotations

import re

from marsad.article_index import ArticleIndex
from marsad.datafiles import word_sets
from marsad.events.detect import Mention, trigger_distance
from marsad.layers import QUOTES
from marsad.records import Quote, TimeRef
from marsad.text.fold import fold

__all__ = ["governing_time", "statement_time", "vaguely_dated"]

#: Words that open a clause reporting the news, attributing it, or telling another deed, folded.
_OTHER_CLAUSE = re.compile(
    r"(?:^|[\s،,؛:(«])(?:و|ف)?(?:حسبما|حسب|بحسب|وفق|وفقا|طبقا|نقلا|ذكر|ذكرت|قال|قالت|افاد|افادت|اعلن|اعلنت|اكد|اكدت|"
    r"اوضح|اوضحت|صرح|صرحت|اشار|اشارت|الذي|التي|الذين|منذ|المستمر|المستمره)(?:\s|$)"
)


#: Words that open a clause naming the matter a sentence is about («في قضية اتهام 68 إرهابيا»،
#: «على خلفية …»، «في إطار التحقيقات المرتبطة بتفكيك خلية»): an event told inside it is not dated by
#: the main clause's time, folded. «في إطار» only with «المرتبطة/المتعلقة ب» before the event: «ووصل
#: الوزير، أمس، إلى الأردن، في إطار جولته» is the visit of the main clause.
_FRAME = re.compile(r"^\s*(?:و)?(?:في قضيه|علي خلفيه|في اطار\s.*(?:المرتبطه|المتعلقه|المتصله)\s+ب?$)")


#: Phrases that date an event only vaguely («في الآونة الأخيرة», «مؤخرا»), folded.
_VAGUE_PHRASES = "|".join(re.escape(p) for p in word_sets("marsad.events", "data/words.tsv")["vague_time"])
_VAGUE = re.compile(rf"(?:^|\s)(?:و|ب)?(?:{_VAGUE_PHRASES})(?!\w)")


#: Characters after the trigger where a vague time still dates its event (past the appositions of its actor).
_VAGUE_REACH = 100


#: A relative clause set between commas and closed before the time: «زار أعضاء الوفد، الذي يزور المملكة
#: بدعوة من الوزارة، أمس، مقر الوزارة» (the time is the main clause's again), folded.
_CLOSED_RELATIVE = re.compile(r"[،,]\s*(?:الذي|التي|الذين)\s[^،,]*[،,]")


def governing_time(idx: ArticleIndex, m: Mention, clause: tuple[int, int]) -> TimeRef | None:
    """The resolved time expression that dates the event of mention ``m`` (see the module rules)."""
    s = idx.sentence(m.sent)
    text = idx.article.text
    times = [t for t in idx.timexes_in(s.start, s.end) if t.value is not None and not _for_time(text, t)]
    if not times:
        return None
    a, b = clause
    own = [t for t in times if a <= (t.start or 0) and (t.end or 0) <= b]
    if own:
        return _nearest(own, m)
    if vaguely_dated(idx, m, clause):
        return None
    if _FRAME.match(fold(text[a : m.start])):  # «…، اليوم الاثنين، إحالة 10 متهمين، في قضية اتهام …»
        return None
    kept = [t for t in times if not _other_clause(text, m, t)]
    return _nearest(kept, m) if kept else None


def vaguely_dated(idx: ArticleIndex, m: Mention, clause: tuple[int, int]) -> bool:
    """True when the event's clause, or the words soon after its trigger, date it only vaguely («بأن
    زيارة وفد حماس برئاسة خالد مشعل، رئيس المكتب السياسي، إلى السعودية في الآونة الأخيرة»): it takes
    no day of another clause («أفاد الجبير، أمس، بأن زيارة …»), none carried from the sentences
    before, and none of its speaker's utterance."""
    end = max(clause[1], min(idx.sentence(m.sent).end, m.end + _VAGUE_REACH))
    return _VAGUE.search(fold(idx.article.text[clause[0] : end])) is not None


def _for_time(text: str, t: TimeRef) -> bool:
    """True for a time that «ل» glued before makes the complement of a noun: what something is for,
    not when the event happened («مشروع قانون المالية لسنة 2017», «تأجيل الجلسة ليوم الجمعة»)."""
    start = t.start or 0
    return start >= 2 and text[start - 1] == "ل" and not text[start - 2].isalpha()


def _nearest(times: list[TimeRef], m: Mention) -> TimeRef:
    return min(times, key=lambda t: trigger_distance(t.start or 0, t.end or 0, m.start, m.end))


def _other_clause(text: str, m: Mention, t: TimeRef) -> bool:
    """True when an attribution, a report, a relative clause or a «منذ» stands between the trigger
    and the time expression ``t`` (or, for a time before the trigger, between the two)."""
    lo, hi = (m.end, t.start or 0) if (t.start or 0) >= m.end else ((t.end or 0), m.start)
    between = _CLOSED_RELATIVE.sub(" ", fold(text[lo:hi]))
    return _OTHER_CLAUSE.search(between) is not None


#: Event types that are statements: dated by the utterance that states them.
#: Days before publication within which an utterance is news: a statement reported is a recent one.
_RECENT = 7
_SPEAKER_REACH = 30  # characters around a statement's trigger where its speaker is named
_STATEMENTS = frozenset({"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN", "CONCEDE", "AGREE"})


def statement_time(idx: ArticleIndex, m: Mention) -> TimeRef | None:
    """For a statement whose own clause gives no time: the day its quote was uttered — a time between
    the quote's speaker or cue and its content («أفاد الجبير، أمس، بأن …», «وأوضح الوزير، خلال مؤتمر
    صحافي عقد في جدة أمس، أن …») — else the day of the nearest earlier quote of the same speaker in
    the article that gives one, the speaker of a statement no quote holds being one named right by
    its trigger («وطالب الجبير …» after «أفاد الجبير، أمس»)."""
    if m.type not in _STATEMENTS:
        return None
    text = idx.article.text
    quotes = sorted(idx.article.layer(QUOTES), key=lambda q: q.cue.start)
    mine = next((q for q in quotes if _states(q, m)), None)
    if mine is not None and (t := _uttered(idx, mine)) is not None:
        return t
    earlier = [q for q in quotes if q.cue.start < m.start and q is not mine]
    if mine is not None:
        speaker = _speaker_words(text, mine)
    else:
        near = fold(text[max(0, m.start - _SPEAKER_REACH) : m.end + _SPEAKER_REACH])
        named = [q for q in reversed(earlier) if q.speaker.entity is not None]  # a name, not «المصدر»
        speaker = next((w for q in named if len(w := _speaker_words(text, q)) > 2 and w in near), "")
    for q in reversed(earlier):
        if _same_speaker(speaker, _speaker_words(text, q)) and (t := _uttered(idx, q)) is not None:
            return t
    return None


def _states(q: Quote, m: Mention) -> bool:
    """True when the quote ``q`` states the event: its cue or its content holds the trigger."""
    return (m.start < q.cue.end and q.cue.start < m.end) or q.evidence.start <= m.start < q.evidence.end


def _speaker_words(text: str, q: Quote) -> str:
    sp = q.speaker
    if sp.text_override is not None:
        return fold(sp.text_override)
    return fold(text[sp.start : sp.end]) if sp.start is not None and sp.end is not None else ""


def _same_speaker(a: str, b: str) -> bool:
    """Speaker names that name the same speaker: equal, or one inside the other («عادل الجبير», «الجبير»)."""
    return bool(a) and bool(b) and (a in b or b in a)


def _uttered(idx: ArticleIndex, q: Quote) -> TimeRef | None:
    """The resolved time between the quote's speaker or cue and its content, in the cue's sentence."""
    lo = min(q.cue.start, q.speaker.start if q.speaker.start is not None else q.cue.start)
    s = idx.sentence(idx.sentence_of(q.cue.start))
    hi = q.evidence.start if s.start <= q.evidence.start <= s.end else s.end
    if hi <= lo:
        return None
    pub = idx.article.meta.published
    times = [t for t in idx.timexes_in(lo, hi) if t.value is not None and t.precision == "day"
             and (pub is None or 0 <= (pub - t.value).days <= _RECENT)]  # fmt: skip
    return times[-1] if times else None
