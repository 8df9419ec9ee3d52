"""Mine person-name words from unlabeled SaudiNewsNet text: words that often follow a person
title (السيد، الرئيس، الشيخ …) or stand around «بن». Used as an extra gazetteer feature."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TITLES = frozenset({
    "السيد", "السيده", "الرئيس", "الامير", "الاميره", "الشيخ", "الملك", "الوزير", "الدكتور",
    "الدكتوره", "اللواء", "العميد", "العقيد", "الفريق", "المهندس", "الاستاذ", "سمو", "معالي",
    "فضيله", "الاعلامي", "الكاتب", "اللاعب", "المدرب", "النجم", "الفنان", "المواطن", "الشاب",
})


def mine_person_words(corpus: Path, min_count: int = 3, min_ratio: float = 0.15) -> frozenset[str]:
    total: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            toks = line.split()
            total.update(toks)
            for i in range(1, len(toks)):
                prev = toks[i - 1]
                if prev in TITLES or (prev in {"بن", "ابن"} and i >= 2):
                    cue[toks[i]] += 1
                if toks[i] in {"بن", "ابن"} and i + 1 < len(toks):
                    cue[prev] += 1
    return frozenset(w for w, c in cue.items()
                     if c >= min_count and c / total[w] >= min_ratio and len(w) > 2
                     and w.isalpha() and w not in TITLES)
