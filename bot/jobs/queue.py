"""The local submission queue: per-model slots and submit rates, fair across members.

Queued jobs live in SQLite, so the queue survives restarts. Order within a model
is start-time fair queuing: when a job is accepted it gets the tag
`1 + max(tag of the last job the model started, tag of the member's latest live job)`
(computed in the insert, see store/jobs.py), and jobs start in tag order. A member
who queues ten jobs takes one turn per round, so their backlog never starves
another member's single job. Submissions stay within the model's documented
concurrency and submit rate, so normal operation never provokes a 429.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.wan.catalog.types import RateLimit

from .model import Job, JobState
from .schedule import TokenBucket

DEFAULT_CONCURRENCY = 2  # when the spec gives no number, stay at the lowest documented one
DEFAULT_SUBMIT_RPS = 2.0
IN_FLIGHT = (JobState.SUBMITTING, JobState.SUBMITTED)


def fair_order(queued: Sequence[Job]) -> list[Job]:
    """Queued jobs in the order they should be submitted (fair tag, then arrival)."""
    return sorted(queued, key=lambda j: (j.fair_tag, j.queued_at or j.created_at, j.id))


@dataclass(frozen=True)
class Slots:
    concurrency: int
    submit_rps: float


class SubmissionQueue:
    """Decides which queued jobs may be submitted now."""

    def __init__(self, limits_for: Callable[[str], RateLimit], now: float) -> None:
        self._limits_for = limits_for
        self._buckets: dict[str, TokenBucket] = {}
        self._now = now

    def slots(self, model: str) -> Slots:
        limits = self._limits_for(model)
        return Slots(limits.concurrent or DEFAULT_CONCURRENCY, limits.submit_rps or DEFAULT_SUBMIT_RPS)

    def _bucket(self, model: str) -> TokenBucket:
        if model not in self._buckets:
            rps = self.slots(model).submit_rps
            self._buckets[model] = TokenBucket(rps, capacity=1.0, now=self._now)
        return self._buckets[model]

    def pick(self, queued: Sequence[Job], in_flight: Sequence[Job], now: float) -> list[Job]:
        """Jobs to submit now, at most what each model's free slots and submit rate allow."""
        chosen: list[Job] = []
        by_model: dict[str, list[Job]] = {}
        for job in queued:
            by_model.setdefault(job.model, []).append(job)
        for model, jobs in by_model.items():
            running = [j for j in in_flight if j.model == model]
            free = self.slots(model).concurrency - len(running)
            bucket = self._bucket(model)
            for job in fair_order(jobs):
                if free <= 0 or not bucket.try_take(now):
                    break
                chosen.append(job)
                free -= 1
        return chosen

    def next_ready(self, queued: Sequence[Job], in_flight: Sequence[Job], now: float) -> float | None:
        """When a queued job could next be submitted by rate (None: blocked on a slot or idle)."""
        soonest: float | None = None
        for model in {j.model for j in queued}:
            running = sum(1 for j in in_flight if j.model == model)
            if running >= self.slots(model).concurrency:
                continue
            ready = self._bucket(model).ready_at(now)
            soonest = ready if soonest is None else min(soonest, ready)
        return soonest

    def throttled(self, model: str, now: float, seconds: float) -> None:
        """The service said 429 anyway (another client on the account): back off this model."""
        self._bucket(model).pause(now, seconds)

    def position(
        self, job: Job, queued: Sequence[Job], in_flight: Sequence[Job], expected: float, now: float
    ) -> tuple[int, float]:
        """The job's place in its model's fair order (0 = next) and an honest ETA (epoch seconds).

        The ETA assumes each slot runs one job at a time taking `expected` seconds, counting the
        time running jobs have left.
        """
        same = [j for j in queued if j.model == job.model]
        running = [j for j in in_flight if j.model == job.model]
        order = fair_order(same)
        place = next((i for i, j in enumerate(order) if j.id == job.id), len(order))
        slots = self.slots(job.model).concurrency
        remaining = sorted(max(0.0, expected - (now - (j.submitted_at or j.submitting_at or now))) for j in running)
        free_at = remaining + [0.0] * max(0, slots - len(remaining))
        free_at.sort()
        # Slot i frees at free_at[i]; each later round adds a full expected run.
        round_, slot = divmod(place, slots)
        start = free_at[slot] + round_ * expected
        return place, now + start + expected + math.ceil(1 / self.slots(job.model).submit_rps)
