"""The PDF, rendered to PNG by poppler's pdftoppm: pages with ink, the Arabic title set right to left (the English
one left to right), and a map page showing Morocco shaded with the week's events as red dots."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from marsad.report import make_report, parse_period, parse_scope
from marsad.store import open_store

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils' pdftoppm")

MAP_SEA, MAP_FOCUS, EVENT_RED = (0xF7, 0xFB, 0xFF), (0xDB, 0xE6, 0xF1), (0xB2, 0x18, 0x2B)


def _pages(pdf: bytes, tmp_path: Path, name: str) -> list[object]:
    from PIL import Image

    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True,
                   timeout=120)  # fmt: skip
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob(f"{name}-*.png"))]


def _near(pixel: tuple[int, int, int], color: tuple[int, int, int], tol: int = 24) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel, color, strict=True))


def _title_ink(page: object) -> tuple[int, int]:
    """Leftmost and rightmost dark pixel of the first line of text (the title)."""
    width, height = page.size  # type: ignore[attr-defined]
    px = page.load()  # type: ignore[attr-defined]
    rows = [y for y in range(height) if any(sum(px[x, y]) < 200 for x in range(width))]
    first = rows[0]
    band = [y for y in rows if y < first + 15]
    xs = [x for y in band for x in range(width) if sum(px[x, y]) < 200]
    return min(xs), max(xs)


@pytest.fixture(scope="module")
def pdfs(demo_db: Path) -> dict[str, bytes]:
    with open_store(demo_db, read_only=True) as store:
        return {lang: make_report(store, parse_scope("MAR"), parse_period("2025-W09"), lang=lang, fmt="pdf").content
                for lang in ("ar", "en")}  # fmt: skip


def test_pdf_pages_have_ink_and_the_title_runs_right_to_left_in_arabic(pdfs: dict[str, bytes],
                                                                        tmp_path: Path) -> None:  # fmt: skip
    ar, en = _pages(pdfs["ar"], tmp_path, "ar"), _pages(pdfs["en"], tmp_path, "en")
    assert pdfs["ar"].startswith(b"%PDF") and len(ar) >= 2
    for page in ar:
        dark = sum(page.convert("L").histogram()[:128])  # type: ignore[attr-defined]
        assert dark > 500, "a blank page"
    width = ar[0].size[0]  # type: ignore[attr-defined]
    left, right = _title_ink(ar[0])
    assert right > width * 0.85 and left > width * 0.35, (left, right)  # «تقرير الوضع: المغرب» at the right margin
    left, right = _title_ink(en[0])
    assert left < width * 0.15 and right < width * 0.65, (left, right)  # "Situation report: Morocco" at the left


def test_pdf_shows_the_map_with_the_events(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    found = []
    for page in _pages(pdfs["ar"], tmp_path, "map"):
        px = page.load()  # type: ignore[attr-defined]
        width, height = page.size  # type: ignore[attr-defined]
        sea = [(x, y) for y in range(0, height, 2) for x in range(0, width, 2) if _near(px[x, y], MAP_SEA, 3)]
        if len(sea) < 500:
            continue
        x0, x1 = min(x for x, _ in sea), max(x for x, _ in sea)
        y0, y1 = min(y for _, y in sea), max(y for _, y in sea)
        focus = sum(1 for y in range(y0, y1) for x in range(x0, x1) if _near(px[x, y], MAP_FOCUS, 6))
        red = sum(1 for y in range(y0, y1) for x in range(x0, x1) if _near(px[x, y], EVENT_RED, 40))
        found.append((focus, red))
    assert found, "no page with the map"
    focus, red = max(found)
    assert focus > 2000, "Morocco is not shaded on the map"
    assert red >= 15, "no event dot on the map"
