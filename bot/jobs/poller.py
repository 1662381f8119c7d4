"""One scheduler for every in-flight task.

Tasks sit in a heap ordered by their next poll time. `poll_due()` queries the
ones that are due, within a global query budget (a token bucket), and hands each
answer to the engine. There is no per-job loop: the engine's one loop sleeps until
`next_wake()`.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.wan import errors
from bot.wan.responses import TaskResponse, parse_service_time

from .clock import Clock
from .ports import WanApi
from .schedule import PollPolicy, TokenBucket, next_poll_delay

log = logging.getLogger(__name__)

OnResult = Callable[[int, TaskResponse], Awaitable[bool]]  # returns True when the job is finished
OnDeadline = Callable[[int], Awaitable[None]]


@dataclass
class Tracked:
    job_id: int
    task_id: str
    submitted_at: float
    expected_running: float  # learned mean running time (seconds)
    spread: float  # learned standard deviation of it
    deadline: float
    status: str | None = None
    running_since: float | None = None  # DashScope's scheduled_time, once seen
    polls: int = 0
    failures: int = 0
    due: float = 0.0

    def delay(self, policy: PollPolicy, now: float) -> float:
        return next_poll_delay(
            policy,
            now,
            submitted_at=self.submitted_at,
            running_since=self.running_since,
            expected_running=self.expected_running,
            spread=self.spread,
            status=self.status,
            polls=self.polls,
        )


KEEP_SECONDS = 3600


@dataclass
class PollStats:
    queries: int = 0
    throttled: int = 0
    errors: int = 0
    per_second: dict[int, int] = field(default_factory=dict)

    def record(self, now: float) -> None:
        self.queries += 1
        second = int(now)
        self.per_second[second] = self.per_second.get(second, 0) + 1
        if len(self.per_second) > 2 * KEEP_SECONDS:  # a long-running bot keeps only the last hour
            cutoff = second - KEEP_SECONDS
            self.per_second = {s: n for s, n in self.per_second.items() if s > cutoff}

    def in_last(self, seconds: int, now: float) -> int:
        """Queries made in the last `seconds` (at most an hour back)."""
        cutoff = int(now) - seconds
        return sum(n for s, n in self.per_second.items() if s > cutoff)

    @property
    def peak_per_second(self) -> int:
        return max(self.per_second.values(), default=0)


class Poller:
    def __init__(
        self,
        api: WanApi,
        clock: Clock,
        on_result: OnResult,
        on_deadline: OnDeadline,
        *,
        budget_per_second: float = 10.0,
        policy: PollPolicy | None = None,
        max_parallel: int = 8,
    ) -> None:
        self.api = api
        self.clock = clock
        self.on_result = on_result
        self.on_deadline = on_deadline
        self.policy = policy or PollPolicy()
        # Capacity 1: queries are spaced evenly, so no calendar second ever sees more than the budget.
        self.budget_per_second = budget_per_second
        self.bucket = TokenBucket(budget_per_second, capacity=1.0, now=clock.now())
        self.tracked: dict[int, Tracked] = {}
        self._heap: list[tuple[float, int, int]] = []
        self._seq = itertools.count()
        self._parallel = asyncio.Semaphore(max_parallel)
        self.stats = PollStats()

    # -- membership ------------------------------------------------------------

    def track(
        self,
        job_id: int,
        task_id: str,
        *,
        submitted_at: float,
        expected_running: float,
        spread: float,
        deadline: float,
        status: str | None = "PENDING",
        running_since: float | None = None,
    ) -> None:
        t = Tracked(job_id, task_id, submitted_at, expected_running, spread, deadline, status, running_since)
        now = self.clock.now()
        t.due = now + t.delay(self.policy, now)
        self.tracked[job_id] = t
        self._push(t)

    def untrack(self, job_id: int) -> None:
        self.tracked.pop(job_id, None)

    def _push(self, t: Tracked) -> None:
        heapq.heappush(self._heap, (t.due, next(self._seq), t.job_id))

    def next_wake(self) -> float | None:
        """When something is next due (respecting the budget), or None when idle."""
        while self._heap:
            due, _, job_id = self._heap[0]
            t = self.tracked.get(job_id)
            if t is None or t.due != due:
                heapq.heappop(self._heap)  # stale entry
                continue
            return max(due, self.bucket.ready_at(self.clock.now()))
        return None

    # -- work ------------------------------------------------------------------

    def _take_due(self) -> list[Tracked]:
        now = self.clock.now()
        batch: list[Tracked] = []
        while self._heap and self._heap[0][0] <= now:
            due, _, job_id = self._heap[0]
            t = self.tracked.get(job_id)
            if t is None or t.due != due:
                heapq.heappop(self._heap)
                continue
            if not self.bucket.try_take(now):
                break
            heapq.heappop(self._heap)
            batch.append(t)
        return batch

    async def poll_due(self) -> int:
        """Query every due task the budget allows; returns how many were queried."""
        done = 0
        while True:
            batch = self._take_due()
            if not batch:
                return done
            await asyncio.gather(*(self._poll(t) for t in batch))
            done += len(batch)

    async def _poll(self, t: Tracked) -> None:
        async with self._parallel:
            now = self.clock.now()
            self.stats.record(now)
            t.polls += 1
            try:
                response = await self.api.query(t.task_id, retry=False)
            except errors.ThrottledError as exc:
                self.stats.throttled += 1
                pause = exc.retry_after or min(30.0, 2.0 * 2**t.failures)
                self.bucket.pause(self.clock.now(), pause)
                self._retry_later(t, pause)
                return
            except errors.WanError as exc:
                self.stats.errors += 1
                delay = min(60.0, 2.0 * 2**t.failures) if exc.retryable else 60.0
                log.warning("query failed for job %s: %s", t.job_id, exc, extra={"job_id": t.job_id})
                self._retry_later(t, delay)
                return
            t.failures = 0
            t.status = response.status
            if t.running_since is None and response.status != "PENDING":
                started = parse_service_time(response.output.scheduled_time)
                t.running_since = started.timestamp() if started else self.clock.now()
            finished = await self.on_result(t.job_id, response)
            if finished or t.job_id not in self.tracked:
                self.untrack(t.job_id)
                return
            now = self.clock.now()
            if now >= t.deadline:  # asked one last time above: a result that arrived late still counts
                self.untrack(t.job_id)
                await self.on_deadline(t.job_id)
                return
            t.due = now + t.delay(self.policy, now)
            self._push(t)

    def _retry_later(self, t: Tracked, delay: float) -> None:
        if t.job_id not in self.tracked:
            return
        t.failures += 1
        t.due = self.clock.now() + delay
        self._push(t)
