"""A hand-made event model for tests: few features, weights chosen so the expected answer is certain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from marsad.events.learned import EventModel, load_event_model, save_model
from marsad.records import EVENT_TYPES


def _head(labels: list[str], weights: dict[str, dict[str, float]], bias: dict[str, float]) -> dict[str, Any]:
    vocab = sorted(weights)
    W = np.zeros((len(vocab), len(labels)))
    for i, f in enumerate(vocab):
        for lab, w in weights[f].items():
            W[i, labels.index(lab)] = w
    b = np.array([bias.get(lab, 0.0) for lab in labels])
    return {"labels": labels, "vocab": vocab, "W": W, "b": b}


def tiny_model(tmp: Path, roles: bool = False) -> EventModel:
    """COERCE where the lexicon says so or «اعتقال» is written; CONSULT where «تفقد» is; PROTEST never;
    the trigger is the word the lexicon marks, or «تفقد»; COERCE's mode is arrest; ACLED: Arrests."""
    types = list(EVENT_TYPES)
    heads = {
        "types": _head(types, {"L:COERCE": {"COERCE": 8.0}, "s:اعتقال": {"COERCE": 8.0}, "w:تفقد": {"CONSULT": 8.0},
                               "L:PROTEST": {"PROTEST": -20.0}},
                       {t: -6.0 for t in types}),
        "trigger": _head(["-", *types], {"L:COERCE": {"COERCE": 6.0}, "s:اعتقال": {"COERCE": 6.0},
                                         "w:تفقد": {"CONSULT": 6.0}}, {"-": 1.0}),
        "mode:COERCE": _head(["-", "arrest", "seize"], {"t:L:COERCE": {"arrest": 3.0}, "t:s:اعتقال": {"arrest": 3.0}},
                             {"-": 0.5}),
        "acled": _head(["-", "Strategic developments/Arrests"],
                       {"M:COERCE/arrest": {"Strategic developments/Arrests": 5.0}},
                       {"-": 1.0}),
        "quad": _head(["0", "1", "2", "3", "4"], {"L:COERCE": {"1": 4.0}}, {"0": 1.0}),
    }  # fmt: skip
    thresholds: dict[str, float] = {"*": 0.5, "PROTEST": 0.5, "COERCE": 0.5, "CONSULT": 0.5}
    if roles:
        heads["actor"] = _head(["0", "1"], {"T:COERCE|k:main": {"1": 6.0}, "T:CONSULT|k:state": {"1": 6.0}},
                               {"1": -3.0})
        heads["recipient"] = _head(["0", "1"], {"T:COERCE|r:smugglers": {"1": 6.0}}, {"1": -3.0})
        thresholds |= {"actor": 0.5, "recipient": 0.5}
    path = tmp / "event_model.npz"
    save_model(path, heads, {"اعتقال": (1, 2), "تفقد": (3, 4)}, {"thresholds": thresholds})
    load_event_model.cache_clear()
    return load_event_model(str(path))
