"""Actor knowledge base: states, institutions, armed groups, groupings and media, linked in text.

Data: ``marsad/kb/data/actors.jsonl`` (format in ``data/README.md``), built by
``training/build_actors.py``; users add their own JSON-lines files with ``ActorKB.load(extra=…)``.

Matching (:meth:`ActorKB.find`) runs ONE Aho-Corasick pass over the folded text with every
name, acronym, capital (metonym) and demonym, with the proclitic and «لل» rules of
:mod:`marsad.kb._match` (spans exclude the clitic; for «لل…» the span starts at the second «ل»),
then a fuzzy pass (rapidfuzz on folded tokens) for long official names with words omitted or in
construct state («مديرية الأمن الوطني» → DGSN).

Scores: name 1.0, acronym 0.95, capital metonym 0.9 (``metonym=True``), demonym 0.7, fuzzy
0.5–0.9. ``via`` says which.

False friends:
* «مالي» is Mali or 'financial'. Names flagged ``context`` (all Mali names and demonyms) count
  only when preceded by «ب» or by one of في/مع/إلى/دولة/جمهورية/حكومة/رئيس/شمال/جنوب/وسط/شرق/غرب/
  حدود/عاصمة/سلطات/جيش/داخل, or when a Sahel actor (a neighbouring state, the Sahel region, a
  Sahel armed group, باماكو) is within 200 characters, and never after a finance word
  (وزارة, وزير, دعم, عجز, …).
* «القاعدة», «الساحل», «الخليج» alone are rejected when an adjective with «ال» follows
  («القاعدة العسكرية», «الساحل الشرقي»); «المغرب» is rejected after «صلاة»/«أذان»; «مسقط» before
  «رأس» («مسقط رأسه», birthplace).
* A capital that is also a common noun («سيول», torrents) stands for its state only when the state
  itself is named within 200 characters.
* A state name carrying tanween («مواطنًا أوكرانيًا») is the adjective: a demonym mention.
* «النيابة العامة», «البنك المركزي» without their state are the institution of the state the article
  names most (none when it names none, or when a qualifier follows: «البنك المركزي الأوروبي»).
* An outlet's title in guillemets is the outlet: «قال لـ«الشرق الأوسط»» names the newspaper
  (its KB names include «صحيفة الشرق الأوسط»), not the region.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.datafiles import word_sets
from marsad.kb._match import FuzzyNames, clitic_len, fuzzy_norm, tok_eq
from marsad.kb.actor_rows import TANWEEN, Actor, ActorMention, actor_from, outlet_titles, read_rows, word_false_friend
from marsad.text.fold import fold, fold_with_map, source_span
from marsad.text.match import NameHit, NameMatcher, WholeWords, strip_clitics, tokens
from marsad.text.words import word_after, word_before

__all__ = ["COMMON_METONYMS", "DATA_DIR", "SEATS_OF_POWER", "Actor", "ActorKB", "ActorMention", "read_rows"]

DATA_DIR = Path(__file__).resolve().parent / "data"
_VIA_SCORE = {"name": 1.0, "acronym": 0.95, "metonym": 0.9, "demonym": 0.7}
#: descriptor nouns before a group's name, not part of it when a short name follows (folded)
_DESCRIPTORS = frozenset(fold(w) for w in ("تنظيم", "جماعة"))
_NO_ADJ = frozenset(["القاعده", "الساحل", "الخليج"])
#: capitals whose name is also a common noun («سيول»: torrents, the weather news' word): they stand
#: for their state only with that state named within ``_CONTEXT_CHARS``
COMMON_METONYMS = frozenset(["سيول"])
_CONTEXT_CHARS = 200
#: institutions named without their state («النيابة العامة», «البنك المركزي»): the generated
#: ``<ISO>_<suffix>`` actor of the state the article names most, when it names one and no qualifier
#: follows («البنك المركزي الأوروبي» is not a state's)
_BARE_INSTITUTIONS = {fold(k): v for k, v in {
    "النيابة العامة": "JUD", "البنك المركزي": "CB", "المصرف المركزي": "CB",
    "الحرس الجمهوري": "MIL", "الشرطة الاتحادية": "POL", "قوات الطوارئ": "POL"}.items()}  # fmt: skip
#: metonyms that are a seat of power, not a city: the institution (ORG), linked to its state
SEATS_OF_POWER = ("البيت الابيض", "الكرملين", "الاليزيه", "قصر الاليزيه")
#: a short title in guillemets, without the spaces inside them
_GUILLEMETS = re.compile(r"«\s*([^«»\n]{2,60}?)\s*»")
#: a word before «مالي» that makes it the country, and one that makes it «financial»
_MALI_PREV = frozenset(word_sets("marsad.kb", "data/words.tsv")["mali_before"])
_FINANCE = frozenset(word_sets("marsad.kb", "data/words.tsv")["finance_before"])
#: actors whose presence in an article makes «مالي» the country (the Sahel's states, groups and forces)
_SAHEL_CONTEXT = frozenset({"DZA", "NER", "BFA", "MRT", "TCD", "SEN", "GIN", "CIV", "SAHEL", "AES", "G5_SAHEL",
                            "WEST_AFRICA", "LIPTAKO_GOURMA", "JNIM", "ISGS", "AQIM", "AZAWAD", "MACINA",
                            "ANSAR_DINE", "MOURABITOUN", "RUS_AFRICA_CORPS", "FRA_BARKHANE", "MINUSMA", "ECOWAS",
                            "MUJAO"})  # fmt: skip
_MIN_FUZZY_TOKENS = 3
_WORDS = re.compile(r"\w+")


def _as_demonym(m: ActorMention) -> ActorMention:
    return ActorMention(m.start, m.end, m.actor, _VIA_SCORE["demonym"], False, "demonym")


class ActorKB:
    """Actors by id and by name, with one-pass linking in raw article text."""

    def __init__(self, rows: Sequence[dict[str, Any]]) -> None:
        self._actors: dict[str, Actor] = {}
        self._keys: dict[str, list[tuple[str, str]]] = {}
        self._context: set[tuple[str, str]] = set()
        acronyms: set[str] = set()
        for row in rows:
            actor, acr, ctx = actor_from(row)
            self._actors[actor.id] = actor
            acronyms.update(acr)
            self._context.update((k, actor.id) for k in ctx)
        for a in self._actors.values():
            for via, names in (("name", a.names), ("metonym", a.metonyms),
                               ("demonym", a.demonyms)):  # fmt: skip
                for n in names:
                    v = "acronym" if n in acronyms and via == "name" else via
                    self._keys.setdefault(n, []).append((a.id, v))
        self._matcher = NameMatcher(self._keys, acronyms)
        self._titles = outlet_titles(self._actors.values())
        self._bare = NameMatcher(_BARE_INSTITUTIONS)
        self._fuzzy: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for a in self._actors.values():
            if a.kind in ("state", "region", "person"):
                continue  # a person's name with a word left out is another person («عبد المجيد …»)
            for n in a.names:
                if (n, a.id) in self._context:
                    continue
                toks = tuple(fuzzy_norm(t) for t in n.split())
                if len(toks) >= _MIN_FUZZY_TOKENS:
                    self._fuzzy.setdefault(toks[0], []).append((a.id, toks))
        self._link_names = FuzzyNames(self._keys)
        self._fuzzy_next = {
            h: frozenset(t for _, toks in c for t in toks[1:]) for h, c in self._fuzzy.items()
        }
        # surface forms of fuzzy heads (with article and clitics): a cheap pre-filter
        self._head_forms = WholeWords(
            p + h
            for h in self._fuzzy
            for p in ("", "ال", "و", "ف", "ب", "ل", "وال", "فال", "بال", "كال", "لل", "ولل",
                      "فلل", "وبال", "ول", "وب", "فب")
        )  # fmt: skip

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> ActorKB:
        """The packaged actors plus ``extra`` JSON-lines files (same id replaces); cached."""
        return _load(tuple(Path(p) for p in extra))

    # -- lookup ----------------------------------------------------------------------------
    def get(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def by_code(self, code: str) -> Actor | None:
        """An actor from an id or a code written as a name («Boko Haram», «Houthis», «isil»)."""
        if code in self._actors:
            return self._actors[code]
        up = "_".join(code.upper().replace("-", " ").split())
        if up in self._actors:
            return self._actors[up]
        low = " ".join(code.lower().split())
        for a in self._actors.values():
            if low == a.name_en.lower() or (low in a.names and a.kind != "state"):
                return a
        cands = self._keys.get(low) or self._keys.get(code)
        return self._actors[cands[0][0]] if cands else None

    def state(self, code: str) -> Actor | None:
        a = self._actors.get(code.upper())
        return a if a is not None and a.kind == "state" else None

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    # -- linking ---------------------------------------------------------------------------
    def find(self, text: str) -> list[ActorMention]:
        """All actor mentions in ``text`` (offsets into ``text``), longest match first.

        A state name written with tanween («أوكرانيًا») is the demonym adjective, not the state:
        it is kept as a demonym mention."""
        folded, index = fold_with_map(text)
        out = self.find_folded(folded, index)
        out = [_as_demonym(m) if m.via in ("name", "metonym") and m.actor.kind == "state"
               and not TANWEEN.isdisjoint(text[m.start : m.end]) else m for m in out]
        return self._quoted_titles(text, out)

    def _quoted_titles(self, text: str, found: list[ActorMention]) -> list[ActorMention]:
        """An outlet's title in guillemets is the outlet («قال لـ«الشرق الأوسط»»: the newspaper, not
        the region); it replaces what was found inside the quotes."""
        titles: list[ActorMention] = []
        for q in _GUILLEMETS.finditer(text):
            aid = self._titles.get(" ".join(fold(q.group(1)).split()))
            if aid is not None:
                titles.append(ActorMention(q.start(1), q.end(1), self._actors[aid], _VIA_SCORE["name"], False))
        if not titles:
            return found
        kept = [m for m in found if not any(t.start < m.end and m.start < t.end for t in titles)]
        return sorted(kept + titles, key=lambda m: m.start)

    def find_folded(self, folded: str, index: list[int]) -> list[ActorMention]:
        """:meth:`find` on an already folded text (``fold_with_map`` output), to share it."""
        hits = self._matcher.find(folded)
        plain = [h for h in hits if not self._needs_context(h)]
        countries = Counter(
            self._actors[aid].country for h in plain for aid, _ in self._keys[h.key][:1]
        )
        out: list[tuple[int, int, ActorMention]] = []
        for h in hits:
            if not self._guard_ok(folded, h):
                continue
            if self._needs_context(h) and not self._context_ok(folded, h, plain):
                continue
            aid, via = self._pick(self._keys[h.key], countries)
            if via == "metonym" and h.key in COMMON_METONYMS and not self._named_near(h, aid, plain):
                continue
            s, e = source_span(index, self._name_start(folded, h, aid), h.end)
            m = ActorMention(s, e, self._actors[aid], _VIA_SCORE[via], via == "metonym", via)
            out.append((h.start, h.end, m))
        out += self._fuzzy_pass(folded, index, [(a, b) for a, b, _ in out], countries)
        out += self._bare_institutions(folded, index, [(a, b) for a, b, _ in out], countries)
        out.sort(key=lambda t: t[0])
        return [m for _, _, m in out]

    def link(self, surface: str) -> ActorMention | None:
        """Best actor for one mention string (exact, clitic-stripped, then fuzzy), or None."""
        f = " ".join(fold(surface).split())
        if not f:
            return None
        words = f.split(" ")
        for first in strip_clitics(words[0]):
            key = " ".join([first, *words[1:]])
            for k in (key, key.lower()):
                if k in self._keys:
                    aid, via = self._pick(self._keys[k], Counter())
                    return ActorMention(0, len(surface), self._actors[aid], _VIA_SCORE[via],
                                        via == "metonym", via)  # fmt: skip
        found = self.find(surface)
        if found:
            best = max(found, key=lambda m: (m.end - m.start, m.score))
            if (best.end - best.start) >= 0.6 * len(surface.strip()):
                return ActorMention(0, len(surface), best.actor, best.score, best.metonym,
                                    best.via)  # fmt: skip
        res = self._link_names.best(f, 88)
        if res is None:
            return None
        aid, via = self._pick(self._keys[res[0]], Counter())
        return ActorMention(0, len(surface), self._actors[aid], 0.8 * res[1] / 100,
                            via == "metonym", "fuzzy")  # fmt: skip

    # -- internals -------------------------------------------------------------------------
    def _pick(
        self, cands: list[tuple[str, str]], countries: Counter[str | None]
    ) -> tuple[str, str]:
        if len(cands) == 1 or not countries:
            return cands[0]
        return max(cands, key=lambda c: countries.get(self._actors[c[0]].country, 0))

    def _name_start(self, folded: str, h: NameHit, aid: str) -> int:
        """Where the name starts: after a descriptor noun («تنظيم داعش» → «داعش», «جماعة بوكو
        حرام» → «بوكو حرام») when what follows it is itself a short name (one or two words) of the
        same actor; long official names keep it («تنظيم القاعدة في بلاد المغرب الإسلامي»)."""
        word, _, rest = h.key.partition(" ")
        if word not in _DESCRIPTORS or not rest or rest.count(" ") > 1:
            return h.start
        if all(a != aid for a, _ in self._keys.get(rest, ())):
            return h.start
        at = folded.find(rest.split(" ")[0], h.start + len(word), h.end)
        return at if at > h.start else h.start

    def _bare_institutions(
        self, folded: str, index: list[int], taken: list[tuple[int, int]], countries: Counter[str | None],
    ) -> list[tuple[int, int, ActorMention]]:  # fmt: skip
        """«النيابة العامة», «البنك المركزي» alone: the institution of the state the article names most."""
        named = [(n, c) for c, n in countries.items() if c is not None]
        if not named:
            return []
        state = max(named)[1]
        out: list[tuple[int, int, ActorMention]] = []
        for h in self._bare.find(folded):
            actor = self._actors.get(f"{state}_{_BARE_INSTITUTIONS[h.key]}")
            if (actor is None or any(a < h.end and h.start < b for a, b in taken)
                    or word_after(folded, h.end).startswith("ال")):
                continue
            s, e = source_span(index, h.start, h.end)
            out.append((h.start, h.end, ActorMention(s, e, actor, 0.8, False, "name")))
        return out

    def _named_near(self, h: NameHit, aid: str, plain: list[NameHit]) -> bool:
        """Whether ``aid`` is named (not by metonymy) within ``_CONTEXT_CHARS`` of ``h``."""
        return any(
            p is not h and abs(p.start - h.start) <= _CONTEXT_CHARS
            and any(a == aid and v != "metonym" for a, v in self._keys[p.key])
            for p in plain
        )  # fmt: skip

    def _needs_context(self, h: NameHit) -> bool:
        return any((h.key, aid) in self._context for aid, _ in self._keys[h.key])

    @staticmethod
    def _guard_ok(folded: str, h: NameHit) -> bool:
        if h.key in _NO_ADJ and word_after(folded, h.end).startswith("ال"):
            return False
        if word_false_friend("", h.key, folded, h.end):
            return False
        return not (
            h.key == "المغرب" and not h.clitic and word_before(folded, h.start) in ("صلاه", "اذان")
        )

    def _context_ok(self, folded: str, h: NameHit, plain: list[NameHit]) -> bool:
        prev = word_before(folded, h.start) if not h.clitic else ""
        if prev in _FINANCE or word_after(folded, h.end) in ("قدره", "قيمته"):
            return False
        if h.clitic.endswith("ب") or prev in _MALI_PREV:
            return True
        for p in plain:
            if abs(p.start - h.start) <= 200 and any(
                aid in _SAHEL_CONTEXT or aid.split("_")[0] in _SAHEL_CONTEXT or aid == "MLI"
                for aid, _ in self._keys[p.key][:1]
            ):
                return True
        return False

    def _fuzzy_pass(
        self, folded: str, index: list[int], taken: list[tuple[int, int]],
        countries: Counter[str | None],
    ) -> list[tuple[int, int, ActorMention]]:  # fmt: skip
        """Long official names with words omitted: windows starting at a known head word."""
        covered = bytearray(len(folded) + 1)
        for a, b in taken:
            covered[a:b] = b"\x01" * (b - a)
        out: list[tuple[int, int, ActorMention]] = []
        done = 0
        for start, end, tok in self._head_forms.find(folded):
            if start < done or covered[start]:
                continue
            head = fuzzy_norm(tok)
            cands = self._fuzzy.get(head)
            nxt = _WORDS.search(folded, end)
            if (
                not cands
                or nxt is None
                or not folded[end : nxt.start()].isspace()
                or fuzzy_norm(nxt.group()) not in self._fuzzy_next[head]
            ):
                continue
            toks = [(a + start, b + start, t) for a, b, t in tokens(folded[start : start + 160])]
            best = self._best_window(toks, cands, covered, countries)
            if best is None:
                continue
            cov, last, aid = best
            s, e = source_span(index, toks[0][0] + clitic_len(tok), toks[last][1])
            m = ActorMention(s, e, self._actors[aid], round(0.5 + 0.4 * cov, 3), False, "fuzzy")
            out.append((toks[0][0], toks[last][1], m))
            done = toks[last][1]
        return out

    def _best_window(
        self, toks: list[tuple[int, int, str]], cands: list[tuple[str, tuple[str, ...]]],
        covered: bytearray, countries: Counter[str | None],
    ) -> tuple[float, int, str] | None:  # fmt: skip
        best: tuple[float, int, str] | None = None
        # the window's words up to the first break (punctuation or a word already taken)
        norms = [""]
        while len(norms) < len(toks) and toks[len(norms)][2] and not covered[toks[len(norms)][0]]:
            norms.append(fuzzy_norm(toks[len(norms)][2]))
        for aid, name in cands:
            p, matched, last = 1, 1, 0
            for j in range(1, min(len(norms), len(name) + 1)):
                nt = norms[j]
                q = next((q for q in range(p, len(name)) if tok_eq(nt, name[q])), None)
                if q is None:
                    break
                p, matched, last = q + 1, matched + 1, j
            cov = matched / len(name)
            if matched < _MIN_FUZZY_TOKENS or cov < 0.6:
                continue
            if (
                best is None
                or (cov, last) > best[:2]
                or (
                    (cov, last) == best[:2]
                    and countries.get(self._actors[aid].country, 0)
                    > countries.get(self._actors[best[2]].country, 0)
                )
            ):
                best = (cov, last, aid)
        return best


@lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> ActorKB:
    rows = {r["id"]: r for r in read_rows(DATA_DIR / "actors.jsonl")}
    for p in extra:
        rows.update({r["id"]: r for r in read_rows(p)})
    return ActorKB(list(rows.values()))
