"""Arabic named-entity recognition: a trained tagger over surface tokens."""

from marsad.ner.model import NerModel, NerModelError, load_model

__all__ = ["NerModel", "NerModelError", "load_model"]
