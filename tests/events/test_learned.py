"""The learned event model: its features, its linear heads, its file format, and how its mentions join the lexicon's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from marsad.article import Article
from marsad.article_index import ArticleIndex
from marsad.events.features import Featurizer, sentence_views, stem, token_features
from marsad.events.learned import Head
from marsad.events.propose import propose

from ._tiny_model import tiny_model


@pytest.fixture(scope="module")
def upto_quotes() -> Any:
    from marsad.config import load_settings
    from marsad.pipeline import Pipeline

    settings = load_settings(overrides={"pipeline": {"on_error": "raise"}, "events": {"detector": "rules"}})
    return Pipeline.build(settings).upto("quotes.rules.v1")


def _index(pipe: Any, text: str) -> ArticleIndex:
    import datetime as dt

    from marsad.article import Metadata

    return ArticleIndex.build(pipe(Article.create(text, Metadata(published=dt.date(2025, 3, 12)))))


def test_stem_strips_one_proclitic_cluster_and_keeps_short_words() -> None:
    assert stem("وبالرباط") == "رباط"
    assert stem("للامن") == "امن"
    assert stem("ولد") == "ولد"  # a word of three letters keeps its first letter
    assert stem("سيزور") == "سيزور"  # the future «س» tells a plan: kept


def test_sentence_features(upto_quotes: Any) -> None:
    idx = _index(upto_quotes, "اعتقال مهربين\nأوقفت الشرطة المغربية ثلاثة مهربين بمدينة طنجة.")
    title, body = sentence_views(idx, Featurizer({"طنجه": (7, 70)}))
    assert "H" in title.feats and "H" not in body.feats
    assert {"L:COERCE", "LM:COERCE/arrest", "w:اوقفت", "s:طنجه", "p4:طنجه", "c256:7", "c1k:70"} <= set(body.feats)
    assert "E:state" in body.feats  # «المغربية» names the state
    k = next(i for i, t in enumerate(body.tokens) if t.w == "اوقفت")
    assert body.lex[k] == "COERCE"
    assert {"L:COERCE", "ps:<s>", "ns:شرطه"} <= set(token_features(body, k, Featurizer({})))


def test_head_arithmetic() -> None:
    head = Head(("a", "b"), {"x": 0, "y": 1}, np.array([[1.0, 0.0], [0.0, 2.0]]), np.array([0.0, -1.0]))
    assert head.logits(["x", "y", "unknown"]).tolist() == [1.0, 1.0]
    assert head.softmax(["x"]).argmax() == 0
    assert np.allclose(head.sigmoid([]), [0.5, 1 / (1 + np.e)])


def test_saved_model_reads_back(tmp_path: Path) -> None:
    model = tiny_model(tmp_path)
    assert model.types[0] == "AGREE" and model.threshold("COERCE") == 0.5
    assert model.clusters["تفقد"] == (3, 4)
    assert model.heads["mode:COERCE"].labels == ("-", "arrest", "seize")
    assert model.quad(["L:COERCE"]).argmax() == 1


def _mentions(pipe: Any, text: str, model: Any, detector: str) -> list[tuple[str, str | None, str]]:
    idx = _index(pipe, text)
    return [(m.type, m.mode, text[m.start : m.end]) for m in propose(idx, model, detector)]


def test_detectors(upto_quotes: Any, tmp_path: Path) -> None:
    model = tiny_model(tmp_path)
    text = "تفقد الوزير الرباط أمس. وأوقفت الشرطة ثلاثة مهربين. وتظاهر مئات العمال أمام البرلمان."
    rules = _mentions(upto_quotes, text, model, "rules")
    assert [t for t, _, _ in rules] == ["COERCE", "PROTEST"]  # the lexicon knows no «تفقد»
    learned = _mentions(upto_quotes, text, model, "model")
    assert ("CONSULT", None, "تفقد") in learned and ("COERCE", "arrest", "أوقفت") in learned
    assert all(t != "PROTEST" for t, _, _ in learned)
    both = _mentions(upto_quotes, text, model, "both")
    assert [t for t, _, _ in both] == ["CONSULT", "COERCE"]  # the model vetoes the lexicon's protest


def test_model_mentions_carry_the_model_acled(upto_quotes: Any, tmp_path: Path) -> None:
    model = tiny_model(tmp_path)
    idx = _index(upto_quotes, "تم اعتقال خمسة أشخاص.")
    (m,) = propose(idx, model, "model")
    assert (m.type, m.mode) == ("COERCE", "arrest")
    assert m.acled is not None and (m.acled.event_type, m.acled.sub_event_type) == ("Strategic developments", "Arrests")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lexicon has no «ألقت … القبض»: the shipped model finds the arrest
        ("ألقت عناصر الشرطة القبض على شخصين بحوزتهما كمية من الحشيش.", ("COERCE", "arrest")),
        ("طالب البرلمانيون الحكومة بفتح تحقيق في الحادث.", ("REQUEST", None)),
    ],
)
def test_the_shipped_model_finds_what_the_lexicon_misses(pipeline: Any, text: str,
                                                        expected: tuple[str, str | None]) -> None:  # fmt: skip
    from marsad.analyze import analyze_text

    rec = analyze_text(text, pipeline, published="2025-03-12")
    assert expected in [(e["type"], e["mode"]) for e in rec["events"]]


def test_no_attack_in_a_natural_disaster_whatever_the_model_says(pipeline: Any) -> None:
    from marsad.analyze import analyze_text

    rec = analyze_text("لقي عشرة أشخاص مصرعهم في زلزال عنيف ضرب المنطقة الجبلية.", pipeline, published="2025-03-12")
    assert not [e for e in rec["events"] if e["type"] == "ASSAULT"]


def test_both_takes_the_model_mode_for_a_lexicon_mention(upto_quotes: Any, tmp_path: Path) -> None:
    """The lexicon's word stays, its mode gives way to the model's mode head (the tiny model reads
    every lexicon COERCE as an arrest)."""
    model = tiny_model(tmp_path)
    text = "وحجزت الشرطة طنا من الحشيش."
    assert _mentions(upto_quotes, text, model, "rules") == [("COERCE", "seize", "وحجزت")]
    assert _mentions(upto_quotes, text, model, "both") == [("COERCE", "arrest", "وحجزت")]
