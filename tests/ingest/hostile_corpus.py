"""A generated folder of hostile inputs, one kind per row of issue 20's table (and ordinary articles
around them), deterministic from a seed. Used by ``test_fuzz_hostile.py``.

Each writer returns how many items the readers must report for what it wrote (a line, a CSV row, an
archive member, a file), so the test can check that every item in is stored, quarantined or reported.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

#: Ordinary Arabic news sentences (written for these tests) that hostile items are mixed with.
SENTENCES = [
    "أعلنت المديرية العامة للأمن الوطني توقيف شخصين في مدينة فاس للاشتباه في صلتهما بتنظيم إرهابي.",
    "قالت وزارة الدفاع الجزائرية إن وحدات الجيش دمرت مخبأ للأسلحة قرب الحدود مع مالي.",
    "تظاهر مئات السكان في صفاقس للمطالبة بتحسين الخدمات الصحية في المستشفى الجهوي.",
    "هاجم مسلحون مجهولون نقطة تفتيش قرب موبتي ما أسفر عن مقتل ثلاثة جنود.",
    "وقع البلدان اتفاقا للتعاون الأمني في مجال مكافحة الهجرة غير النظامية.",
]
_VOCAB = ("قال", "الوزير", "إن", "قوات", "الأمن", "اعتقلت", "عشرة", "أشخاص", "في", "الرباط", "بعد", "هجوم")


_WORDS = " ".join(SENTENCES).replace(".", "").split()


def article(rng: random.Random, n: int) -> str:
    """An ordinary article: a sentence of the list, then words of the others in a random order (so that
    no two articles are near-duplicates), and a unique marker."""
    return f"{rng.choice(SENTENCES)} {' '.join(rng.sample(_WORDS, 20))}. وذكر المصدر أن العدد بلغ {n}."


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _json_lines(rng: random.Random, start: int) -> list[bytes]:
    """One line per hostile JSON kind (rows 2, 3, 5, 13, 15, 18) and ordinary lines between them."""
    n = start
    text = article(rng, n)
    lines = [
        json.dumps({"id": 1, "text": article(rng, n + 1)}),  # row 2: the number 1 …
        json.dumps({"id": "1", "text": article(rng, n + 2)}),  # … and the string "1": two articles
        json.dumps({"id": f"a/{n}/b", "text": article(rng, n + 3)}),  # row 15: an id with '/'
        '{"id": "s' + str(n) + '", "text": "' + text + ' \\udfff"}',  # row 5: a lone surrogate
        json.dumps({"id": f"n\x00{n}", "title": "عنوان\x00", "text": article(rng, n + 4)}),  # row 13: NUL
        '{"text": "' + text + '", "x": ' + deep(rng.choice([1100, 3000])) + "}",  # row 3: deep
        deep(rng.choice([1500, 4000])),  # row 3: a deep document
        json.dumps({"text": " \t\n  "}),  # row 18: whitespace only
        json.dumps({"text": "\u200b\u200c\u200d\ufeff" * 20}),  # row 18: zero-width only
        json.dumps({"text": "ـ" * 200}),  # row 18: tatweel only
        '{"text": "' + text[:40],  # broken JSON
        "[1, 2, 3]",  # not an object
        json.dumps({"id": 10**30, "text": article(rng, n + 5), "published": "2025-13-45" if n % 4 else "غدا"}),
        json.dumps({"text": 12345}),  # no text
        json.dumps({"id": [1, 2], "text": article(rng, n + 6)}),  # an id that is not a scalar
        json.dumps({"text": article(rng, n + 7), "title": "ع" * 5000}),
    ]
    return [line.encode("utf-8") for line in lines]


def write_jsonl(folder: Path, rng: random.Random, name: str, rounds: int, start: int) -> int:
    lines: list[bytes] = []
    for r in range(rounds):
        lines += _json_lines(rng, start + 10 * r)
    (folder / name).write_bytes(b"\n".join(lines) + b"\n")
    return len(lines)


def write_json_array(folder: Path, rng: random.Random, name: str, n: int, start: int) -> int:
    docs = [{"id": str(i % 3), "text": article(rng, start + i)} for i in range(n)]  # row 2: repeated ids
    (folder / name).write_text(json.dumps(docs, ensure_ascii=False), "utf-8")
    return n


def write_csv(folder: Path, rng: random.Random, name: str, n: int, start: int) -> int:
    """Per-file ids 1..n (row 2 across files), with malformed rows (row 19) among them."""
    rows = ["id,title,text"]
    for i in range(n):
        if i % 7 == 3:
            rows.append(f'{i + 1},"unterminated,{article(rng, start + i)}')  # a quote that never closes
        else:
            rows.append(f"{i + 1},عنوان {i},{article(rng, start + i).replace(',', '،')}")
    (folder / name).write_text("\n".join(rows) + "\n", "utf-8")
    return n  # the unterminated quote swallows the rest of its row: counted by the reader, see the test


def write_text_files(folder: Path, rng: random.Random, start: int) -> int:
    """One file per text kind: rows 1, 6, 18 and NUL bytes; returns the number of files."""
    text = article(rng, start)
    files: dict[str, bytes] = {
        "t_long_no_punct.txt": " ".join(rng.choice(_VOCAB) for _ in range(20_000)).encode(),  # row 1
        "t_bad_byte.txt": text.encode()[:50] + b"\xff" + text.encode()[50:],  # row 6
        "t_utf16_bom.txt": article(rng, start + 1).encode("utf-16"),  # row 18
        "t_utf16_nobom.txt": article(rng, start + 2).encode("utf-16-le"),  # row 18
        "t_blank.txt": b" \n\t \n",  # row 18
        "t_zero_width.txt": ("\u200b\u200f" * 50).encode(),  # row 18
        "t_tatweel.txt": ("ـ" * 300).encode(),  # row 18
        "t_nul.txt": article(rng, start + 3).replace(" ", "\x00", 3).encode(),
        "t_utf16_nul.txt": article(rng, start + 4).replace(" ", "\x00", 3).encode("utf-16"),
        "t_utf16_only_nul.txt": "\x00 \x00".encode("utf-16"),  # nothing once NUL is gone: E001
        "t_empty.txt": b"",
        "t_binary.bin.txt": bytes(rng.randrange(256) for _ in range(2000)),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return len(files)


def write_compressed(folder: Path, rng: random.Random, start: int) -> int:
    """Rows 3, 4, 9, 11: corrupt gzip and zip, NUL gzip, blank and unsafe archive members."""
    good = gzip.compress(article(rng, start).encode() * 3)
    (folder / "c_corrupt.txt.gz").write_bytes(good[:20] + b"\xff" * 30 + good[50:])
    (folder / "c_truncated.txt.gz").write_bytes(good[: len(good) // 2])
    (folder / "c_nul.txt.gz").write_bytes(b"\x00" * 4096)
    (folder / "c_ok.txt.gz").write_bytes(gzip.compress(article(rng, start + 1).encode()))
    (folder / "c_not_a.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    count = 5
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(300):  # row 9: blank members, and a few real ones
            zf.writestr(f"m{i:03d}.txt", " " * 10_000 if i % 10 else article(rng, start + 10 + i))
        zf.writestr("../../etc/evil.txt", article(rng, start + 5))  # row 11
        zf.writestr("deep.json", deep(30_000))  # row 3 in an archive
        zf.writestr("lines.jsonl", b"\n".join(_json_lines(rng, start + 400)))
    (folder / "c_members.zip").write_bytes(buf.getvalue())
    count += 300 + 2 + len(_json_lines(rng, 0))
    tbuf = io.BytesIO()
    with tarfile.open(fileobj=tbuf, mode="w") as tf:
        for name, body in [("x/../../up.txt", article(rng, start + 6)), ("ok.txt", article(rng, start + 7))]:
            data = body.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    (folder / "c_paths.tar").write_bytes(tbuf.getvalue())
    return count + 2


def write_web(folder: Path, rng: random.Random, start: int) -> int:
    """HTML and RSS files (row 17), one with markup in the text."""
    body = article(rng, start)
    (folder / "w_page.html").write_text(f"<html><body><article><h1>عنوان</h1><p>{body}</p>"
                                        "<script>alert(1)</script></article></body></html>", "utf-8")  # fmt: skip
    items = "".join(f"<item><title>خبر {i}</title><description>{article(rng, start + 1 + i)}</description>"
                    f"<link>https://example.org/{start}/{i}</link></item>" for i in range(5))  # fmt: skip
    (folder / "w_feed.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                                       f"{items}</channel></rss>", "utf-8")  # fmt: skip
    (folder / "w_broken.xml").write_text("<rss><channel><item><title>", "utf-8")
    return 1 + 5 + 1


def write_corpus(folder: Path, seed: int = 20, jsonl_files: int = 40, rounds: int = 16) -> int:
    """Write the whole corpus into ``folder``; returns the number of items written (at least)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    writers: list[Callable[[int], int]] = [
        *[lambda s, k=k: write_jsonl(folder, rng, f"j{k:03d}.jsonl", rounds, s) for k in range(jsonl_files)],
        lambda s: write_json_array(folder, rng, "a_repeated_ids.json", 60, s),
        lambda s: write_csv(folder, rng, "v1.csv", 50, s),
        lambda s: write_csv(folder, rng, "v2.csv", 50, s),
        lambda s: write_text_files(folder, rng, s),
        lambda s: write_compressed(folder, rng, s),
        lambda s: write_web(folder, rng, s),
    ]
    return sum(write(100_000 * (i + 1)) for i, write in enumerate(writers))
