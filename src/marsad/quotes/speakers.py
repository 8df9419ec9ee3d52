"""Who speaks: the speaker of a cue, resolved from the words around it.

In order:
1. a speaking entity right after the cue (a person before an organisation; VSO: «وقال وزير
   الخارجية ناصر بوريطة»), with its carrier noun when one precedes it («بلاغ لوزارة الداخلية»);
2. else the words between the cue and the content («الخبير»، «مصدر في قيادة …»), or, without a
   complementizer, a role or institution noun right after the cue («أدانت النقابة …»);
3. else the subject before the cue (SVO: «الحكومة العراقية أعلنت», «… الذي أكد»), never for a
   participle («…، مشيرا»), whose subject is the sentence's speaker;
4. else the previous quote's speaker.
A definite role that repeats an earlier speaker («المصدر», «الوزارة», «المصدر نفسه») takes that
speaker's fuller naming («مصدر في قيادة عمليات الأنبار»); so does a role word that introduced a
named person («وأفاد الخبير» after «الخبير الأمني محمد الطيار»). An outlet after «لـ» («في تصريح
لـ«كود»») or a time phrase is no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.quotes.cues import is_speaker_head
from marsad.records import Entity, Speaker
from marsad.rules.context import ArticleIndex
from marsad.text.fold import fold

__all__ = ["SpeakerMemory", "can_speak", "naql_speaker", "reported_source", "resolve_speaker"]

_CARRIERS = frozenset({"بلاغ", "بيان", "مصدر", "مصادر", "تقرير", "مسؤول", "مسؤولو", "ناطق", "متحدث", "بلاغا", "بيانا"})
_PREPOSITIONS = frozenset({"مع", "الي", "علي", "من", "عن", "في", "ان", "لدي"})
_WORDS = re.compile(r"[^\W_]+")


@dataclass
class SpeakerMemory:
    """What earlier quotes of the article said about speakers."""

    last: Speaker | None = None
    named: dict[str, Speaker] = field(default_factory=dict)  # folded role word → the speaker it introduced


def can_speak(e: Entity) -> bool:
    """People and organisations speak, and states («قالت مصر», «أعلنت الرباط»); a town or a
    province named right after a cue verb is where, not who («قال في الخالدية»)."""
    return e.label in ("PER", "ORG") or (e.label == "GPE" and e.canonical is not None and e.canonical.kind == "state")


def resolve_speaker(idx: ArticleIndex, token_start: int, cue_end: int, speaker_end: int, memory: SpeakerMemory,
                    look_until: int | None = None, participle: bool = False) -> Speaker | None:  # fmt: skip
    """The speaker of the cue ``[token_start, cue_end)`` whose speaker words run to ``speaker_end``."""
    text = idx.article.text
    window_end = speaker_end if look_until is None else look_until
    after = _entity_after(idx, cue_end, window_end, memory) or _words_after(idx, cue_end, speaker_end, memory)
    if after is not None:
        return after
    found = None if participle else _speaker_before(idx, token_start)
    if found is None:
        return memory.last
    _remember_before(text, found, memory.named)
    return found


def _entity_after(idx: ArticleIndex, cue_end: int, window_end: int, memory: SpeakerMemory) -> Speaker | None:
    """VSO: a speaking entity after the cue, a person first, with its carrier («بلاغ لوزارة …»)."""
    text = idx.article.text
    ents = [e for e in idx.entities if cue_end <= e.start < window_end and can_speak(e)]
    if not ents:
        return None
    per = [e for e in ents if e.label == "PER"]
    e = per[0] if per else ents[0]
    lead = text[cue_end : e.start].split()
    if not per and lead and fold(lead[0]) in _CARRIERS:
        a = text.index(lead[0], cue_end)
        return Speaker(a, e.end, e.id)  # «بلاغ لوزارة الداخلية»، «مصدر في قيادة العمليات»
    sp = Speaker(e.start, e.end, e.id)
    _remember(text, cue_end, e.start, sp, memory.named)
    return sp


def _words_after(idx: ArticleIndex, cue_end: int, speaker_end: int, memory: SpeakerMemory) -> Speaker | None:
    """The words between the cue and the content («الخبير»، «مصدر في قيادة …»)."""
    text = idx.article.text
    words = text[cue_end:speaker_end].split("،")[0].strip(" ,")
    at = text.find(words, cue_end) if words else -1
    if not words or len(words.split()) > 12 or _is_filler(words) or idx.timexes_in(at, at + len(words)):
        return None  # a time phrase after the cue («أعلنت منتصف أغسطس الماضي …») is no speaker
    return memory.named.get(fold(words.split()[0])) or Speaker(at, at + len(words))


def _remember_before(text: str, sp: Speaker, named: dict[str, Speaker]) -> None:
    if sp.start is None or sp.end is None:
        return
    if sp.entity is None:
        for w in text[sp.start : sp.end].split()[:-2]:
            f = fold(w)
            if len(f) > 3:
                named[f] = sp  # «الخبير الأمني محمد الطيار، الذي أكد» → a later «الخبير» is him
    else:
        clause = max(text.rfind("،", 0, sp.start), text.rfind("\n", 0, sp.start), sp.start - 40) + 1
        _remember(text, clause, sp.start, sp, named)  # the same, when the name is a recognised entity


def _speaker_before(idx: ArticleIndex, token_start: int) -> Speaker | None:
    """SVO: the entity right before the cue («الحكومة العراقية أعلنت»), or the phrase before «، الذي»."""
    text = idx.article.text
    before = [e for e in idx.entities if e.end <= token_start and token_start - e.end <= 8]
    if before and can_speak(before[-1]):
        e = before[-1]
        return Speaker(e.start, e.end, e.id)
    head = text[max(0, token_start - 12) : token_start]
    rel = max(head.rfind("الذي"), head.rfind("التي"))
    if rel == -1:
        return None
    end = max(0, token_start - 12) + rel
    while end > 0 and text[end - 1] in " ،,":
        end -= 1
    prev = [e for e in idx.entities if e.end <= end and end - e.end <= 2]
    if prev:
        return Speaker(prev[-1].start, prev[-1].end, prev[-1].id)
    start = max(text.rfind("،", 0, end), text.rfind("\n", 0, end), end - 60) + 1
    words = text[start:end].split()
    while words and fold(words[0]) in _PREPOSITIONS:
        words = words[1:]
    if not words:
        return None
    a = text.index(words[0], start)
    return Speaker(a, end)


def _remember(text: str, cue_end: int, ent_start: int, sp: Speaker, named: dict[str, Speaker]) -> None:
    """Role words before a named speaker («الخبير الأمني محمد الطيار») point to that speaker later."""
    for w in text[cue_end:ent_start].split():
        f = fold(w).lstrip("و")
        if len(f) > 3 and f not in _PREPOSITIONS:
            named[f] = sp


def _is_filler(words: str) -> bool:
    f = fold(words)
    return f.startswith(("من جهه", "في ", "ايضا", "كذلك"))


def head_speaker(idx: ArticleIndex, start: int, limit: int) -> Speaker | None:
    """A role or institution noun at ``start`` («النقابة», «مصدر أمني») as a speaker phrase."""
    text = idx.article.text
    words = text[start:limit].split()
    if not words or not is_speaker_head(fold(words[0])):
        return None
    return Speaker(start, start + len(words[0]))


_FROM = frozenset({"عن", "عنه", "عنها", "عنهم"})


def reported_source(text: str, s_start: int, token_start: int) -> tuple[int, str] | None:
    """«ونقلت الوكالة عن المتحدث … قوله»: (offset after «عن», «عن» as folded) when a «نقل» verb then
    «عن» precede the cue in its sentence, else None."""
    seen_naql = False
    found: tuple[int, str] | None = None
    for m in _WORDS.finditer(text, s_start, token_start):
        f = fold(m.group())
        if "نقل" in f and not f.startswith(("ال", "بال", "لل")):
            seen_naql = True
        elif seen_naql and f in _FROM:
            found = (m.end(), f)
    return found


def naql_speaker(idx: ArticleIndex, s_start: int, token_start: int, memory: SpeakerMemory) -> Speaker | None:
    """The speaker after «عن» («عن عباس عراقجي نائب وزير الخارجية»), or the last speaker for «عنه»."""
    text = idx.article.text
    src = reported_source(text, s_start, token_start)
    if src is None or src[1] != "عن":
        return memory.last
    ents = [e for e in idx.entities if src[0] <= e.start < token_start and can_speak(e)]
    if ents and not text[src[0] : ents[0].start].strip():
        return Speaker(ents[0].start, ents[0].end, ents[0].id)
    a, b = src[0], token_start
    while a < b and text[a] == " ":
        a += 1
    while b > a and text[b - 1] in " ،,-":
        b -= 1
    return Speaker(a, b) if b > a else memory.last
