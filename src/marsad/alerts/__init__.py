"""Alerts: watches over the store (a YAML rules file), each match notified once through the configured channels.

``check(store, rules, since)`` finds the alerts (:mod:`marsad.alerts.match`), records the new ones in the
store's delivery state before sending anything (:mod:`marsad.alerts.state`), then sends every pending one
(:mod:`marsad.alerts.deliver`) and marks it: a restart neither loses nor repeats a notification.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from marsad.alerts import state
from marsad.alerts.deliver import DeliveryFailed, JsonlChannel, SmtpChannel, WebhookChannel
from marsad.alerts.match import alert_payload, find_matches
from marsad.alerts.rules import EventWatch, RelationWatch, Rules, RulesError, load_rules, parse_rules

__all__ = ["CheckResult", "EventWatch", "RelationWatch", "Rules", "RulesError", "channels_for", "check", "fired",
           "load_rules", "parse_rules"]  # fmt: skip

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CheckResult:
    """What one check did: matches found, alerts new this time, deliveries made, failed (given up) or left pending."""

    matched: int = 0
    new: int = 0
    delivered: int = 0
    failed: int = 0
    pending: int = 0
    errors: list[str] = field(default_factory=list)


def channels_for(rules: Rules, *, transport: Any | None = None) -> dict[str, Any]:
    """The rules' delivery channels by name (``transport``: an httpx transport, for tests)."""
    d = rules.delivery
    out: dict[str, Any] = {}
    if d.jsonl is not None:
        out["jsonl"] = JsonlChannel(d.jsonl)
    if d.webhook is not None:
        out["webhook"] = WebhookChannel(d.webhook, transport=transport)
    if d.smtp is not None:
        out["smtp"] = SmtpChannel(d.smtp)
    return out


def deliver_pending(db: Any, channels: dict[str, Any], result: CheckResult) -> None:
    """Send every pending row of ``channels`` and mark it (a failed webhook stays pending for the next check)."""
    for row in state.pending(db, list(channels)):
        try:
            channels[row.channel].send(row.payload)
        except DeliveryFailed as exc:
            status = "failed" if exc.permanent else "pending"
            state.mark(db, row.alert_id, row.channel, status, str(exc)[:500])
            result.failed += status == "failed"
            result.pending += status == "pending"
            result.errors.append(f"E072: {row.channel} {row.alert_id}: {exc}")
            continue
        state.mark(db, row.alert_id, row.channel, "delivered")
        result.delivered += 1


def check(store: Any, rules: Rules, since: dt.date | None = None, *,
          channels: dict[str, Any] | None = None) -> CheckResult:  # fmt: skip
    """Evaluate ``rules`` on ``store`` (a writable :class:`marsad.store.SqlStore`), record and deliver."""
    own = channels is None
    channels = channels_for(rules) if channels is None else channels
    result = CheckResult()
    try:
        matches = find_matches(store, rules, since)
        result.matched = len(matches)
        done = state.known(store.db, [m.id for m in matches])
        alerts = [alert_payload(store, m, rules.link) for m in matches if m.id not in done]
        result.new = state.record_alerts(store.db, alerts, list(channels))
        deliver_pending(store.db, channels, result)
    finally:
        if own:
            for channel in channels.values():
                if hasattr(channel, "close"):
                    channel.close()
    return result


def fired(store: Any, *, limit: int = 100, offset: int = 0, watch: str | None = None) -> list[dict[str, Any]]:
    """The fired alerts, newest first, with their delivery status (the dashboard's list)."""
    return state.fired(store.db, limit=limit, offset=offset, watch=watch)
