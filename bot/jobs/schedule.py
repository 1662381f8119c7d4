"""When to poll a task next, and a token bucket for the account's query budget.

Queue time at DashScope is unpredictable, running time much less so. While a task
is PENDING it is polled every `pending_interval`. Once a poll shows it running,
the answer carries `scheduled_time`, so the finish is expected at
`scheduled_time + mean running time` (learned per model, tier and duration, with
its spread). Polls then sleep until shortly before that window and grow denser
the closer they are to the expected finish; past it they thin out again.
Pure functions of the clock, so the benchmark can replay them exactly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PollPolicy:
    first_poll: float = 5.0  # catch tasks that fail at once (bad media, moderation)
    pending_interval: float = 10.0  # queued at DashScope: nothing to predict yet
    near: float = 1.5  # interval right at the expected finish (seconds)
    slope: float = 0.25  # the interval grows by this much per second away from it
    window_sigmas: float = 2.5  # start polling densely this many spreads before the expected finish
    max_interval: float = 15.0  # never wait longer than the docs' suggested interval
    min_spread: float = 2.0  # seconds; learned spreads below this are treated as this


def next_poll_delay(
    policy: PollPolicy,
    now: float,
    *,
    submitted_at: float,
    running_since: float | None,
    expected_running: float,
    spread: float,
    status: str | None,
    polls: int,
) -> float:
    """Seconds from `now` until the next query of a task."""
    if polls == 0:
        return max(0.0, submitted_at + policy.first_poll - now)
    if running_since is None or status == "PENDING":
        return policy.pending_interval
    spread = max(spread, policy.min_spread)
    target = running_since + expected_running
    window_start = target - policy.window_sigmas * spread
    if now < window_start:
        # Far from done: one long sleep (capped so a failure is still noticed in time).
        return min(policy.max_interval * 4, window_start - now)
    interval = policy.near + policy.slope * abs(now - target)
    return min(policy.max_interval, interval)


_EPSILON = 1e-9  # float refills land a hair under 1.0; without this a virtual clock never advances


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
        if self.tokens >= 1.0 - _EPSILON:
            self.tokens = max(0.0, self.tokens - 1.0)
            return True
        return False

    def ready_at(self, now: float) -> float:
        """When the next token is available."""
        self._refill(now)
        wait = 0.0 if self.tokens >= 1.0 - _EPSILON else (1.0 - self.tokens) / self.rate
        return max(now + wait, self.paused_until)

    def pause(self, now: float, seconds: float) -> None:
        """Stop handing out tokens for a while (after a 429)."""
        self.paused_until = max(self.paused_until, now + seconds)
        self.tokens = 0.0
        self.updated = now
