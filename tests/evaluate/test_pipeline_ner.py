"""The pipeline's entities scored as a CoNLL tagger (``marsad eval ner --pipeline``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from marsad.evaluate.pipeline_ner import PipelineTagger, _token_spans


def test_token_spans_follow_the_text_and_skip_a_changed_token() -> None:
    text = "زار الوفد الرباط ."
    assert _token_spans(text, ["زار", "الوفد", "الرباط", "."]) == [(0, 3), (4, 9), (10, 16), (17, 18)]
    assert _token_spans(text, ["زار", "XYZ", "الرباط"]) == [(0, 3), None, (10, 16)]


def test_kb_and_model_entities_tag_whole_corpus_tokens(pipeline: Any) -> None:
    tagger = PipelineTagger(pipeline)
    sents = [s.split() for s in (
        "التقى وزير الخارجية المغربي بنظيره في نواكشوط وموريتانيا تستعد للقمة",
        "وقال المحلل عبد الرحيم الشرقاوي إن الوضع مستقر",
    )]  # fmt: skip
    first, second = tagger.tag_batch(sents)
    assert first[sents[0].index("نواكشوط")] == "B-LOC"  # a GPE is the corpora's LOC
    assert first[sents[0].index("وموريتانيا")] == "B-LOC"  # the clitic's token is tagged whole
    assert second[2:5] == ["B-PER", "I-PER", "I-PER"]
    assert all(t == "O" or t.endswith(("PER", "ORG", "LOC")) for t in first + second)


def test_cli_scores_the_pipeline_entities(tmp_path: Path) -> None:
    from marsad.cli import _register_all, app

    _register_all()
    conll = tmp_path / "mini.txt"
    conll.write_text("وصل O\nالوزير O\nإلى O\nنواكشوط B-LOC\n. O\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "ner", "--conll", str(conll), "--pipeline"])
    assert res.exit_code == 0, res.output
    assert "pipeline entities" in res.output
    assert "1.000" in res.output  # the one LOC found exactly
