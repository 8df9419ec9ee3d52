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

from marsad.article import Article
from marsad.quotes.attribution import attribution
from marsad.quotes.cues import Cue, cue_matcher, extenders
from marsad.quotes.speakers import SpeakerMemory, can_speak, resolve_speaker
from marsad.quotes.words import next_word, word_end
from marsad.records import Evidence, Quote, Speaker
from marsad.rules.context import ArticleIndex
from marsad.rules.lexicon import Hit
from marsad.text.fold import fold

__all__ = ["extract_quotes"]

_COMPLEMENTIZERS = ("الي ان", "الي انه", "الي انها", "بان", "بانه", "بانها", "انه", "انها", "ان", "عن", "انهم")
_OPENERS = '«"“:'
_MAX_SPEAKER_CHARS = 110
_STOPS = "،؛.؟!\n"
_NEXT_WINDOW = 5


def extract_quotes(article: Article, idx: ArticleIndex | None = None) -> list[Quote]:
    idx = idx or ArticleIndex.build(article)
    text = article.text
    cues = _merge_extenders(text, cue_matcher().find(idx.ft))
    cue_starts = frozenset(h.token_start for h, _ in cues)
    quotes: list[Quote] = []
    memory = SpeakerMemory()
    last_content: tuple[int, int] = (-1, -1)
    for i, (hit, cue_end) in enumerate(cues):
        flags = hit.entry.flags
        if "skip" in flags or _bad_prefix(hit) or _negated(text, hit.token_start):
            continue
        s = idx.sentence(idx.sentence_of(hit.start))
        if hit.entry.next and not _followed_by(text, cue_end, s.end, hit.entry.next):
            continue
        if "attr" in flags:
            if quotes and quotes[-1].cue.end <= hit.start < quotes[-1].evidence.start:
                continue  # «قال X، حسب ما نقلت عنه وكالة …، إن»: inside the speaker part of a quote
            floor = last_content[1] if last_content[1] <= hit.token_start else s.start
            att = attribution(idx, hit.token_start, cue_end, (s.start, s.end), floor, cue_starts)
            if att is not None:
                memory.last = att.speaker
                last_content = att.content if att.content[0] > hit.start else last_content
                quotes.append(_quote(len(quotes), hit, cue_end, att.speaker, att.direct, att.content))
            continue
        limit = _limit(text, cues[i + 1 :], s.end)
        preceding = _preceding_content(text, hit.token_start, s.start, last_content)
        if preceding is not None:
            speaker = resolve_speaker(idx, hit.token_start, cue_end, _comma_end(text, cue_end, limit), memory)
            memory.last = speaker or memory.last
            quotes.append(_quote(len(quotes), hit, cue_end, speaker or Speaker(None, None), False, preceding))
            continue
        content_start, direct, speaker_end = _content_start(idx, cue_end, limit, flags)
        look_until = speaker_end  # the speaker sits between the cue and the content
        if content_start is None:
            if "strict" in flags:
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
        speaker = resolve_speaker(idx, hit.token_start, cue_end, speaker_end, memory, look_until, "part" in flags)
        end = _content_end(text, content_start, limit)
        if end - content_start < 3:
            continue
        speaker = speaker or memory.last or Speaker(None, None)
        if not embedded:
            memory.last = speaker  # a statement reported inside another's keeps the main speaker
        last_content = (content_start, end)
        quotes.append(_quote(len(quotes), hit, cue_end, speaker, direct, (content_start, end)))
    return quotes


def _quote(n: int, hit: Hit[Cue], cue_end: int, speaker: Speaker, direct: bool, content: tuple[int, int]) -> Quote:
    return Quote(f"Q{n + 1}", speaker, Evidence(hit.start, cue_end), "direct" if direct else "indirect",
                 Evidence(*content), _confidence(hit, speaker, direct))  # fmt: skip


def _limit(text: str, later: list[tuple[Hit[Cue], int]], s_end: int) -> int:
    """The content of a cue ends at the sentence end, or before a later cue that opens a clause."""
    for nxt_hit, _ in later:
        if nxt_hit.start >= s_end:
            break
        if "attr" not in nxt_hit.entry.flags and _opens_clause(text, nxt_hit):
            return nxt_hit.token_start
    return s_end


def _followed_by(text: str, cue_end: int, s_end: int, words: frozenset[str]) -> bool:
    """One of ``words`` within the next few words of the sentence («عبر عن», «علمت … من»)."""
    i = cue_end
    for _ in range(_NEXT_WINDOW):
        w = next_word(text, i)
        if w is None or w[0] >= s_end:
            return False
        if fold(text[w[0] : w[1]]) in words:
            return True
        i = w[1]
    return False


_PRECEDING = ("حسبما", "حسب ما", "وفقا لما", "بحسب ما", "هكذا", "طبقا لما")
_NEGATIONS = frozenset({"لم", "لا", "لن", "ولم", "ولا", "ولن"})


def _bad_prefix(hit: Hit[Cue]) -> bool:
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


def _has_speaker_entity(idx: ArticleIndex, token_start: int, cue_end: int) -> bool:
    ents = [e for e in idx.entities if can_speak(e)]
    return any(0 <= token_start - e.end <= 2 or 0 <= e.start - cue_end <= 12 for e in ents)


def _merge_extenders(text: str, hits: list[Hit[Cue]]) -> list[tuple[Hit[Cue], int]]:
    """(cue hit, cue end) with «قائلا»، «موضحا»، «أيضا» right after a cue verb folded into its cue."""
    out: list[tuple[Hit[Cue], int]] = []
    skip_until = -1
    for hit in hits:
        if hit.start < skip_until:
            continue
        cue_end = hit.end
        nxt = next_word(text, cue_end)
        if nxt is not None and fold(text[nxt[0] : nxt[1]]) in extenders() and "part" not in hit.entry.flags:
            cue_end = skip_until = nxt[1]
        out.append((hit, cue_end))
    return out


def _opens_clause(text: str, hit: Hit[Cue]) -> bool:
    """A cue that starts a new clause: with «و»/«ف», a participle, or after a comma/colon."""
    if hit.prefix[:1] in ("و", "ف") or "part" in hit.entry.flags:
        return True
    before = text[max(0, hit.token_start - 3) : hit.token_start]
    return any(c in before for c in "،,:.")


def _confidence(hit: Hit[Cue], speaker: Speaker, direct: bool) -> float:
    c = 0.93  # calibrated on dev (benchmarks/calibration.py): 94 % of cue hits are gold quotes
    if "strict" in hit.entry.flags:
        c -= 0.1
    if speaker.start is None and speaker.text_override is None:
        c -= 0.2
    if direct:
        c += 0.05
    return max(0.05, min(0.97, c))


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
                and (pre.endswith("ل") or (after and after[0] in _COMPLEMENTIZERS) or _names(text, j, close, limit))
            ):
                j = close + 1  # «الشرق الأوسط» after «لـ», or a quoted speaker name
                continue
            k = j + 1
            while k < limit and text[k] in ' «"“:':
                k += 1
            k = _skip_complementizer(text, k, limit)
            return k, ch != ":" or text[k - 1] in '«"“', j
        if ch.isalpha() and (j == 0 or not text[j - 1].isalnum()):
            w_end = word_end(text, j)
            word = fold(text[j:w_end])
            two = fold(text[j : word_end(text, w_end + 1)]) if w_end < len(text) else word
            if two in _COMPLEMENTIZERS:
                k = _skip_space(text, word_end(text, w_end + 1), limit)
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


def _names(text: str, opener: int, close: int, limit: int) -> bool:
    """A short quoted phrase followed by more words in the clause names something («قالت «جبهة
    الوطنيين» على موقعها إنها …», «"البلس" الأكبر»); quoted speech («"أن الحكومة، …" غير أن») has
    a complementizer or a comma, or ends its clause."""
    inner = fold(text[opener + 1 : close]).split()
    if not inner or inner[0] in _COMPLEMENTIZERS or "،" in text[opener:close] or len(inner) > 5:
        return False
    after = text[close + 1 : limit].lstrip(" ")
    return bool(after) and after[0].isalpha()


def _skip_complementizer(text: str, k: int, limit: int) -> int:
    w_end = word_end(text, k)
    if fold(text[k:w_end]) in ("ان", "انه", "انها", "انهم"):
        return _skip_space(text, w_end, limit)
    return k


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


def _content_end(text: str, start: int, limit: int) -> int:
    """The end of the content: the clause's end, or a closing «»» of a quotation it is in (not one
    that closes right after its first word: «نفت بشدة» مزاعم …)."""
    end = limit
    close = text.find("»", start, limit)
    if close != -1 and text.rfind("«", start, close) == -1 and close > start and len(text[start:close].split()) > 1:
        end = close
    while end > start and text[end - 1] in ' ،؛.\n"”»':
        end -= 1
    return end
