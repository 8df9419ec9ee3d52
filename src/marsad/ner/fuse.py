"""The NER stage: the trained model finds the names the knowledge base does not know.

``ner.model.v1`` runs after ``ner.kb.v1``. A known actor keeps its canonical link (the KB entity
wins any overlap); the model's spans that overlap no KB entity are added:

- the model tags surface tokens, so a span may start with a proclitic («وموريتانيا»). The clitic is
  left out when the rest starts with «ال», or when the rest stands alone elsewhere in the article
  (so «وجدة» = Oujda stays whole unless «جدة» also occurs on its own);
- a leading administrative noun is left out of a LOC span («ولاية البنجاب» → «البنجاب»), and a span
  that is nothing but such nouns («بولاية», «الولايات») is dropped;
- ANERcorp's LOC is split into marsad's labels (annotation guide: GPE is a country, city or region
  with a government; LOC any other place): a facility noun at the start (مطار، ميناء، سجن، متحف، معسكر…) →
  FAC; a name the geocoder resolves to a populated place, an admin area or a country → GPE; a
  region it resolves, or a name that reads as geography (a landform noun «جبل»، «مضيق»، a compass
  word «الشمالية»، «شمال»، or a continent or macro-region «الساحل»، «آسيا») → LOC; any other
  name → GPE, because a place name in the news that no gazetteer knows is, far more often than
  not, a town or a province («حضرموت», «كويتا»). MISC spans are not entities in marsad's scheme
  and are dropped;
- the canonical link of a model entity is the KB actor its text links to (exact or fuzzy), or for
  a GPE the geocoded place (kind ``place``, id ``geonames:N``), else none;
- a span that is only a Gregorian month name («نيسان», April; «تموز», July) is a date, not a name;
  a place span with tanween («أوكرانيًا», Ukrainian) is an adjective.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from marsad.article import Article
from marsad.config import Settings
from marsad.datafiles import word_sets
from marsad.kb.actor_rows import TANWEEN
from marsad.knowledge import Knowledge
from marsad.layers import ENTITIES, SENTENCES, TOKENS
from marsad.ner.consistency import propagate
from marsad.records import Canonical, Entity
from marsad.stages import StageFn, StageSpec
from marsad.text.fold import fold
from marsad.text.tokens import Token, split_clitics
from marsad.time.lexicon import GREGORIAN_MONTHS

__all__ = ["NER_MODEL", "decode_bio", "fuse_entities", "split_loc"]

Link = Callable[[str], Any]
Resolve = Callable[[str, tuple[str, ...]], Any]

#: nouns that open a facility name (airports, prisons, crossings, roads, halls …), folded
_FACILITY_HEADS = frozenset(word_sets("marsad.ner", "data/words.tsv")["facility_head"])
_FACILITY_BARE = frozenset(w.removeprefix("ال") for w in _FACILITY_HEADS)
#: a facility noun that the word before it makes an idiom: «عن طريق» (by way of)
_FACILITY_IDIOMS = frozenset({(fold("عن"), fold("طريق"))})
_GPE_PRECISIONS = frozenset({"town", "admin2", "admin1", "country"})
_ONE_LETTER_CLITICS = frozenset("وفبل")
#: an organisation opening with one of these nouns stands for the state it names («حكومة مدريد»)
_GOVERNMENT_HEADS = frozenset(word_sets("marsad.ner", "data/words.tsv")["government_head"])
#: words that begin a name and never begin with «و»/«ف» themselves
_NAME_PARTICLES = frozenset(fold(w) for w in ("عبد", "أبو", "أبي", "أم", "ابن", "بن", "بنت", "آل"))
#: nouns naming an administrative unit, not a place: left out at the start of a span
_ADMIN_NOUNS = frozenset(word_sets("marsad.ner", "data/words.tsv")["admin_noun"])
#: first words of a geographic (not political) place: landforms and waters
_LANDFORMS = frozenset(word_sets("marsad.ner", "data/words.tsv")["landform"])
#: compass words: «شمال إفريقيا», «أمريكا الشمالية», «الشرق الأوسط» are regions
_COMPASS = frozenset(word_sets("marsad.ner", "data/words.tsv")["compass"])
#: continents and macro-regions (one word, folded, without «ال»)
_MACRO_REGIONS = frozenset(word_sets("marsad.ner", "data/words.tsv")["macro_region"])
_WORD = re.compile(r"\w+")


def decode_bio(tokens: Sequence[Token], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans from BIO tags over ``tokens`` (a stray I- opens a span)."""
    spans: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for tok, tag in zip(tokens, tags, strict=True):
        kind, _, label = tag.partition("-")
        if kind == "I" and cur is not None and cur[2] == label:
            cur[1] = tok.end
            continue
        if cur is not None:
            spans.append((cur[0], cur[1], cur[2]))
            cur = None
        if kind in ("B", "I") and label:
            cur = [tok.start, tok.end, label]
    if cur is not None:
        spans.append((cur[0], cur[1], cur[2]))
    return spans


def _strip_clitic(text: str, start: int, end: int, standalone: frozenset[str]) -> int:
    """The span start without a leading proclitic that is not part of the name."""
    first = _WORD.match(text, start)
    if first is None:
        return start
    norm = fold(first.group())
    if norm[:1] in ("و", "ف") and norm[1:] in _NAME_PARTICLES:  # «وعبد الرحمن»: too short for split_clitics
        return _after_letters(text, start, 1)
    pre, stem, suf = split_clitics(norm)
    rest = stem + suf
    if not pre or not (rest.startswith("ال") or rest in standalone or (pre.endswith("ل") and rest.startswith("ل"))):
        return start
    return _after_letters(text, start, len(pre))


def _after_letters(text: str, start: int, n: int) -> int:
    """The offset after the first ``n`` folded letters from ``start`` (marks skipped)."""
    letters = 0
    i = start
    while letters < n and i < len(text):
        letters += len(fold(text[i]))
        i += 1
    return i


_PREV_WORD = re.compile(r"(?:(\w+)\s+)?(\w+)\s+$")


def _facility_noun(word: str) -> int | None:
    """How many proclitic letters stand before a facility noun that is ``word`` (folded), else None:
    «مطار» 0, «بسجن» 1 (a one-letter clitic before a three-letter noun, which :func:`split_clitics`
    keeps whole), «وبالميناء» 2."""
    pre, stem, _suf = split_clitics(word)
    if stem.removeprefix("ال") in _FACILITY_BARE:
        return len(pre)
    if word[:1] in _ONE_LETTER_CLITICS and word[1:].removeprefix("ال") in _FACILITY_BARE:
        return 1
    return None


def _facility_head(text: str, start: int) -> int | None:
    """The start of a facility noun right before ``start`` («مطار», «بسجن» …), else None."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    if m is None:
        return None
    word = fold(m.group(2))
    n = _facility_noun(word)
    if n is None or (m.group(1) is not None and (fold(m.group(1)), word[n:]) in _FACILITY_IDIOMS):
        return None
    return _after_letters(text, m.start(2), n)


def split_loc(surface: str, place: Any) -> str:
    """marsad's label for a model LOC span: FAC, GPE or LOC."""
    words = fold(surface).split()
    if words and _facility_noun(words[0]) is not None:
        return "FAC"
    if place is not None and place.precision in _GPE_PRECISIONS:
        return "GPE"
    if (place is not None and place.precision == "region") or _reads_as_geography(words):
        return "LOC"
    return "GPE"


def _reads_as_geography(words: Sequence[str]) -> bool:
    """A landform noun first, a compass word anywhere, or a lone continent or macro-region."""
    if not words:
        return False
    bare = [w.removeprefix("ال") for w in words]
    if len(words) == 1 and words[0][:1] in _ONE_LETTER_CLITICS and words[0][1:].removeprefix("ال") in _MACRO_REGIONS:
        return True  # «وأوروبا», «فإفريقيا»: the model's span keeps a clitic the fusion could not tell from the name
    return (bare[0] in _LANDFORMS or any(w in _COMPASS for w in words) or " ".join(words) in _COMPASS
            or (len(words) == 1 and bare[0] in _MACRO_REGIONS))  # fmt: skip


def _admin_head(text: str, start: int, end: int) -> int:
    """Where a LOC span starts once its leading administrative nouns are left out («ولاية البنجاب»
    → «البنجاب»); ``end`` when nothing else is left (the span is no name), else ``start``."""
    pos = start
    for m in _WORD.finditer(text, start, end):
        word = fold(m.group())
        _pre, stem, _suf = split_clitics(word)
        forms = {stem.removeprefix("ال"), word.removeprefix("ال"), word[1:] if word[:1] in "وفبلك" else word}
        if not forms & _ADMIN_NOUNS:
            return m.start() if pos != start else start
        pos = m.end()
    return end


def _canonical(label: str, surface: str, link: Link, place: Any) -> Canonical | None:
    """An organisation's KB actor, a place's GeoNames entry. A person is not looked up: the people
    the KB knows are found on the text by ner.kb (whose entities win overlaps), and a person's name
    with a word left out is another person."""
    if label == "PER":
        return None
    if label == "ORG":
        m = link(surface)
        if m is not None and m.score >= 0.8 and m.actor.kind != "person":
            a = m.actor
            return Canonical(a.id, a.name_ar, a.name_en, a.kind, a.country, a.wikidata, tuple(a.members))
        return None
    if place is not None and place.geonames_id is not None and place.precision != "unresolved":
        return Canonical(f"geonames:{place.geonames_id}", place.name_ar, place.name, "place", place.country)
    return None


def _gazetteer_clitic(text: str, start: int, end: int, place: Any, resolve: Resolve,
                      context: tuple[str, ...]) -> tuple[int, Any]:  # fmt: skip
    """A place span's start without a one-letter proclitic the gazetteer reads through («ودوالا» is
    و + Douala), or that hides the article («وكاميرون»: «الكاميرون» is known); else unchanged."""
    first = _WORD.match(text, start)
    if first is None or fold(first.group())[:1] not in _ONE_LETTER_CLITICS or len(first.group()) < 4:
        return start, place
    rest = _after_letters(text, start, 1)
    bare = fold(text[rest:end])

    def named(p: Any, name: str) -> bool:  # resolved under that very name, not a fuzzy neighbour
        return p is not None and p.precision != "unresolved" and fold(p.name_ar or "") == name

    alone = resolve(text[rest:end], context)
    if place is not None and place.precision != "unresolved":
        same = named(alone, bare) and alone.geonames_id == place.geonames_id
        return (rest, place) if same else (start, place)
    with_article = resolve("ال" + text[rest:end], context)
    if named(with_article, "ال" + bare) and with_article.precision in _GPE_PRECISIONS:
        return rest, with_article
    return start, place


def _outnamed(known: list[Entity], spans: Sequence[tuple[int, int, str]], text: str) -> list[Entity]:
    """The KB entities, less a one-word name inside a longer name the model tagged:

    - a person, state (or capital) or organisation ending a person's name: «محمد ربيع الظواهري» is not
      Ayman al-Zawahiri, «ليزا موناكو» no Monaco, «عبد الملك الحوثي» a man, not the Houthis;
    - a state (or capital) anywhere inside an organisation's name: «ريال مدريد» and «المغرب الفاسي» are
      clubs, «بنك أوف أميركا» a bank, «المحكمة الابتدائية بفاس» a court. An organisation that opens
      with a government noun keeps its state («حكومة مدريد»)."""
    longer = [(a, b, label) for a, b, label in spans
              if label in ("PER", "ORG") and len(text[a:b].split()) >= 2
              and (label == "PER" or _first_bare(text[a:b]) not in _GOVERNMENT_HEADS)]  # fmt: skip
    if not longer:
        return known
    return [e for e in known if not (len(text[e.start : e.end].split()) == 1 and any(
        _inside(e, a, b, label) for a, b, label in longer))]  # fmt: skip


def _inside(e: Entity, a: int, b: int, label: str) -> bool:
    """``e`` is a part of the model's longer ``label`` name ``[a, b)`` that gives way to it."""
    if label == "PER":
        return a < e.start and e.end == b and e.label in ("GPE", "PER", "ORG")
    return a <= e.start and e.end <= b and (a, b) != (e.start, e.end) and e.label == "GPE"


def _first_bare(surface: str) -> str:
    words = fold(surface).split()
    return split_clitics(words[0])[1].removeprefix("ال") if words else ""


def fuse_entities(article: Article, spans: Sequence[tuple[int, int, str]], link: Link, resolve: Resolve,
                  context: tuple[str, ...] = ()) -> list[Entity]:  # fmt: skip
    """KB entities plus the model's non-overlapping spans, relabelled and linked; ids E1… in text order.

    ``link`` is the KB's :meth:`~marsad.kb.actors.ActorKB.link`, ``resolve`` the gazetteer's
    :meth:`~marsad.kb.places.Geocoder.resolve` (passed in, so the stage can memoise them).
    """
    known: list[Entity] = _outnamed(list(article.layer(ENTITIES)), spans, article.text)
    standalone = frozenset(t.norm for t in article.layer(TOKENS))
    covered = bytearray(len(article.text) + 1)  # 1 under every KB entity
    for e in known:
        covered[e.start : e.end] = b"\x01" * (e.end - e.start)
    added: list[Entity] = []
    for raw_start, end, model_label in spans:
        if model_label == "MISC":
            continue
        start = _strip_clitic(article.text, raw_start, end, standalone)
        if end <= start or covered.find(1, start, end) != -1:
            continue
        if " ".join(fold(article.text[start:end]).split()) in GREGORIAN_MONTHS:
            continue
        if model_label == "LOC" and not TANWEEN.isdisjoint(article.text[start:end]):
            continue  # «مواطنًا أوكرانيًا»: an adjective, a place name never carries tanween
        if model_label == "LOC":
            start = _admin_head(article.text, start, end)
            if start >= end:
                continue
        head = _facility_head(article.text, start)
        label = "FAC" if head is not None else model_label  # «مطار محمد الخامس»: named after a person
        start = head if head is not None else start
        surface = article.text[start:end]
        place = resolve(surface, context) if label == "LOC" else None
        if label == "LOC" and start == raw_start:
            start, place = _gazetteer_clitic(article.text, start, end, place, resolve, context)
            surface = article.text[start:end]
        final = split_loc(surface, place) if label == "LOC" else label
        canonical = _canonical(final, surface, link, place)
        added.append(Entity("", start, end, final, canonical, "ner.model", 0.7))
    merged = sorted(known + added, key=lambda e: (e.start, -e.end))
    return [Entity(f"E{i}", e.start, e.end, e.label, e.canonical, e.source, e.score) for i, e in enumerate(merged, 1)]


def _sentences_of_tokens(article: Article) -> list[list[Token]]:
    tokens: list[Token] = list(article.layer(TOKENS))
    starts = [t.start for t in tokens]
    out = []
    for s in article.layer(SENTENCES):
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        if hi > lo:
            out.append(tokens[lo:hi])
    return out


def _state_context(article: Article) -> list[str]:
    """The states the KB entities name: the geocoder's country context."""
    return sorted({e.canonical.country for e in article.layer(ENTITIES)
                   if e.canonical is not None and e.canonical.kind == "state" and e.canonical.country})


class _NerStage:
    """The stage function; ``pipe`` tags the sentences of many articles in one model call."""

    def __init__(self, knowledge: Knowledge, consistent: bool = True) -> None:
        # start-up time: the model code, when the stage is built
        from marsad.ner.model import load_model

        self._consistent = consistent
        self._model, kb, geo = load_model(), knowledge.kb, knowledge.geo
        # names repeat across articles: remember the KB's and the gazetteer's answers (bounded)
        self._link = lru_cache(maxsize=50_000)(kb.link)
        self._resolve = lru_cache(maxsize=50_000)(geo.resolve)

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: Sequence[Article]) -> list[Article]:
        per_article = [_sentences_of_tokens(a) for a in articles]
        texts = [[a.text[t.start : t.end] for t in sent] for a, sents in zip(articles, per_article, strict=True)
                 for sent in sents]  # fmt: skip
        tagged = iter(self._model.tag_batch(texts))
        out = []
        for article, sents in zip(articles, per_article, strict=True):
            tags = [next(tagged) for _ in sents]
            if self._consistent:  # one sense per article (marsad.ner.consistency), on the folded tokens
                tags = propagate([[t.norm for t in sent] for sent in sents], tags, folded=True)
            spans = [sp for sent, tg in zip(sents, tags, strict=True) for sp in decode_bio(sent, tg)]
            context = tuple(_state_context(article))
            entities = fuse_entities(article, spans, self._link, self._resolve, context)
            out.append(article.with_layer(ENTITIES, entities))
        return out


def _factory(settings: Settings, knowledge: Knowledge) -> StageFn:
    if not settings.ner.use_model:
        return lambda article: article
    return _NerStage(knowledge, consistent=settings.ner.consistency)


#: rewrites the entities of ``ner.kb.v1`` (adds the model's, renumbers the ids E1…)
NER_MODEL = StageSpec("ner.model.v1", requires=("tokens", "sentences", "entities"), assigns=("entities",),
                      factory=_factory, modifies=("entities",))  # fmt: skip
