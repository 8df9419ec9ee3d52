"""Trigger hits → event mentions: context filters (sport, disaster, abstract objects, court),
mode choice from the object and the sentence (arrest vs seize, weapon words), weak-trigger support,
and grouping of the mentions of one sentence into one mention per (type, mode)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.article_index import ArticleIndex
from marsad.datafiles import word_sets
from marsad.events.lexicon import ACLED, Trigger, trigger_matcher, triggers
from marsad.records import Acled

__all__ = ["Mention", "context_blocks", "detect_mentions", "is_headline", "trigger_distance"]

#: ASSAULT modes that name a distinct happening (kept apart from the killing in the same sentence).
_DISTINCT_ASSAULT = frozenset({"abduct", "destroy", "torture", "sexual"})
#: Context family → (mode, ACLED code), in priority order, for an ASSAULT without its own mode.
_WEAPON_MODES = (
    ("suicide", "suicide-attack", "SUI"),
    ("aerial", "aerial", "AIR"),
    ("explosives", "explosives", "IED"),
    ("artillery", "heavy-weapons", "SHL"),
    ("firearms", "firearms", None),
)
_MODE_RANK = {"suicide-attack": 6, "aerial": 5, "drone": 5, "explosives": 4, "heavy-weapons": 3, "firearms": 2,
              "targeted": 1}  # fmt: skip
_VIOLENCE = ("explosives", "suicide", "aerial", "artillery", "firearms")
#: what a find («عثر على») must name to be a seizure: cue families of data/context.tsv
_GOODS = ("goods", "drugs", "explosives", "firearms")
#: a word with the preposition «ب» glued on (what a demand asks for: «طالب … بمغادرة»)
_BI_WORD = re.compile(r"(?<![\w\u0610-\u065F])(?:و|ف)?ب[\u0621-\u064A]{2,}")
#: «مع» as a word: the partner of a conversation (the ``with`` trigger flag)
_WITH = re.compile(r"(?<![\w\u0610-\u065F])مع(?![\w\u0610-\u065F])")


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention: its trigger span(s), sentence, and what it codes."""

    start: int
    end: int
    sent: int
    type: str
    mode: str | None
    acled: Acled | None
    weak: bool
    kill: bool
    territory: bool
    strength: float
    definite: bool = False  # «الهجوم»، «هذا الهجوم»: may refer back to an event already reported
    headline: bool = False  # a title or summary line, restated by the body
    indefinite: bool = False  # an event noun without article («هجوم»، «تفجيرات»): a happening newly told
    phrase: str = ""  # the lexicon entry that found it (empty for the learned model's mentions)


def detect_mentions(idx: ArticleIndex) -> list[Mention]:
    """All event mentions of the article after context filtering, one per sentence and (type, mode)."""
    sport_article = idx.family_counts.get("sport", 0) >= 3
    disaster_article = idx.family_counts.get("disaster", 0) >= 2
    raw: list[Mention] = []
    for hit in trigger_matcher().find(idx.ft):
        trig: Trigger = hit.entry
        if "skip" in trig.flags:
            continue
        sent = idx.sentence_of(hit.start)
        m = _classify(
            idx,
            trig,
            hit.token_start,
            hit.end,
            sent,
            sport_article,
            disaster_article,
            hit.suffix.endswith(("ه", "ها", "هم", "هما", "هن")),
        )
        if m is None or _generic(idx, trig, hit.token_start):
            continue
        definite = "ال" in hit.prefix or _demonstrative_before(idx, hit.token_start)
        indefinite = not definite and "kill" not in trig.flags and _is_noun(trig.phrase)
        raw.append(dataclasses.replace(m, definite=definite, indefinite=indefinite, headline=is_headline(idx, sent)))
    by_sent: dict[int, list[Mention]] = {}
    for m in raw:
        by_sent.setdefault(m.sent, []).append(m)
    out: list[Mention] = []
    for sent, ms in sorted(by_sent.items()):
        violent = any(idx.has(sent, f) for f in _VIOLENCE)
        strong_types = {m.type for m in ms if not m.weak}
        strong_modes = {(m.type, m.mode) for m in ms if not m.weak}
        kept = [m for m in ms if not m.weak or _supported(m, strong_types, strong_modes, violent)]
        out.extend(_group(idx, sent, kept))
    return out


def _partner_follows(idx: ArticleIndex, sent: int, end: int) -> bool:
    """«مع» after the trigger in its sentence: «تحدث X … مع Y» is a consultation, «تحدث مصدر عن …» speech."""
    stop = min(idx.sentences[sent].end, end + 120)
    return _WITH.search(idx.article.text, end, stop) is not None


def _classify(idx: ArticleIndex, trig: Trigger, start: int, end: int, sent: int,
              sport_article: bool, disaster_article: bool, pronoun: bool = False) -> Mention | None:  # fmt: skip
    flags = trig.flags
    typ, mode, acled = trig.type, trig.mode, trig.acled
    if ("sport" in flags and (sport_article or idx.has(sent, "sport"))) or (
        "suspend" in flags and idx.has(sent, "sport") and not idx.has(sent, "person", lo=end, hi=end + 40)
    ):
        return None  # a match, or a player's ban («توقيف لاعب»), not an arrest
    if "kill" in flags and (idx.has(sent, "disaster") or (disaster_article and not _violent(idx, sent))):
        return None
    if typ == "ASSAULT" and idx.has(sent, "disaster") and not _violent(idx, sent):
        return None
    if (
        ("abstract" in flags and idx.has(sent, "abstract", lo=end, hi=end + 14))
        or ("with" in flags and not _partner_follows(idx, sent, end))
        or ("goods" in flags and not any(idx.has(sent, f, lo=end, hi=end + 40) for f in _GOODS))
        or ("bi" in flags and _BI_WORD.search(idx.article.text, end, min(idx.sentences[sent].end, end + 120)) is None)
    ):
        return None
    if "court" in flags:
        if idx.has(sent, "court"):
            typ, mode, acled = "SANCTION", "convict", None
        elif typ == "SANCTION":
            return None
    if "objmode" in flags:
        # the object follows the verb; «الخلية التي تم ضبطها» points back to it with a pronoun
        near = (
            idx.has(sent, "person", lo=max(0, start - 40), hi=start)
            if pronoun
            else idx.has(sent, "person", lo=end, hi=end + 30)
        )
        mode, acled = ("arrest", ACLED["ARR"]) if near else ("seize", ACLED["DWU"])
    if "protest" in flags and idx.has(sent, "protest"):
        typ, mode, acled = "PROTEST", "riot", ACLED["RIO"]
    strength = 0.45 if "weak" in flags else 0.75
    if len(trig.phrase) >= 8 or " " in trig.phrase:
        strength += 0.1
    return Mention(start, end, sent, typ, mode, acled, "weak" in flags, "kill" in flags,
                   "territory" in flags, strength, phrase=trig.phrase)  # fmt: skip


def context_blocks(idx: ArticleIndex, sent: int, typ: str) -> bool:
    """True where the context rules a type out whatever the words: an attack in a sentence about a
    natural disaster that names no weapon, violence or arrests in sport."""
    if typ == "ASSAULT" and idx.has(sent, "disaster") and not _violent(idx, sent):
        return True
    sport = idx.family_counts.get("sport", 0) >= 3 or idx.has(sent, "sport")
    return typ in ("ASSAULT", "COERCE") and sport


def _supported(m: Mention, types: set[str], modes: set[tuple[str, str | None]], violent: bool) -> bool:
    """A weak trigger counts when a strong one of its type (and distinct mode) or a weapon word is near."""
    if m.mode in _DISTINCT_ASSAULT or (m.type != "ASSAULT" and m.mode is not None):
        return (m.type, m.mode) in modes
    return m.type in types or (m.type == "ASSAULT" and violent)


#: Words before an event noun that make it no happening: «أي هجوم» (any attack), «كل اعتداء».
_GENERIC_BEFORE = frozenset({"أي", "اي", "لأي", "لاي", "بأي", "باي", "كل", "لكل", "بكل"})
#: A state of control, not a takeover: «تحت سيطرة», «خارج سيطرة الدولة».
_STATE_BEFORE = frozenset({"تحت", "خارج", "بخارج"})
#: People who flee: their flight is displacement, not an armed party's withdrawal (words as written).
_FLEEING_PEOPLE = frozenset(word_sets("marsad.events", "data/surface_words.tsv")["fleeing_people"])


def _generic(idx: ArticleIndex, trig: Trigger, token_start: int) -> bool:
    """True when the trigger names no happening: «أي هجوم تتعرض له», «مناطق خارج سيطرة الدولة», and
    civilians' flight («معظم الناس فروا»: displacement, not a RETREAT of an armed party)."""
    words = idx.article.text[max(0, token_start - 24) : token_start].split()[-2:]
    if not words:
        return False
    last = words[-1]
    if trig.type == "ASSAULT" and "territory" in trig.flags:
        return last in _STATE_BEFORE
    if trig.type == "RETREAT" and trig.mode == "withdraw":
        return any(w in _FLEEING_PEOPLE for w in words)
    return last in _GENERIC_BEFORE and _is_noun(trig.phrase)


def _is_noun(phrase: str) -> bool:
    """A trigger entered as a noun (suffix class ``n``) or a plural noun («هجمات», «تفجيرات»)."""
    return phrase in _noun_phrases()


@lru_cache(maxsize=1)
def _noun_phrases() -> frozenset[str]:
    return frozenset(p for p, cls, _t in triggers() if ("n" in cls and "v" not in cls) or p.endswith("ات"))


def _demonstrative_before(idx: ArticleIndex, start: int) -> bool:
    words = idx.article.text[max(0, start - 8) : start].split()
    return bool(words) and words[-1] in ("هذا", "هذه", "ذلك", "تلك")


def is_headline(idx: ArticleIndex, sent: int) -> bool:
    s = idx.sentence(sent)
    text = idx.article.text[s.start : s.end].strip()
    if text.startswith(("سمات", "كلمات", "الكلمات الدالة", "وسوم")):
        return True
    short = len(text.split()) <= 14 and text[-1:] not in ".!؟?»"
    return short and (sent == 0 or text.startswith(("*", "•", "-")))


def _violent(idx: ArticleIndex, sent: int) -> bool:
    return any(idx.has(sent, f) for f in _VIOLENCE)


def _group(idx: ArticleIndex, sent: int, ms: list[Mention]) -> list[Mention]:
    """One mention per (type, mode) in a sentence; null-mode mentions join the first of their type."""
    out: list[Mention] = []
    for mention in ms:
        m = _refine_assault(idx, sent, mention) if mention.type == "ASSAULT" else mention
        same = [o for o in out if o.type == m.type and _compatible(o, m)]
        if not same:
            out.append(m)
            continue
        o = same[0]
        merged = dataclasses.replace(
            o,
            end=max(o.end, m.end) if m.start - o.end < 60 else o.end,
            mode=_better_mode(o.mode, m.mode),
            acled=o.acled
            if _MODE_RANK.get(o.mode or "", 0) >= _MODE_RANK.get(m.mode or "", 0) and o.acled
            else m.acled,
            weak=o.weak and m.weak,
            kill=o.kill or m.kill,
            definite=o.definite or m.definite,
            indefinite=o.indefinite or m.indefinite,
            territory=o.territory or m.territory,
            strength=max(o.strength, m.strength) + 0.05,
        )
        out[out.index(o)] = merged
    # a sentence that tells of a new happening («في هجوم») is no reference back, even beside «الهجوم»
    return [dataclasses.replace(m, definite=False) if m.definite and m.indefinite else m for m in out]


def _compatible(a: Mention, b: Mention) -> bool:
    if a.type != "ASSAULT":
        return a.mode == b.mode or a.mode is None or b.mode is None
    if a.mode in _DISTINCT_ASSAULT or b.mode in _DISTINCT_ASSAULT:
        return a.mode == b.mode
    return True


def _better_mode(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _MODE_RANK.get(a, 0) >= _MODE_RANK.get(b, 0) else b


def _refine_assault(idx: ArticleIndex, sent: int, m: Mention) -> Mention:
    """An ASSAULT without a specific weapon mode takes it from the sentence's weapon words."""
    if m.mode in _DISTINCT_ASSAULT or m.mode in ("suicide-attack", "aerial", "drone"):
        return m
    for family, mode, code in _WEAPON_MODES:
        if idx.has(sent, family) and _MODE_RANK.get(mode, 0) > _MODE_RANK.get(m.mode or "", 0):
            acled = ACLED[code] if code else (m.acled or ACLED["CLA"])
            return dataclasses.replace(m, mode=mode, acled=acled)
    return m


def trigger_distance(a: int, b: int, start: int, end: int) -> int:
    """Characters between a span ``[a, b)`` and a trigger ``[start, end)`` (0 when they overlap); what
    follows the trigger is preferred at equal distance."""
    if b <= start:
        return start - b + 5
    if a >= end:
        return a - end
    return 0
