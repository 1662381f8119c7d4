"""Development tools: a wire-level fake Discord, a transcript renderer, and a clock for demos.

Nothing here is used by the production bot. The fake and the renderer back the smoke tests,
`scripts/screenshot.py` and `wanbot demo` (`demo.py`); `ScaledClock` lets a demo or a smoke test
watch a job move through its states in seconds instead of minutes.
"""

from __future__ import annotations

import asyncio
import time

from .fake_discord import FakeDiscord, FakeInteraction, Fault, LoggedRequest, Upload
from .transcript import render_transcript, write_transcript

__all__ = [
    "FakeDiscord",
    "FakeInteraction",
    "Fault",
    "LoggedRequest",
    "ScaledClock",
    "Upload",
    "render_transcript",
    "write_transcript",
]


class ScaledClock:
    """Epoch seconds that run `speed` times faster than real time, from the moment it is made.

    It satisfies both the bot's `Clock` port (`now`, `sleep`) and the simulator's `() -> float`
    clock, so a bot and a simulator built on one instance agree exactly on what time it is.
    """

    def __init__(self, speed: float, *, epoch: float | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._epoch = time.time() if epoch is None else epoch
        self._base = time.monotonic()

    def now(self) -> float:
        return self._epoch + (time.monotonic() - self._base) * self.speed

    def __call__(self) -> float:
        return self.now()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)
