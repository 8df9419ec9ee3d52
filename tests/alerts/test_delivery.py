"""Alerts on the seed article's store: what fires, and delivery through JSONL, a webhook (HMAC, retries while the
sink is down) and SMTP (aiosmtpd), all on 127.0.0.1; a second check sends nothing again."""

from __future__ import annotations

import email
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.alerts import check, fired, parse_rules
from marsad.alerts.deliver import signature
from marsad.store import open_store

from .conftest import WATCHES, Sink


def _rules(tmp_path: Path, deliver: str) -> Any:
    return parse_rules(f"link: http://marsad.test\ndeliver:\n{deliver}\n{WATCHES}", "rules.yaml", tmp_path)


def test_the_seed_article_fires_the_cell_dismantling_and_the_algeria_statement(seed_db: Path,
                                                                              tmp_path: Path) -> None:  # fmt: skip
    rules = _rules(tmp_path, "  jsonl: alerts.jsonl")
    with open_store(seed_db) as store:
        result = check(store, rules)
        again = check(store, rules)
        listed = fired(store)
    assert result.new == result.matched >= 2 and result.delivered == result.new
    assert (again.new, again.delivered) == (0, 0) and again.matched == result.matched
    lines = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == result.new and len({a["id"] for a in lines}) == len(lines)
    arrests = [a for a in lines if a["watch"] == "morocco-arrests"]
    assert any("تفكيك خلية إرهابية" in ev["text"] for a in arrests for ev in a["evidence"])
    assert all(a["link"].startswith("http://marsad.test/events/") and a["event"]["country"] == "MAR" for a in arrests)
    assert arrests[0]["description_ar"].startswith("اعتقل")
    (statement,) = [a for a in lines if a["watch"] == "mar-dza-negative"]
    assert "يعد ضعيفًا" in statement["evidence"][0]["text"] and statement["relation"]["polarity"] == -1
    assert {a["id"] for a in listed} == {a["id"] for a in lines}
    assert all(a["deliveries"]["jsonl"]["status"] == "delivered" for a in listed)


def test_webhook_signed_and_retried(seed_db: Path, tmp_path: Path, sink: Sink,
                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("HOOK_SECRET", "s3cret")
    sink.fail_first = 2  # the sink answers 503 twice, then 200
    rules = _rules(tmp_path, f"  webhook: {{url: '{sink.url}', secret_env: HOOK_SECRET, retries: 3, backoff: 0.01}}")
    with open_store(seed_db) as store:
        result = check(store, rules)
        assert check(store, rules).delivered == 0
    assert result.delivered == result.new >= 2 and not result.errors
    assert [s for *_, s in sink.received[:3]] == [503, 503, 200]
    assert sorted(sink.ok_ids()) == sorted(set(sink.ok_ids())) and len(sink.ok_ids()) == result.new
    for alert_id, headers, body, _ in sink.received:
        assert headers["Idempotency-Key"] == alert_id == json.loads(body)["id"]
        assert headers["X-Marsad-Signature"] == signature("s3cret", body)


def test_webhook_down_stays_pending_then_is_delivered_once(seed_db: Path, tmp_path: Path, sink: Sink) -> None:
    sink.fail_always = True
    rules = _rules(tmp_path, f"  webhook: {{url: '{sink.url}', retries: 1, backoff: 0.01, timeout: 2}}")
    with open_store(seed_db) as store:
        down = check(store, rules)
        assert down.delivered == 0 and down.pending == down.new >= 2
        assert all(line.startswith("E072: webhook ") and "HTTP 503" in line for line in down.errors)
        assert len(sink.received) == 2 * down.new  # one try and one retry each
        sink.fail_always = False
        up = check(store, rules)
        assert (up.new, up.delivered, up.pending) == (0, down.new, 0)
        assert check(store, rules).delivered == 0
        listed = fired(store)
    assert len(sink.ok_ids()) == len(set(sink.ok_ids())) == down.new
    assert all(a["deliveries"]["webhook"] == {"status": "delivered", "attempts": 2, "error": None} for a in listed)


def test_webhook_unreachable(seed_db: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rules = _rules(tmp_path, f"  webhook: {{url: 'http://127.0.0.1:{port}/x', retries: 1, backoff: 0.01, timeout: 1}}")
    with open_store(seed_db) as store:
        result = check(store, rules)
    assert result.delivered == 0 and result.pending == result.new >= 2
    assert "ConnectError" in result.errors[0]


def test_smtp_with_a_local_server(seed_db: Path, tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received: list[email.message.Message] = []

    class Keep(Message):  # type: ignore[misc]
        def handle_message(self, message: email.message.Message) -> None:
            received.append(message)

    class LocalController(Controller):  # type: ignore[misc]
        def _trigger_server(self) -> None:  # port 0: learn the port the OS gave before the readiness probe
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = LocalController(Keep(), hostname="127.0.0.1", port=0)
    controller.start()
    try:
        rules = _rules(tmp_path, f"  smtp: {{host: 127.0.0.1, port: {controller.port}, from: marsad@example.org,"
                                 " to: [analyst@example.org]}")  # fmt: skip
        with open_store(seed_db) as store:
            result = check(store, rules)
            assert check(store, rules).delivered == 0
    finally:
        controller.stop()
    assert result.delivered == result.new == len(received) >= 2
    ids = {m["X-Marsad-Alert-Id"] for m in received}
    assert len(ids) == len(received)
    bodies = [m.get_payload(decode=True).decode("utf-8") for m in received]
    assert any("تفكيك خلية إرهابية" in b for b in bodies)
    assert all(m["Message-ID"] == f"<{m['X-Marsad-Alert-Id']}@marsad.alerts>" for m in received)
    assert all(m["To"] == "analyst@example.org" and m["Subject"].startswith("[marsad] ") for m in received)
