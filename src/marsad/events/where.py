"""Where an event happened: which of the article's place mentions is the event's place.

The guide asks for «the most precise place named for the event». Rules, in order:

* Mentions that never place an event: the dateline at the start of a paragraph («كابل - «الشرق
  الأوسط»:», «الرباط (و م ع) -», «الرمادي:») names where the report was filed; a place after a
  distance («50 كلم شرق الرمادي», «على بعد 12 كيلومترا من مدينة موبتي») is a landmark that locates
  another place; a place inside a person's name («ليزا موناكو») is no place.
* Statements and diplomacy (AGREE, CONSULT, SUPPORT, CONCEDE, REQUEST, ACCUSE, REJECT, THREATEN)
  happen where the text says they were made: a place of the sentence after a locative word
  («في زيوريخ»، «بالرباط»، «لدى تونس», «إلى تمبكتو» for a visit). The country of a title
  («رئيس الجمهورية التونسية»، «ملك المملكة المغربية») or of the matter discussed does not place
  them. A sentence that opens with the statement's verb and names no speaker («ودعا إلى …») goes
  on with the last statement of the report that named its place. Without such a place the event
  has no named place: its country is the acting state's (the speaker's), else the country the
  report is about.
* Other events take the place of their sentence nearest the trigger (:func:`nearest_place`); a
  sentence that names none continues the scene of the paragraph (the last place named in the two
  sentences before it, «وفي مدينة الفلوجة … كشف مصدر … وأضاف أن خمس عجلات … تم تدميرها»), then the
  place of the report's first located event («قتل أربعة في هجوم في مدينة X … فقام الجيش بإقفال
  المنطقة»), then the report's main country.
* A digest of several reports («موجز»), each opening with its own dateline, is read report by
  report: the main country and the first located event are those of the report the event is in.
* Time, likewise: a deed whose sentence gives no time takes the last day named in the two sentences
  before it, in its paragraph or, when it opens one, the paragraph before (:meth:`Scenes.carried_date`);
  a statement is never dated that way.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from marsad.article_index import ArticleIndex
from marsad.datafiles import word_sets
from marsad.events.arguments import clause_of
from marsad.events.detect import Mention, trigger_distance
from marsad.events.town_lists import COARSE, unlisted
from marsad.kb.refs import main_country
from marsad.records import Place, TimeRef
from marsad.text.fold import fold
from marsad.time.lexicon import deictic

__all__ = ["COARSE", "VERBAL", "Scenes", "nearest_place"]

#: Event types that are statements or diplomatic acts: placed only by a locative of their sentence.
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
#: Precisions below a town: places named after a place noun (always bound to it).
_BELOW_TOWN = frozenset({"neighbourhood", "locality"})
#: Characters after a statement's verb where its subject would be named («وانتقد دومينيكو سكالا …»).
_SUBJECT_REACH = 25
#: Characters between a place and its parent in a chain («بحي X التابع لمدينة Y»).
_CHAIN_GAP = 40
#: Words that introduce where something is («في», «لدى», «داخل», «قرب», «عند»), folded.
_LOCATIVE = frozenset({"في", "لدي", "داخل", "قرب", "عند", "بداخل", "وفي", "ففي"})
#: Nouns between a locative and the name («في مدينة X», «بولاية X»), folded, without «ب».
_PLACE_NOUNS = frozenset(word_sets("marsad.events", "data/words.tsv")["place_noun"])
_DIRECTIONS = r"(?:(?:ال)?(?:شمال|جنوب|شرق|غرب)\w*\s+)*"
#: «50 كلم شرق»، «12 كيلومترا من مدينة»، «على بعد … من»: what follows is a landmark, folded text.
_DISTANCE_RE = re.compile(
    r"(?:\d+\s*(?:كلم|كم|كيلو\w*|ميل|اميال|متر\w*)\s+" + _DIRECTIONS + r"(?:من\s+)?|على\s+بعد\s+[^،.؛\n]{0,40}?من\s+)"
    r"(?:(?:ال)?(?:مدينه|منطقه|بلده|قريه|العاصمه)\s+)?$"
)
#: The dateline at the start of a paragraph: a bullet, one to three words, then «-», «:» or «(».
_DATELINE_RE = re.compile(r"[*•\-\s]*([^\s:()«»\-–—،.؛*]+(?:\s[^\s:()«»\-–—،.؛*]+){0,2})\s*(?:[-–—:(])")
_DATELINE_TAIL_RE = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—]\s*(?:«[^»\n]{1,40}»|[^:\n«»]{1,30})?\s*:|[-–—:])")


@dataclass
class Scenes:
    """Per-article layout for placing events: paragraphs, reports (dateline-led), excluded mentions."""

    idx: ArticleIndex
    main: str | None
    main_place: Place | None
    #: start offsets of paragraphs (line starts) and of reports (sections led by a dateline)
    paragraphs: list[int] = field(default_factory=list)
    reports: list[int] = field(default_factory=list)
    #: place mentions that may place an event, in text order
    places: list[Place] = field(default_factory=list)
    #: trigger offsets of the article's other (non-verbal) event mentions, the lexicon's the model did not keep too
    deeds: list[int] = field(default_factory=list)
    _report_main: dict[int, tuple[str | None, Place | None]] = field(default_factory=dict)
    _report_lead: dict[int, Place] = field(default_factory=dict)
    _said_at: dict[int, Place] = field(default_factory=dict)  # per report: the last statement's named place

    @classmethod
    def build(
        cls, idx: ArticleIndex, main: str | None, main_place: Place | None, mentions: Sequence[Mention] = ()
    ) -> Scenes:
        text = idx.article.text
        paragraphs = [0] + [m.end() for m in re.finditer(r"\n+", text)]
        datelines: list[tuple[int, int]] = []
        for p in paragraphs:
            span = _dateline(text, p, idx.places)
            if span is not None:
                datelines.append(span)
        reports = [0]
        if len(datelines) >= 2:  # a digest: every dateline opens a report (with its headline line)
            for a, _b in datelines:
                start = _headline_before(text, paragraphs, a)
                if start > reports[-1]:
                    reports.append(start)
        persons = [(e.start, e.end) for e in idx.entities if e.label == "PER"]
        kept = []
        for pl in idx.places:
            s, e = pl.start or 0, pl.end or 0
            if any(a <= s and e <= b for a, b in datelines):
                continue
            if any(a <= s and e <= b and (a, b) != (s, e) for a, b in persons):
                continue
            if _after_distance(idx, s):
                continue
            kept.append(pl)
        deeds = sorted(m.start for m in mentions if m.type not in VERBAL)
        return cls(idx, main, main_place, paragraphs, reports, kept, deeds)

    # -- queries ---------------------------------------------------------------------------
    def places_in(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if (p.start or 0) >= start and (p.end or 0) <= end]

    def paragraph_of(self, offset: int) -> int:
        """The start of the paragraph ``offset`` is in."""
        return self.paragraphs[max(0, bisect.bisect_right(self.paragraphs, offset) - 1)]

    def report_of(self, offset: int) -> int:
        return self.reports[max(0, bisect.bisect_right(self.reports, offset) - 1)]

    def report_main(self, offset: int) -> tuple[str | None, Place | None]:
        """(main country, its place) of the report ``offset`` is in (the article's for one report)."""
        r = self.report_of(offset)
        if len(self.reports) == 1:
            return self.main, self.main_place
        if r not in self._report_main:
            i = self.reports.index(r)
            end = self.reports[i + 1] if i + 1 < len(self.reports) else len(self.idx.article.text)
            ents = [e for e in self.idx.entities if r <= e.start < end]
            pls = [p for p in self.idx.places if r <= (p.start or 0) < end]
            code = main_country(ents, pls) or self.main
            self._report_main[r] = (code, _country_place(self.idx, code) if code else None)
        return self._report_main[r]

    def note_lead(self, offset: int, place: Place) -> None:
        """Record ``place`` as the report's first located event, when it is more exact than a country."""
        r = self.report_of(offset)
        if r not in self._report_lead and place.precision not in COARSE:
            self._report_lead[r] = place

    def sentence_names_place(self, m: Mention) -> bool:
        """True when the trigger's sentence names any place (a confidence feature of the event)."""
        s = self.idx.sentence(m.sent)
        known = self.idx.named_states()
        return any(p.precision in COARSE or p.country in known for p in self.idx.places_in(s.start, s.end))

    # -- the rules -------------------------------------------------------------------------
    def place_of(self, m: Mention, speaker: str | None = None, named: bool = False) -> tuple[Place | None, bool]:
        """(the event's place, whether its own sentence named it).

        ``speaker``: the state that makes a statement, where the text says (its country when the
        statement has no named place); ``named``: whether the event's actor is named in its own sentence.
        """
        idx = self.idx
        s = idx.sentence(m.sent)
        main, main_place = self.report_main(m.start)
        places = [p for p in self.places_in(s.start, s.end) if self._admissible(p, main)]
        if m.type in VERBAL:
            return self._statement_place(m, places, speaker or main, named)
        if places:
            return nearest_place(idx, m, places), True
        carried = self._carried(m)
        if carried is not None:
            return carried, False
        lead = self._report_lead.get(self.report_of(m.start))
        if lead is not None and (main is None or lead.country == main):
            return lead, False
        return main_place, False

    def _admissible(self, p: Place, main: str | None) -> bool:
        """Whether a place mention may place an event.

        A town in a country the article never names is more likely a common word read as a place,
        unless it is a city of a million («محاكمة … في نيويورك» in an article that never names the
        US), in the report's main country, or bound to a place noun, a locative or a «ب» proclitic
        («أوقفت الشرطة شخصا بمدينة الصويرة» in Moroccan news that never writes «المغرب»)."""
        if p.precision in COARSE or p.country in self.idx.named_states() or p.precision in _BELOW_TOWN:
            return True
        if p.country == main or self.idx.knowledge.geo.is_big_town(p):
            return True
        text, geo = self.idx.article.text, self.idx.knowledge.geo
        return _cued(text, p.start or 0) and not geo.needs_place_noun(fold(text[p.start or 0 : p.end or 0]))

    def _statement_place(self, m: Mention, places: list[Place], code: str | None,
                         named: bool = False) -> tuple[Place | None, bool]:  # fmt: skip
        """A statement's place: one of its sentence after a locative, else none named (``code``'s)."""
        text = self.idx.article.text
        located = [p for p in places if _locative(text, p.start or 0, visit=(m.mode == "visit"))
                   and not self._deed_between(m.start, p.start or 0)]  # fmt: skip
        report = self.report_of(m.start)
        if located:
            place = nearest_place(self.idx, m, located)
            self._said_at[report] = dataclasses.replace(place, start=None, end=None)
            return place, True
        if not named and report in self._said_at and self._goes_on(m):
            return self._said_at[report], False  # «ودعا إلى …»: the speaker goes on, where he spoke
        if code is None:
            return None, False
        return Place(None, None, None, None, None, code, None, "country"), False

    def _goes_on(self, m: Mention) -> bool:
        """True when the statement's sentence opens with its verb and names no subject right after it
        («ودعا إلى …», not «وانتقد دومينيكو سكالا …»): the last speaker goes on."""
        s = self.idx.sentence(m.sent)
        if fold(self.idx.article.text[s.start : m.start]).strip(" \n-–—*•") not in ("", "و", "ف"):
            return False
        return not any(m.end <= e.start <= m.end + _SUBJECT_REACH and e.label in ("PER", "ORG", "GPE")
                       for e in self.idx.entities)  # fmt: skip

    def _deed_between(self, a: int, b: int) -> bool:
        """True when another, non-verbal event is told between offsets ``a`` and ``b`` (the place is its)."""
        lo, hi = min(a, b), max(a, b)
        i = bisect.bisect_right(self.deeds, lo)
        return i < len(self.deeds) and self.deeds[i] < hi

    def carried_date(self, m: Mention) -> TimeRef | None:
        """For a deed whose sentence gives no time: the last day of the two sentences before it in its paragraph
        («قتل … أمس. وأحرق»), or the news day of the one before («…، اليوم، اكتشاف محجوزات.¶ وذكر بلاغ …»)."""
        if m.type in VERBAL:
            return None
        lo, own, hi = self._before(m, across=True)
        times = [t for t in self.idx.timexes_in(lo, hi) if t.value is not None and t.precision == "day"
                 and ((t.start or 0) >= own or deictic(fold(t.text or "")))]  # fmt: skip
        return times[-1] if times else None

    def _before(self, m: Mention, across: bool) -> tuple[int, int, int]:
        """(start, own paragraph's start, end) of the two sentences before the event's, inside its paragraph
        or, ``across`` and when the event's sentence opens its paragraph, inside the paragraph before."""
        idx = self.idx
        hi = idx.sentence(m.sent).start
        para = own = self.paragraph_of(hi)
        if across and m.sent > 0 and (before := idx.sentence(m.sent - 1).start) < para:
            para = self.paragraph_of(before)
        return max(para, idx.sentence(max(0, m.sent - 2)).start), own, hi

    def _carried(self, m: Mention) -> Place | None:
        """The last place named in the two sentences before the event's, inside its paragraph."""
        lo, _own, hi = self._before(m, across=False)
        main = self.report_main(m.start)[0]
        cands = [p for p in self.places_in(lo, hi) if self._admissible(p, main)] if hi > lo else []
        last = cands[-1] if cands else None
        if last is not None and last.precision in COARSE:  # its last town, rather than the country
            last = next((p for p in reversed(cands) if p.precision not in COARSE and p.country == last.country), last)
        return None if last is None else dataclasses.replace(last, start=None, end=None)


def nearest_place(idx: ArticleIndex, m: Mention, places: list[Place]) -> Place:
    """The most precise place of ``places`` (all in the trigger's sentence) the text attaches to the event.

    The clause first: its town or finer place nearest the trigger (after it first) wins over a country
    or region named there («أوقفت الشرطة بقسنطينة …» in a sentence that names Algeria), unless it is
    one of a list of three towns or more of its country: then the event is the country's. Outside the
    clause, the place nearest the trigger; when that is a country (or region), a town of the clause
    inside it, or after the trigger when the country comes before it, as its actor does («إسرائيل شنت
    غارة على معسكر في قطاع غزة»). Of a chain («بحي X بمدينة Y»), the place below its parent.
    """
    a, b = clause_of(idx, m)
    in_clause = [p for p in places if a <= (p.start or 0) and (p.end or 0) <= b]
    fine = [p for p in in_clause if p.precision not in COARSE]
    if fine:
        return unlisted(idx, _below(_closest(fine, m), fine), places)
    nearest = _closest(places, m)
    if nearest.precision in COARSE:
        subject = (nearest.end or 0) <= m.start
        towns = [p for p in in_clause if p.precision not in COARSE
                 and (nearest.precision == "region" or p.country == nearest.country
                      or (subject and (p.start or 0) >= m.end))]  # fmt: skip
        if towns:
            return _closest(towns, m)
        # «تجدد الاشتباكات في جنوب ليبيا، خاصة في مدن سبها والكفرة»: the towns that detail the country
        detail = [p for p in places if p.precision not in COARSE and p.country == nearest.country
                  and (p.start or 0) >= m.end and _detailing(idx.article.text, b, p.start or 0)]  # fmt: skip
        if detail:
            return _below(detail[0], places)
    return unlisted(idx, _below(nearest, places), places)


#: Words that open a clause detailing where the clause before happened («خاصة في», «لا سيما في»), folded.
_DETAIL = re.compile(r"^[\s،,]*(?:و)?(?:خاصه|خصوصا|ولا سيما|لا سيما|لاسيما|تحديدا|بالتحديد|منها|بينها|من بينها|اي)\b")


def _detailing(text: str, clause_end: int, start: int) -> bool:
    """True when the place at ``start`` is in a clause soon after the trigger's that details its place,
    next to it or after one short clause between («في جنوب ليبيا، بين قبيلتي التبو والطوارق، خاصة في مدن سبها»)."""
    gap = fold(text[clause_end:start])
    return start - clause_end <= 60 and any(_DETAIL.match(part) for part in (gap, gap.rsplit("،", 1)[-1]))


def _closest(places: list[Place], m: Mention) -> Place:
    return min(places, key=lambda p: trigger_distance(p.start or 0, p.end or 0, m.start, m.end))


def _below(place: Place, places: list[Place]) -> Place:
    """The place of ``places`` named right before ``place`` as lying in it («بحي X بمدينة Y» → X), else ``place``."""
    for p in places:
        if p.parent is not None and p.parent == place.name and (p.end or 0) <= (place.start or 0) \
                and (place.start or 0) - (p.end or 0) <= _CHAIN_GAP:
            return p
    return place


def _dateline(text: str, para: int, places: list[Place]) -> tuple[int, int] | None:
    """The span of a dateline place at the start of the paragraph at ``para``, else None."""
    m = _DATELINE_RE.match(text, para)
    if m is None:
        return None
    a, b = m.span(1)
    if not any(p.start == a and p.end == b for p in places) and not any(
        p.start is not None and p.end is not None and a <= p.start and p.end == b and p.start - a <= 2 for p in places
    ):
        return None
    tail = _DATELINE_TAIL_RE.match(text, b)
    if tail is None:
        return None
    return a, b


def _headline_before(text: str, paragraphs: list[int], start: int) -> int:
    """The start of the short headline line right before the paragraph at ``start``, else ``start``."""
    i = bisect.bisect_right(paragraphs, start) - 1
    para = paragraphs[i] if i >= 0 else 0
    if i <= 0:
        return para
    prev = paragraphs[i - 1]
    line = text[prev:para].strip()
    short = 0 < len(line.split()) <= 14 and line[-1:] not in ".!؟?:"
    return prev if short else para


def _after_distance(idx: ArticleIndex, start: int) -> bool:
    """True when the words before ``start`` are a distance («50 كلم شرق», «على بعد 12 كيلومترا من»)."""
    f = idx.ft.folded_offset(start)
    window = idx.ft.norm[max(0, f - 60) : f]
    # the name's own proclitic («من» is often glued: «من الرباط»)
    return _DISTANCE_RE.search(window.rstrip("بل") if window.endswith(("ب", "ل")) else window) is not None


def _locative(text: str, start: int, visit: bool) -> bool:
    """True when the place at ``start`` follows a locative word («في», «لدى», a «ب» proclitic…).

    Place nouns between them are skipped («في مدينة X», «بمنطقة X»), and a relative adjective after
    one («إلى العاصمة الإثيوبية X»); «إلى» counts for a visit.
    """
    j = start
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    glued = fold(text[j:start])
    if glued:
        return glued.endswith("ب")
    for _ in range(3):
        k = j
        while k > 0 and text[k - 1].isspace():
            k -= 1
        w = k
        while w > 0 and (text[w - 1].isalpha() or "\u064b" <= text[w - 1] <= "\u0652"):
            w -= 1
        word = fold(text[w:k])
        if not word:
            return False
        if word in _LOCATIVE or (visit and word in ("الي", "والي")):
            return True
        bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
        if bare in _PLACE_NOUNS or _nisba(bare):  # «إلى العاصمة الإثيوبية أديس أبابا»
            j = w
            continue
        return bare[:1] == "ب" and bare[1:] in _PLACE_NOUNS
    return False


def _nisba(word: str) -> bool:
    """A definite relative adjective («الإثيوبية», «الشرقي»), folded: _locative looks past it to the
    place noun or locative before it."""
    return len(word) > 5 and word.startswith("ال") and word.endswith(("يه", "ي"))


def _cued(text: str, start: int) -> bool:
    """True when the place at ``start`` is bound to a place noun, a locative or a «ب»/«ل» proclitic."""
    if start > 0 and text[start - 1] in "بل" and (start < 2 or not text[start - 2].isalpha()
                                                  or text[start - 2] in "وف"):  # fmt: skip
        return True
    return _locative(text, start, visit=True)


def _country_place(idx: ArticleIndex, code: str) -> Place:
    for p in idx.places:
        if p.country == code and p.precision == "country":
            return dataclasses.replace(p, start=None, end=None)
    return idx.knowledge.country_place(code)
