"""Attribution cues: «حسب», «بحسب», «وفق», «وفقا لـ», «طبقا لـ», «جاء في», «على حساب».

The annotation guide codes them as quotes: the word is the cue, the speaker is who follows it, the
content is the reported clause. A word is an attribution only when a speaker follows it: a speaking
entity (a person, an organisation, a state) or a role or institution noun («مصادر», «بيان», «المرصد»;
``data/speaker_heads.tsv``); «حسب القانون», «بحسب الحاجة», «وفق إجراءات» are none. «حسب ما أفاد
المرصد» is the verb's quote (:mod:`marsad.quotes.extract`), «حسب ما جاء في بيان …» the word's.

The reported clause is the one after the speaker when the attribution opens the sentence («وحسب
مصادر، فالضحية …») or announces it («… فإن»، «أن»، a colon or a quotation mark); else the clause
before it («… بحسب بيان أصدرته رئاسة الحكومة»).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.article_index import ArticleIndex
from marsad.quotes.cues import is_speaker_head, statement_noun
from marsad.records import Entity, Speaker
from marsad.text.fold import fold
from marsad.text.words import next_word

__all__ = ["Attribution", "attribution"]

_MAX_SPEAKER_WORDS = 8
_ANNOUNCERS = frozenset({"فان", "فانه", "فانها", "ان", "انه", "انها", "بان"})
_LEADING = frozenset({"و", "لكن", "ولكن", "كما", "اما", "ثم"})
_STOP_CHARS = '،,؛:«»"“”.!?؟\n'


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: Speaker
    content: tuple[int, int]
    direct: bool


def attribution(idx: ArticleIndex, token_start: int, cue_end: int, sentence: tuple[int, int], floor: int,
                cue_starts: frozenset[int], last: Speaker | None = None) -> Attribution | None:  # fmt: skip
    """The quote an attribution word ending at ``cue_end`` makes, or None when no speaker follows."""
    text = idx.article.text
    word = next_word(text, cue_end)
    if word is None:
        return None
    if fold(text[word[0] : word[1]]) in ("ما", "لما"):
        verb = next_word(text, word[1])
        if verb is None or verb[0] in cue_starts:
            return None  # «حسب ما أفاد المرصد»: the verb is the cue
        speaker = _speaker_within(idx, verb[1], sentence[1], cue_starts)
    else:
        speaker = _speaker_at(idx, word[0], sentence[1], cue_starts) or _stated_by(
            idx, word, sentence[1], cue_starts, last
        )
    if speaker is None:
        return None
    return _with_content(text, speaker, token_start, sentence, floor)


def _stated_by(idx: ArticleIndex, word: tuple[int, int], limit: int, cue_starts: frozenset[int],
               last: Speaker | None) -> Speaker | None:  # fmt: skip
    """«بحسب تصريح لخبير أمني», «وفق شهادة برادة»: a statement noun, then its speaker; «حسب
    تعبيره»: the speaker its pronoun names, the last one."""
    text = idx.article.text
    kind = statement_noun(fold(text[word[0] : word[1]]))
    if kind is None:
        return None
    if kind[1]:
        return last  # train: half of «حسب تعبيره» are coded, as the last speaker's
    nxt = next_word(text, word[1])
    if nxt is None or nxt[0] >= limit or any(c in text[word[1] : nxt[0]] for c in _STOP_CHARS):
        return None
    return _speaker_at(idx, nxt[0], limit, cue_starts)


def _speaking(e: Entity) -> bool:
    return e.label in ("PER", "ORG") or (e.label == "GPE" and e.canonical is not None and e.canonical.kind == "state")


def _speaker_at(idx: ArticleIndex, start: int, limit: int, cue_starts: frozenset[int]) -> Speaker | None:
    """The speaker phrase starting at ``start``: a head noun there, or a speaking entity in its first word."""
    text = idx.article.text
    quoted = _quoted_name(text, start, limit)
    if quoted is not None:
        a = text.index(next(c for c in text[start:quoted] if c in '«"“'), start)
        return Speaker(a + 1, quoted - 1)  # «وبحسب «رويترز»، قال …»
    first = next_word(text, start)
    if first is None or first[0] >= limit:
        return None
    ents = [e for e in idx.entities if first[0] <= e.start < first[1] + 1 and _speaking(e)]
    if is_speaker_head(fold(text[first[0] : first[1]])):
        return Speaker(first[0], _phrase_end(text, first[0], limit, ents, cue_starts), ents[0].id if ents else None)
    if ents:
        e = ents[0]
        return Speaker(e.start, e.end, e.id)
    return None


def _speaker_within(idx: ArticleIndex, start: int, limit: int, cue_starts: frozenset[int]) -> Speaker | None:
    """«حسب ما جاء في بيان للمفوضية»: the first speaker phrase within the next few words."""
    text = idx.article.text
    i = start
    for _ in range(5):
        w = next_word(text, i)
        if w is None or w[0] >= limit or any(c in text[i : w[0]] for c in _STOP_CHARS):
            return None
        sp = _speaker_at(idx, w[0], limit, cue_starts)
        if sp is not None:
            return sp
        i = w[1]
    return None


def _phrase_end(text: str, start: int, limit: int, ents: list[Entity], cue_starts: frozenset[int]) -> int:
    """The end of a speaker phrase: before punctuation, an announcing «فإن»/«أن», a cue, an outlet
    («لـ»، «لوكالة …» after the first word), or after ``_MAX_SPEAKER_WORDS`` words; a quoted name
    («مصادر “كود”») and an entity are kept whole."""
    first = next_word(text, start)
    end = i = first[1] if first else start
    n = 1
    while n < _MAX_SPEAKER_WORDS:
        quoted = _quoted_name(text, i, limit)
        if quoted is not None:
            end = i = quoted
            n += 1
            continue
        w = next_word(text, i)
        if w is None or w[0] >= limit or w[0] in cue_starts or any(c in text[i : w[0]] for c in _STOP_CHARS):
            break
        f = fold(text[w[0] : w[1]])
        if _announces(f) or f in ("ل", "لـ") or (f.startswith("ل") and not f.startswith("لل") and n > 1):
            break
        end, i, n = w[1], w[1], n + 1
    for e in ents:
        end = max(end, e.end)
    return end


def _quoted_name(text: str, i: int, limit: int) -> int | None:
    """The end of a short quoted name right at ``i`` («“كود”», «"المتوسط"»), else None."""
    j = i
    while j < limit and text[j] == " ":
        j += 1
    if j >= limit or text[j] not in '«"“':
        return None
    close = text.find("»" if text[j] == "«" else ("”" if text[j] == "“" else '"'), j + 1, min(limit, j + 30))
    return close + 1 if close != -1 else None


def _announces(f: str) -> bool:
    return f in _ANNOUNCERS or (f.startswith("ف") and f[1:] in _ANNOUNCERS)


def _with_content(text: str, speaker: Speaker, token_start: int, sentence: tuple[int, int],
                  floor: int) -> Attribution | None:  # fmt: skip
    if speaker.end is None:
        return None
    before = _trim(text, max(sentence[0], floor), token_start)
    after = _after(text, speaker.end, sentence[1])
    n_before = _content_words(text, before)
    n_after = _content_words(text, after)
    announced = _announced(text, speaker.end, sentence[1])
    if n_after >= 2 and (n_before <= 2 or announced):
        return Attribution(speaker, after, text[after[0] - 1 : after[0]] in '«"“')
    if n_before >= 2:
        return Attribution(speaker, before, False)
    return None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in ' \n«»"“”*-:،,':
        a += 1
    while b > a and text[b - 1] in ' ،,"“”»:-':
        b -= 1
    return a, b


def _content_words(text: str, span: tuple[int, int]) -> int:
    words = [fold(w) for w in text[span[0] : span[1]].split()]
    while words and words[0] in _LEADING:
        words = words[1:]
    return len(words)


def _skip_outlet(text: str, i: int, limit: int) -> int:
    """Past punctuation and an outlet the statement was made to («، لـ”كود”، فإن …»)."""
    while i < limit and text[i] in " ،,:":
        i += 1
    w = next_word(text, i)
    if w is not None and fold(text[w[0] : w[1]]).startswith("ل"):
        comma = text.find("،", w[0], min(limit, w[0] + 30))
        if comma != -1 and len(text[w[0] : comma].split()) <= 3:
            i = comma + 1
    return i


def _announced(text: str, i: int, limit: int) -> bool:
    i = _skip_outlet(text, i, limit)
    head = text[i:limit].lstrip(" ")
    if head[:1] in '«"“:':
        return True
    w = next_word(head, 0)
    return _announces(fold(head[w[0] : w[1]])) if w else False


def _after(text: str, i: int, limit: int) -> tuple[int, int]:
    """The clause after the speaker, an outlet, an announcing «فإن»/«أن» and punctuation skipped."""
    i = _skip_outlet(text, i, limit)
    while i < limit and text[i] in ' «"“':
        i += 1
    w = next_word(text, i)
    if w is not None and w[1] <= limit and _announces(fold(text[w[0] : w[1]])):
        i = w[1]
    while i < limit and text[i] in ' ،,:«"“':
        i += 1
    end = limit
    close = text.find("»", i, limit)
    if close != -1 and text.rfind("«", i, close) == -1:
        end = close
    return _trim(text, i, end)
