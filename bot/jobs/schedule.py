"""When to poll a task next, and a token bucket for the account's query budget.

A task is polled rarely while it cannot be done, densely around its expected
finish (learned per model, tier and duration), and with a growing interval once
overdue. Pure functions of the clock, so the benchmark can replay them exactly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PollPolicy:
    early_fraction: float = 0.7  # before this share of the expected time, poll rarely
    window_fraction: float = 1.3  # until this share, poll densely
    dense_fraction: float = 0.02  # dense interval as a share of the expected time ...
    dense_min: float = 1.0  # ... clamped to these bounds (seconds)
    dense_max: float = 4.0
    early_min: float = 10.0  # early polls: at least this far apart
    pending_interval: float = 15.0  # the service has not started the task yet
    overdue_growth: float = 0.1  # once overdue, wait this share of the overdue time
    overdue_max: float = 15.0  # the docs' suggested interval caps the backoff


def next_poll_delay(policy: PollPolicy, elapsed: float, expected: float, status: str | None) -> float:
    """Seconds until the next query of a task submitted `elapsed` seconds ago."""
    expected = max(expected, 1.0)
    dense = min(policy.dense_max, max(policy.dense_min, policy.dense_fraction * expected))
    early_end = policy.early_fraction * expected
    window_end = policy.window_fraction * expected
    if elapsed < early_end:
        if status == "PENDING" and elapsed > 0:
            return max(dense, min(policy.pending_interval, early_end - elapsed))
        # Two or three polls before the window: confirm the task is alive, then aim at the window.
        return max(dense, min(early_end - elapsed, max(policy.early_min, expected * 0.3)))
    if elapsed < window_end:
        return dense
    overdue = elapsed - window_end
    return min(policy.overdue_max, dense + policy.overdue_growth * overdue)


class TokenBucket:
    """At most `rate` events per second on average, bursts up to `capacity`."""

    def __init__(self, rate: float, capacity: float | None = None, *, now: float = 0.0) -> None:
        self.rate = rate
        self.capacity = capacity if capacity is not None else max(1.0, rate)
        self.tokens = self.capacity
        self.updated = now
        self.paused_until = 0.0

    def _refill(self, now: float) -> None:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now

    def try_take(self, now: float) -> bool:
        if now < self.paused_until:
            return False
        self._refill(now)
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

    def ready_at(self, now: float) -> float:
        """When the next token is available."""
        self._refill(now)
        wait = 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate
        return max(now + wait, self.paused_until)

    def pause(self, now: float, seconds: float) -> None:
        """Stop handing out tokens for a while (after a 429)."""
        self.paused_until = max(self.paused_until, now + seconds)
        self.tokens = 0.0
        self.updated = now
