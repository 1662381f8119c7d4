"""Time as a port, so the poller, queue and deadlines run on a virtual clock in tests."""

from __future__ import annotations

import asyncio
import heapq
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Epoch seconds."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """Real time."""

    def now(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """Virtual time for tests and benchmarks: it moves only when `advance()` is called.

    Sleepers wake, in deadline order, as time passes their deadline.
    """

    def __init__(self, start: float = 1_790_000_000.0) -> None:
        self._now = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = 0

    def now(self) -> float:
        return self._now

    def __call__(self) -> float:  # usable wherever a `() -> float` clock is expected
        return self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._seq += 1
        heapq.heappush(self._sleepers, (self._now + seconds, self._seq, future))
        await future

    def advance(self, seconds: float) -> None:
        self.set(self._now + seconds)

    def set(self, moment: float) -> None:
        self._now = max(self._now, moment)
        while self._sleepers and self._sleepers[0][0] <= self._now:
            _, _, future = heapq.heappop(self._sleepers)
            if not future.done():
                future.set_result(None)

    def next_wake(self) -> float | None:
        while self._sleepers and self._sleepers[0][2].done():
            heapq.heappop(self._sleepers)
        return self._sleepers[0][0] if self._sleepers else None


class MonotonicClock:
    """Wall-clock epoch seconds that advance with `time.monotonic()`.

    Immune to wall-clock jumps, and virtual wherever the event loop's time is (SimCord
    virtualises both inside the bot). The reading is anchored on first use, so construct it
    anywhere but read it first from where it will run.
    """

    def __init__(self, epoch: float | None = None) -> None:
        self._epoch = epoch
        self._base: float | None = None

    def now(self) -> float:
        if self._base is None:
            self._base = time.monotonic()
            if self._epoch is None:
                self._epoch = time.time()
        assert self._epoch is not None
        return self._epoch + (time.monotonic() - self._base)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))
