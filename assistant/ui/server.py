"""The web server: members' chat at /, staff page at /staff, and the guards in front.

Members need no file uploads, so Gradio's upload endpoint is closed outside /staff; and
one client (by address) may have at most `max_waiting_per_client` model requests waiting
or running, so one script cannot fill the queue for everyone.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from assistant.pipeline import Assistant
from assistant.ui.feedback import FeedbackStore

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
STAFF = "/staff"
MODEL_QUEUE = "model"


class MembersGuard:
    """ASGI middleware: refuse uploads outside /staff and too many waiting model requests."""

    def __init__(self, app: Any, blocks: Any, limit: int) -> None:
        self.app, self.blocks, self.limit = app, blocks, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "POST" or path.startswith(STAFF):
            await self.app(scope, receive, send)
            return
        if path.rstrip("/").endswith("/upload"):
            await _reply(send, 403, "File uploads are not accepted in the members' chat.")
            return
        if not path.rstrip("/").endswith("/queue/join"):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        client = (scope.get("client") or ("unknown", 0))[0]
        if self._is_model_request(body) and self.waiting(client) >= self.limit:
            await _reply(
                send,
                429,
                f"You already have {self.limit} questions waiting for the model. "
                "Wait for an answer, then ask again.",
            )
            return
        await self.app(scope, _replay(body), send)

    def _is_model_request(self, body: bytes) -> bool:
        try:
            fn_index = json.loads(body).get("fn_index")
        except (ValueError, AttributeError):
            return False
        fn = self.blocks.fns.get(fn_index) if isinstance(fn_index, int) else None
        return fn is not None and fn.concurrency_id == MODEL_QUEUE

    def waiting(self, client: str) -> int:
        """Model requests from `client` that are queued or running (Gradio's own queue)."""
        queue = self.blocks._queue
        waiting = queue.event_queue_per_concurrency_id.get(MODEL_QUEUE)
        events = list(waiting.queue) if waiting is not None else []
        events += [e for job in queue.active_jobs if job for e in job]
        return sum(
            1
            for e in events
            if e.concurrency_id == MODEL_QUEUE
            and not e.closed
            and e.request is not None
            and e.request.client is not None
            and e.request.client.host == client
        )


async def _read_body(receive: Receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _reply(send: Send, status: int, detail: str) -> None:
    payload = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def build_server(assistant: Assistant) -> Any:
    """The FastAPI app that `app.py` serves."""
    import gradio as gr
    from fastapi import FastAPI

    from assistant.ui.app import build_ui
    from assistant.ui.compare_view import CSS as COMPARE_CSS
    from assistant.ui.render import CSS

    settings = assistant.settings
    server = FastAPI()
    if settings.staff_user and settings.staff_password:
        from assistant.ui.login import LoginGuard
        from assistant.ui.staff import build_staff_ui

        guard = LoginGuard(
            settings.staff_user,
            settings.staff_password,
            settings.staff_login_delay_s,
            settings.staff_max_failures,
            settings.staff_lockout_s,
        )
        staff = build_staff_ui(assistant)
        gr.mount_gradio_app(
            server, staff, path=STAFF, auth=guard.login, max_file_size=settings.max_file_bytes
        )
    members = build_ui(assistant, FeedbackStore(settings.feedback_path))
    gr.mount_gradio_app(server, members, path="", css=CSS + COMPARE_CSS, max_file_size=0)
    server.add_middleware(MembersGuard, blocks=members, limit=settings.max_waiting_per_client)
    return server
