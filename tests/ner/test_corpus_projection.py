"""The converter from corpus gold lines (entity surface forms, no offsets) to the NER model's
token-level training data (``training/ner/corpus_data.py``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "training" / "ner"))

import corpus_data


def _row(text: str, *entities: tuple[str, str]) -> dict[str, Any]:
    return {"doc": {"corpus": "test", "id": "t1", "text": text},
            "entities": [{"text": t, "label": lab} for t, lab in entities]}


def _tagged(sents: list[tuple[list[str], list[str]]]) -> list[list[tuple[str, str]]]:
    return [[(w, t) for w, t in zip(toks, tags, strict=True) if t != "O"] for toks, tags in sents]


def test_every_occurrence_is_tagged_and_places_become_loc() -> None:
    text = "زار الوفد الرباط أمس. وعاد الوفد من الرباط إلى فاس."
    sents = corpus_data.convert([_row(text, ("الرباط", "GPE"), ("فاس", "GPE"))], exclude=set())
    assert _tagged(sents) == [[("الرباط", "B-LOC")], [("الرباط", "B-LOC"), ("فاس", "B-LOC")]]


@pytest.mark.parametrize(("surface", "token"), [
    ("وبالرباط", "وبالرباط"), ("بالرباط", "بالرباط"), ("فالرباط", "فالرباط"), ("كالرباط", "كالرباط"),
])  # fmt: skip
def test_a_proclitic_token_takes_the_tag_whole(surface: str, token: str) -> None:
    sents = corpus_data.convert([_row(f"اجتمعوا {surface} اليوم", ("الرباط", "GPE"))], exclude=set())
    assert _tagged(sents) == [[(token, "B-LOC")]]


def test_lil_stands_for_the_article() -> None:
    text = "وفقا للمديرية العامة للأمن الوطني فإن المديرية العامة للأمن الوطني أوقفت المشتبه فيه."
    sents = corpus_data.convert([_row(text, ("المديرية العامة للأمن الوطني", "ORG"))], exclude=set())
    assert _tagged(sents) == [[
        ("للمديرية", "B-ORG"), ("العامة", "I-ORG"), ("للأمن", "I-ORG"), ("الوطني", "I-ORG"),
        ("المديرية", "B-ORG"), ("العامة", "I-ORG"), ("للأمن", "I-ORG"), ("الوطني", "I-ORG"),
    ]]  # fmt: skip


def test_no_match_inside_a_word_or_across_a_longer_name() -> None:
    text = "قال عمرو إن سوسة المدينة هادئة، وإن سوسة كلها هادئة."
    sents = corpus_data.convert([_row(text, ("عمر", "PER"), ("سوسة", "GPE"), ("سوسة المدينة", "GPE"))],
                                exclude=set())
    assert _tagged(sents) == [[("سوسة", "B-LOC"), ("المدينة", "I-LOC"), ("سوسة", "B-LOC")]]


def test_folded_forms_match_and_initials_stay_one_name() -> None:
    text = "أوقفت الشرطة المشتبه فيه (ع.م) بمدينة فاس، وقال إن ع.م كان مبحوثا عنه"
    sents = corpus_data.convert([_row(text, ("ع.م", "PER"), ("مدينة فاس", "GPE"))], exclude=set())
    assert _tagged(sents) == [[("ع", "B-PER"), (".", "I-PER"), ("م", "I-PER"), ("بمدينة", "B-LOC"),
                               ("فاس", "I-LOC"), ("ع", "B-PER"), (".", "I-PER"), ("م", "I-PER")]]


def test_a_sentence_without_entities_is_kept_all_o() -> None:
    text = "باش يديرو هاد الشي ديال الخدمة. وقال أحمد إنه مشا."
    sents = corpus_data.convert([_row(text, ("أحمد", "PER"))], exclude=set())
    assert sents[0] == (["باش", "يديرو", "هاد", "الشي", "ديال", "الخدمة", "."], ["O"] * 7)
    assert _tagged(sents)[1] == [("أحمد", "B-PER")]


def test_an_evaluation_article_is_never_training_data() -> None:
    row = _row("أوقفت الشرطة المشتبه فيه بفاس.", ("فاس", "GPE"))
    stats = corpus_data.Stats()
    keys = {corpus_data.doc_key(row["doc"]["text"])}
    assert corpus_data.convert([row], stats, exclude=keys) == []
    assert stats.dropped_eval == 1


def test_the_test_split_is_refused() -> None:
    with pytest.raises(ValueError, match="locked"):
        corpus_data.load_rows("test")


def test_sentences_follow_the_pipeline_s_tokens() -> None:
    text = "قال «الوزير»: انتهى.\nسطر"
    assert [[text[t.start : t.end] for t in s] for s in corpus_data.sentences_of(text)] == [
        ["قال", "«", "الوزير", "»", ":", "انتهى", "."], ["سطر"]]  # fmt: skip
