"""Where the reported content of a cue starts and ends.

- after the complementizer («أن»، «إن»، «أنه»، «بأن»، «إلى أن»)، a colon or an opening quotation mark
  found shortly after the cue (a short quoted name followed by more words — «قالت «جبهة الوطنيين»
  على موقعها إنها» — is skipped); without one, after the speaker words or the cue itself;
- up to the end of the clause (the sentence, or a later cue that opens a clause), or a closing
  quotation mark of a quotation it is in;
- before the cue, for «…، حسبما ذكرت السلطات» and the like: the clause before it.
"""

from __future__ import annotations

from marsad.article_index import ArticleIndex
from marsad.quotes.cues import function_words
from marsad.text.fold import fold
from marsad.text.words import word_end

__all__ = ["comma_end", "content_end", "content_start", "preceding_content"]

def _that() -> frozenset[str]:
    return function_words("complementizer")


_OPENERS = '«"“:'
_MAX_SPEAKER_CHARS = 110
_PRECEDING = ("حسبما", "حسب ما", "وفقا لما", "بحسب ما", "هكذا", "طبقا لما", "وفق ما", "علي ما", "مثلما")


def preceding_content(text: str, token_start: int, s_start: int, last: tuple[int, int],
                       force: bool = False) -> tuple[int, int] | None:  # fmt: skip
    """«…، حسبما ذكرت السلطات»: the content is the clause before the cue."""
    before = fold(text[max(s_start, token_start - 12) : token_start]).strip()
    if not force and not any(before.endswith(p) for p in _PRECEDING):
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


def comma_end(text: str, i: int, limit: int) -> int:
    j = text.find("،", i, limit)
    return j if j != -1 else limit

def content_start(idx: ArticleIndex, cue_end: int, limit: int,
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
                and (pre.endswith("ل") or (after and after[0] in _that()) or _names(text, j, close, limit))
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
            if two in _that():
                k = _skip_space(text, word_end(text, w_end + 1), limit)
                return k, text[k : k + 1] in '«"“', j
            if word in _that() or (word.startswith("ل") and word[1:] in ("ان", "انه")):
                k = _skip_space(text, w_end, limit)
                return k, text[k : k + 1] in '«"“', j
            if "ila" in flags and word == "الي":
                obj = _object_start(idx, cue_end, j)
                return (obj, False, obj) if obj is not None else (_skip_space(text, w_end, limit), False, j)
            if "bi" in flags and word.startswith("ب") and len(word) > 3 and j > cue_end + 1:
                return j, False, j
            j = w_end
            continue
        j += 1
    return None, False, _speaker_words_end(text, cue_end, limit)


def _object_start(idx: ArticleIndex, cue_end: int, ila: int) -> int | None:
    """«دعت المديرية العامة للجوازات الأشقاء أبناء اليمن … إلى …»: the object between the speaker
    and «إلى» is part of what was said; the content starts after the speaker's name."""
    ents = [e for e in idx.entities if cue_end <= e.start < ila and e.label in ("PER", "ORG")]
    if not ents or fold(idx.article.text[cue_end : ents[0].start]).split():
        return None
    rest = idx.article.text[ents[0].end : ila]
    if len(rest.split()) < 2 or rest.lstrip()[:1] in "،,(":
        return None
    return _skip_space(idx.article.text, ents[0].end, ila)


def _names(text: str, opener: int, close: int, limit: int) -> bool:
    """A short quoted phrase followed by more words in the clause names something («قالت «جبهة
    الوطنيين» على موقعها إنها …», «"البلس" الأكبر»); quoted speech («"أن الحكومة، …" غير أن») has
    a complementizer or a comma, or ends its clause."""
    inner = fold(text[opener + 1 : close]).split()
    if not inner or inner[0] in _that() or "،" in text[opener:close] or len(inner) > 5:
        return False
    after = text[close + 1 : limit].lstrip(" ")
    return bool(after) and (after[0].isalpha() or after[0] == ":")


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


def content_end(text: str, start: int, limit: int) -> int:
    """The end of the content: the clause's end, or a closing «»» of a quotation it is in (not one
    that closes right after its first word: «نفت بشدة» مزاعم …)."""
    end = limit
    close = text.find("»", start, limit)
    if close != -1 and text.rfind("«", start, close) == -1 and close > start and len(text[start:close].split()) > 1:
        end = close
    while end > start and text[end - 1] in ' ،؛.\n"”»':
        end -= 1
    return end
