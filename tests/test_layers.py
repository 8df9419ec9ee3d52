"""Typed layer names: every layer a built-in stage reads or writes is declared in marsad.layers."""

from __future__ import annotations

from marsad import layers
from marsad.article import Article, Layer
from marsad.records import Entity
from marsad.registrations import builtin_stages
from marsad.stages import BASE_LAYERS


def test_every_stage_layer_is_declared() -> None:
    declared = {getattr(layers, n) for n in layers.__all__}
    assert all(isinstance(k, Layer) for k in declared)
    used = {name for spec in builtin_stages().values() for name in (*spec.requires, *spec.assigns)}
    assert used - BASE_LAYERS <= declared


def test_a_layer_key_is_its_name() -> None:
    e = Entity("E1", 0, 5, "GPE", None, "kb", 1.0)
    art = Article.create("المغرب يعلن", id="l").with_layer(layers.ENTITIES, [e])
    assert art.layer("entities") == art.layer(layers.ENTITIES) == (e,)
    assert dict(art.layers) == {"entities": (e,)} and art.has_layer(layers.ENTITIES)
