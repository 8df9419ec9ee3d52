"""The delivery channels: an append-only JSONL file, a webhook POST (timeouts, retries with backoff, an HMAC-SHA256
signature when a secret is set) and e-mail through the user's SMTP server.

Every channel carries the alert's id as an idempotency key (the JSONL line's ``id``, the webhook's
``Idempotency-Key`` header, the e-mail's ``Message-ID``). The JSONL channel checks the file for the id before
appending, so it is written exactly once even when a process died between writing and marking; a webhook or
SMTP receiver that was sent an alert just before such a death receives it again with the same key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import smtplib
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from marsad.alerts.rules import SmtpTarget, WebhookTarget

__all__ = ["DeliveryFailed", "JsonlChannel", "SmtpChannel", "WebhookChannel", "signature"]

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Marsad-Signature"


class DeliveryFailed(Exception):
    """A try failed; ``permanent``: retrying will not help (a 4xx answer, a refused address)."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def body(alert: dict[str, Any]) -> bytes:
    return json.dumps(alert, ensure_ascii=False, sort_keys=True).encode("utf-8")


def signature(secret: str, payload: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of the exact body bytes with the shared secret (GitHub's scheme)."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), payload, hashlib.sha256).hexdigest()


class JsonlChannel:
    name = "jsonl"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ids: set[str] | None = None

    def _written(self) -> set[str]:
        if self._ids is None:
            self._ids = set()
            if self.path.exists():
                for line in self.path.read_text("utf-8", errors="replace").splitlines():
                    try:
                        self._ids.add(str(json.loads(line)["id"]))
                    except (ValueError, KeyError, TypeError):
                        continue  # a torn last line from a crash: ignored, the alert is written again
        return self._ids

    def send(self, alert: dict[str, Any]) -> None:
        if alert["id"] in self._written():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab") as f:
                f.write(body(alert) + b"\n")
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise DeliveryFailed(f"cannot append to {self.path}: {exc}") from None
        self._written().add(alert["id"])


class WebhookChannel:
    name = "webhook"

    def __init__(self, target: WebhookTarget, transport: Any | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:  # fmt: skip
        import httpx

        self.target, self.sleep = target, sleep
        self.secret = os.environ.get(target.secret_env) if target.secret_env else None
        self.client = httpx.Client(timeout=target.timeout, transport=transport, follow_redirects=False)

    def _post(self, alert: dict[str, Any]) -> None:
        import httpx

        payload = body(alert)
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": alert["id"],
                   "X-Marsad-Alert-Id": alert["id"], "User-Agent": "marsad-alerts"}  # fmt: skip
        if self.secret:
            headers[SIGNATURE_HEADER] = signature(self.secret, payload)
        try:
            response = self.client.post(self.target.url, content=payload, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryFailed(f"{exc.__class__.__name__}: {exc}") from None
        if response.status_code >= 500 or response.status_code == 429:
            raise DeliveryFailed(f"HTTP {response.status_code}")
        if response.status_code >= 300:
            raise DeliveryFailed(f"HTTP {response.status_code}", permanent=True)

    def send(self, alert: dict[str, Any]) -> None:
        """POST the alert; a network error, a timeout, 429 or 5xx is retried ``retries`` times with doubling
        waits; what still fails is raised (the alert stays pending for the next check)."""
        for attempt in range(self.target.retries + 1):
            try:
                self._post(alert)
                return
            except DeliveryFailed as exc:
                if exc.permanent or attempt == self.target.retries:
                    raise
                wait = min(30.0, self.target.backoff * 2**attempt)
                log.info("webhook try %d for alert %s failed (%s); again in %.1fs", attempt + 1, alert["id"], exc, wait)
                self.sleep(wait)

    def close(self) -> None:
        self.client.close()


def _mail_text(alert: dict[str, Any]) -> str:
    lines = [alert.get("description_ar") or "", alert.get("description_en") or "", "", alert.get("link") or ""]
    for ev in alert.get("evidence", []):
        lines += ["", f"«{ev['text']}»", f"— {ev.get('source') or ev['article_id']}, {ev.get('published') or ''}",
                  ev.get("link") or ""]  # fmt: skip
    lines += ["", f"watch: {alert['watch']}   alert: {alert['id']}"]
    return "\n".join(lines)


class SmtpChannel:
    name = "smtp"

    def __init__(self, target: SmtpTarget) -> None:
        self.target = target

    def message(self, alert: dict[str, Any]) -> EmailMessage:
        msg = EmailMessage()
        subject = alert.get("description_ar") or alert.get("description_en") or alert["subject"]
        msg["Subject"] = f"[marsad] {alert['watch']}: {subject}"[:200].replace("\n", " ")
        msg["From"] = self.target.sender
        msg["To"] = ", ".join(self.target.to)
        msg["Message-ID"] = f"<{alert['id']}@marsad.alerts>"
        msg["X-Marsad-Alert-Id"] = alert["id"]
        msg.set_content(_mail_text(alert), charset="utf-8")
        return msg

    def send(self, alert: dict[str, Any]) -> None:
        t = self.target
        try:
            with smtplib.SMTP(t.host, t.port, timeout=t.timeout) as smtp:
                if t.starttls:
                    smtp.starttls()
                user = os.environ.get(t.user_env) if t.user_env else None
                if user:
                    smtp.login(user, os.environ.get(t.password_env or "", ""))
                smtp.send_message(self.message(alert))
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPAuthenticationError) as exc:
            raise DeliveryFailed(f"{exc.__class__.__name__}: {exc}", permanent=True) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryFailed(f"{exc.__class__.__name__}: {exc}") from None
