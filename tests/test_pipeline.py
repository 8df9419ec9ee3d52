from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from marsad.article import Article
from marsad.config import Settings, config_sha256, load_settings
from marsad.errors import ConfigError, PipelineError
from marsad.knowledge import Knowledge
from marsad.pipeline import Cancelled, Pipeline, StageFn, StageSpec, cancellable, check_chain
from marsad.registrations import builtin_stages


def test_unknown_config_key_fails_at_start_up(tmp_path: Path) -> None:
    user = tmp_path / "marsad.toml"
    user.write_text('[pipeline]\non_eror = "raise"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="on_eror"):
        load_settings(user)


def test_user_file_overrides_defaults_and_changes_the_hash(tmp_path: Path) -> None:
    user = tmp_path / "marsad.toml"
    user.write_text("[input]\nmax_chars = 1000\n", encoding="utf-8")
    custom, default = load_settings(user), load_settings()
    assert custom.input.max_chars == 1000
    assert custom.pipeline.stages == default.pipeline.stages
    assert config_sha256(custom) != config_sha256(default)


def _spec(name: str, requires: tuple[str, ...], assigns: tuple[str, ...], fn: StageFn) -> StageSpec:
    def factory(_s: Settings, _k: Knowledge) -> StageFn:
        return fn

    return StageSpec(name, requires, assigns, factory)


def _settings(*names: str, on_error: str = "record") -> Settings:
    return load_settings(overrides={"pipeline": {"stages": list(names), "on_error": on_error}})


def test_chain_is_checked_before_running() -> None:
    reg = {"b.v1": _spec("b.v1", ("thing",), ("other",), lambda a: a)}
    with pytest.raises(PipelineError, match="requires thing"):
        Pipeline.build(_settings("b.v1"), reg)


def _reordered(first: str, then: str) -> list[str]:
    """The default stages with ``first`` moved just before ``then``."""
    names = [n for n in load_settings().pipeline.stages if n != first]
    names.insert(names.index(then), first)
    return names


@pytest.mark.parametrize(("first", "then", "missing"), [
    ("events.rules.v1", "quotes.rules.v1", "quotes"),       # a statement is dated by its quote
    ("events.rules.v1", "geo.places.v1", "places"),         # through the article index
    ("quotes.rules.v1", "time.expressions.v1", "timexes"),  # the time a quote was uttered
    ("relations.rules.v1", "quotes.rules.v1", "quotes"),
    ("geo.places.v1", "ner.kb.v1", "entities"),
])  # fmt: skip
def test_a_stage_before_a_layer_it_reads_is_refused(first: str, then: str, missing: str) -> None:
    with pytest.raises(PipelineError, match=rf"'{first}' requires .*\b{missing}\b") as err:
        Pipeline.build(_settings(*_reordered(first, then)))  # refused before any stage is built
    assert err.value.code == "E021"


def test_the_default_chain_satisfies_every_declared_layer() -> None:
    registry = builtin_stages()
    check_chain(registry[n] for n in load_settings().pipeline.stages)


def test_stages_that_rewrite_the_entities_say_so() -> None:
    registry = builtin_stages()
    assert {n for n, s in registry.items() if s.modifies} == {"ner.model.v1", "geo.places.v1"}
    assert all(s.modifies == ("entities",) for s in registry.values() if s.modifies)


def test_a_modified_layer_must_be_required_and_assigned() -> None:
    with pytest.raises(ValueError, match="modifies x"):
        StageSpec("m.v1", (), ("x",), lambda _s: lambda a: a, modifies=("x",))


def test_unknown_stage_is_named() -> None:
    with pytest.raises(PipelineError, match=r"no\.such\.v9"):
        Pipeline.build(_settings("no.such.v9"), {})


def _boom(_a: Article) -> Article:
    raise RuntimeError("كسر")


def test_record_policy_adds_a_coded_diagnostic_and_goes_on() -> None:
    reg = {"boom.v1": _spec("boom.v1", (), ("x",), _boom),
           "ok.v1": _spec("ok.v1", (), ("y",), lambda a: a.with_layer("y", [1]))}  # fmt: skip
    out = Pipeline.build(_settings("boom.v1", "ok.v1"), reg)(Article.create("نص", id="a"))
    assert [d.code for d in out.diagnostics] == ["E010"]
    assert out.diagnostics[0].stage == "boom.v1"
    assert out.layer("y") == (1,)


def test_raise_policy_propagates() -> None:
    reg = {"boom.v1": _spec("boom.v1", (), ("x",), _boom)}
    with pytest.raises(RuntimeError):
        Pipeline.build(_settings("boom.v1", on_error="raise"), reg)(Article.create("نص", id="a"))


def test_provenance_names_stages_and_config_hash() -> None:
    p = Pipeline.build()
    out = p(Article.create("قال الوزير", id="a"))
    (prov,) = out.layer("provenance")
    assert prov.stages == tuple(load_settings().pipeline.stages)
    assert prov.config_sha256 == config_sha256(load_settings())


class _Batching:
    """A stage with a batch method: counts its calls and fails on an article that says «كسر»."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: list[Article]) -> list[Article]:
        self.batches.append(len(articles))
        if any("كسر" in a.text for a in articles):
            raise RuntimeError("كسر")
        return [a.with_layer("n", [len(a.text)]) for a in articles]


def test_pipe_batches_the_stages_that_can_and_keeps_order() -> None:
    stage = _Batching()
    reg = {"batch.v1": _spec("batch.v1", (), ("n",), stage),
           "one.v1": _spec("one.v1", ("n",), ("y",), lambda a: a.with_layer("y", [a.id]))}  # fmt: skip
    p = Pipeline.build(_settings("batch.v1", "one.v1"), reg)
    texts = ["أ" * i for i in range(1, 8)]
    out = list(p.pipe((Article.create(t, id=f"a{i}") for i, t in enumerate(texts)), batch_size=3))
    assert stage.batches == [3, 3, 1]
    assert [a.layer("n") for a in out] == [(len(t),) for t in texts]
    assert [a.layer("y") for a in out] == [(f"a{i}",) for i in range(7)]
    assert all(a.layer("provenance") for a in out)


def test_a_failing_batch_is_redone_one_by_one_so_only_the_bad_article_is_marked() -> None:
    stage = _Batching()
    reg = {"batch.v1": _spec("batch.v1", (), ("n",), stage)}
    p = Pipeline.build(_settings("batch.v1"), reg)
    arts = [Article.create(t, id=t) for t in ("خبر", "كسر", "نبأ")]
    out = list(p.pipe(arts, batch_size=8))
    assert [[d.code for d in a.diagnostics] for a in out] == [[], ["E010"], []]
    assert [a.layer("n") for a in out] == [(3,), (), (3,)]
    raising = Pipeline.build(_settings("batch.v1", on_error="raise"), reg)
    with pytest.raises(RuntimeError):
        list(raising.pipe(arts))


def _slow_on(word: str, seconds: float) -> StageFn:
    """A stage that takes ``seconds`` on an article whose text holds ``word`` (a pathological one)."""

    def stage(a: Article) -> Article:
        if word in a.text:
            time.sleep(seconds)
        return a.with_layer("x", [1])

    return stage


def test_an_article_over_its_time_budget_keeps_its_partial_analysis_and_the_batch_goes_on() -> None:
    reg = {"slow.v1": _spec("slow.v1", (), ("x",), _slow_on("قال قال", 0.3)),
           "next.v1": _spec("next.v1", ("x",), ("y",), lambda a: a.with_layer("y", [a.id]))}  # fmt: skip
    settings = load_settings(overrides={"pipeline": {"stages": ["slow.v1", "next.v1"], "article_seconds": 0.2}})
    p = Pipeline.build(settings, reg)
    arts = [Article.create(t, id=t) for t in ("خبر أول", "قال قال قال", "خبر ثالث")]
    for out in (list(p.pipe(arts, batch_size=8)), [p(a) for a in arts]):
        assert [[d.code for d in a.diagnostics] for a in out] == [[], ["E011"], []]
        assert [a.layer("y") for a in out] == [("خبر أول",), (), ("خبر ثالث",)]  # the later stage skipped only it
        assert out[1].layer("x") == (1,) and "next.v1" in out[1].diagnostics[0].message
        assert all(a.layer("provenance") for a in out)


def test_a_batching_stage_shares_its_time_by_text_length() -> None:
    stage = _Batching()
    p = Pipeline.build(_settings("batch.v1"), {"batch.v1": _spec("batch.v1", (), ("n",), stage)})
    arts = [Article.create(t, id=t) for t in ("أ" * 10, "ب" * 30)]
    done, secs = p._run_batch(p.specs[0], stage, arts)
    assert [a.layer("n") for a in done] == [(10,), (30,)] and secs[1] == pytest.approx(3 * secs[0])


def test_batched_analysis_equals_one_by_one_on_real_text() -> None:
    p = Pipeline.build()
    texts = ["أعلنت المديرية العامة للأمن الوطني في الرباط توقيف خمسة أشخاص بمدينة طنجة.",
             "وقال وزير الخارجية الجزائري أحمد عطاف إن التنسيق الأمني مع تونس قوي.",
             "", "استهدف هجوم مسلح دورية للجيش المالي قرب غاو."]  # fmt: skip
    arts = [Article.create(t, id=str(i)) for i, t in enumerate(texts)]
    assert list(p.pipe(arts, batch_size=4)) == [p(a) for a in arts]


def test_build_moves_the_loaded_models_out_of_the_collectors_generations() -> None:
    import gc

    gc.unfreeze()
    Pipeline.build()
    assert gc.get_freeze_count() > 100_000  # the KB, gazetteer and NER model: walked by no full collection


def test_upto_keeps_the_stages_up_to_one_and_names_an_unknown_one() -> None:
    reg = {"a.v1": _spec("a.v1", (), ("x",), lambda a: a.with_layer("x", [1])),
           "b.v1": _spec("b.v1", ("x",), ("y",), lambda a: a.with_layer("y", [2]))}  # fmt: skip
    p = Pipeline.build(_settings("a.v1", "b.v1"), reg)
    head = p.upto("a.v1")
    assert [s.name for s in head.specs] == ["a.v1"]
    out = head(Article.create("نص", id="a"))
    assert out.layer("x") == (1,) and out.layer("y") == ()
    with pytest.raises(PipelineError, match=r"c\.v1"):
        p.upto("c.v1")


def test_stages_receive_the_pipelines_knowledge(tmp_path: Path) -> None:
    """A caller's actor KB reaches the KB stage: an actor only its extra file knows is found and linked."""
    from marsad.kb.actors import ActorKB

    extra = tmp_path / "actors.jsonl"
    row = {"id": "MAR_BCIJ_TEST", "kind": "agency", "name_en": "Test Bureau", "name_ar": "مكتب الاختبار المركزي",
           "country": "MAR", "names": ["مكتب الاختبار المركزي"]}  # fmt: skip
    extra.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    text = "أعلن مكتب الاختبار المركزي توقيف ثلاثة أشخاص في طنجة."
    settings = load_settings(overrides={"pipeline": {"stages": ["text.tokens.v1", "text.sentences.v1", "ner.kb.v1"]}})
    default = Pipeline.build(settings)(Article.create(text, id="k"))
    assert not any(e.canonical and e.canonical.id == "MAR_BCIJ_TEST" for e in default.layer("entities"))
    mine = Pipeline.build(settings, knowledge=Knowledge(kb=ActorKB.load(extra=[extra])))(Article.create(text, id="k"))
    found = [e for e in mine.layer("entities") if e.canonical and e.canonical.id == "MAR_BCIJ_TEST"]
    assert [text[e.start : e.end] for e in found] == ["مكتب الاختبار المركزي"]


def test_a_cancelled_run_stops_before_its_next_stage() -> None:
    ran: list[str] = []
    stop = {"now": False}

    def first(a: Article) -> Article:
        ran.append("first")
        stop["now"] = True  # e.g. the API's client went away during this stage
        return a.with_layer("x", [1])

    def second(a: Article) -> Article:
        ran.append("second")
        return a

    reg = {"first.v1": _spec("first.v1", (), ("x",), first), "second.v1": _spec("second.v1", ("x",), ("y",), second)}
    p = Pipeline.build(_settings("first.v1", "second.v1"), reg)
    article = Article.create("أوقفت قوات الأمن عشرة أشخاص في الرباط", id="a")
    with cancellable(lambda: stop["now"]), pytest.raises(Cancelled, match=r"before stage second\.v1"):
        p(article)
    assert ran == ["first"]
    stop["now"], ran[:] = False, []
    with cancellable(lambda: stop["now"]), pytest.raises(Cancelled):
        list(p.pipe([article, article]))
    assert ran == ["first", "first"]
    stop["now"], ran[:] = False, []
    assert p(article).layer("x") == (1,) and ran == ["first", "second"]  # outside the context: no check


def test_rules_name_states_from_the_pipelines_knowledge(tmp_path: Path) -> None:
    """The KB given to the pipeline is the one the event rules ask: an agency acts for its state, named as that
    KB names it (not as the packaged KB does)."""
    from marsad.kb.actors import ActorKB

    packaged = Path(__file__).resolve().parents[1] / "src" / "marsad" / "kb" / "data" / "actors.jsonl"
    row = next(json.loads(line) for line in packaged.open(encoding="utf-8") if line.startswith('{"id": "MAR"'))
    extra = tmp_path / "actors.jsonl"
    extra.write_text(json.dumps({**row, "name_en": "Kingdom of Morocco"}, ensure_ascii=False) + "\n", "utf-8")
    text = "فككت المديرية العامة لمراقبة التراب الوطني خلية إرهابية بطنجة واعتقلت أربعة أشخاص."
    mine = Pipeline.build(knowledge=Knowledge(kb=ActorKB.load(extra=[extra])))(Article.create(text, id="k"))
    default = Pipeline.build()(Article.create(text, id="k"))
    assert [(e.actor.code, e.actor.name) for e in default.layer("events") if e.actor] == [("MAR", "Morocco")]
    assert [(e.actor.code, e.actor.name) for e in mine.layer("events") if e.actor] == [("MAR", "Kingdom of Morocco")]
