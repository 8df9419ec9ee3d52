"""The alert rules file (YAML): where to deliver, and the watches. Validated node by node, so every mistake is
one line naming the file and the line it is on (``rules.yaml:12: watches[0].types: unknown event type 'ATACK'``).

```yaml
link: http://localhost:8000          # base URL of `marsad serve`, for the links in each alert
deliver:
  jsonl: out/alerts.jsonl            # append-only file, one alert a line
  webhook: {url: https://example.org/hook, secret_env: MARSAD_WEBHOOK_SECRET, timeout: 5, retries: 4}
  smtp: {host: smtp.example.org, port: 587, starttls: true, user_env: SMTP_USER, password_env: SMTP_PASSWORD,
         from: marsad@example.org, to: [analyst@example.org]}
watches:
  - name: cells-morocco              # an event watch: every field given must match
    place: {country: MAR}            # or {admin1: ...}, or {near: "33.57,-7.59:50km"} / {near: "Casablanca:50km"}
    actors: [MAR_DGST, داعش]         # actor or recipient: a code, or part of a name
    types: [COERCE]
    modes: [arrest]
    status: [occurred]
    min_count: 3                     # people involved (arrested, killed …) at least
    min_fatalities: 1
    min_confidence: 0.5
  - name: mar-dza-negative           # a relation watch: a new statement on a pair
    relation: {pair: MAR-DZA, polarity: negative}
```
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError
from marsad.names import NearError, parse_near
from marsad.records import EVENT_TYPES

__all__ = ["Delivery", "EventWatch", "RelationWatch", "Rules", "RulesError", "SmtpTarget", "WebhookTarget",
           "load_rules", "parse_rules"]  # fmt: skip

DEFAULT_LINK = "http://127.0.0.1:8000"
_NAME = re.compile(r"^[\w.-]{1,80}$")
_PAIR = re.compile(r"^([A-Za-z_]{2,12})\s*[-:–]\s*([A-Za-z_]{2,12})$")


class RulesError(MarsadError):
    """A rules file that cannot be used; the message is one line: ``FILE:LINE: what is wrong``."""

    code = "E071"


@dataclass(frozen=True, slots=True)
class WebhookTarget:
    url: str
    secret_env: str | None = None
    timeout: float = 5.0
    retries: int = 4
    backoff: float = 0.5


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    host: str
    to: tuple[str, ...]
    sender: str
    port: int = 25
    starttls: bool = False
    user_env: str | None = None
    password_env: str | None = None
    timeout: float = 10.0


@dataclass(frozen=True, slots=True)
class Delivery:
    jsonl: Path | None = None
    webhook: WebhookTarget | None = None
    smtp: SmtpTarget | None = None


@dataclass(frozen=True, slots=True)
class EventWatch:
    name: str
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    near: tuple[float, float, float] | None = None
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_count: int = 0
    min_fatalities: int = 0
    min_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class RelationWatch:
    name: str
    pair: tuple[str, str]
    polarity: str = "any"  # negative, positive or any
    types: tuple[str, ...] = ()
    min_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Rules:
    watches: tuple[EventWatch | RelationWatch, ...]
    delivery: Delivery = field(default_factory=Delivery)
    link: str = DEFAULT_LINK
    source: str = "<rules>"


class _Reader:
    """Reads a composed YAML node tree, failing on the first mistake with its line."""

    def __init__(self, source: str, base: Path) -> None:
        self.source, self.base = source, base

    def fail(self, node: Any, message: str) -> RulesError:
        return RulesError(f"{self.source}:{node.start_mark.line + 1}: {message}")

    def mapping(self, node: Any, where: str, allowed: set[str]) -> dict[str, Any]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{where}: expected a mapping of keys")
        out: dict[str, Any] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in allowed:
                raise self.fail(key, f"{where}: unknown key {name!r} (one of {', '.join(sorted(allowed))})")
            if name in out:
                raise self.fail(key, f"{where}: {name!r} is given twice")
            out[name] = value
        return out

    def scalar(self, node: Any, where: str, kind: Callable[[str], Any] = str, what: str = "a text") -> Any:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or node.value == "":
            raise self.fail(node, f"{where}: expected {what}")
        try:
            return kind(node.value)
        except ValueError:
            raise self.fail(node, f"{where}: expected {what}, got {node.value!r}") from None

    def strings(self, node: Any, where: str) -> tuple[str, ...]:
        import yaml

        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        return tuple(self.scalar(item, where) for item in items)

    def number(self, node: Any, where: str, low: float, high: float, kind: Callable[[str], Any] = float) -> Any:
        value = self.scalar(node, where, kind, "a number")
        if not low <= value <= high:
            raise self.fail(node, f"{where}: {value} is out of range ({low}…{high})")
        return value

    def flag(self, node: Any, where: str) -> bool:
        text = str(self.scalar(node, where, what="true or false")).lower()
        if text not in ("true", "false", "yes", "no"):
            raise self.fail(node, f"{where}: expected true or false, got {text!r}")
        return text in ("true", "yes")


def _near(r: _Reader, node: Any, where: str) -> tuple[float, float, float]:
    """The forms of the API's and the CLI's ``near`` (:func:`marsad.names.parse_near`): LAT,LON:KM or PLACE:KM."""
    try:
        return parse_near(str(r.scalar(node, where)))
    except NearError as exc:
        raise r.fail(node, f"{where}: {exc}") from None


def _event_watch(r: _Reader, name: str, keys: dict[str, Any], where: str) -> EventWatch:
    values: dict[str, Any] = {}
    if "place" in keys:
        place = r.mapping(keys["place"], f"{where}.place", {"country", "admin1", "near"})
        if not place:
            raise r.fail(keys["place"], f"{where}.place: give country, admin1 or near")
        if "country" in place:
            values["countries"] = tuple(c.upper() for c in r.strings(place["country"], f"{where}.place.country"))
        if "admin1" in place:
            values["admin1"] = r.strings(place["admin1"], f"{where}.place.admin1")
        if "near" in place:
            values["near"] = _near(r, place["near"], f"{where}.place.near")
    for key, target in (("actors", "actors"), ("modes", "modes"), ("status", "statuses")):
        if key in keys:
            values[target] = r.strings(keys[key], f"{where}.{key}")
    if "types" in keys:
        types = tuple(t.upper() for t in r.strings(keys["types"], f"{where}.types"))
        bad = [t for t in types if t not in EVENT_TYPES]
        if bad:
            raise r.fail(keys["types"], f"{where}.types: unknown event type {bad[0]!r} (PLOVER types: "
                                        f"{', '.join(sorted(EVENT_TYPES))})")  # fmt: skip
        values["types"] = types
    for key in ("min_count", "min_fatalities"):
        if key in keys:
            values[key] = r.number(keys[key], f"{where}.{key}", 0, 10**7, int)
    if "min_confidence" in keys:
        values["min_confidence"] = r.number(keys["min_confidence"], f"{where}.min_confidence", 0.0, 1.0)
    return EventWatch(name, **values)


def _relation_watch(r: _Reader, name: str, node: Any, where: str) -> RelationWatch:
    keys = r.mapping(node, where, {"pair", "polarity", "types", "min_confidence"})
    if "pair" not in keys:
        raise r.fail(node, f"{where}: 'pair' is required (e.g. MAR-DZA)")
    m = _PAIR.match(str(r.scalar(keys["pair"], f"{where}.pair")))
    if not m:
        raise r.fail(keys["pair"], f"{where}.pair: expected two codes like MAR-DZA")
    polarity = str(r.scalar(keys["polarity"], f"{where}.polarity")) if "polarity" in keys else "any"
    if polarity not in ("negative", "positive", "any"):
        raise r.fail(keys["polarity"], f"{where}.polarity: negative, positive or any, not {polarity!r}")
    types = tuple(t.upper() for t in r.strings(keys["types"], f"{where}.types")) if "types" in keys else ()
    floor = r.number(keys["min_confidence"], f"{where}.min_confidence", 0.0, 1.0) if "min_confidence" in keys else 0.0
    return RelationWatch(name, (m[1].upper(), m[2].upper()), polarity, types, floor)


_EVENT_KEYS = {"place", "actors", "types", "modes", "status", "min_count", "min_fatalities", "min_confidence"}


def _watch(r: _Reader, node: Any, index: int, seen: set[str]) -> EventWatch | RelationWatch:
    where = f"watches[{index}]"
    keys = r.mapping(node, where, {"name", "relation", *_EVENT_KEYS})
    if "name" not in keys:
        raise r.fail(node, f"{where}: 'name' is required")
    name = str(r.scalar(keys["name"], f"{where}.name"))
    if not _NAME.match(name):
        raise r.fail(keys["name"], f"{where}.name: letters, digits, '.', '_' or '-' only (at most 80): {name!r}")
    if name in seen:
        raise r.fail(keys["name"], f"{where}.name: another watch is named {name!r}")
    seen.add(name)
    if "relation" in keys:
        extra = sorted(set(keys) & _EVENT_KEYS)
        if extra:
            raise r.fail(keys[extra[0]], f"{where}: {extra[0]!r} belongs to an event watch, not a relation watch")
        return _relation_watch(r, name, keys["relation"], f"{where}.relation")
    return _event_watch(r, name, keys, where)


def _delivery(r: _Reader, node: Any) -> Delivery:
    keys = r.mapping(node, "deliver", {"jsonl", "webhook", "smtp"})
    jsonl = r.base / str(r.scalar(keys["jsonl"], "deliver.jsonl")) if "jsonl" in keys else None
    webhook = smtp = None
    if "webhook" in keys:
        w = r.mapping(keys["webhook"], "deliver.webhook", {"url", "secret_env", "timeout", "retries", "backoff"})
        if "url" not in w:
            raise r.fail(keys["webhook"], "deliver.webhook: 'url' is required")
        url = str(r.scalar(w["url"], "deliver.webhook.url"))
        if not url.startswith(("http://", "https://")):
            raise r.fail(w["url"], f"deliver.webhook.url: expected an http(s) URL, got {url!r}")
        secret = str(r.scalar(w["secret_env"], "deliver.webhook.secret_env")) if "secret_env" in w else None
        timeout = r.number(w["timeout"], "deliver.webhook.timeout", 0.1, 300) if "timeout" in w else 5.0
        retries = r.number(w["retries"], "deliver.webhook.retries", 0, 20, int) if "retries" in w else 4
        backoff = r.number(w["backoff"], "deliver.webhook.backoff", 0, 60) if "backoff" in w else 0.5
        webhook = WebhookTarget(url, secret, timeout, retries, backoff)
    if "smtp" in keys:
        smtp = _smtp(r, keys["smtp"])
    return Delivery(jsonl, webhook, smtp)


def _smtp(r: _Reader, node: Any) -> SmtpTarget:
    s = r.mapping(node, "deliver.smtp", {"host", "port", "starttls", "user_env", "password_env", "from", "to",
                                         "timeout"})  # fmt: skip
    for key in ("host", "from", "to"):
        if key not in s:
            raise r.fail(node, f"deliver.smtp: {key!r} is required")
    to = r.strings(s["to"], "deliver.smtp.to")
    for address in (*to, str(r.scalar(s["from"], "deliver.smtp.from"))):
        if "@" not in address:
            raise r.fail(s["to"] if address in to else s["from"], f"deliver.smtp: not an e-mail address: {address!r}")
    def opt(key: str) -> str | None:
        return str(r.scalar(s[key], f"deliver.smtp.{key}")) if key in s else None

    return SmtpTarget(str(r.scalar(s["host"], "deliver.smtp.host")), to, str(r.scalar(s["from"], "deliver.smtp.from")),
                      r.number(s["port"], "deliver.smtp.port", 1, 65535, int) if "port" in s else 25,
                      r.flag(s["starttls"], "deliver.smtp.starttls") if "starttls" in s else False,
                      opt("user_env"), opt("password_env"),
                      r.number(s["timeout"], "deliver.smtp.timeout", 0.1, 300) if "timeout" in s else 10.0)  # fmt: skip


def parse_rules(text: str, source: str = "<rules>", base: Path | None = None) -> Rules:
    """Rules from YAML ``text``; ``source`` names it in errors; relative paths are from ``base`` (default: the
    current directory)."""
    import yaml

    r = _Reader(source, base or Path.cwd())
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise RulesError(f"{source}:{line}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"{source}:1: not valid YAML: {str(exc).splitlines()[0]}") from None
    if root is None:
        raise RulesError(f"{source}:1: the rules file is empty; it needs a 'watches' list")
    keys = r.mapping(root, "rules", {"watches", "deliver", "link"})
    if "watches" not in keys:
        raise r.fail(root, "rules: a 'watches' list is required")
    if not isinstance(keys["watches"], yaml.SequenceNode) or not keys["watches"].value:
        raise r.fail(keys["watches"], "watches: expected a list of at least one watch")
    seen: set[str] = set()
    watches = tuple(_watch(r, node, i, seen) for i, node in enumerate(keys["watches"].value))
    delivery = _delivery(r, keys["deliver"]) if "deliver" in keys else Delivery()
    link = str(r.scalar(keys["link"], "link")).rstrip("/") if "link" in keys else DEFAULT_LINK
    return Rules(watches, delivery, link, source)


def load_rules(path: Path) -> Rules:
    """The rules in the YAML file at ``path`` (paths in it are relative to the current directory, as on the
    command line)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}:1: cannot read the rules file: {exc.__class__.__name__}: {exc}") from None
    return parse_rules(text, str(path))
