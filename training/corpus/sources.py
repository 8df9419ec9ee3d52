"""The raw news behind marsad's annotated corpus, read from ``../shared/data``.

Three sources, each read the same way every time so that an annotation that refers to an article
by ``(corpus, id)`` finds the very text it was made on (its SHA-256 is kept beside it):

* ``marsum_goud``: 1,981 Goud.ma articles (Morocco, mostly Darija), CC BY 4.0. The text ships in
  the repository. Ids ``goud-test-N``, N the 0-based data row of ``MArSum1_test.txt`` (the
  convention of ``../shared/gold/dev2.jsonl``). No dates, no outlet beyond Goud itself.
* ``ant_tunisia``: ANT v1.1, 10,138 Jawhara FM articles (Tunisia, MSA), Apache-2.0 file with a
  citation request; the text stays out of the repository: annotations refer to it.
* ``saudinewsnet``: 31,030 articles of 14 Saudi outlets (July–August 2015), CC BY-NC-SA 4.0; the
  text stays out of the repository. Ids are the article URLs (as in the dev gold), ``published``
  the date it was extracted.

Texts are the source's text with ``\\r\\n`` made ``\\n`` and outer whitespace stripped; nothing
else is changed (marsad's own cleaning happens when it analyses them).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["REDISTRIBUTABLE", "SHARED", "Source", "read_all", "read_ant", "read_goud", "read_snn", "sha256"]

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

#: Corpora whose text may be committed to this repository (the rest is referred to by id).
REDISTRIBUTABLE = frozenset({"marsum_goud"})


@dataclass(frozen=True, slots=True)
class Source:
    """One raw article: where it comes from, and its text."""

    corpus: str
    id: str
    outlet: str
    published: str | None
    title: str | None
    text: str
    category: str | None = None

    def doc(self) -> dict[str, object]:
        """The ``doc`` object of a gold line (the annotation guide's format)."""
        return {"corpus": self.corpus, "id": self.id, "published": self.published, "text": self.text}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tidy(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def read_goud(root: Path = SHARED) -> Iterator[Source]:
    path = root / "marsum_goud" / "MArSum1_test.txt"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter=" ", quotechar='"')
        next(rows)  # the header «text summary»
        for n, row in enumerate(rows):
            if row and row[0].strip():
                yield Source("marsum_goud", f"goud-test-{n}", "goud.ma", None, None, _tidy(row[0]))


def read_ant(root: Path = SHARED) -> Iterator[Source]:
    with gzip.open(root / "ant_tunisia" / "ant_v1.1.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("text"):
                yield Source("ant_tunisia", row["id"], "jawharafm.net", _ant_date(row), row.get("title"),
                             _tidy(row["text"]), row.get("category"))  # fmt: skip


def _iso(value: str) -> str | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` as an ISO date, None when it is no real date."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value) or re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", value)
    if m is None:
        return None
    y, mo, d = (m[1], m[2], m[3]) if len(m[1]) == 4 else (m[3], m[2], m[1])
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def _ant_date(row: dict[str, str]) -> str | None:
    """ANT's dates come in two formats, a few impossible (2016-02-31): then the id's ``-YYYYMMDD`` tail."""
    iso = _iso((row.get("published") or "").strip())
    if iso is None and (m := re.search(r"-(\d{4})(\d{2})(\d{2})$", row["id"])):
        iso = _iso(f"{m[1]}-{m[2]}-{m[3]}")
    return iso


def read_snn(root: Path = SHARED) -> Iterator[Source]:
    for path in sorted((root / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for row in json.loads(zf.read(name)):
                    text = _tidy(row.get("content") or "")
                    if text:
                        date = (row.get("date_extracted") or "")[:10] or None
                        yield Source("saudinewsnet", row["url"], row.get("source") or "", date, row.get("title"), text)


def read_all(root: Path = SHARED) -> dict[tuple[str, str], Source]:
    """Every article of the three sources by ``(corpus, id)`` (the first of a repeated id wins)."""
    out: dict[tuple[str, str], Source] = {}
    for reader in (read_goud, read_ant, read_snn):
        for src in reader(root):
            out.setdefault((src.corpus, src.id), src)
    return out
