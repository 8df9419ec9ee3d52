"""Quotes: direct and reported speech found from a cue-verb lexicon, with speaker and content span.

For each cue hit (``data/cues.tsv``, one automaton pass):
- the cue span is the verb as written without its proclitic («وأضاف» → «أضاف»), extended by a
  following «قائلا»، «موضحا»، «بالقول»، «أيضا» (``data/extenders.tsv``) — «استطرد قائلًا» is one cue;
- the content starts after the complementizer («أن»، «إن»، «أنه»، «بأن»، «إلى أن»)، a colon or an
  opening quotation mark found shortly after the cue; without one, after the speaker words (or the
  cue itself, «أعلنت رفضها …»); it ends at the end of the sentence or before the next cue;
- the speaker is, in order: a named entity right after the cue (a person before an organisation),
  else the words between the cue and the content («الخبير»، «مصدر في قيادة …»، «بلاغ لـ…»); the entity
  just before the cue («الحكومة العراقية أعلنت»، «… الذي أكد»); else — a bare «وأضاف أن» or a
  participle «مضيفا» — the previous quote's speaker. A role that only repeats an earlier speaker
  («وأفاد الخبير» after «الخبير الأمني محمد الطيار») takes that earlier named speaker.
- strict cues (words with other senses: «بين»، «ذكر»، «تابع») need a complementizer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.article import Article
from marsad.records import Entity, Evidence, Quote, Speaker
from marsad.rules.context import ArticleIndex
from marsad.rules.lexicon import Hit, PhraseMatcher, read_tsv
from marsad.text.fold import HARAKAT, TATWEEL, fold

__all__ = ["extract_quotes"]

_COMPLEMENTIZERS = ("الي ان", "الي انه", "الي انها", "بان", "بانه", "بانها", "انه", "انها", "ان", "عن", "انهم")
_OPENERS = '«"“:'
_MAX_SPEAKER_CHARS = 110
_STOPS = "،؛.؟!\n"


@dataclass(frozen=True, slots=True)
class _Cue:
    flags: frozenset[str]


@lru_cache(maxsize=1)
def _cue_matcher() -> PhraseMatcher[_Cue]:
    rows = [(r["cue"], r["cls"], _Cue(frozenset(filter(None, r.get("flags", "").split(",")))))
            for r in read_tsv("marsad.quotes", "data/cues.tsv")]  # fmt: skip
    return PhraseMatcher(rows)


@lru_cache(maxsize=1)
def _extenders() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("marsad.quotes", "data/extenders.tsv"))


def extract_quotes(article: Article, idx: ArticleIndex | None = None) -> list[Quote]:
    idx = idx or ArticleIndex.build(article)
    text = article.text
    cues = _merge_extenders(text, _cue_matcher().find(idx.ft))
    quotes: list[Quote] = []
    last_speaker: Speaker | None = None
    named: dict[str, Speaker] = {}  # folded role word → the named speaker it introduced
    last_content: tuple[int, int] = (-1, -1)
    for i, (hit, cue_end) in enumerate(cues):
        if "skip" in hit.entry.flags or _bad_prefix(hit) or _negated(text, hit.token_start):
            continue
        sent = idx.sentence_of(hit.start)
        s = idx.sentence(sent)
        limit = s.end
        for nxt_hit, _ in cues[i + 1 :]:
            if nxt_hit.start >= s.end:
                break
            if _opens_clause(text, nxt_hit):
                limit = nxt_hit.token_start
                break
        preceding = _preceding_content(text, hit.token_start, s.start, last_content)
        if preceding is not None:
            speaker = _speaker(idx, hit, cue_end, _comma_end(text, cue_end, limit), last_speaker, named)
            last_speaker = speaker or last_speaker
            quotes.append(
                Quote(
                    f"Q{len(quotes) + 1}",
                    speaker or Speaker(None, None),
                    Evidence(hit.start, cue_end),
                    "indirect",
                    Evidence(*preceding),
                    _confidence(hit, speaker or Speaker(None, None), False),
                )
            )
            continue
        content_start, direct, speaker_end = _content_start(idx, cue_end, limit, hit.entry.flags)
        look_until = speaker_end  # the speaker sits between the cue and the content
        if content_start is None:
            if "strict" in hit.entry.flags:
                continue
            content_start = speaker_end
            look_until = cue_end + 14  # «ما أكدت عليه المديرية …»: a name just after the cue
        embedded = last_content[0] <= hit.start < last_content[1] and not _opens_clause(text, hit)
        if (
            embedded
            and not _has_speaker_entity(idx, hit.token_start, cue_end)
            and "كما" not in text[max(0, hit.token_start - 5) : hit.token_start]
        ):
            continue
        speaker = _speaker(idx, hit, cue_end, speaker_end, last_speaker, named, look_until)
        if "part" in hit.entry.flags and last_speaker is not None and speaker is None:
            speaker = last_speaker
        end = _content_end(text, content_start, limit)
        if end - content_start < 3:
            continue
        speaker = speaker or last_speaker or Speaker(None, None)
        if not embedded:
            last_speaker = speaker  # a statement reported inside another's keeps the main speaker
        last_content = (content_start, end)
        quotes.append(Quote(f"Q{len(quotes) + 1}", speaker, Evidence(hit.start, cue_end),
                            "direct" if direct else "indirect", Evidence(content_start, end),
                            _confidence(hit, speaker, direct)))  # fmt: skip
    return quotes


_CARRIERS = frozenset({"بلاغ", "بيان", "مصدر", "مصادر", "تقرير", "مسؤول", "مسؤولو", "ناطق", "متحدث", "بلاغا", "بيانا"})
_PRECEDING = ("حسبما", "حسب ما", "وفقا لما", "بحسب ما", "هكذا", "طبقا لما")
_NEGATIONS = frozenset({"لم", "لا", "لن", "ولم", "ولا", "ولن"})


def _bad_prefix(hit: Hit[_Cue]) -> bool:
    """A cue word with an article or preposition is a noun («الكشف»، «للمطالبة»), not speech."""
    return "ال" in hit.prefix or hit.prefix.endswith("لل") or hit.prefix[-1:] in ("ب", "ك", "ل")


def _negated(text: str, token_start: int) -> bool:
    words = fold(text[max(0, token_start - 6) : token_start]).split()
    return bool(words) and words[-1] in _NEGATIONS


def _preceding_content(text: str, token_start: int, s_start: int, last: tuple[int, int]) -> tuple[int, int] | None:
    """«…، حسبما ذكرت السلطات»: the content is the clause before the cue."""
    before = fold(text[max(s_start, token_start - 12) : token_start]).strip()
    if not any(before.endswith(p) for p in _PRECEDING):
        return None
    a = max(s_start, last[1] if last[1] <= token_start else s_start)
    b = token_start
    while b > a and fold(text[b - 1 : b]) not in ("،", ",") and not text[b - 1].isalpha():
        b -= 1
    head = text[a:b]
    cut = max(head.rfind("،"), head.rfind(","))
    b = a + cut if cut > 10 else b
    while a < b and text[a] in ' \n«»"“”*-:':
        a += 1
    while b > a and text[b - 1] in ' ،,"“”»':
        b -= 1
    return (a, b) if b - a > 8 else None


def _comma_end(text: str, i: int, limit: int) -> int:
    j = text.find("،", i, limit)
    return j if j != -1 else limit


def _can_speak(e: Entity) -> bool:
    """People and organisations speak, and states («قالت مصر», «أعلنت الرباط»); a town or a
    province named right after a cue verb is where, not who («قال في الخالدية»)."""
    return e.label in ("PER", "ORG") or (e.label == "GPE" and e.canonical is not None and e.canonical.kind == "state")


def _has_speaker_entity(idx: ArticleIndex, token_start: int, cue_end: int) -> bool:
    ents = [e for e in idx.entities if _can_speak(e)]
    return any(0 <= token_start - e.end <= 2 or 0 <= e.start - cue_end <= 12 for e in ents)


def _merge_extenders(text: str, hits: list[Hit[_Cue]]) -> list[tuple[Hit[_Cue], int]]:
    """(cue hit, cue end) with «قائلا»، «موضحا»، «أيضا» right after a cue verb folded into its cue."""
    out: list[tuple[Hit[_Cue], int]] = []
    skip_until = -1
    for hit in hits:
        if hit.start < skip_until:
            continue
        cue_end = hit.end
        nxt = _next_word(text, cue_end)
        if nxt is not None and fold(text[nxt[0] : nxt[1]]) in _extenders() and "part" not in hit.entry.flags:
            cue_end = skip_until = nxt[1]
        out.append((hit, cue_end))
    return out


def _opens_clause(text: str, hit: Hit[_Cue]) -> bool:
    """A cue that starts a new clause: with «و»/«ف», a participle, or after a comma/colon."""
    if hit.prefix[:1] in ("و", "ف") or "part" in hit.entry.flags:
        return True
    before = text[max(0, hit.token_start - 3) : hit.token_start]
    return any(c in before for c in "،,:.")


def _confidence(hit: Hit[_Cue], speaker: Speaker, direct: bool) -> float:
    c = 0.93  # calibrated on dev (benchmarks/calibration.py): 94 % of cue hits are gold quotes
    if "strict" in hit.entry.flags:
        c -= 0.1
    if speaker.start is None and speaker.text_override is None:
        c -= 0.2
    if direct:
        c += 0.05
    return max(0.05, min(0.97, c))


def _next_word(text: str, i: int) -> tuple[int, int] | None:
    j = i
    while j < len(text) and text[j] == " ":
        j += 1
    k = _word_end(text, j)
    return (j, k) if k > j else None


def _content_start(idx: ArticleIndex, cue_end: int, limit: int,
                   flags: frozenset[str] = frozenset()) -> tuple[int | None, bool, int]:  # fmt: skip
    """(content start, direct?, end of the speaker words) for a cue ending at ``cue_end``."""
    text = idx.article.text
    hi = min(limit, cue_end + _MAX_SPEAKER_CHARS)
    j = cue_end
    while j < hi:
        ch = text[j]
        if ch in _OPENERS:
            close = text.find("»" if ch == "«" else ("”" if ch == "“" else '"'), j + 1, limit) if ch != ":" else -1
            after = fold(text[close + 1 : close + 8]).split() if close != -1 else []
            pre = fold(text[max(0, j - 3) : j]).replace("ـ", "").strip()
            if (
                ch != ":"
                and close != -1
                and close - j < 40
                and (pre.endswith("ل") or (after and after[0] in _COMPLEMENTIZERS))
            ):
                j = close + 1  # «الشرق الأوسط» after «لـ», or a quoted speaker name
                continue
            k = j + 1
            while k < limit and text[k] in ' «"“:':
                k += 1
            k = _skip_complementizer(text, k, limit)
            return k, ch != ":" or text[k - 1] in '«"“', j
        if ch.isalpha() and (j == 0 or not text[j - 1].isalnum()):
            w_end = _word_end(text, j)
            word = fold(text[j:w_end])
            two = fold(text[j : _word_end(text, w_end + 1)]) if w_end < len(text) else word
            if two in _COMPLEMENTIZERS:
                k = _skip_space(text, _word_end(text, w_end + 1), limit)
                return k, text[k : k + 1] in '«"“', j
            if word in _COMPLEMENTIZERS or (word.startswith("ل") and word[1:] in ("ان", "انه")):
                k = _skip_space(text, w_end, limit)
                return k, text[k : k + 1] in '«"“', j
            if "ila" in flags and word == "الي":
                return _skip_space(text, w_end, limit), False, j
            if "bi" in flags and word.startswith("ب") and len(word) > 3 and j > cue_end + 1:
                return j, False, j
            j = w_end
            continue
        j += 1
    return None, False, _speaker_words_end(text, cue_end, limit)


def _skip_complementizer(text: str, k: int, limit: int) -> int:
    w_end = _word_end(text, k)
    if fold(text[k:w_end]) in ("ان", "انه", "انها", "انهم"):
        return _skip_space(text, w_end, limit)
    return k


#: a run of letters, digits and marks: characters that are ``isalnum()`` (\w without «_») or diacritics
_WORD_RUN = re.compile("(?:[^\\W_]|[" + re.escape("".join(sorted(HARAKAT)) + TATWEEL) + "])*")


def _word_end(text: str, i: int) -> int:
    """The end of the run of letters, digits and marks starting at ``i``."""
    if i >= len(text):
        return i
    m = _WORD_RUN.match(text, i)
    return m.end() if m else i


def _skip_space(text: str, i: int, limit: int) -> int:
    while i < limit and text[i] in ' «"“':
        i += 1
    return i


def _speaker_words_end(text: str, cue_end: int, limit: int) -> int:
    """Without a complementizer: the speaker, if any, runs to the first comma (else nothing)."""
    i = cue_end
    while i < limit and text[i] == " ":
        i += 1
    return i


def _speaker(idx: ArticleIndex, hit: Hit[_Cue], cue_end: int, speaker_end: int, last: Speaker | None,
             named: dict[str, Speaker], look_until: int | None = None) -> Speaker | None:  # fmt: skip
    text = idx.article.text
    window_end = speaker_end if look_until is None else look_until
    ents = [e for e in idx.entities if cue_end <= e.start < window_end and _can_speak(e)]
    if ents:
        per = [e for e in ents if e.label == "PER"]
        e = per[0] if per else ents[0]
        lead = text[cue_end : e.start].split()
        if not per and lead and fold(lead[0]) in _CARRIERS:
            a = text.index(lead[0], cue_end)
            return Speaker(a, e.end, e.id)  # «بلاغ لوزارة الداخلية»، «مصدر في قيادة العمليات»
        sp = Speaker(e.start, e.end, e.id)
        _remember(text, cue_end, e.start, sp, named)
        return sp
    words = text[cue_end:speaker_end].split("،")[0].strip(" ,")
    at = text.find(words, cue_end) if words else -1
    if words and len(words.split()) <= 12 and not _is_filler(words) and not idx.timexes_in(at, at + len(words)):
        a = at  # a time phrase after the cue («أعلنت منتصف أغسطس الماضي …») is no speaker
        key = fold(words.split()[0])
        if key in named:
            return named[key]
        return Speaker(a, a + len(words))
    found = _speaker_before(idx, hit.token_start)
    if found is None:
        return last
    sp = found
    if sp and sp.start is not None and sp.end is not None and sp.entity is None:
        for w in text[sp.start : sp.end].split()[:-2]:
            f = fold(w)
            if len(f) > 3:
                named[f] = sp  # «الخبير الأمني محمد الطيار، الذي أكد» → a later «الخبير» is him
    elif sp and sp.start is not None and sp.entity is not None:
        clause = max(text.rfind("،", 0, sp.start), text.rfind("\n", 0, sp.start), sp.start - 40) + 1
        _remember(text, clause, sp.start, sp, named)  # the same, when the name is a recognised entity
    return sp


def _speaker_before(idx: ArticleIndex, token_start: int) -> Speaker | None:
    """SVO: the entity right before the cue («الحكومة العراقية أعلنت»), or the phrase before «، الذي»."""
    text = idx.article.text
    before = [e for e in idx.entities if e.end <= token_start and token_start - e.end <= 8]
    if before and _can_speak(before[-1]):
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


_PREPOSITIONS = frozenset({"مع", "الي", "علي", "من", "عن", "في", "ان", "لدي"})


def _remember(text: str, cue_end: int, ent_start: int, sp: Speaker, named: dict[str, Speaker]) -> None:
    """Role words before a named speaker («الخبير الأمني محمد الطيار») point to that speaker later."""
    for w in text[cue_end:ent_start].split():
        f = fold(w).lstrip("و")
        if len(f) > 3 and f not in _PREPOSITIONS:
            named[f] = sp


def _is_filler(words: str) -> bool:
    f = fold(words)
    return f.startswith(("من جهه", "في ", "ايضا", "كذلك"))


def _content_end(text: str, start: int, limit: int) -> int:
    end = limit
    close = text.find("»", start, limit)
    if close != -1 and text.rfind("«", start, close) == -1 and close > start:
        end = close
    while end > start and text[end - 1] in ' ،؛.\n"”»':
        end -= 1
    return end
