"""Quotes: direct and reported speech found from a cue-verb lexicon, with speaker and content span.

For each cue hit (``data/cues.tsv``, one automaton pass):
- the cue span is the verb as written without its proclitic («وأضاف» → «أضاف»), extended by a
  following «قائلا»، «موضحا»، «بالقول» (``data/extenders.tsv``) — «استطرد قائلًا» is one cue; the
  cue words are the hand lexicon and the forms mined from the corpus (:mod:`marsad.quotes.cues`), and
  attribution words («حسب», «وفق») make quotes too (:mod:`marsad.quotes.attribution`);
- the content starts after the complementizer («أن»، «إن»، «أنه»، «بأن»، «إلى أن»)، a colon or an
  opening quotation mark found shortly after the cue; without one, after the speaker words (or the
  cue itself, «أعلنت رفضها …»); it ends at the end of the sentence or before the next cue;
- the speaker is, in order: a named entity right after the cue (a person before an organisation),
  else the words between the cue and the content («الخبير»، «مصدر في قيادة …»، «بلاغ لـ…»); the entity
  just before the cue («الحكومة العراقية أعلنت»، «… الذي أكد»); else — a bare «وأضاف أن» or a
  participle «مضيفا» — the previous quote's speaker. A role that only repeats an earlier speaker
  («وأفاد الخبير» after «الخبير الأمني محمد الطيار») takes that earlier named speaker.
- strict cues (words with other senses: «بين»، «ذكر»، «تابع») need a complementizer close after them;
  words in another sense make no quote (:mod:`marsad.quotes.context`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.article import Article, Span
from marsad.article_index import ArticleIndex
from marsad.quotes.attribution import attribution
from marsad.quotes.content import comma_end, content_end, content_start, preceding_content
from marsad.quotes.context import between_sense, in_relative_clause, opens_clause, quotation_before, words_before
from marsad.quotes.cues import Cue, cue_matcher, extenders, function_words, is_speaker_head
from marsad.quotes.speakers import SpeakerMemory, can_speak, naql_speaker, reported_source, resolve_speaker
from marsad.records import Evidence, Quote, Speaker
from marsad.text.fold import fold
from marsad.text.match import PhraseHit
from marsad.text.words import next_word

__all__ = ["extract_quotes"]

_NEXT_WINDOW = 5


def extract_quotes(article: Article, idx: ArticleIndex | None = None) -> list[Quote]:
    """Every quote of the article, in text order (see the module doc)."""
    run = _Run(idx or ArticleIndex.of(article))
    for i, (hit, cue_end) in enumerate(run.cues):
        s = _sentence(run.idx, hit.start)
        if _not_speech(run.text, hit, cue_end, s.start, s.end):
            continue
        if "attr" in hit.entry.flags:
            run.attribution(hit, cue_end, s)
        else:
            run.reported(i, hit, cue_end, s)
    return run.quotes


def _sentence(idx: ArticleIndex, offset: int) -> Span:
    """The sentence of ``offset``, joined with the next when it ends on a one-letter abbreviation
    («وقال م. حسام الرشودي»: «م.» for engineer, «د.» for doctor, is no sentence end)."""
    k = idx.sentence_of(offset)
    s = idx.sentence(k)
    text = idx.article.text
    while k + 1 < len(idx.sentences) and s.end >= 2 and text[s.end - 1] == "." and _abbreviation(text, s.end - 1):
        k += 1
        s = Span(s.start, idx.sentence(k).end, s.label, s.source)
    return s


def _abbreviation(text: str, dot: int) -> bool:
    return text[dot - 1].isalpha() and (dot < 2 or not text[dot - 2].isalnum()) and not text[dot - 1].isascii()


@dataclass
class _Run:
    """One article's pass over its cues: the quotes so far and what they tell the next one."""

    idx: ArticleIndex
    quotes: list[Quote] = field(default_factory=list)
    memory: SpeakerMemory = field(default_factory=SpeakerMemory)
    last_content: tuple[int, int] = (-1, -1)

    def __post_init__(self) -> None:
        self.text = self.idx.article.text
        self.cues = _merge_extenders(self.text, cue_matcher().find(self.idx.ft))
        self.cue_starts = frozenset(h.token_start for h, _ in self.cues)

    def add(self, hit: PhraseHit[Cue], cue_end: int, speaker: Speaker, direct: bool, content: tuple[int, int]) -> None:
        self.quotes.append(_quote(len(self.quotes), hit, cue_end, speaker, direct, content))

    def floor(self, token_start: int, s_start: int) -> int:
        return self.last_content[1] if self.last_content[1] <= token_start else s_start

    def attribution(self, hit: PhraseHit[Cue], cue_end: int, s: Span) -> None:
        """«حسب مصادر …»: the attribution word's quote (:mod:`marsad.quotes.attribution`)."""
        last = self.quotes[-1] if self.quotes else None
        if last is not None and last.cue.end <= hit.start < last.evidence.start:
            return  # «قال X، حسب ما نقلت عنه وكالة …، إن»: inside the speaker part of a quote
        floor = self.floor(hit.token_start, s.start)
        att = attribution(self.idx, hit.token_start, cue_end, (s.start, s.end), floor, self.cue_starts,
                          self.memory.last)  # fmt: skip
        if att is not None:
            self.memory.heard(att.speaker)
            self.last_content = att.content if att.content[0] > hit.start else self.last_content
            self.add(hit, cue_end, att.speaker, att.direct, att.content)

    def reported(self, i: int, hit: PhraseHit[Cue], cue_end: int, s: Span) -> None:
        """A speech verb's quote: content before it («…، حسبما ذكرت», «”، يضيف المتحدث») or after it."""
        limit = _limit(self.text, self.cues[i + 1 :], s.end)
        before = preceding_content(self.text, hit.token_start, s.start, self.last_content) or _postposed(
            self.idx, hit, cue_end, limit, s.start, self.last_content
        )
        if before is None:
            self.forward(hit, cue_end, s, limit)
            return
        speaker = resolve_speaker(self.idx, hit.token_start, cue_end, comma_end(self.text, cue_end, limit), self.memory)
        self.memory.heard(speaker)
        self.add(hit, cue_end, speaker or Speaker(None, None), False, before)

    def forward(self, hit: PhraseHit[Cue], cue_end: int, s: Span, limit: int) -> None:
        """The content after the cue, its speaker between them or around the cue."""
        flags = hit.entry.flags
        start, direct, speaker_end = content_start(self.idx, cue_end, limit, flags)
        if not _content_fits(self.idx, hit, cue_end, start, speaker_end, self.cue_starts):
            return
        look_until = speaker_end  # the speaker sits between the cue and the content
        own_clause = start is not None and speaker_end - cue_end <= 1 and "part" not in flags  # «نبه إلى أنه»
        if start is None:
            start = speaker_end
            look_until = cue_end + 14  # «ما أكدت عليه المديرية …»: a name just after the cue
        inside = self.last_content[0] <= hit.start < self.last_content[1]
        if inside and self.quotes[-1].kind == "direct" and not self.speaks_inside(hit, cue_end):
            return  # «قال: ”… وقالوا في المساجد: …”»: speech a direct quotation reports is part of it
        embedded = inside and not _opens_clause(self.text, hit)
        if embedded and not own_clause and not self.speaks_inside(hit, cue_end):
            return  # a cue inside reported content is part of it, unless it reports a clause of its own
        if "naql" in flags:
            speaker = naql_speaker(self.idx, s.start, hit.token_start, self.memory)
        else:
            speaker = resolve_speaker(self.idx, hit.token_start, cue_end, speaker_end, self.memory, look_until,
                                      "part" in flags)  # fmt: skip
        end = content_end(self.text, start, limit)
        if end - start < 3:
            return
        speaker = speaker or self.memory.last or Speaker(None, None)
        if not embedded:
            self.memory.heard(speaker)  # a statement reported inside another's keeps the main speaker
        self.last_content = (start, end)
        self.add(hit, cue_end, speaker, direct, (start, end))

    def speaks_inside(self, hit: PhraseHit[Cue], cue_end: int) -> bool:
        """A cue inside reported content with its own named speaker, or after «كما»."""
        near = self.text[max(0, hit.token_start - 5) : hit.token_start]
        return _has_speaker_entity(self.idx, hit.token_start, cue_end) or "كما" in near


def _quote(n: int, hit: PhraseHit[Cue], cue_end: int, speaker: Speaker, direct: bool,
           content: tuple[int, int]) -> Quote:  # fmt: skip
    return Quote(f"Q{n + 1}", speaker, Evidence(hit.start, cue_end), "direct" if direct else "indirect",
                 Evidence(*content), _confidence(hit, speaker, direct))  # fmt: skip


def _limit(text: str, later: list[tuple[PhraseHit[Cue], int]], s_end: int) -> int:
    """The content of a cue ends at the sentence end, or before a later cue that opens a clause."""
    for nxt_hit, _ in later:
        if nxt_hit.start >= s_end:
            break
        if "attr" not in nxt_hit.entry.flags and _opens_clause(text, nxt_hit):
            return nxt_hit.token_start
    return s_end


def _followed_by(text: str, cue_end: int, s_end: int, words: frozenset[str]) -> bool:
    """One of ``words`` within the next few words of the sentence («عبر … عن», «علمت “كود”، من»)."""
    following = fold(text[cue_end:s_end].translate(_PUNCTUATION)).split()[:_NEXT_WINDOW]
    return any(w in words for w in following)


_PUNCTUATION = str.maketrans({c: " " for c in "«»\"“”:،,؛()-"})
_NEGATIONS = frozenset({"لم", "لا", "لن", "ولم", "ولا", "ولن", "عدم"})
_STRICT_WORDS = 6  # a strict cue's complementizer within this many words (train: 95 % of its gold quotes)
_STRICT_NAMED_WORDS = 12  # … or this many when a named speaker follows the cue
_CONTRASTIVE = [["فيما"], ["بينما"], ["لكنه"], ["لكنها"], ["لكن"], ["حين"]]
_PARENTHESES = re.compile(r"\([^()]*\)")
_COURTESY = ("تهاني", "تهنئ", "تعازي", "عزاء", "عزائ", "مواسا", "تمنيات", "الشفاء")
_BANNER_WORDS = frozenset({"عباره", "عبارات", "شعار", "شعارات", "لافته", "لافتات"})
_RELATIVE_WORDS = 4
_COPULAS = frozenset({"كان", "كانت", "يكون", "تكون", "ليس", "ليست", "بات", "اصبح", "ظل"})


def _speaker_first(idx: ArticleIndex, cue_end: int) -> bool:
    """A speaker's name or role starts right after the cue («وذكر بلاغ لقطب …», «كتب بلاتر …»)."""
    text = idx.article.text
    w = next_word(text, cue_end)
    if w is None:
        return False
    return is_speaker_head(fold(text[w[0] : w[1]])) or any(
        w[0] <= e.start < w[1] and can_speak(e) for e in idx.entities_in(w[0], w[1])
    )


def _predicative(text: str, hit: PhraseHit[Cue]) -> bool:
    """«كما كان متوقعا»: a participle after a copula is a predicate, not a speech act."""
    before = words_before(text, hit.token_start, 1)
    return bool(before) and before[-1] in _COPULAS


def _not_speech(text: str, hit: PhraseHit[Cue], cue_end: int, s_start: int, s_end: int) -> bool:
    """The word is not a speech cue here: a skip entry, a noun (article, preposition), negated,
    without the word it needs after it («عبر … عن»), «بين» between two things, or «قوله» not
    reported by «نقل … عن»."""
    flags = hit.entry.flags
    if "naql" in flags and reported_source(text, s_start, hit.token_start) is None:
        return True
    if "skip" in flags or _bad_prefix(hit) or _negated(text, hit.token_start):
        return True
    if hit.entry.next and not _followed_by(text, cue_end, s_end, hit.entry.next):
        return True
    return "between" in flags and between_sense(text, hit.token_start, cue_end, s_end)


def _content_fits(idx: ArticleIndex, hit: PhraseHit[Cue], cue_end: int, content_start: int | None, speaker_end: int,
                  cue_starts: frozenset[int]) -> bool:  # fmt: skip
    """Where the content is found (or not) suits the cue: a strict cue needs its complementizer
    within ``_STRICT_WORDS`` words and no other cue before it; a participle inside a clause needs
    it right after; without one, a relative clause («التي أعلنت مقاطعتها») reports nothing."""
    text = idx.article.text
    flags = hit.entry.flags
    if ("part" in flags and _predicative(text, hit)) or _courtesy(text, cue_end):
        return False
    if content_start is None:
        if "part" in flags:
            return not hit.phrase.endswith("ه") or opens_clause(text, hit.token_start, hit.prefix)
        return "strict" not in flags and not in_relative_clause(text, hit.token_start)
    gap = text[cue_end:speaker_end]
    if _far_in_relative(text, hit, gap) or any(w in _BANNER_WORDS for w in fold(gap).split()):
        return False  # «كتب البعض على الجدران عبارة: …», «رفعوا لافتات كتب عليها»: a banner's text
    if "part" in flags and hit.phrase.endswith("ه") and not opens_clause(text, hit.token_start, hit.prefix):
        return text[cue_end:speaker_end].strip() == ""
    return "strict" not in flags or _strict_fits(idx, cue_end, speaker_end, cue_starts)


def _far_in_relative(text: str, hit: PhraseHit[Cue], gap: str) -> bool:
    """«والذي اعتبره شخصيا أسوأ ما …»: in a relative clause, a complementizer far after the cue is
    another clause's («التي وصفها الحرمي بأنها», «والتي ادعى فيها بأن» are near and report)."""
    return len(gap.split()) > _RELATIVE_WORDS and in_relative_clause(text, hit.token_start)


def _courtesy(text: str, cue_end: int) -> bool:
    """«أعرب … عن أصدق التهاني», «عبر عن خالص عزائه», «متمنيا الشفاء العاجل»: courtesy formulas
    (congratulations, condolences, wishes) are no statements (the dev gold codes none)."""
    clause = " ".join(fold(text[cue_end : cue_end + 160].split("،", maxsplit=1)[0]).split()[:16])
    return any(stem in clause for stem in _COURTESY)


def _strict_fits(idx: ArticleIndex, cue_end: int, speaker_end: int, cue_starts: frozenset[int]) -> bool:
    """A strict cue's complementizer is its own: close after it, no other cue and (unless a named
    speaker comes first) no comma before it («تابعة لمصالح …، إلا أن» is another clause's)."""
    gap = idx.article.text[cue_end:speaker_end]
    named = _speaker_first(idx, cue_end)
    if not named and "،" in gap:
        return False
    too_far = len(_PARENTHESES.sub(" ", gap).split()) > (_STRICT_NAMED_WORDS if named else _STRICT_WORDS)
    return not too_far and not any(cue_end < c < speaker_end for c in cue_starts)


def _postposed(idx: ArticleIndex, hit: PhraseHit[Cue], cue_end: int, limit: int, s_start: int,
               last: tuple[int, int]) -> tuple[int, int] | None:  # fmt: skip
    """A cue after what it reports, followed only by its speaker: «…، كما صرح المتحدث باسم
    الرئيس.», «“…”، يضيف المتحدث.»."""
    text = idx.article.text
    rest = text[cue_end:limit]
    if _has_complementizer(rest) or len(rest.split()) > 15:
        return None
    floor = last[0] + 1 if last[1] <= hit.token_start else 0  # a quotation may run over several sentences
    quoted = quotation_before(text, hit.token_start, max(floor, hit.token_start - 400))
    if quoted is not None:
        return quoted
    if len(rest.split()) > 8 or not _only_speaker(idx, cue_end, limit):
        return None
    before = words_before(text, hit.token_start, 1, s_start)
    if before == ["كما"] and len(text[s_start : hit.token_start].split()) > 3:
        return preceding_content(text, text.rfind("كما", s_start, hit.token_start), s_start, last, force=True)
    return None




def _only_speaker(idx: ArticleIndex, cue_end: int, limit: int) -> bool:
    """After the cue comes its speaker and nothing reported: a name or a role, then at most a title
    («المتحدث باسم …»), a place or time («في تقرير», «الأسبوع الماضي») or an outlet («لـ…»)."""
    text = idx.article.text
    if not _speaker_first(idx, cue_end):
        return False
    w = next_word(text, cue_end)
    if w is None:
        return False
    ents = [e for e in idx.entities_in(w[0], limit) if e.start < w[1] and can_speak(e)]
    end = max([w[1], *(e.end for e in ents)])
    nxt = next_word(text, end)
    if nxt is None or nxt[0] >= limit:
        return True
    f = fold(text[nxt[0] : nxt[1]])
    after = function_words("after_speaker")
    return f in after or f.startswith("ل") or (f.startswith("ال") and is_speaker_head(f)) or not ents


def _has_complementizer(rest: str) -> bool:
    """Reported content follows: a complementizer or preposition, a colon, or a quotation (a short
    quoted name, «“ح.م”», is none)."""
    rest = _QUOTED_NAME.sub(" ", rest)
    words = fold(rest).split()
    return any(w in ("ان", "انه", "انها", "بان", "الي", "علي", "عن") for w in words) or any(c in rest for c in ':«"“')


_QUOTED_NAME = re.compile(r"[«“\"][^«»“”\"]{1,25}[»”\"]")


def _bad_prefix(hit: PhraseHit[Cue]) -> bool:
    """A cue word with an article or preposition is a noun («الكشف»، «للمطالبة»), not speech."""
    return "ال" in hit.prefix or hit.prefix.endswith("لل") or hit.prefix[-1:] in ("ب", "ك", "ل")


def _negated(text: str, token_start: int) -> bool:
    words = fold(text[max(0, token_start - 6) : token_start]).split()
    return bool(words) and words[-1] in _NEGATIONS


def _has_speaker_entity(idx: ArticleIndex, token_start: int, cue_end: int) -> bool:
    ents = [e for e in idx.entities if can_speak(e)]
    return any(0 <= token_start - e.end <= 2 or 0 <= e.start - cue_end <= 12 for e in ents)


def _merge_extenders(text: str, hits: list[PhraseHit[Cue]]) -> list[tuple[PhraseHit[Cue], int]]:
    """(cue hit, cue end) with «قائلا»، «موضحا»، «أيضا» right after a cue verb folded into its cue."""
    out: list[tuple[PhraseHit[Cue], int]] = []
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


def _opens_clause(text: str, hit: PhraseHit[Cue]) -> bool:
    """A cue that starts a new clause: with «و»/«ف», a participle, after a comma/colon, or after a
    contrastive «فيما», «بينما», «لكنه» («… فيما قالت معرفات أخرى أن …»)."""
    if hit.prefix[:1] in ("و", "ف") or "part" in hit.entry.flags:
        return True
    before = text[max(0, hit.token_start - 3) : hit.token_start]
    return any(c in before for c in "،,:.") or words_before(text, hit.token_start, 1) in _CONTRASTIVE


def _confidence(hit: PhraseHit[Cue], speaker: Speaker, direct: bool) -> float:
    c = 0.88  # calibrated on the corpus train split (benchmarks/calibration.py): 85 % of confident quotes are gold
    if "strict" in hit.entry.flags:
        c -= 0.1
    if speaker.start is None and speaker.text_override is None:
        c -= 0.2
    if direct:
        c += 0.05
    return max(0.05, min(0.97, c))


