"""Poller benchmark on virtual time: finish-to-notice delay, queries per job, peak queries per second.

Run by hand: `python -m bench.poller`. Compares the engine's single poller (global budget,
learned running times) with two baselines measured on the same tasks in the same run:
the SDK's `wait()` schedule (1 s doubling every 3 polls up to 5 s, one loop per job) and
fixed 15 s polling. Tasks queue at DashScope for an exponential time (mean 10 s) and then
run for a model-dependent, slightly variable time.
"""

from __future__ import annotations

import asyncio
import random
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from bot.jobs.clock import ManualClock
from bot.jobs.poller import Poller
from bot.wan.responses import TaskResponse, format_service_time

BUDGET = 10.0
SIZES = (1, 10, 100, 1000)
MODELS = ((120.0, 6.0), (240.0, 12.0))  # (mean running seconds, spread) of two kinds of job


@dataclass
class Task:
    submitted: float
    started: float
    finished: float
    mean: float
    spread: float


def make_tasks(n: int, start: float, rng: random.Random) -> list[Task]:
    tasks = []
    for _ in range(n):
        mean, spread = rng.choice(MODELS)
        submitted = start + rng.uniform(0, 60)
        started = submitted + rng.expovariate(1 / 10)
        tasks.append(Task(submitted, started, started + max(10.0, rng.gauss(mean, spread)), mean, spread))
    return tasks


class FakeApi:
    """Answers task queries from the task table at the clock's time."""

    def __init__(self, tasks: dict[str, Task], clock: ManualClock) -> None:
        self.tasks, self.clock = tasks, clock

    async def query(self, task_id: str, *, retry: bool = True) -> TaskResponse:
        t, now = self.tasks[task_id], self.clock.now()
        from datetime import UTC, datetime

        status = "PENDING" if now < t.started else "RUNNING" if now < t.finished else "SUCCEEDED"
        out = {"task_id": task_id, "task_status": status}
        if status != "PENDING":
            out["scheduled_time"] = format_service_time(datetime.fromtimestamp(t.started, UTC))
        return TaskResponse.model_validate({"output": out})


async def run_poller(tasks: list[Task]) -> tuple[list[float], float, int]:
    clock = ManualClock(start=0.0)
    table = {str(i): t for i, t in enumerate(tasks)}
    noticed: dict[int, float] = {}

    async def on_result(job_id: int, response: TaskResponse) -> bool:
        if response.status == "SUCCEEDED":
            noticed[job_id] = clock.now()
            return True
        return False

    async def on_deadline(job_id: int) -> None:
        raise AssertionError("deadline")

    poller = Poller(FakeApi(table, clock), clock, on_result, on_deadline, budget_per_second=BUDGET)
    pending = sorted(((t.submitted, i) for i, t in enumerate(tasks)), reverse=True)
    while pending or poller.tracked:
        wake = poller.next_wake()
        arrival = pending[-1][0] if pending else None
        if arrival is not None and (wake is None or arrival <= wake):
            clock.set(arrival)
            _, i = pending.pop()
            t = tasks[i]
            poller.track(i, str(i), submitted_at=t.submitted, expected_running=t.mean, spread=t.spread,
                         deadline=t.submitted + 3 * 3600)  # fmt: skip
            continue
        assert wake is not None
        clock.set(wake)
        await poller.poll_due()
    delays = [noticed[i] - t.finished for i, t in enumerate(tasks)]
    return delays, poller.stats.queries / len(tasks), poller.stats.peak_per_second


def sdk_wait_schedule() -> Iterator[float]:
    """The SDK's sleeps between polls: 1, 1, 2, 2, 2, 4, 4, 4, 5, 5, ... (observed, spec 09 §7.4)."""
    sleep, n = 1.0, 0
    yield 1.0
    while True:
        n += 1
        yield sleep
        if n % 3 == 0:
            sleep = min(sleep * 2, 5.0)


def fixed_schedule(interval: float) -> Iterator[float]:
    while True:
        yield interval


def run_baseline(tasks: list[Task], schedule: type | object) -> tuple[list[float], float, int]:
    delays, queries, per_second = [], 0, {}
    for t in tasks:
        now = t.submitted
        for step in schedule():  # type: ignore[operator]
            now += step
            queries += 1
            per_second[int(now)] = per_second.get(int(now), 0) + 1
            if now >= t.finished:
                delays.append(now - t.finished)
                break
    return delays, queries / len(tasks), max(per_second.values())


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


async def main() -> None:
    rng = random.Random(7)
    print(f"query budget {BUDGET:g}/s; running times {MODELS[0][0]:g}±{MODELS[0][1]:g} s and "
          f"{MODELS[1][0]:g}±{MODELS[1][1]:g} s; queueing ~exp(10 s)\n")  # fmt: skip
    header = f"{'jobs':>5} {'schedule':<10} {'mean s':>7} {'p95 s':>7} {'q/job':>6} {'peak q/s':>8}"
    print(header + "   vs 15 s polling (delay, queries)")
    print("-" * (len(header) + 36))
    for n in SIZES:
        tasks = make_tasks(n, 0.0, rng)
        rows = {
            "engine": await run_poller(tasks),
            "sdk wait": run_baseline(tasks, sdk_wait_schedule),
            "fixed 15s": run_baseline(tasks, lambda: fixed_schedule(15.0)),
        }
        base_delay, base_q = statistics.mean(rows["fixed 15s"][0]), rows["fixed 15s"][1]
        for name, (delays, per_job, peak) in rows.items():
            mean = statistics.mean(delays)
            ratio = f"   x{mean / base_delay:.2f}, x{per_job / base_q:.2f}"
            print(f"{n:>5} {name:<10} {mean:>7.2f} {p95(delays):>7.2f} {per_job:>6.1f} {peak:>8d}{ratio}")
        print()


if __name__ == "__main__":
    asyncio.run(main())
