"""Fixtures for the scale tests: 200 articles (SaudiNewsNet, else a generated Arabic set) and a Dask cluster."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.inputs import ArticleInput, InputFailure

REPO = Path(__file__).resolve().parents[2]
SAUDINEWSNET = REPO.parent / "shared" / "data" / "saudinewsnet"
N_ARTICLES = 200

_PLACES = ["الرياض", "جدة", "صنعاء", "عدن", "الدمام", "نجران", "جازان", "مكة المكرمة", "المدينة المنورة", "تبوك"]
_ACTS = ["اعتقلت قوات الأمن", "أعلنت وزارة الداخلية القبض على", "أحبطت الجهات الأمنية هجوما نفذه",
         "استقبل وزير الخارجية", "التقى ولي العهد"]  # fmt: skip


def _generated(n: int) -> list[ArticleInput]:
    """Arabic articles written for these tests: varied places, acts, numbers and days."""
    items = []
    for i in range(n):
        place, act = _PLACES[i % len(_PLACES)], _ACTS[i % len(_ACTS)]
        text = (f"{place} - واس: {act} {i + 3} أشخاص في {place} يوم الأحد الماضي. "
                f"وقال المتحدث الرسمي إن العملية رقم {i} جاءت بعد متابعة استمرت {i % 9 + 2} أسابيع. "
                f"وأضاف أن التحقيقات ما زالت جارية في {_PLACES[(i + 3) % len(_PLACES)]}.")  # fmt: skip
        published = f"2015-{7 + i % 2:02d}-{i % 28 + 1:02d}"
        items.append(ArticleInput(text=text, origin=f"generated:{i}", published=published))
    return items


def _saudinewsnet(n: int) -> list[ArticleInput]:
    items: list[ArticleInput] = []
    for path in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for j, art in enumerate(json.loads(zf.read(name))):
                    if art.get("content"):
                        items.append(ArticleInput(
                            text=art["content"], origin=f"{path.name}:{name}:{j}", title=art.get("title"),
                            url=art.get("url"), source=art.get("source"),
                            published=(art.get("date_extracted") or "")[:10] or None))  # fmt: skip
                    if len(items) >= n:
                        return items
    return items


@pytest.fixture(scope="session")
def articles() -> list[ArticleInput | InputFailure]:
    """200 inputs (real articles when ../shared is there) plus one unreadable item in the middle."""
    items: list[ArticleInput | InputFailure] = list(_saudinewsnet(N_ARTICLES) if SAUDINEWSNET.is_dir() else [])
    if len(items) < N_ARTICLES:
        items = list(_generated(N_ARTICLES))
    items.insert(57, InputFailure("broken.bin", "E002", "binary input", b"\x00\x01\x02garbage"))
    return items


@pytest.fixture(scope="session")
def settings() -> Any:
    from marsad.config import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def single(articles: list[ArticleInput | InputFailure], settings: Any) -> list[dict[str, Any]]:
    """The reference: every record from one worker in this process."""
    from marsad.analyze import analyze
    from marsad.pipeline import Pipeline

    return list(analyze(articles, Pipeline.build(settings)))


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """A local Dask cluster of 2 worker processes (1 thread each), started for these tests."""
    pytest.importorskip("distributed")
    from marsad.scale.dask_run import connect

    with connect("local:2") as client:
        client.wait_for_workers(2, timeout=60)
        yield client
