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

from marsad.article_index import ArticleIndex
from marsad.quotes.cues import function_words, is_speaker_head
from marsad.records import Entity, Speaker
from marsad.text.fold import fold

__all__ = ["SpeakerMemory", "can_speak", "naql_speaker", "reported_source", "resolve_speaker"]

_PREPOSITIONS = frozenset({"مع", "الي", "علي", "من", "عن", "في", "ان", "لدي"})
_HONORIFICS = frozenset({"سماحته", "سموه", "معاليه", "فخامته", "جلالته", "سيادته"})
_OUTLETS = frozenset({"لوكاله", "لصحيفه", "لموقع", "لقناه", "لجريده", "لمحطه", "لاذاعه", "لمجله", "لتلفزيون"})
_WORDS = re.compile(r"[^\W_]+")


@dataclass
class SpeakerMemory:
    """What earlier quotes of the article said about speakers."""

    last: Speaker | None = None
    named: dict[str, Speaker] = field(default_factory=dict)  # folded role word → the speaker it introduced

    def heard(self, sp: Speaker | None) -> None:
        """Keep ``sp`` as the last speaker (a bare «وأضاف» and a participle continue it)."""
        if sp is not None:
            self.last = sp


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
    """VSO: a speaking entity after the cue, a person first, with its carrier («بلاغ لوزارة …»);
    not one a preposition governs, such as the outlet of «في تصريح لـ«الشرق الأوسط»»."""
    text = idx.article.text
    ents = [e for e in idx.entities if cue_end <= e.start < window_end and can_speak(e) and not _governed(text, e)]
    if not ents:
        return _head_after(idx, cue_end)
    per = [e for e in ents if e.label == "PER"]
    e = per[0] if per else ents[0]
    lead = text[cue_end : e.start].split()
    if not per and lead and fold(lead[0]) in function_words("carrier"):
        a = text.index(lead[0], cue_end)
        return Speaker(a, e.end, e.id)  # «بلاغ لوزارة الداخلية»، «مصدر في قيادة العمليات»
    sp = Speaker(e.start, e.end, e.id)
    _remember(text, cue_end, e.start, sp, memory.named)
    return sp


def _governed(text: str, e: Entity) -> bool:
    """The entity is the object of a preposition («لـ«كود»», «في تونس», «لوكالة فرانس برس»)."""
    j = e.start
    while j > 0 and text[j - 1] in " «»\"“”ـ":
        j -= 1
    if j > 0 and text[j - 1] in "لب" and (j < 2 or not text[j - 2].isalpha()):
        return True  # «لـ”كود”», «ل«الشرق الأوسط»»
    words = fold(text[max(0, j - 20) : j]).split()
    return bool(words) and (words[-1] in function_words("governor") or words[-1] in _OUTLETS)


def _head_after(idx: ArticleIndex, cue_end: int) -> Speaker | None:
    """«أعلنت وزارة الأمن الإيرانية اليوم»: a role or institution noun right after the cue, with the
    words that qualify it, up to a time phrase, a preposition, an outlet, punctuation or five words."""
    text = idx.article.text
    words = text[cue_end : min(len(text), cue_end + 80)].split()
    if not words or not is_speaker_head(fold(words[0].strip("«»\"“”.،,:؛"))):
        return None
    start = text.index(words[0], cue_end)
    end = start + len(words[0].rstrip("«»\"“”.،,:؛"))
    if words[0][-1:] in ".،,:؛":
        return Speaker(start, end)
    for w in words[1:5]:
        f = fold(w)
        stop = f in function_words("not_speaker") or f in function_words("time") or _is_outlet(w, f)
        if stop or w.startswith(("«", '"', "“")):
            break
        end = text.index(w, end) + len(w.rstrip("،,.:؛"))
        if w[-1:] in "،,.:؛":
            break
    return None if idx.timexes_in(start, end) else Speaker(start, end)


def _words_after(idx: ArticleIndex, cue_end: int, speaker_end: int, memory: SpeakerMemory) -> Speaker | None:
    """The words between the cue and the content («الخبير»، «مصدر في قيادة …»), without an outlet
    («لـ«الشرق الأوسط»») or the setting («في تصريح …»); an honorific («سماحته») or «المتحدث» is the
    last speaker, a definite role («المصدر», «التقرير») the one that introduced it; a preposition
    or an adverb («على», «فيها», «وهو يبكي», «عبر الترجمة») names nobody."""
    text = idx.article.text
    words = text[cue_end:speaker_end].split("،")[0].strip(" ,.!?؟؛:")
    at = text.find(words, cue_end) if words else -1
    if not words or len(words.split()) > 12 or _is_filler(words) or idx.timexes_in(at, at + len(words)):
        return None  # a time phrase after the cue («أعلنت منتصف أغسطس الماضي …») is no speaker
    first = fold(words.split()[0])
    if first in _HONORIFICS:
        return memory.last or Speaker(at, at + len(words))
    if first in function_words("not_speaker"):
        return None
    end = at + _without_setting(words)
    while text[at:end].split() and fold(text[at:end].split()[-1]) in function_words("not_speaker"):
        end = at + len(text[at:end].rsplit(maxsplit=1)[0].rstrip())  # «وزير الخارجية السعودي على أن»
    return memory.named.get(first) or (Speaker(at, end) if end > at else None)


def _without_setting(words: str) -> int:
    """The length of the speaker words before an outlet or the setting of the statement."""
    pos = 0
    for k, w in enumerate(words.split()):
        at = words.index(w, pos)
        f = fold(w)
        if k > 0 and (_is_outlet(w, f) or (f in ("في", "خلال", "عبر") and _sets_statement(words[at + len(w) :]))):
            return len(words[:at].rstrip(" ،,-"))
        pos = at + len(w)
    return len(words)


def _is_outlet(word: str, f: str) -> bool:
    return f in ("ل", "لـ") or word.startswith(("لـ", "ل«", "ل”", 'ل"')) or f in _OUTLETS


def _sets_statement(rest: str) -> bool:
    words = fold(rest).split()
    return bool(words) and any(words[0].startswith(p) for p in function_words("setting"))


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
    if before and not any(c in text[before[-1].end : token_start] for c in ".!?؟\n"):
        before = before if can_speak(before[-1]) and not _governed(text, before[-1]) else []
    else:
        before = []
    if before:
        e = before[-1]
        return Speaker(e.start, e.end, e.id)
    head = text[max(0, token_start - 12) : token_start]
    rel = max(head.rfind("الذي"), head.rfind("التي"))
    if rel == -1:
        return _head_before(text, token_start)
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


def _head_before(text: str, token_start: int) -> Speaker | None:
    """SVO with a role or institution («لكن المصادر رجحت», «كانت بعثة الأمم المتحدة … قد أعربت»,
    «وكان بلاغ صادر عن …»): from the first head noun of the clause to the cue, «قد» left out."""
    clause_start = max(text.rfind(c, 0, token_start) for c in ".!?؟\n،؛:") + 1
    clause_start = max(clause_start, token_start - 90)
    words = list(_WORDS.finditer(text, clause_start, token_start))
    for k, m in enumerate(words):
        if is_speaker_head(fold(m.group())):
            end = words[-1].end()
            rest = [fold(w.group()) for w in words[k + 1 :]]
            while rest and rest[-1] in ("قد", "كان", "كانت"):
                rest.pop()
                end = words[k + len(rest)].end() if rest else m.end()
            return Speaker(m.start(), end) if len(rest) <= 6 else None
        if fold(m.group()) not in function_words("clause_opener"):
            return None
    return None


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
