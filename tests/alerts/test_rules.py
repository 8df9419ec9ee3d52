"""The rules file: the documented example parses; every mistake is one line naming the file and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.alerts import EventWatch, RelationWatch, RulesError, load_rules, parse_rules

REPO = Path(__file__).resolve().parents[2]


def test_the_example_rules_file() -> None:
    rules = load_rules(REPO / "examples" / "alerts.yaml")
    by_name = {w.name: w for w in rules.watches}
    arrests = by_name["morocco-arrests"]
    assert isinstance(arrests, EventWatch)
    assert (arrests.countries, arrests.types, arrests.modes, arrests.statuses) == (("MAR",), ("COERCE",), ("arrest",),
                                                                                  ("occurred",))  # fmt: skip
    relation = by_name["mar-dza-negative"]
    assert isinstance(relation, RelationWatch) and relation.pair == ("MAR", "DZA") and relation.polarity == "negative"
    sahel = by_name["sahel-deadly"]
    assert isinstance(sahel, EventWatch) and sahel.near == (12.65, -8.0, 300.0) and sahel.min_fatalities == 1
    assert rules.delivery.jsonl == Path.cwd() / "out" / "alerts.jsonl" and rules.link == "http://127.0.0.1:8000"


def test_arabic_actor_names_and_smtp() -> None:
    text = """
deliver:
  smtp: {host: 127.0.0.1, port: 2525, from: marsad@example.org, to: [analyst@example.org]}
watches:
  - name: daesh
    actors: [داعش, ISIL]
"""
    rules = parse_rules(text, "r.yaml")
    assert rules.watches[0] == EventWatch("daesh", actors=("داعش", "ISIL"))
    assert rules.delivery.smtp is not None and rules.delivery.smtp.port == 2525


BAD = [
    ("", 1, "is empty"),
    ("watches: [\n  {name: a\n", 3, "not valid YAML"),
    ("deliver: {}\n", 1, "'watches' list is required"),
    ("watches: []\n", 1, "at least one watch"),
    ("watches:\n  - name: a\n    typs: [COERCE]\n", 3, "unknown key 'typs'"),
    ("watches:\n  - name: a\n    types: [ATACK]\n", 3, "unknown event type 'ATACK'"),
    ("watches:\n  - types: [COERCE]\n", 2, "'name' is required"),
    ("watches:\n  - name: a\n  - name: a\n", 3, "another watch is named 'a'"),
    ("watches:\n  - name: a b\n", 2, "letters, digits"),
    ("watches:\n  - name: a\n    min_confidence: 1.5\n", 3, "out of range"),
    ("watches:\n  - name: a\n    min_fatalities: many\n", 3, "expected a number"),
    ("watches:\n  - name: a\n    place: {near: Rabat}\n", 3, "expected LAT,LON,KM, LAT,LON:KMkm or PLACE:KMkm"),
    ("watches:\n  - name: a\n    place: {}\n", 3, "give country, admin1 or near"),
    ("watches:\n  - name: a\n    relation: {pair: MARDZA}\n", 3, "two codes"),
    ("watches:\n  - name: a\n    relation: {pair: MAR-DZA, polarity: bad}\n", 3, "negative, positive or any"),
    ("watches:\n  - name: a\n    relation: {pair: MAR-DZA}\n    types: [COERCE]\n", 4, "belongs to an event watch"),
    ("watches:\n  - name: a\ndeliver:\n  webhook: {url: ftp://x}\n", 4, "http(s) URL"),
    ("watches:\n  - name: a\ndeliver:\n  smtp:\n    host: h\n    from: me\n    to: [a@b]\n", 6, "not an e-mail"),
    ("watches:\n  - name: a\ndeliver:\n  smtp: {host: h, to: [a@b]}\n", 4, "'from' is required"),
    ("watches:\n  - name: a\n    name: b\n", 3, "given twice"),
    ("- a\n- b\n", 1, "expected a mapping"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD, ids=[m for _, _, m in BAD])
def test_bad_rules_give_one_line_with_the_line_number(text: str, line: int, message: str) -> None:
    with pytest.raises(RulesError) as info:
        parse_rules(text, "rules.yaml")
    got = str(info.value)
    assert got.startswith(f"E071: rules.yaml:{line}: "), got
    assert message in got and "\n" not in got


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"^E071: .*nope.yaml:1: cannot read the rules file"):
        load_rules(tmp_path / "nope.yaml")
