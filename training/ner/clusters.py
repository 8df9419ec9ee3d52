"""K-means word clusters at several granularities over the SaudiNewsNet word2vec vectors."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import MiniBatchKMeans


def build_clusters(kv_path: str, ks: tuple[int, ...] = (64, 256, 1024), max_words: int = 80000,
                   seed: int = 13) -> dict[str, tuple[str, ...]]:
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load(kv_path)
    words = kv.index_to_key[:max_words]
    vecs = kv.vectors[: len(words)]
    vecs = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    labels = []
    for k in ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=1,
                             max_iter=50)
        labels.append(km.fit_predict(vecs))
    return {w: tuple(f"{k}:{lab[i]}" for k, lab in zip(ks, labels, strict=True))
            for i, w in enumerate(words)}
