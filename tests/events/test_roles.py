"""Actor and recipient candidates, their features, and the learned choice among them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.article_index import ArticleIndex
from marsad.datafiles import read_tsv
from marsad.events.detect import Mention
from marsad.events.roles import candidates, choose, role_features, role_matcher
from marsad.kb.refs import main_country
from marsad.records import ActorRef
from marsad.text.fold import fold
from marsad.text.match import FoldedText

from ._tiny_model import tiny_model
from .test_learned import _index, upto_quotes  # noqa: F401  (the module fixture)


def test_role_lexicon_is_folded_and_unique() -> None:
    rows = list(read_tsv("marsad.events", "data/roles.tsv"))
    phrases = [r["phrase"] for r in rows]
    assert all(fold(p) == p for p in phrases)
    assert len(phrases) == len(set(phrases))
    assert {r["kind"] for r in rows} <= {"crime", "civil", "people", "armed"}


@pytest.mark.parametrize(
    ("text", "label"),
    [("أوقفت الشرطة المهربين", "smugglers"), ("فرقت القوات المحتجين", "protesters"),
     ("اعتقال ثلاثة مشتبه فيهم", "suspects"), ("قتل خمسة مدنيين", "civilians"),
     ("طيحات البوليس بزناس", "drug traffickers"), ("اعترضت البحرية مهاجرين", "migrants")],
)  # fmt: skip
def test_role_nouns(text: str, label: str) -> None:
    assert label in [h.entry[0] for h in role_matcher().find(FoldedText.of(text))]


def _mention(idx: ArticleIndex, word: str, typ: str) -> Mention:
    start = idx.article.text.index(word)
    return Mention(start, start + len(word), idx.sentence_of(start), typ, None, None, False, False, False, 0.8)


def test_candidates_and_features(upto_quotes: Any) -> None:  # noqa: F811
    idx = _index(upto_quotes, "أعلنت وزارة الداخلية المغربية أن الشرطة أوقفت ثلاثة مهربين بمدينة طنجة.")
    m = _mention(idx, "أوقفت", "COERCE")
    main = main_country(idx.entities, idx.places)
    assert main == "MAR"
    cands = candidates(idx, m, main)
    kinds = {(c.ref.code, c.kind) for c in cands}
    assert ("smugglers", "role:crime") in kinds and ("MAR", "main") in kinds
    smugglers = next(c for c in cands if c.ref.code == "smugglers")
    feats = role_features(idx, m, smugglers, (ActorRef("MAR"), None))
    assert "T:COERCE|r:smugglers" in feats and "T:COERCE|a" in feats and "k:role:crime" in feats


def test_an_attack_may_strike_civilians_unnamed(upto_quotes: Any) -> None:  # noqa: F811
    idx = _index(upto_quotes, "انفجرت سيارة مفخخة في سوق شعبي.")
    m = _mention(idx, "انفجرت", "ASSAULT")
    assert any(c.ref.code == "civilians" and c.start is None for c in candidates(idx, m, None))


def test_choose_takes_the_best_candidate_above_threshold(upto_quotes: Any, tmp_path: Path) -> None:  # noqa: F811
    model = tiny_model(tmp_path, roles=True)
    idx = _index(upto_quotes, "أوقفت الشرطة ثلاثة مهربين بمدينة طنجة المغربية.")
    m = _mention(idx, "أوقفت", "COERCE")
    actor, recipient = choose(idx, m, "MAR", model, (None, None))
    assert actor is not None and actor.code == "MAR"
    assert recipient is not None and recipient.code == "smugglers"
    consult = _mention(idx, "أوقفت", "CONSULT")  # the tiny heads: a state named in the sentence acts, no one is hit
    actor, recipient = choose(idx, consult, None, model, (None, None))
    assert actor is not None and actor.code == "MAR" and actor.entity is not None and recipient is None
    assert choose(idx, _mention(idx, "أوقفت", "PROTEST"), None, model, (None, None)) == (None, None)


def test_the_speaker_of_the_quote_holding_the_trigger(upto_quotes: Any) -> None:  # noqa: F811
    idx = _index(upto_quotes, "وقال وزير الخارجية السعودي عادل الجبير إن بلاده تدعم جهود مصر.")
    m = _mention(idx, "تدعم", "SUPPORT")
    spk = [c for c in candidates(idx, m, None) if c.speaker]
    assert spk and spk[0].ref.code == "SAU"
    assert "spk" in role_features(idx, m, spk[0], (None, None))
