"""Jittered exponential backoff with an injectable sleep and randomness."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry idempotent calls (queries, downloads)."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    sleep: Sleep = field(default=asyncio.sleep, compare=False)
    random: Callable[[], float] = field(default=random.random, compare=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """'Full jitter' backoff; a server's Retry-After is a floor, not a suggestion."""
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        jittered = ceiling * (0.5 + self.random() / 2)
        return max(jittered, retry_after or 0.0)
