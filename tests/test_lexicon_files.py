"""Vocabulary is data: lexicon files are clean, folded where declared, and no module holds a lexicon.

Every ``src/marsad/<stage>/data/*.tsv`` file is checked: no empty line, no duplicate entry line, no
row wider than the header (trailing optional cells may be left out), no cell that starts with a
double quote (the reader would take it for CSV quoting). A file says which of its columns are
stored folded in a ``# folded: <columns>`` comment line (``none``: none); for those,
``fold(entry) == entry``. The files written before that rule are listed below with their folded
columns.

The other half of the rule: no module (or class) of ``src/marsad`` assigns a constant holding more
than ten Arabic string literals; such a lexicon belongs in a data file beside its stage.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from marsad.datafiles import read_tsv
from marsad.text.fold import fold

SRC = Path(__file__).resolve().parents[1] / "src" / "marsad"
#: data files older than the ``# folded:`` line → their folded columns
_KNOWN_FOLDED: dict[str, tuple[str, ...]] = {
    "events/data/count_cues.tsv": ("word",),
    "events/data/count_nouns.tsv": ("singular", "plural"),
    "events/data/number_words.tsv": ("word",),
    "events/data/roles.tsv": ("phrase",),
    "events/data/triggers.tsv": ("trigger",),
    "kb/data/name_stops.tsv": ("word",),
    "kb/data/place_false_friends.tsv": ("name",),
    "kb/data/place_nouns.tsv": ("noun",),
    "kb/data/time_words.tsv": ("word",),
    "kb/data/toponym_heads.tsv": ("word",),
    "quotes/data/cues.tsv": ("cue",),
    "quotes/data/cues_mined.tsv": ("cue", "next"),
    "quotes/data/extenders.tsv": ("word",),
    "quotes/data/function_words.tsv": ("word",),
    "quotes/data/speaker_heads.tsv": ("word",),
    "quotes/data/statement_nouns.tsv": ("word",),
    "relations/data/cues.tsv": ("phrase",),
    "relations/data/cues_mined.tsv": ("phrase",),
    "relations/data/parties.tsv": ("key",),
    "data/context.tsv": ("phrase",),
}
#: data files without a header row (read line by line by their module) → their column names
_HEADERLESS: dict[str, tuple[str, ...]] = {"kb/data/place_false_friends.tsv": ("kind", "name")}
_FOLDED_LINE = re.compile(r"#\s*folded:\s*(.*)")
_ARABIC = re.compile("[\u0600-\u06ff]")
_MAX_STRINGS = 10


def _data_files() -> list[str]:
    return sorted(str(p.relative_to(SRC)) for p in SRC.glob("*/data/*.tsv"))


def _declared(text: str) -> tuple[str, ...] | None:
    for line in text.splitlines():
        m = _FOLDED_LINE.fullmatch(line.strip())
        if m:
            cols = tuple(c.strip() for c in m.group(1).split(",") if c.strip())
            return () if cols == ("none",) else cols
    return None


def test_the_data_files_are_found() -> None:
    files = _data_files()
    assert "text/data/fold_letters.tsv" in files and "events/data/triggers.tsv" in files
    assert len(files) >= 35


@pytest.mark.parametrize("name", _data_files())
def test_data_file_is_clean(name: str) -> None:
    text = (SRC / name).read_text("utf-8")
    assert text.endswith("\n") and "\r" not in text, name
    lines = text.split("\n")[:-1]
    assert all(ln.strip() for ln in lines), f"{name}: an empty line"
    rows = [ln for ln in lines if not ln.lstrip().startswith("#")]
    seen: set[str] = set()
    for ln in rows:
        assert ln not in seen, f"{name}: duplicate entry {ln!r}"
        seen.add(ln)
    width = len(_HEADERLESS[name]) if name in _HEADERLESS else len(rows[0].split("\t"))
    for ln in rows:
        cells = ln.split("\t")
        assert len(cells) <= width and any(cells), f"{name}: {ln!r} has {len(cells)} cells, the header {width}"
        assert all(c == c.strip() and not c.startswith('"') for c in cells), f"{name}: {ln!r}"


@pytest.mark.parametrize("name", _data_files())
def test_declared_folded_columns_are_folded(name: str) -> None:
    text = (SRC / name).read_text("utf-8")
    declared = _declared(text)
    assert declared is None or name not in _KNOWN_FOLDED, f"{name}: declared in the file and in this test"
    columns = _KNOWN_FOLDED.get(name) if declared is None else declared
    assert columns is not None, f"{name}: add a '# folded: <columns>' (or '# folded: none') comment line"
    if name in _HEADERLESS:
        rows = [dict(zip(_HEADERLESS[name], ln.split("\t"), strict=True))
                for ln in text.splitlines() if not ln.startswith("#")]  # fmt: skip
    else:
        stage, file = name.split("/", 1)
        rows = list(read_tsv(f"marsad.{stage}", file))
    assert rows, name
    for col in columns:
        assert col in rows[0], f"{name}: no column {col!r}"
        bad = [r[col] for r in rows if fold(r[col]) != r[col]]
        assert not bad, f"{name}: not folded in {col!r}: {bad[:5]}"


def _arabic_lexicons(source: str) -> list[tuple[int, int]]:
    """(line, count) of the module- and class-level assignments holding more than ten Arabic strings."""
    tree = ast.parse(source)
    bodies = [tree.body] + [n.body for n in tree.body if isinstance(n, ast.ClassDef)]
    found = []
    for body in bodies:
        for stmt in body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.AugAssign) and stmt.value is not None:
                n = sum(
                    isinstance(c, ast.Constant) and isinstance(c.value, str) and bool(_ARABIC.search(c.value))
                    for c in ast.walk(stmt.value)
                )
                if n > _MAX_STRINGS:
                    found.append((stmt.lineno, n))
    return found


def test_no_module_holds_an_arabic_lexicon() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line} ({n} Arabic strings)"
        for path in sorted(SRC.rglob("*.py"))
        for line, n in _arabic_lexicons(path.read_text("utf-8"))
    ]
    assert not found, "move these lexicons to a data file beside their stage: " + ", ".join(found)


def test_the_lexicon_scan_sees_a_lexicon() -> None:
    words = ", ".join(f'"كلمة{i}"' for i in range(11))
    assert _arabic_lexicons(f"X = frozenset({{{words}}})\n") == [(1, 11)]
    assert _arabic_lexicons(f"class C:\n    Y: dict[str, int] = {{{words.replace(',', ': 1,')}: 1}}\n") == [(2, 11)]
    assert _arabic_lexicons(f"X = ({words.rsplit(',', 1)[0]})\n") == []  # ten: still code
    assert _arabic_lexicons(f"def f():\n    x = ({words})\n") == []  # inside a function: not a constant


def test_write_or_check_writes_then_reports_what_went_stale(tmp_path: Path) -> None:
    from marsad.datafiles import write_or_check

    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    assert write_or_check([(a, "x\n"), (b, "y\n")], check=False) == [] and a.read_text("utf-8") == "x\n"
    assert write_or_check([(a, "x\n"), (b, "y\n")], check=True) == []
    assert write_or_check([(a, "x\n"), (b, "z\n")], check=True) == [b] and b.read_text("utf-8") == "y\n"
