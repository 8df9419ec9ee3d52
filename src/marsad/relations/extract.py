"""Relations between states, and between a state and an organisation or a group of states.

Rules (``data/cues.tsv``, the hand cues, and ``data/cues_mined.tsv``, event triggers and evidence
words measured on the corpus train split by ``training/relations/mine_cues.py``), per relation cue in
a sentence, its *scope* running to the next cue:
- parties (:mod:`marsad.relations.parties`): states, organisations and groups of states (EU, UN, GCC,
  «دول الساحل» → Sahel states), «البلدين», «بلاده»; not a state a preposition of place or topic governs
  («في ليبيا», «بشأن اليمن»). A cue word inside a name («منظمة التعاون الإسلامي») is no cue;
- the partners are the parties attached to the cue: the first within eight words of it, then those
  that follow as a list, or after a focus or cause word; the first party is the state after «بين»,
  else the state named before the cue in the sentence (the subject), else the state a possessive on
  the cue refers to («شراكتها»), else — for a hand cue only — the article's main country (a speaker's
  «تنسيق مع موريتانيا» is his country's); two parties joined by «و» before the cue with none after
  it relate to each other («إيران والدول الست على وشك التوصل لاتفاق»);
- a grouping of states named as such («دول الساحل», «الدول المغاربية»; ``Canonical.members``) is one
  party, its own code, except that (1) members named after a focus word («خصوصا مع مالي …») replace
  the grouping, and (2) a negative relation with a grouping *caused* by a named member («… ضعيف بسبب
  دور الجزائر») or refused by one («… التي ترفض أي تنسيق») holds with that member only. A region named
  as a place («الشرق الأوسط») is no party; a relation holds with at least one state;
- polarity: the cue's (+1 cooperation, −1 refusal/tension/accusation), made −1 by a weak modifier
  («ضعيف»، «محدود») or a negation before it («لا يوجد»، «غياب»); strong modifiers («قوي جدا»، «مهم») keep
  +1; lifting sanctions («رفع العقوبات») is no hostility;
- domain: security / economy words in the clause, else diplomacy;
- one relation per unordered pair and sign; attributed to the quote whose content holds it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from marsad.article import Article
from marsad.article_index import ArticleIndex
from marsad.datafiles import read_tsv
from marsad.kb.refs import main_country, state_code
from marsad.layers import ACTOR_MENTIONS, QUOTES
from marsad.records import Entity, Evidence, Quote, Relation
from marsad.relations.parties import Party, find_parties
from marsad.text.fold import fold
from marsad.text.match import PhraseHit, PhraseMatcher

__all__ = ["RelationCue", "cue_rows", "extract_relations"]

_WEAK_WINDOW = 40
_NEG_WINDOW = 14
_MAIN_MIN = 3  # the article's main country stands in for an unnamed first party only when this salient


@dataclass(frozen=True, slots=True)
class _Cue:
    role: str
    type: str
    polarity: int


#: a relation cue entry (role, PLOVER type, polarity), for callers that build their own matcher
RelationCue = _Cue
_RELATING = ("rel", "refuse", "mined")  # cue roles that state a relation (the others modify one)
#: measured on the corpus train split (benchmarks/calibration.py): 51 % of the relations a quote
#: states are gold, 46 % of the others
_CONFIDENCE = {True: 0.55, False: 0.45}
_ATTACH_WORDS = 8
_POSSESSIVE = frozenset({"ه", "ها", "هم", "هما", "نا"})
_LIST_WORDS = 4
_WORDS = re.compile(r"[^\W_]+")


def _in_a_name(hit: PhraseHit[_Cue], entities: list[Entity]) -> bool:
    """«منظمة التعاون الإسلامي», «مجلس التعاون الخليجي»: a cue word inside a name is no cue."""
    return any(e.start <= hit.start and hit.end <= e.end for e in entities)


def cue_rows(name: str) -> list[tuple[str, str, _Cue]]:
    """(folded phrase, suffix class, cue) of a packaged cue file."""
    return [(r["phrase"], r["cls"], _Cue(r["role"], r.get("type", ""), int(r.get("polarity") or 0)))
            for r in read_tsv("marsad.relations", name)]  # fmt: skip


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher[_Cue]:
    """The hand cues, then the cues mined from the corpus (``data/cues_mined.tsv``); the hand entry
    wins where both name a phrase."""
    return PhraseMatcher(cue_rows("data/cues.tsv") + cue_rows("data/cues_mined.tsv"))


def extract_relations(article: Article, quotes: list[Quote] | None = None, idx: ArticleIndex | None = None,
                      matcher: PhraseMatcher[_Cue] | None = None) -> list[Relation]:  # fmt: skip
    """The relations the article states (cues, see the module doc). ``matcher``: another cue automaton
    (the cue miner's candidates), instead of the packaged one."""
    idx = idx or ArticleIndex.of(article)
    text = article.text
    quotes = list(article.layer(QUOTES)) if quotes is None else quotes
    mentions = sorted(idx.entities + list(article.layer(ACTOR_MENTIONS)), key=lambda e: e.start)
    parties = find_parties(idx.ft, mentions)
    main = main_country(idx.entities, idx.places)
    if main is not None and Counter(state_code(e) for e in idx.entities)[main] < _MAIN_MIN:
        main = None
    hits = (matcher or _matcher()).find(idx.ft)
    out: dict[tuple[str, str, int], Relation] = {}
    last_domain: tuple[int, str] | None = None  # (paragraph start, domain) of the last relation
    for i, hit in enumerate(hits):
        if hit.entry.role not in _RELATING or _in_a_name(hit, idx.entities):
            continue
        if (
            hit.entry.role in ("rel", "mined")
            and i > 0
            and hits[i - 1].entry.role == "refuse"
            and hit.start - hits[i - 1].end < 12
        ):
            continue  # «ترفض أي تنسيق»: the refusal codes it
        sent = idx.sentence_of(hit.start)
        s = idx.sentence(sent)
        nxt = next((h.token_start for h in hits[i + 1 :] if h.entry.role in _RELATING), s.end)
        scope_end = min(s.end, max(nxt, hit.end + 1))
        polarity = _polarity(hits, i, min(scope_end, hit.end + 90))
        fallback = main if hit.entry.role != "mined" else None  # a mined cue needs both parties named
        for a, b, pair_end in _pairs(text, hit, parties, s.start, scope_end, polarity, hits, fallback):
            if a == b or not (_STATE.fullmatch(a) or _STATE.fullmatch(b)):
                continue  # a relation holds between two states, or a state and an organisation
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
                                Evidence(start, ev_end), attributed, _CONFIDENCE[bool(attributed)])  # fmt: skip
    return list(out.values())


_STATE = re.compile(r"[A-Z]{3}")  # an ISO alpha-3 code: a state (an organisation has another id)

def _pairs(text: str, hit: PhraseHit[_Cue], parties: list[Party], s_start: int, scope_end: int, polarity: int,
           hits: list[PhraseHit[_Cue]], main: str | None) -> list[tuple[str, str, int]]:  # fmt: skip
    """(a, b, evidence end) for the cue ``hit`` whose scope runs to ``scope_end``."""
    links = [h.start for h in hits if h.entry.role in ("focus", "cause") and hit.end <= h.start < scope_end]
    after = _attached(text, hit.end, [p for p in parties if hit.end <= p.start < scope_end], links)
    if not after:
        return _coordinated_subject(text, hit, parties, s_start)
    if fold(text[after[0].start : after[0].end]) == "البلدين" and len(after[0].codes) == 2:
        return [(after[0].codes[0], after[0].codes[1], after[0].end)]
    if not after[0].grouping and not text[hit.end : after[0].start].strip():
        # a state right after the noun is its owner, not its partner (iḍāfa or adjective): «الأزمة
        # الليبية» is Libya's own crisis, «دعم مصر» Egypt's support, «العلاقات المصرية الأمريكية» Egypt's
        # relations with the United States
        first: Party | None = after[0]
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


def _attached(text: str, cue_end: int, after: list[Party], links: list[int]) -> list[Party]:
    """The parties after a cue that belong to its phrase: the first within ``_ATTACH_WORDS`` words of
    the cue, and those that follow it as a list («مع موريتانيا ومالي وبوركينافاسو», «بين مصر
    والولايات المتحدة»), each within ``_LIST_WORDS`` words of the one before, or after a focus or
    cause word that links them («… بسبب دور الجزائر», «خصوصا مع مالي»)."""
    out: list[Party] = []
    end = cue_end
    for p in after:
        gap = len(_WORDS.findall(text[end : p.start]))
        if gap > (_ATTACH_WORDS if not out else _LIST_WORDS) and not any(end <= x < p.start for x in links):
            break
        out.append(p)
        end = p.end
    return out


def _coordinated_subject(text: str, hit: PhraseHit[_Cue], parties: list[Party],
                         s_start: int) -> list[tuple[str, str, int]]:  # fmt: skip
    """«إيران والدول الست على وشك التوصل لاتفاق»: two parties joined by «و» as the subject of the cue
    relate to each other."""
    before = [p for p in parties if s_start <= p.start and p.end <= hit.token_start and not p.grouping]
    for x, y in itertools.pairwise(before):
        if text[x.end : y.start].strip() == "و" and _is_subject(text, y, hit.token_start):
            return [(x.codes[0], y.codes[0], y.end)]
    return []


def _first_party(text: str, hit: PhraseHit[_Cue], parties: list[Party], after: list[Party], s_start: int,
                 main: str | None) -> tuple[Party | None, list[Party]]:  # fmt: skip
    """The first party: the state after «بين», else the clause's subject, else the state a possessive
    on the cue refers to («شراكتها»), else the main country."""
    if "بين" in fold(text[hit.end : after[0].start]).split() and len(after) >= 2:
        return after[0], after[1:]
    before = [p for p in parties if s_start <= p.start and p.end <= hit.token_start]
    subject = [p for p in before if not p.grouping and _is_subject(text, p, hit.token_start)]
    if subject:
        return subject[-1], after
    owners = [p for p in before if not p.grouping and p.codes[0] != "@speaker"]
    if hit.suffix in _POSSESSIVE and owners:
        return owners[-1], after  # «وقالت تونس إن شراكتها مع الاتحاد الأوروبي …»: her partnership
    return (Party(-1, -1, (main,), False) if main else None), after


def _grouping_pairs(a: str, group: Party, codes: tuple[str, ...], others: list[Party], focus: list[PhraseHit[_Cue]],
                    cause: list[PhraseHit[_Cue]], scope_end: int) -> list[tuple[str, str, int]]:  # fmt: skip
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


def _is_subject(text: str, p: Party, cue_start: int) -> bool:
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


def _resolve_speaker(codes: tuple[str, ...], others: list[Party]) -> tuple[str, ...]:
    if not codes or codes[0] != "@speaker":
        return codes
    other = {c for p in others for c in p.codes}
    for c in codes[1:]:
        if c not in other:
            return (c,)
    return ()


def _polarity(hits: list[PhraseHit[_Cue]], i: int, mod_end: int) -> int:
    hit = hits[i]
    pol = hit.entry.polarity or 1
    for h in hits[max(0, i - 3) : i + 12]:
        if h.entry.role == "mod-" and hit.end <= h.start < max(mod_end, hit.end + _WEAK_WINDOW):
            return -1
        if h.entry.role == "neg" and 0 <= hit.token_start - h.end <= _NEG_WINDOW:
            return -1
    return pol


def _domain(hits: list[PhraseHit[_Cue]], start: int, end: int) -> str:
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
