"""Staff login: a growing delay after each failure, a lockout window, a log line per failure.

Failures are counted per user name. After `max_failures` within `window_s`, that name is
locked for `window_s`, even with the right password. Each failure waits `delay_s`, then
twice as long, and so on (capped), so guessing is slow before the lockout starts.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("assistant.staff")
MAX_DELAY_S = 8.0
MAX_TRACKED = 1000  # names tracked at once; the oldest is forgotten beyond this


@dataclass
class _Failures:
    times: list[float] = field(default_factory=list)
    locked_until: float = 0.0


class LoginGuard:
    """Pass `guard.login` as Gradio's `auth=`: a coroutine function, which Gradio awaits
    (a delay never blocks the server's loop). Not the guard itself: Gradio would call a
    callable object without awaiting it and take the coroutine it returns for a yes."""

    def __init__(
        self,
        user: str,
        password: str,
        delay_s: float = 0.5,
        max_failures: int = 5,
        window_s: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._user, self._password = user, password
        self.delay_s, self.max_failures, self.window_s = delay_s, max_failures, window_s
        self._clock = clock
        self._failures: dict[str, _Failures] = {}

    async def login(self, username: str, password: str) -> bool:
        accepted, delay = self.check(username, password)
        if delay:
            await asyncio.sleep(delay)
        return accepted

    def check(self, username: str, password: str) -> tuple[bool, float]:
        """(accepted, seconds to wait before answering)."""
        now = self._clock()
        record = self._failures.get(username)
        if record is not None and record.locked_until > now:
            log.warning("staff login refused for %r: locked out", username)
            return False, self.delay_s
        right = hmac.compare_digest(username.encode(), self._user.encode()) & hmac.compare_digest(
            password.encode(), self._password.encode()
        )
        if right:
            self._failures.pop(username, None)
            return True, 0.0
        return False, self._fail(username, now)

    def _fail(self, username: str, now: float) -> float:
        if username not in self._failures and len(self._failures) >= MAX_TRACKED:
            self._failures.pop(next(iter(self._failures)))
        record = self._failures.setdefault(username, _Failures())
        record.times = [t for t in record.times if now - t < self.window_s] + [now]
        count = len(record.times)
        if count >= self.max_failures:
            record.locked_until = now + self.window_s
            log.warning(
                "staff login failed for %r (%d in %.0f s): locked for %.0f s",
                username,
                count,
                self.window_s,
                self.window_s,
            )
        else:
            log.warning("staff login failed for %r (%d in %.0f s)", username, count, self.window_s)
        return float(min(self.delay_s * 2 ** (count - 1), MAX_DELAY_S))
