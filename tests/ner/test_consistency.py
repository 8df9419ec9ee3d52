"""One sense per article for the model's names (golden Arabic sentences)."""

from __future__ import annotations

from marsad.ner.consistency import propagate


def test_a_tagged_name_is_tagged_at_its_other_occurrences() -> None:
    sents = [["التقى", "محمود", "عباس", "وفد", "حركة", "حماس"],
             ["وقال", "عباس", "إن", "حماس", "ترفض"],
             ["وأكدت", "وحماس", "موقفها"]]  # fmt: skip
    tags = [["O", "B-PER", "I-PER", "O", "B-ORG", "I-ORG"],
            ["O", "O", "O", "O", "O"],
            ["O", "O", "O"]]  # fmt: skip
    out = propagate(sents, tags)
    # «عباس» alone after «محمود عباس» is the person; «حماس» alone is not «حركة حماس», so it stays
    assert out[1] == ["O", "B-PER", "O", "O", "O"]
    assert out[0] == tags[0]
    assert out[2] == ["O", "O", "O"]


def test_single_word_names_spread_with_a_proclitic() -> None:
    sents = [["وصل", "إلى", "نيامي", "أمس"], ["وفي", "ونيامي", "هدوء"]]
    tags = [["O", "O", "B-LOC", "O"], ["O", "O", "O"]]
    assert propagate(sents, tags)[1] == ["O", "B-LOC", "O"]


def test_tagged_spans_are_never_overridden_and_titles_do_not_spread() -> None:
    sents = [["الرئيس", "ماكرون"], ["قال", "الرئيس", "ماكرون"], ["ماكرون", "في", "باريس"], ["الرئيس", "قال"]]
    tags = [["B-PER", "I-PER"], ["O", "O", "B-PER"], ["O", "O", "B-LOC"], ["O", "O"]]
    out = propagate(sents, tags)
    assert out[1] == tags[1]  # «ماكرون» is tagged there: the span is left as the model made it
    assert out[2] == ["B-PER", "O", "B-LOC"]
    assert out[3] == ["O", "O"]


def test_a_name_left_untagged_more_often_than_tagged_spreads_only_below_the_ratio() -> None:
    sents = [["زار", "الأمن", "العام"]] + [["قال", "الأمن"]] * 3
    tags = [["O", "B-ORG", "O"]] + [["O", "O"]] * 3
    assert propagate(sents, tags, min_ratio=1.0)[1:] == tags[1:]
    assert propagate(sents, tags, min_ratio=0.3)[1] == ["O", "B-ORG"]


def test_bad_input_leaves_the_tags_unchanged() -> None:
    assert propagate([["أ", "ب"]], [["O"]]) == [["O"]]
    assert propagate([], []) == []
    assert propagate([[]], [[]]) == [[]]


def test_folded_words_give_the_same_tags_as_surface_words() -> None:
    from marsad.text.fold import fold

    sents = [["التقى", "الوزير", "كمال", "الزغباني", "بالوفد"], ["وأكد", "الزغباني", "دعمه"]]
    tags = [["O", "O", "B-PER", "I-PER", "O"], ["O", "O", "O"]]
    surface = propagate(sents, tags)
    assert surface[1] == ["O", "B-PER", "O"]
    assert propagate([[fold(w) for w in s] for s in sents], tags, folded=True) == surface
