"""marsad's annotated corpus: pack annotators' output into the repository, and load it back.

    python training/corpus/corpus.py pack               # work/out/{A,B}/*.jsonl → annotations/ (checked)
    python training/corpus/corpus.py stats              # counts per split, source, layer and type
    python training/corpus/corpus.py export train OUT   # gold lines with their texts, for marsad eval / training
    python training/corpus/corpus.py export test OUT --unlock-test   # the locked test: once, at the end

The repository keeps, per annotation pass, one JSONL file per batch under ``annotations/A`` (every
article), ``annotations/B`` (the 40 annotated twice) and ``annotations/adjudicated`` (the agreed line
of each doubly annotated article, which replaces pass A). A line's ``doc`` keeps
its ``text`` only where the source may be redistributed (Goud.ma, CC BY 4.0); otherwise the text
is dropped and its SHA-256 kept, and :func:`load` reads it back from ``../shared/data``
(:mod:`sources`) and checks the hash. ``manifest.tsv`` says which split each article is in.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources import REDISTRIBUTABLE, SHARED, Source, read_all, sha256

from marsad.evaluate.goldcheck import check_line

HERE = Path(__file__).resolve().parent
ANNOTATIONS = HERE / "annotations"
WORK = HERE / "work"
SPLITS = ("train", "dev", "test")

__all__ = ["ANNOTATIONS", "SPLITS", "load", "manifest"]


def manifest(path: Path = HERE / "manifest.tsv") -> dict[tuple[str, str], dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {(r["corpus"], r["id"]): r for r in csv.DictReader(fh, delimiter="\t")}


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    doc = dict(row["doc"])
    if doc["corpus"] not in REDISTRIBUTABLE:
        doc["sha256"] = sha256(doc.pop("text"))
    return {**row, "doc": doc}


def _restore(row: dict[str, Any], texts: dict[tuple[str, str], Source]) -> dict[str, Any]:
    doc = dict(row["doc"])
    if "text" not in doc:
        src = texts[(doc["corpus"], doc["id"])]
        if sha256(src.text) != doc["sha256"]:
            raise ValueError(f"text of {doc['corpus']}/{doc['id']} changed since it was annotated")
        doc.pop("sha256")
        doc["text"] = src.text
    return {**row, "doc": doc}


def _lines(paths: Iterable[Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for p in sorted(paths) for line in p.read_text("utf-8").splitlines() if line.strip()]


def pack(work: Path = WORK, dest: Path = ANNOTATIONS) -> int:
    """Check every finished batch of ``work/out`` and write it, texts stripped, under ``dest``."""
    bad = 0
    for pass_dir in sorted((work / "out").glob("*")):
        if not pass_dir.is_dir():
            continue
        for path in sorted(pass_dir.glob("*.jsonl")):
            given = {(d["corpus"], d["id"]): d for d in _lines([work / "batches" / path.name])}
            rows = []
            for line in path.read_text("utf-8").splitlines():
                problems = check_line(line, given, require_trigger=True)
                if problems:
                    bad += 1
                    print(f"{path}: {problems[:3]}")
                    continue
                rows.append(_strip(json.loads(line)))
            out = dest / pass_dir.name / path.name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
            doubts = path.with_suffix(".doubts.md")
            if doubts.exists():
                (dest / pass_dir.name / doubts.name).write_text(doubts.read_text("utf-8"), encoding="utf-8")
    return 1 if bad else 0


def load(split: str | None = None, *, unlock_test: bool = False, pass_name: str = "A",
         root: Path = SHARED, dest: Path = ANNOTATIONS) -> list[dict[str, Any]]:  # fmt: skip
    """The corpus lines of ``split`` (all but test when None) with their texts.

    Pass A, where an adjudicated line exists that line instead; ``pass_name="B"`` gives the second
    pass of the doubly annotated articles (for agreement). The locked test split is refused
    unless ``unlock_test`` is set.
    """
    if split == "test" and not unlock_test:
        raise PermissionError("the test split is locked: score it once, at the end (--unlock-test)")
    meta = manifest()
    rows = _lines((dest / pass_name).glob("*.jsonl"))
    if pass_name == "A":
        agreed = {(r["doc"]["corpus"], r["doc"]["id"]): r for r in _lines((dest / "adjudicated").glob("*.jsonl"))}
        rows = [agreed.get((r["doc"]["corpus"], r["doc"]["id"]), r) for r in rows]
    wanted = {split} if split else {"train", "dev"}
    if split is None and unlock_test:
        wanted.add("test")
    rows = [r for r in rows if meta[(r["doc"]["corpus"], r["doc"]["id"])]["split"] in wanted]
    texts = read_all(root) if any("text" not in r["doc"] for r in rows) else {}
    return [_restore(r, texts) for r in rows]


def stats(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from marsad.text.sentences import split_sentences

    return {
        "articles": len(rows),
        "sentences": sum(len(split_sentences(r["doc"]["text"])) for r in rows),
        "by_source": dict(Counter(r["doc"]["corpus"] for r in rows)),
        "entities": sum(len(r["entities"]) for r in rows),
        "events": sum(len(r["events"]) for r in rows),
        "quotes": sum(len(r["quotes"]) for r in rows),
        "relations": sum(len(r["relations"]) for r in rows),
        "event_types": dict(Counter(e["type"] for r in rows for e in r["events"]).most_common()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="marsad's annotated corpus")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("pack")
    st = sub.add_parser("stats")
    st.add_argument("--unlock-test", action="store_true")
    ex = sub.add_parser("export")
    ex.add_argument("split", choices=[*SPLITS, "all"])
    ex.add_argument("out", type=Path)
    ex.add_argument("--pass", dest="pass_name", default="A")
    ex.add_argument("--unlock-test", action="store_true")
    args = ap.parse_args(argv)
    if args.cmd == "pack":
        return pack()
    if args.cmd == "stats":
        for split in SPLITS:
            if split != "test" or args.unlock_test:
                print(split, json.dumps(stats(load(split, unlock_test=True)), ensure_ascii=False))
        return 0
    rows = load(None if args.split == "all" else args.split, unlock_test=args.unlock_test, pass_name=args.pass_name)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} lines → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
