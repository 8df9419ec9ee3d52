"""The packaged NER model loads from package data and tags hand-written sentences."""

import pytest

from marsad.evaluate.conll import extract_spans
from marsad.ner import NerModel, load_model


@pytest.fixture(scope="module")
def model() -> NerModel:
    return load_model()


def _spans(model: NerModel, text: str) -> set[tuple[str, str]]:
    toks = text.split()
    return {(" ".join(toks[a:b]), lab) for a, b, lab in extract_spans(model.tag(toks))}


def test_loaded_once_per_process(model: NerModel) -> None:
    assert load_model() is model


def test_person(model: NerModel) -> None:
    text = "وقال الرئيس المصري عبد الفتاح السيسي إن الحكومة ستواصل العمل ."
    spans = _spans(model, text)
    assert ("عبد الفتاح السيسي", "PER") in spans


def test_organisation(model: NerModel) -> None:
    spans = _spans(model, "أعلنت منظمة الصحة العالمية يوم الاثنين عن خطة جديدة .")
    assert ("منظمة الصحة العالمية", "ORG") in spans


def test_city_with_attached_clitics(model: NerModel) -> None:
    spans = _spans(model, "وصل الوفد إلى القاهرة ثم توجه إلى بغداد أمس .")
    assert ("القاهرة", "LOC") in spans
    assert ("بغداد", "LOC") in spans


def test_labels_are_marsad_labels(model: NerModel) -> None:
    text = "التقى محمد بن سلمان بوفد من الأمم المتحدة في الرياض"
    tags = model.tag(text.split())
    assert {t.split("-", 1)[1] for t in tags if t != "O"} <= {"PER", "ORG", "LOC", "MISC"}
    assert "B-PER" in tags


def test_batch_matches_single_and_handles_empty(model: NerModel) -> None:
    sents = [["زار", "الملك", "محمد", "السادس", "طنجة"], [], ["«", "الرباط", "»", "،"]]
    batch = model.tag_batch(sents)
    assert [len(t) for t in batch] == [5, 0, 4]
    assert batch[0] == model.tag(sents[0])
    assert batch[2] == model.tag(sents[2])
    assert model.tag_batch([[], []]) == [[], []]  # a batch of articles without a single token
    assert model.tag_batch([]) == []
