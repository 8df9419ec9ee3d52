"""Context checks that tell a speech cue from the same word in another sense.

Each is measured on the corpus train split (``training/quotes/mine_cues.py`` counts cue forms; these
rules were checked with the extractor on train and dev):
- «بين» between two things («بين الهلال والنصر», «من بين», «ما بين 11 و17») is no «بيّن»;
- a cue in a relative clause without reported content («الأحزاب التي أعلنت مقاطعتها», «ما تم
  تداوله») names an earlier act, it reports nothing;
- a participle that does not open a clause is an adjective («إصابة مؤكدة», «كما كان متوقعا»,
  «ومضيفه ستوك سيتي») unless reported content follows it at once;
- a cue after a closing quotation mark, followed only by its speaker («”، يضيف المتحدث.»,
  «”، كيقول بامنصور.») reports the quotation before it.
"""

from __future__ import annotations

from marsad.quotes.cues import is_speaker_head
from marsad.text.fold import fold

__all__ = ["between_sense", "in_relative_clause", "opens_clause", "quotation_before", "words_before"]

_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللي", "مما", "عما"})
_BEFORE_BETWEEN = frozenset({"من", "ما", "في", "فيما"})
_CLOSERS = "”»\""
_QUOTE_MARKS = str.maketrans({c: " " for c in "«»\"“”:"})
_THAT = frozenset({"ان", "انه", "انها", "بان", "بانه", "بانها"})
_THAT_AND = frozenset({"وان", "وانه", "وانها"})
_OPENER_OF = {"”": "“", "»": "«", '"': '"'}


def words_before(text: str, i: int, n: int, floor: int = 0) -> list[str]:
    """The last ``n`` folded words before offset ``i`` (not before ``floor``)."""
    return [fold(w) for w in text[max(floor, i - 12 * n) : i].split()[-n:]]


def between_sense(text: str, token_start: int, cue_end: int, limit: int) -> bool:
    """«بين» as a preposition: after «من»/«ما», or before a pair joined by «و» («بين X و Y»,
    «بين «المدينة القديمة» و«جبل الزيتون»», «ما بين 11 و17») with no comma or complementizer first,
    unless a role or institution noun follows it (the verb «بيّن» and its speaker)."""
    before = words_before(text, token_start, 1)
    if before and before[-1] in _BEFORE_BETWEEN:
        return True
    segment = text[cue_end : min(limit, cue_end + 80)].split("،", maxsplit=1)[0]
    words = fold(segment.translate(_QUOTE_MARKS)).split()[:5]
    if words and is_speaker_head(words[0]):
        return False  # «وبين المتحدث باسم وزارة الداخلية أن»: a speaker follows
    for k, w in enumerate(words):
        if w in _THAT:
            return False
        if k > 0 and w.startswith("و") and w not in _THAT_AND:
            return True
    return False


def in_relative_clause(text: str, token_start: int) -> bool:
    """The cue opens a relative clause («التي أعلنت», «ما تم تداوله», «الذي سبق وأن أعلنت»)."""
    words = [w[1:] if w.startswith("و") and w[1:] in _RELATIVES else w for w in words_before(text, token_start, 3)]
    if not words:
        return False
    if words[-1] in _RELATIVES or (words[-1] in ("تم", "يتم") and len(words) > 1 and words[-2] in (*_RELATIVES, "ما")):
        return True
    return len(words) == 3 and words[0] in _RELATIVES and words[1] in ("سبق", "كان", "قد") and words[2] in ("وان", "ان")


def opens_clause(text: str, token_start: int, prefix: str) -> bool:
    """The cue word starts a clause: with «و»/«ف», at a line start, or after punctuation."""
    if prefix[:1] in ("و", "ف") or token_start == 0:
        return True
    before = text[max(0, token_start - 3) : token_start]
    return any(c in before for c in "،,:.\n؛")


def quotation_before(text: str, token_start: int, floor: int) -> tuple[int, int] | None:
    """The quotation that closes right before the cue («… ”، يضيف المتحدث»), as its inner span."""
    j = token_start
    while j > floor and text[j - 1] in " ،,":
        j -= 1
    if j <= floor or text[j - 1] not in _CLOSERS:
        return None
    close = j - 1
    opener = text.rfind(_OPENER_OF[text[close]], floor, close)
    if opener == -1 or close - opener < 6:
        return None
    return opener + 1, close
