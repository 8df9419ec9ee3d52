"""Hostile inputs: every reader fails one item, never the run, and nothing disappears without a code."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

from ingest_fakestore import FakeStore

from marsad.ingest import IngestOptions, check_language, count_entries, ingest, open_source
from marsad.ingest.base import SourceOptions
from marsad.inputs import ArticleInput, InputFailure, parse_json_line
from marsad.pipeline import Pipeline

AR1 = "أعلنت المديرية العامة للأمن الوطني توقيف شخصين في مدينة فاس للاشتباه في صلتهما بتنظيم إرهابي."
AR2 = "قالت وزارة الدفاع الجزائرية إن وحدات الجيش دمرت مخبأ للأسلحة قرب الحدود مع مالي."
DEEP = ("[" * 100_000 + "]" * 100_000).encode()
DEEP_FIELD = ('{"text": "' + AR1 + '", "title": ' + "[" * 1500 + "]" * 1500 + "}").encode()


def _line(text: str, **extra: object) -> bytes:
    return json.dumps({"text": text, **extra}, ensure_ascii=False).encode("utf-8")


def _items(path: Path) -> list[ArticleInput | InputFailure]:
    return list(open_source(str(path), SourceOptions()))


def _codes(items: list[ArticleInput | InputFailure]) -> list[str | None]:
    return [i.code if isinstance(i, InputFailure) else None for i in items]


def test_deep_json_is_one_e005_in_every_reader(tmp_path: Path, store: FakeStore, light_pipeline: Pipeline) -> None:
    (tmp_path / "a.json").write_bytes(DEEP)
    (tmp_path / "b.jsonl").write_bytes(_line(AR1) + b"\n" + DEEP + b"\n" + DEEP_FIELD + b"\n" + _line(AR2) + b"\n")
    (tmp_path / "c.json").write_bytes(b"[" + _line(AR1) + b", " + DEEP_FIELD + b"]")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("deep.json", DEEP)
        zf.writestr("ok.jsonl", _line(AR2))
    (tmp_path / "d.zip").write_bytes(buf.getvalue())
    assert _codes(_items(tmp_path / "a.json")) == ["E005"]
    assert _codes(_items(tmp_path / "b.jsonl")) == [None, "E005", "E005", None]
    assert _codes(_items(tmp_path / "c.json")) == ["E005"]  # the whole document is too deep
    assert _codes(_items(tmp_path / "d.zip")) == ["E005", None]
    item = parse_json_line(DEEP_FIELD, "<stdin>:1")  # the stdin / analyze reader
    assert isinstance(item, InputFailure) and item.code == "E005"
    assert count_entries([str(tmp_path)], IngestOptions()) == 8  # the counting pass no longer crashes
    stats = ingest([str(tmp_path)], store, IngestOptions(), pipeline=light_pipeline)
    assert stats.seen == 8 and stats.stored == 2 and stats.duplicate == 1 and stats.by_code == {"E005": 5}


def test_corrupt_gzip_and_zip_are_e040_and_the_folder_goes_on(tmp_path: Path, store: FakeStore,
                                                            light_pipeline: Pipeline) -> None:  # fmt: skip
    good = gzip.compress(AR1.encode("utf-8") * 20)
    (tmp_path / "a_bad.txt.gz").write_bytes(good[:20] + b"\xff" * 30 + good[50:])
    (tmp_path / "b_truncated.txt.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "c_bad.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("1.txt", AR1 * 5)
        zf.writestr("2.txt", AR2 * 5)
    data = bytearray(buf.getvalue())
    start = data.index(b"1.txt") + 5 + 10  # inside the first member's compressed bytes
    data[start : start + 8] = b"\x00" * 8
    (tmp_path / "d_member.zip").write_bytes(bytes(data))
    (tmp_path / "e_ok.txt").write_text(AR2, "utf-8")
    items = _items(tmp_path)
    assert _codes(items) == ["E040", "E040", "E040", "E040", None, None]
    assert items[3].origin.endswith("d_member.zip::1.txt") and items[4].origin.endswith("d_member.zip::2.txt")
    stats = ingest([str(tmp_path)], store, IngestOptions(), pipeline=light_pipeline)
    assert stats.seen == 6 and stats.stored == 2 and stats.by_code == {"E040": 4}


def test_unsafe_member_paths_and_nul_gzip_are_quarantined_and_counted(tmp_path: Path, store: FakeStore,
                                                                    light_pipeline: Pipeline) -> None:  # fmt: skip
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../etc/evil.txt", AR1)
        zf.writestr("ok.txt", AR2)
        zf.writestr(".hidden.txt", AR1)  # hidden members are skipped on purpose
    (tmp_path / "a.zip").write_bytes(buf.getvalue())
    tbuf = io.BytesIO()
    with tarfile.open(fileobj=tbuf, mode="w") as tf:
        body = AR1.encode("utf-8")
        info = tarfile.TarInfo("x/../../up.txt")
        info.size = len(body)
        tf.addfile(info, io.BytesIO(body))
    (tmp_path / "b.tar").write_bytes(tbuf.getvalue())
    (tmp_path / "c.txt.gz").write_bytes(b"\x00" * 4096)
    (tmp_path / "d.txt.gz").write_bytes(gzip.compress(b"\x00" * 4096))
    items = _items(tmp_path)
    assert _codes(items) == ["E043", None, "E043", "E040", "E040"]
    assert [i.origin.removeprefix(f"{tmp_path}/") for i in items if isinstance(i, InputFailure)] == [
        "a.zip::../../etc/evil.txt", "b.tar::x/../../up.txt", "c.txt.gz", "d.txt.gz"]  # fmt: skip
    stats = ingest([str(tmp_path)], store, IngestOptions(), pipeline=light_pipeline)
    assert stats.seen == 5 and stats.quarantined == 4 and stats.by_code == {"E043": 2, "E040": 2}
    assert len(store.quarantined) == 4


def test_a_utf16_file_of_nul_is_empty_e001_not_e008(tmp_path: Path, store: FakeStore,
                                                     light_pipeline: Pipeline) -> None:  # fmt: skip
    """Every reader's items lose their NUL characters (W007): a UTF-16 file of NULs, or of NULs and white space,
    holds nothing (E001), and a JSON record whose text is NULs has no text (E006); neither is «not Arabic» (E008)."""
    (tmp_path / "nul_le.txt").write_bytes(("\x00" * 40).encode("utf-16"))
    (tmp_path / "nul_be.txt").write_bytes(b"\xfe\xff" + ("\x00" * 40).encode("utf-16-be"))
    (tmp_path / "nul_space.txt").write_bytes("\x00 \n\x00\t \u200f".encode("utf-16"))
    (tmp_path / "nul.jsonl").write_bytes(_line("\x00\x00 ") + b"\n" + _line(AR1) + b"\n")
    assert _codes(_items(tmp_path / "nul_le.txt")) == ["E001"]
    assert _codes(_items(tmp_path / "nul_space.txt")) == ["E001"]
    assert _codes(_items(tmp_path / "nul.jsonl")) == ["E006", None]
    stats = ingest([str(tmp_path)], store, IngestOptions(), pipeline=light_pipeline)
    assert stats.stored == 1 and stats.by_code == {"E001": 3, "E006": 1}


def test_language_check_calls_an_item_with_nothing_but_nul_empty() -> None:
    """The language check is every reader's last word: an item left blank once NUL is gone is E001 there too."""
    out = check_language(ArticleInput(text="\x00 \x00\n", origin="feed#1"))
    assert isinstance(out, InputFailure) and out.code == "E001"
    kept = check_language(ArticleInput(text=AR1 + "\x00", origin="feed#2"))
    assert isinstance(kept, ArticleInput) and kept.text == AR1 and "W007" in kept.warnings
