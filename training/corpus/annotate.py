"""The annotator's tool: read a batch article, add its annotation, check a batch.

    python training/corpus/annotate.py show BATCH N          # article N (0-based) with numbered sentences
    python training/corpus/annotate.py add BATCH OUT N FILE  # FILE (or -): {entities, events, quotes, relations}
    python training/corpus/annotate.py check BATCH OUT       # every line of OUT checked; which articles are missing

``add`` copies the article's ``doc`` from the batch (never retype it), checks the line with
:func:`marsad.evaluate.goldcheck.check_line` (verbatim spans, types, modes, statuses, relations,
dates, and the ``trigger`` inside each event's evidence), and writes it into OUT in the batch's
order, replacing an earlier line for the same article. A line with problems is not written.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from marsad.evaluate.goldcheck import check_line

_SENT = re.compile(r"[^.!?؟\n]+[.!?؟]*")


def _batch(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _given(docs: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(str(d["corpus"]), str(d["id"])): d for d in docs}


def _read_out(path: Path) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)["doc"]
                out[(str(doc["corpus"]), str(doc["id"]))] = line
    return out


def show(batch: Path, n: int) -> int:
    doc = _batch(batch)[n]
    print(f"corpus={doc['corpus']} id={doc['id']} published={doc['published']}")
    for i, m in enumerate(_SENT.finditer(doc["text"])):
        if m.group().strip():
            print(f"[{i}] {m.group().strip()}")
    return 0


def add(batch: Path, out: Path, n: int, source: str) -> int:
    docs = _batch(batch)
    doc = docs[n]
    raw = sys.stdin.read() if source == "-" else Path(source).read_text("utf-8")
    try:
        ann = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"annotation is not JSON: {exc}")
        return 1
    line = json.dumps({"doc": doc, **{k: ann.get(k, []) for k in ("entities", "events", "quotes", "relations")}},
                      ensure_ascii=False)  # fmt: skip
    problems = check_line(line, _given(docs), require_trigger=True)
    if problems:
        print(f"NOT WRITTEN: {len(problems)} problem(s) in article {n} ({doc['id']}):")
        for p in problems:
            print("  -", p)
        return 1
    lines = _read_out(out)
    lines[(str(doc["corpus"]), str(doc["id"]))] = line
    order = [(str(d["corpus"]), str(d["id"])) for d in docs]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(lines[k] + "\n" for k in order if k in lines), encoding="utf-8")
    print(f"ok: article {n} written ({sum(k in lines for k in order)}/{len(order)} in {out})")
    return 0


def check(batch: Path, out: Path) -> int:
    docs = _batch(batch)
    given = _given(docs)
    lines = _read_out(out)
    bad = 0
    for key, line in lines.items():
        problems = check_line(line, given, require_trigger=True)
        bad += bool(problems)
        for p in problems:
            print(f"{key[1]}: {p}")
    missing = [i for i, d in enumerate(docs) if (str(d["corpus"]), str(d["id"])) not in lines]
    print(f"{len(lines)} lines, {bad} with problems; missing articles: {missing or 'none'}")
    return 1 if bad or missing else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "show":
        return show(Path(argv[1]), int(argv[2]) if len(argv) > 2 else 0)
    if len(argv) == 5 and argv[0] == "add":
        return add(Path(argv[1]), Path(argv[2]), int(argv[3]), argv[4])
    if len(argv) == 3 and argv[0] == "check":
        return check(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
