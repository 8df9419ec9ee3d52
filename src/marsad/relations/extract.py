"""State-to-state relations: relation cues with the states and groupings around them.

Rules (``data/cues.tsv``), per relation cue in a sentence, its *scope* running to the next cue:
- parties: states named in the scope (entities, capitals as metonyms, demonyms), «البلدين» (the two
  states last named before), «بلاده/بلادها/بلادنا» (the speaker's state: the state last named before
  that is not the other party); the first party is the state after «بين», else the state named before
  the cue in the sentence (the subject), else the article's main country (a speaker's «تنسيق مع
  موريتانيا» is his country's);
- a grouping of states named as such («دول الساحل», «الدول المغاربية»; ``Canonical.members``) is one
  party, its own id (annotation guide: a country and a group of countries named by the text), except
  that (1) members named after a focus word («خصوصا مع مالي …») replace the grouping, and (2) a
  negative relation with a grouping *caused* by a named member («… ضعيف بسبب دور الجزائر») or refused
  by one («… التي ترفض أي تنسيق») holds with that member only. A region named as a place («الشرق
  الأوسط») and an organisation («الاتحاد الأوروبي», «مجلس الأمن») are no party;
- polarity: the cue's (+1 cooperation, −1 refusal/tension/accusation), made −1 by a weak modifier
  («ضعيف»، «محدود») or a negation before it («لا يوجد»، «غياب»); strong modifiers («قوي جدا»، «مهم») keep +1;
- domain: security / economy words in the clause, else diplomacy;
- one relation per unordered pair and sign; attributed to the quote whose content holds it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from marsad.article import Article
from marsad.records import Entity, Evidence, Quote, Relation
from marsad.rules.actors import main_country, state_code
from marsad.rules.context import ArticleIndex
from marsad.rules.lexicon import Hit, PhraseMatcher, read_tsv
from marsad.text.fold import fold

__all__ = ["extract_relations"]

_WEAK_WINDOW = 40
_NEG_WINDOW = 14
_MAIN_MIN = 3  # the article's main country stands in for an unnamed first party only when this salient


@dataclass(frozen=True, slots=True)
class _Cue:
    role: str
    type: str
    polarity: int


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher[_Cue]:
    rows = []
    for r in read_tsv("marsad.relations", "data/cues.tsv"):
        rows.append((r["phrase"], r["cls"], _Cue(r["role"], r.get("type", ""), int(r.get("polarity") or 0))))
    return PhraseMatcher(rows)


@dataclass(frozen=True, slots=True)
class _Party:
    start: int
    end: int
    codes: tuple[str, ...]  # one state, or the members of a grouping
    grouping: bool
    group: str | None = None  # the grouping's own actor id («دول الساحل» → SAHEL); None for «البلدين»


def extract_relations(article: Article, quotes: list[Quote] | None = None,
                      idx: ArticleIndex | None = None) -> list[Relation]:  # fmt: skip
    idx = idx or ArticleIndex.build(article)
    text = article.text
    quotes = list(article.layer("quotes")) if quotes is None else quotes
    mentions = sorted(idx.entities + list(article.layer("actor_mentions")), key=lambda e: e.start)
    parties = _parties(text, mentions)
    main = main_country(idx.entities, idx.places)
    if main is not None and Counter(state_code(e) for e in idx.entities)[main] < _MAIN_MIN:
        main = None
    hits = _matcher().find(idx.ft)
    out: dict[tuple[str, str, int], Relation] = {}
    last_domain: tuple[int, str] | None = None  # (paragraph start, domain) of the last relation
    for i, hit in enumerate(hits):
        if hit.entry.role not in ("rel", "refuse"):
            continue
        if (
            hit.entry.role == "rel"
            and i > 0
            and hits[i - 1].entry.role == "refuse"
            and hit.start - hits[i - 1].end < 12
        ):
            continue  # «ترفض أي تنسيق»: the refusal codes it
        sent = idx.sentence_of(hit.start)
        s = idx.sentence(sent)
        nxt = next((h.token_start for h in hits[i + 1 :] if h.entry.role in ("rel", "refuse")), s.end)
        scope_end = min(s.end, max(nxt, hit.end + 1))
        polarity = _polarity(hits, i, min(scope_end, hit.end + 90))
        for a, b, pair_end in _pairs(text, hit, parties, s.start, scope_end, polarity, hits, main):
            if a == b:
                continue
            key = (min(a, b), max(a, b), polarity)
            attributed = _attribution(quotes, hit.start, text)
            if key in out and (out[key].attributed_to or not attributed):
                continue  # one relation per pair and sign; a quoted statement beats a title
            start = _clause_start(text, hit.token_start, s.start)
            ev_end = pair_end
            while ev_end > start and text[ev_end - 1] in " ،,":
                ev_end -= 1
            rid = out[key].id if key in out else f"R{len(out) + 1}"
            para = text.rfind("\n", 0, start) + 1
            domain = _domain(hits, start, scope_end)
            if domain == "diplomacy" and last_domain is not None and last_domain[0] == para:
                domain = last_domain[1]  # «ومع ذلك، هناك تنسيق قوي …» continues the security statement
            last_domain = (para, domain)
            out[key] = Relation(rid, a, b, hit.entry.type, polarity, domain,
                                Evidence(start, ev_end), attributed, 0.9 if attributed else 0.7)  # fmt: skip
    return list(out.values())


def _parties(text: str, mentions: list[Entity]) -> list[_Party]:
    out: list[_Party] = []
    for e in mentions:
        c = e.canonical
        if c is None:
            continue
        if c.members:
            if fold(text[e.start : e.end]).startswith(("دول", "الدول")):
                out.append(_Party(e.start, e.end, tuple(c.members), True, c.id))
            continue  # a region named as a place («الشرق الأوسط») or an organisation (مجلس الأمن) is no party
        code = state_code(e)
        if code and (not out or out[-1].end <= e.start):
            out.append(_Party(e.start, e.end, (code,), False))
    # «البلدين» and «بلاده/بلادها/بلادنا» resolve from what was named before
    for pos, word in _deictics(text):
        before = [p for p in out if p.end <= pos and not p.grouping]
        distinct: list[str] = []
        for p in reversed(before):
            if p.codes[0] not in distinct:
                distinct.append(p.codes[0])
        if word == "البلدين" and len(distinct) >= 2:
            out.append(_Party(pos, pos + len(word), (distinct[1], distinct[0]), True))
        elif word.startswith("بلاد") and distinct:
            out.append(_Party(pos, pos + len(word), ("@speaker", *distinct[:3]), False))
    out.sort(key=lambda p: p.start)
    return out


_DEICTIC = re.compile(r"(?<!\w)(البلدين|بلاده|بلادها|بلادنا)(?!\w)")


def _deictics(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in _DEICTIC.finditer(text)]


def _pairs(text: str, hit: Hit[_Cue], parties: list[_Party], s_start: int, scope_end: int, polarity: int,
           hits: list[Hit[_Cue]], main: str | None) -> list[tuple[str, str, int]]:  # fmt: skip
    """(a, b, evidence end) for the cue ``hit`` whose scope runs to ``scope_end``."""
    after = [p for p in parties if hit.end <= p.start < scope_end]
    if not after:
        return []
    if fold(text[after[0].start : after[0].end]) == "البلدين" and len(after[0].codes) == 2:
        return [(after[0].codes[0], after[0].codes[1], after[0].end)]
    if not after[0].grouping and not text[hit.end : after[0].start].strip():
        # a state right after the noun is its owner, not its partner (iḍāfa or adjective): «الأزمة
        # الليبية» is Libya's own crisis, «دعم مصر» Egypt's support, «العلاقات المصرية الأمريكية» Egypt's
        # relations with the United States
        first: _Party | None = after[0]
        others = after[1:]
    else:
        first, others = _first_party(text, hit, parties, after, s_start, main)
    a_codes = _resolve_speaker(first.codes, others) if first is not None else ()
    if not a_codes or a_codes[0] == "@speaker":
        return []
    a = a_codes[0]
    focus = [h for h in hits if h.entry.role == "focus" and hit.end <= h.start < scope_end]
    cause = [h for h in hits if h.entry.role in ("cause", "refuse") and hit.end <= h.start < scope_end and h is not hit]
    out: list[tuple[str, str, int]] = []
    for p in others:
        codes = _resolve_speaker(p.codes, [first]) if first is not None else ()
        if not codes or "@speaker" in codes:
            continue
        if p.grouping:
            pairs = _grouping_pairs(a, p, codes, others, focus, cause if polarity < 0 else [], scope_end)
            out.extend(pairs)
            if pairs and polarity < 0 and cause and len(pairs) == 1 and pairs[0][2] <= cause[0].start:
                break
            continue
        if polarity < 0 and cause and p.start > cause[0].start:
            continue  # the cause is coded with its grouping
        out.append((a, codes[0], p.end))
    return out


def _first_party(text: str, hit: Hit[_Cue], parties: list[_Party], after: list[_Party], s_start: int,
                 main: str | None) -> tuple[_Party | None, list[_Party]]:  # fmt: skip
    """The first party: the state after «بين», else the clause's subject, else the main country."""
    if "بين" in fold(text[hit.end : after[0].start]).split() and len(after) >= 2:
        return after[0], after[1:]
    before = [p for p in parties if s_start <= p.start and p.end <= hit.token_start]
    subject = [p for p in before if not p.grouping and _is_subject(text, p, hit.token_start)]
    if subject:
        return subject[-1], after
    return (_Party(-1, -1, (main,), False) if main else None), after


def _grouping_pairs(a: str, group: _Party, codes: tuple[str, ...], others: list[_Party], focus: list[Hit[_Cue]],
                    cause: list[Hit[_Cue]], scope_end: int) -> list[tuple[str, str, int]]:  # fmt: skip
    """A grouping's pairs: its named members after a focus word replace it; a negative relation
    caused or refused by one named member holds with that member; else the grouping itself is the
    party (one relation with «دول الساحل», not one per member state), and «البلدين» is its two states."""
    named = [q for q in others if not q.grouping and q.start > group.end and set(q.codes) <= set(group.codes)]
    if named and any(f.start > group.end for f in focus):
        return []  # the members named after «خصوصا مع» are coded one by one
    if cause:
        members = [q for q in others if not q.grouping and q.start > cause[0].start and q.codes[0] in group.codes]
        if members:
            return [(a, members[0].codes[0], min(cause[0].start, scope_end))]
    if group.group is not None:
        return [(a, group.group, group.end)]
    return [(a, code, group.end) for code in codes if code != a]


def _is_subject(text: str, p: _Party, cue_start: int) -> bool:
    """A state before the cue is its subject when not governed by «مع» and in the same clause."""
    prev = fold(text[max(0, p.start - 8) : p.start]).split()
    if prev and prev[-1] in ("مع", "ومع"):
        return False
    gap = fold(text[p.end : cue_start])
    words = gap.replace("،", " ، ").split()
    for k, w in enumerate(words):
        if w in ("ان", "انه", "انها", "بان", "لكن", "لكنها", "لكنه"):
            return False
        if w == "،" and (k + 1 >= len(words) or words[k + 1] not in ("التي", "الذي")):
            return False
    return True


def _resolve_speaker(codes: tuple[str, ...], others: list[_Party]) -> tuple[str, ...]:
    if not codes or codes[0] != "@speaker":
        return codes
    other = {c for p in others for c in p.codes}
    for c in codes[1:]:
        if c not in other:
            return (c,)
    return ()


def _polarity(hits: list[Hit[_Cue]], i: int, mod_end: int) -> int:
    hit = hits[i]
    pol = hit.entry.polarity or 1
    for h in hits[max(0, i - 3) : i + 12]:
        if h.entry.role == "mod-" and hit.end <= h.start < max(mod_end, hit.end + _WEAK_WINDOW):
            return -1
        if h.entry.role == "neg" and 0 <= hit.token_start - h.end <= _NEG_WINDOW:
            return -1
    return pol


def _domain(hits: list[Hit[_Cue]], start: int, end: int) -> str:
    doms = [h.entry.role.split(":")[1] for h in hits if h.entry.role.startswith("dom:") and start <= h.start < end]
    return doms[0] if doms else "diplomacy"


def _clause_start(text: str, i: int, s_start: int) -> int:
    j = i
    while j > s_start and text[j - 1] not in "،؛:" and i - j < 80:
        j -= 1
    while j < i and text[j] in " ،؛:":
        j += 1
    return j


def _attribution(quotes: list[Quote], offset: int, text: str = "") -> str | None:
    """The quote whose content holds ``offset``, else the last quote of the same paragraph
    (reported speech runs on: «… أفاد أن … . ومع ذلك، هناك تنسيق …»)."""
    last = None
    for q in quotes:
        if q.evidence.start <= offset < q.evidence.end:
            return q.id
        if q.evidence.end <= offset:
            last = q
    if last is not None and text and "\n" not in text[last.evidence.end : offset]:
        return last.id
    return None
