"""Bad input never crashes and never disappears: each gets a coded failure, the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.analyze import analyze, make_article
from marsad.config import load_settings
from marsad.inputs import ArticleInput, InputFailure, read_path, split_title_byline
from marsad.pipeline import Pipeline

ARTICLE = "عنوان الخبر هنا\n\nسعيد الإدريسي\n\nأعلنت الشرطة توقيف ثلاثة أشخاص في مدينة فاس."


def _codes(items: list[ArticleInput | InputFailure]) -> list[str]:
    return [i.code if isinstance(i, InputFailure) else "ok" for i in items]


def test_each_bad_file_gets_its_code(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "cp1256.txt").write_bytes(ARTICLE.encode("cp1256"))
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    codes = {p.name: _codes(list(read_path(p))) for p in sorted(tmp_path.iterdir())}
    assert codes == {"blob.txt": ["E002"], "cp1256.txt": ["ok"], "empty.txt": ["E001"], "good.txt": ["ok"]}
    (item,) = read_path(tmp_path / "cp1256.txt")
    assert isinstance(item, ArticleInput)
    assert item.text == ARTICLE and item.warnings == ("W002",)


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(("خبر " * 5_300_000).encode("utf-8"))  # > 20 MB
    (failure,) = read_path(big, max_bytes=20_000_000)
    assert isinstance(failure, InputFailure) and failure.code == "E004"
    assert len(failure.raw) <= 4096


def test_bad_jsonl_line_is_one_failure_and_the_others_go_on(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False), "{not json", json.dumps({"id": "b"}),
             json.dumps({"id": "c", "text": "خبر آخر عن الأمن", "published": "2025-03-01"}, ensure_ascii=False)]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_path(path))
    assert _codes(items) == ["ok", "E005", "E006", "ok"]
    assert items[1].origin.endswith("batch.jsonl:2")  # type: ignore[union-attr]


def test_failures_become_records_with_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    items = [i for p in sorted(tmp_path.iterdir()) for i in read_path(p)]
    records = list(analyze(items, Pipeline.build()))
    assert [r["diagnostics"][0]["code"] if r["diagnostics"] else None for r in records] == ["E002", None]
    assert records[0]["events"] == [] and records[0]["text"] == ""
    assert records[1]["author"] == "سعيد الإدريسي"


def test_title_and_byline() -> None:
    assert split_title_byline(ARTICLE)[:2] == ("عنوان الخبر هنا", "سعيد الإدريسي")
    no_byline = "عنوان\n\nأعلنت الشرطة، اليوم، توقيف شخص.\n\nفقرة."
    assert split_title_byline(no_byline)[:2] == ("عنوان", None)
    assert split_title_byline("عنوان\nبقلم: ليلى بنعلي\nنص المقال")[1] == "ليلى بنعلي"


def test_bidi_controls_in_input_are_stripped_with_a_diagnostic() -> None:
    item = ArticleInput(text="هجوم\u202e على\u2066 مركز", origin="t")
    article = make_article(item, load_settings())
    assert article.text == "هجوم على مركز"
    assert "W001" in [d.code for d in article.diagnostics]


def test_long_text_is_truncated_with_a_warning() -> None:
    settings = load_settings(overrides={"input": {"max_chars": 50}})
    article = make_article(ArticleInput(text="خبر " * 100, origin="t"), settings)
    assert len(article.text) <= 50
    assert "W003" in [d.code for d in article.diagnostics]


# -- hostile inputs: each item gets a code, the others go on ---------------------------------------

_AR = "أعلنت وزارة الداخلية توقيف ثلاثة أشخاص في الرباط يوم الأحد."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_read_with_a_warning(codec: str) -> None:
    from marsad.inputs import read_text_bytes

    item = read_text_bytes(("عنوان\n" + _AR).encode(codec), "f.txt")
    assert isinstance(item, ArticleInput) and item.warnings == ("W005",)
    assert item.title == "عنوان" and item.text.endswith(_AR)


def test_utf8_with_one_bad_byte_stays_utf8() -> None:
    from marsad.inputs import decode_bytes

    data = (_AR * 3).encode("utf-8")
    at = data.index(b" ", 40)  # between two words
    broken = data[:at] + b"\xff" + data[at:]
    text, warnings = decode_bytes(broken) or ("", ())
    assert warnings == ("W006",) and text.count("\ufffd") == 1 and "وزارة الداخلية" in text


def test_a_legacy_code_page_is_still_recognised() -> None:
    from marsad.inputs import decode_bytes

    assert decode_bytes(_AR.encode("cp1256")) == (_AR, ("W002",))


@pytest.mark.parametrize("blank", ["   \n\t", "\u200b\u200c\u200f", "ـــــــ", "\ufeff \u2067\u2069"])
def test_text_of_only_blanks_zero_widths_or_tatweel_is_empty(blank: str) -> None:
    from marsad.inputs import parse_json_line, read_text_bytes

    assert isinstance(item := read_text_bytes(blank.encode("utf-8"), "f.txt"), InputFailure) and item.code == "E001"
    line = parse_json_line(json.dumps({"text": blank}).encode(), "f.jsonl:1")
    assert isinstance(line, InputFailure) and line.code == "E006"


def test_deeply_nested_json_is_one_malformed_line() -> None:
    from marsad.inputs import read_jsonl_bytes

    deep = b"[" * 100_000 + b"]" * 100_000
    good = json.dumps({"text": _AR}).encode()
    items = list(read_jsonl_bytes(deep + b"\n" + good, "f.jsonl"))
    assert isinstance(items[0], InputFailure) and items[0].code == "E005" and "deep" in items[0].message
    assert isinstance(items[1], ArticleInput) and items[1].text == _AR


def test_a_lone_surrogate_is_replaced_with_a_warning() -> None:
    from marsad.inputs import parse_json_line

    item = parse_json_line(b'{"text": "' + _AR.encode() + b'\\udfff", "title": "x\\ud800"}', "f.jsonl:1")
    assert isinstance(item, ArticleInput) and item.warnings == ("W004",)
    assert item.text == _AR + "\ufffd" and item.title == "x\ufffd"
    item.text.encode("utf-8")  # writable: no UnicodeEncodeError downstream
