from __future__ import annotations

from pathlib import Path

import pytest

from marsad.article import Article
from marsad.config import Settings, config_sha256, load_settings
from marsad.errors import ConfigError, PipelineError
from marsad.pipeline import Pipeline, StageFn, StageSpec


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
    def factory(_s: Settings) -> StageFn:
        return fn

    return StageSpec(name, requires, assigns, factory)


def _settings(*names: str, on_error: str = "record") -> Settings:
    return load_settings(overrides={"pipeline": {"stages": list(names), "on_error": on_error}})


def test_chain_is_checked_before_running() -> None:
    reg = {"b.v1": _spec("b.v1", ("thing",), ("other",), lambda a: a)}
    with pytest.raises(PipelineError, match="requires thing"):
        Pipeline.build(_settings("b.v1"), reg)


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
