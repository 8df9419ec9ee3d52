"""The counts an event's trigger governs: «حجز … وتوقيف 12 شخصا», «توقيف أستاذ», «القبض عليه».

Every count of the sentence (:func:`marsad.events.counts.find_counts`) belongs to the nearest trigger
that can take it (:func:`counts_for`), among the sentence's event mentions of other types and modes,
and within :data:`_REACH` folded characters:

* killed and injured counts go to an assault or a killing trigger only («مقتل»، «قتل»، «لقي مصرعه»);
  a count of people that no word qualifies («قتلت القوات 5 مسلحين») is killed when a killing trigger
  governs it, and people otherwise («اختطاف 4 إيطاليين»: abducted, not killed);
* a seizure counts goods, not people: «حجز 3 أطنان … وتوقيف 12 شخصا» gives the 12 to the arrest;
  statements, meetings and agreements count no one (:data:`_ACTS_ON_PEOPLE`), and the people an
  assault's trigger follows with no word of what befell them are its doers («أقدم شخصان على»);
* a vague amount («العشرات») claims its kind with no number, so no farther number is taken instead.

The event's ``people`` is the annotation guide's count: the killed when anyone was killed, else the
injured, else the people arrested, abducted or otherwise counted.

Without a count, an act on one person (:func:`_one_person`) counts 1 — or the persons it names: a
trigger that acts on people («توقيف»، «اعتقال»، «مقتل»، «متابعة»، «القبض على») followed by a single
person noun («توقيف أستاذ»), «المدعو», «أحد» («اعتقلت القوات أحد المنتمين»), a named person, or with a
pronoun of one («اعتقاله»، «القبض عليه»); two for a dual pronoun («إيقافهما») or two persons
coordinated («المدعو عبد الكريم الخلف وشقيقه»).
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.article_index import ArticleIndex
from marsad.datafiles import read_tsv
from marsad.events.counts import CountHit, count_cues, find_counts, noun_role
from marsad.events.detect import Mention
from marsad.events.numbers import Token, tokens
from marsad.records import Counts

__all__ = ["counts_for"]

_REACH = 100  # folded characters between a trigger and a count it governs
_KINDS = ("killed", "injured", "people")
_PERSONS = ("person", "killed", "injured")
_PROCLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
_ONE = frozenset({"المدعو", "المدعوه", "المسمي", "المسماه", "احد", "احدي"})
_BEFORE_OBJECT = frozenset({"علي", "في", "حق", "ضد", "عن"})
#: a pronoun after the trigger that is its object: how many (0: plural, the people counted before)
_PRONOUN = {r["word"]: int(r["count"]) for r in read_tsv("marsad.events", "data/object_pronouns.tsv")}
_SUFFIXES = (("هما", 2), ("هم", 0), ("هن", 0), ("ها", 1), ("ه", 1))
_MARKER_REACH = 4  # tokens after a verb where «أحد» or «المدعو» may stand (after its subject)
_CHAIN = 8  # tokens after a person where a coordinated one («وشقيقه») may stand


def counts_for(idx: ArticleIndex, m: Mention, rivals: Sequence[Mention] = ()) -> Counts:
    """The counts of the event of mention ``m`` among the sentence's ``rivals`` (see the module rules)."""
    s = idx.sentence(m.sent)
    f_lo, f_hi = idx.ft.folded_offset(s.start), idx.ft.folded_offset(s.end)
    norm = idx.ft.norm[f_lo:f_hi]
    me = _span(idx, m, f_lo)
    killing = _killing(norm, me, m)
    if not _counts_people(m) or _names_people(norm, me):
        return Counts()
    obj, near = _object(idx, norm, f_lo, me)
    if obj is not None and obj > 0:  # «إيقافهما», «توقيف أستاذ»: the trigger names its object
        hit = _governed(idx, m, norm, f_lo, me, killing, rivals, near=near)
        return hit or Counts(obj, obj if killing else None)
    found = _governed(idx, m, norm, f_lo, me, killing, rivals)
    if found is not None:
        return found
    if obj == 0:  # «لإحالتهم»: the people counted just before
        n = _counted_before(idx, m, norm, f_lo, me)
        return Counts(n, n if killing else None) if n is not None else Counts()
    return Counts()


_ADJACENT = 3  # folded characters: a count right at the trigger beats the pronoun it carries
_OBJECT_REACH = 30  # … and a count this near beats the person named after it («توقيف شخص و3 آخرين»)


def _governed(idx: ArticleIndex, m: Mention, norm: str, f_lo: int, me: tuple[int, int], killing: bool,
              rivals: Sequence[Mention], near: int = _REACH) -> Counts | None:  # fmt: skip
    """The counts of the sentence nearer to ``m`` than to any rival that may take them, else None."""
    others = [(sp, _killing(norm, sp, r), r) for r in rivals if r.sent == m.sent and (r.type, r.mode) !=
              (m.type, m.mode) and (sp := _span(idx, r, f_lo)) != me and not _names_people(norm, sp)]  # fmt: skip
    passive = any(count_cues().get((t.text, "after")) for t in tokens(norm[me[0] : me[1]]))
    best: dict[str, tuple[int, int | None]] = {}
    for h in find_counts(norm):
        kind = _kind(h, killing)
        gap = _gap(me, h)
        if not _takes(m, kind, killing) or gap > near or _attackers(m, h, me, passive):
            continue
        if any(_takes(r, _kind(h, k), k) and _gap(sp, h) < gap for sp, k, r in others):
            continue
        if kind not in best or gap < best[kind][0]:
            best[kind] = (gap, h.value)
    if not best:
        return None
    killed, injured, people = (best.get(k, (0, None))[1] for k in _KINDS)
    return Counts(next((v for v in (killed, injured, people) if v is not None), None), killed, injured)


def _attackers(m: Mention, h: CountHit, me: tuple[int, int], passive: bool) -> bool:
    """People an assault's trigger follows, with no word saying what befell them, are its doers
    («أقدم شخصان على محاولة سرقة»، «6 عناصر إرهابية اقتحمت منزل النائب»), not counted by it — unless
    the trigger is a verb of what befell them («أربعة إيطاليين يعملون في البناء خطفوا»)."""
    return m.type == "ASSAULT" and h.kind == "people" and not h.explicit and h.end <= me[0] and not passive


def _names_people(norm: str, span: tuple[int, int]) -> bool:
    """True for a trigger that is only a noun of people («أشخاص»): it names whom a count counts,
    it tells no deed that governs one."""
    words = tokens(norm[span[0] : span[1]])
    return bool(words) and all((noun_role(t.text) or ("", ""))[0] == "person" for t in words)


def _counted_before(idx: ArticleIndex, m: Mention, norm: str, f_lo: int, me: tuple[int, int]) -> int | None:
    """The last count of people before the trigger in its sentence, else the last of the sentence before."""
    before = [h for h in find_counts(norm) if h.end <= me[0] and h.kind == "people" and h.value is not None]
    if before:
        return before[-1].value
    if m.sent == 0:
        return None
    prev = idx.sentence(m.sent - 1)
    p_lo, p_hi = idx.ft.folded_offset(prev.start), idx.ft.folded_offset(prev.end)
    hits = [h for h in find_counts(idx.ft.norm[p_lo:p_hi]) if h.kind == "people" and h.value is not None]
    return hits[-1].value if hits else None


def _span(idx: ArticleIndex, m: Mention, f_lo: int) -> tuple[int, int]:
    return idx.ft.folded_offset(m.start) - f_lo, idx.ft.folded_offset(m.end) - f_lo


def _gap(span: tuple[int, int], h: CountHit) -> int:
    a, b = span
    return h.start - b if h.start >= b else (a - h.end if h.end <= a else 0)


def _kind(h: CountHit, killing: bool) -> str:
    return "killed" if h.kind == "people" and not h.explicit and killing else h.kind


#: event types that act on people, whom a count counts; statements, meetings and agreements count no one
#: (the two ministers of «أكد الوزيران» are who speaks, not people counted by the event)
_ACTS_ON_PEOPLE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "ACCUSE", "RETREAT", "CONCEDE", "AID"})


def _counts_people(m: Mention) -> bool:
    if m.type not in _ACTS_ON_PEOPLE or (m.type == "COERCE" and m.mode == "seize"):
        return False  # a seizure counts goods: «حجز 3 أطنان … وتوقيف 12 شخصا» gives the 12 to the arrest
    return not (m.type == "ACCUSE" and m.mode == "disapprove")


def _takes(m: Mention, kind: str, killing: bool) -> bool:
    if not _counts_people(m):
        return False
    return kind == "people" or m.type == "ASSAULT" or killing


def _bare(word: str) -> list[str]:
    """The word without up to two layers of proclitics («وبإحالته» → «باحالته», «احالته»)."""
    out = [word]
    for w in (word, *[word[len(p) :] for p in ("و", "ف") if word.startswith(p)]):
        out += [w] + [w[len(p) :] for p in _PROCLITICS if w.startswith(p) and len(w) - len(p) >= 2]
    return out


def _acts_on(word: str, kinds: tuple[str, ...] = _KINDS) -> bool:
    """True when a folded word (clitics allowed) is a word of killing, injuring or arresting people."""
    cues = count_cues()
    return any(cues.get((w, "before")) in kinds for w in _bare(word))


def _killing(norm: str, span: tuple[int, int], m: Mention) -> bool:
    """A killing trigger: flagged so by the lexicon, or a word of killing («مقتل»، «قتل»، «مصرع»)."""
    return m.kill or any(_acts_on(t.text, ("killed",)) for t in tokens(norm[span[0] : span[1]]))


def _pronoun(word: str) -> int | None:
    """1 or 2 for a word that acts on people and carries a pronoun of one or two («اعتقاله»،
    «محاكمته»، Darija «محاكمتو»، «ايقافهما»), 0 for a plural pronoun, None when it carries none."""
    suffixes = (*_SUFFIXES, ("و", 1)) if word.endswith("تو") else _SUFFIXES
    for suffix, n in suffixes:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 3 or _acts_on(word):
            continue
        if _acts_on(stem) or (stem.endswith("ت") and _acts_on(stem[:-1] + "ه")):
            return n
    return None


def _object(idx: ArticleIndex, norm: str, f_lo: int, me: tuple[int, int]) -> tuple[int | None, int]:
    """How many persons the trigger acts on when its words name them (see the module rules): 1, 2 or
    more for one named, a pronoun of one or two, or coordinated persons; 0 for a plural pronoun
    (the people counted before); None when they are not named so. And how near a count must be to
    the trigger to be taken instead (:data:`_ADJACENT` after a pronoun, :data:`_OBJECT_REACH` after a
    named person, none when the persons coordinated include a count: «قتل جندي وثمانية مقاتلين»)."""
    toks = tokens(norm)
    words = [k for k, t in enumerate(toks) if t.start < me[1] and t.end > me[0]]
    acting = next((k for k in words if _acts_on(toks[k].text) or _pronoun(toks[k].text) is not None), None)
    if acting is None:
        return None, 0
    if (n := _pronoun(toks[acting].text)) is not None:
        return n, _ADJACENT
    return _object_after(idx, norm, toks, acting + 1, f_lo)


def _object_after(idx: ArticleIndex, norm: str, toks: list[Token], i: int, f_lo: int) -> tuple[int | None, int]:
    """:func:`_object` from token ``i``, the one after the word that acts on people."""
    for j in range(i, min(i + _MARKER_REACH, len(toks))):
        if toks[j].text in _ONE:  # «اعتقلت القوات أحد المنتمين»
            return _chain(idx, norm, toks, j, f_lo)
    while i + 1 < len(toks) and toks[i].text in _BEFORE_OBJECT:
        i += 1
    if i >= len(toks):
        return None, 0
    if toks[i].text in _PRONOUN:
        return _PRONOUN[toks[i].text], _ADJACENT
    role = noun_role(toks[i].text)
    one = role is not None and role[0] in _PERSONS and role[1] == "sg"
    if one or (role is None and _person_at(idx, toks[i], f_lo)):
        return _chain(idx, norm, toks, i, f_lo)
    return None, 0


def _person_at(idx: ArticleIndex, tok: Token, f_lo: int, skip: int = 0) -> bool:
    """True when a named person (PER) begins at token ``tok`` (``skip`` characters into it: a proclitic)."""
    folded = tok.start + skip + f_lo
    start = idx.ft.index[folded] if folded < len(idx.ft.index) else len(idx.article.text)
    return any(e.label == "PER" and start <= e.start <= start + 2 for e in idx.entities)


def _chain(idx: ArticleIndex, norm: str, toks: list[Token], j: int, f_lo: int) -> tuple[int, int]:
    """1 and each person coordinated by «و» within :data:`_CHAIN` tokens («المدعو X وشقيقه Y»), or the
    count coordinated so («قتل جندي دولي وثمانية مقاتلين»: 9); and the reach for :func:`_object`."""
    n = 1
    counts = {h.start: h for h in find_counts(norm)}
    for k in range(j + 1, min(j + _CHAIN, len(toks))):
        tok = toks[k].text
        if tok != "و" and not (tok.startswith("و") and len(tok) >= 3):
            continue
        glued = int(tok != "و")  # «وشقيقه» or «و 17»
        nxt = toks[k] if glued or k + 1 >= len(toks) else toks[k + 1]
        hit = counts.get(nxt.start)
        if hit is not None and hit.value is not None and hit.kind == "people":
            return n + hit.value, 0
        role = noun_role(nxt.text[glued:])
        if (role is not None and role[0] == "person" and role[1] == "sg") or _person_at(idx, nxt, f_lo, glued):
            n += 1
        elif _acts_on(tok) or role is not None:
            break
    return n, _OBJECT_REACH
