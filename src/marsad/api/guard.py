"""ASGI guards in front of every route: request-body limits and security headers.

Both run before routing, body parsing and authentication, so an oversized body is refused (413)
without being read or parsed, whatever the endpoint and whether or not the caller has the token.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

__all__ = ["BodyLimit", "SecurityHeaders", "TooLarge"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class TooLarge(HTTPException):
    """Raised while a body streams past the limit. An HTTPException, so that FastAPI's body parsing
    passes it on (it turns any other error there into a 400) and the app's handler answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({"error": "too_large", "message": f"request body larger than {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse a request whose body exceeds ``max_bytes``: at once from its Content-Length, else while
    it streams in (chunked uploads), before the application has parsed any of it."""

    def __init__(self, app: App, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared < 0 or declared > self.max_bytes:
                await _refuse(send, self.max_bytes)
                return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge(self.max_bytes)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except TooLarge:  # read outside FastAPI's body parsing (a plain Starlette route)
            if not started:
                await _refuse(send, self.max_bytes)


#: Every response: no MIME sniffing, no framing, no referrer leak. HTML pages may not be framed,
#: change their base URL, post forms elsewhere or embed plugins (scripts and styles are not
#: restricted here: the dashboard and the API docs load only the package's own files); any other
#: answer (JSON, files) may load nothing at all.
_COMMON = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer")]  # fmt: skip
_PAGE_CSP = b"frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
_DATA_CSP = b"default-src 'none'; frame-ancestors 'none'"


class SecurityHeaders:
    """Add the security headers to every HTTP response (a header the route set itself is kept)."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                ctype = dict(headers).get(b"content-type", b"")
                csp = _PAGE_CSP if ctype.startswith(b"text/html") else _DATA_CSP
                for k, v in [*_COMMON, (b"content-security-policy", csp)]:
                    if k not in names:
                        headers.append((k, v))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
