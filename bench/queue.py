"""Queue fairness benchmark: 10 members, 100 jobs, a model with 2 slots, on virtual time.

Run by hand: `python -m bench.queue`. Members arrive one after another, each with a burst of
10 jobs. Reports each member's mean wait (queued -> submitted) relative to the mean over all
members (1.0 = perfectly fair), for the engine's fair queue and, as the baseline measured in
the same run, plain first-come-first-served order, plus the number of 429s the simulator sent.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from pathlib import Path

import aiohttp

from bot.jobs import queue as queue_module
from bot.jobs.clock import ManualClock
from bot.jobs.model import JobRequest, JobState
from bot.jobs.quota import QuotaDefaults
from bot.wan.simulator import Plan, Simulator, start
from tests.jobs.engine_kit import Kit

MODEL = "wan2.2-t2v-plus"  # 2 submits/s, 2 running at once
MEMBERS, PER_MEMBER, ARRIVAL_GAP, RUN_SECONDS = 10, 10, 5.0, 60.0


async def run(fair: bool) -> tuple[dict[int, float], int]:
    original = queue_module.fair_order
    if not fair:
        queue_module.fair_order = lambda queued: sorted(queued, key=lambda j: (j.created_at, j.id))
    clock = ManualClock()
    sim = Simulator(clock=clock, default_plan=Plan(pending_s=1, running_s=RUN_SECONDS))
    runner = await start(sim)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async with aiohttp.ClientSession() as session:
                kit = Kit(sim, clock, session, Path(tmp) / "w", str(Path(tmp) / "db.sqlite3"))
                engine = await kit.engine()
                engine.ledger.defaults = QuotaDefaults(allowance_ms=None)
                jobs: dict[int, int] = {}
                for member in range(MEMBERS):
                    for i in range(PER_MEMBER):
                        job = await engine.accept(JobRequest(member, 1, 1, MODEL, "", {"prompt": f"{member}/{i}"}))
                        jobs[job.id] = member
                    for _ in range(int(ARRIVAL_GAP)):
                        await engine.tick()
                        clock.advance(1)

                async def all_done() -> bool:
                    done = await engine.jobs.in_states([JobState.DONE])
                    return len(done) == len(jobs)

                await kit.run_until(engine, all_done, step=1.0, limit=24 * 3600)
                waits: dict[int, list[float]] = {}
                for job_id, member in jobs.items():
                    job = await engine.jobs.require(job_id)
                    waits.setdefault(member, []).append(job.submitted_at - job.queued_at)  # type: ignore[operator]
                creates = sum(1 for r in sim.requests if r.path.endswith("video-synthesis"))
                await engine.db.close()
        return {m: statistics.mean(w) for m, w in waits.items()}, creates - len(sim.tasks)
    finally:
        queue_module.fair_order = original
        await runner.cleanup()
        sim.close()


async def main() -> None:
    print(f"{MEMBERS} members x {PER_MEMBER} jobs on {MODEL} (2 slots), arrivals {ARRIVAL_GAP:g} s apart, "
          f"{RUN_SECONDS:g} s per job\n")  # fmt: skip
    results = {"fair queue": await run(True), "FIFO baseline": await run(False)}
    print(f"{'member':>6} " + " ".join(f"{name:>16}" for name in results))
    overall = {name: statistics.mean(waits.values()) for name, (waits, _) in results.items()}
    for member in range(MEMBERS):
        cells = [f"{waits[member] / overall[name]:>15.2f}x" for name, (waits, _) in results.items()]
        print(f"{member:>6} " + " ".join(cells))
    for name, (waits, throttled) in results.items():
        ratios = [w / overall[name] for w in waits.values()]
        print(f"{name}: worst member {max(ratios):.2f}x the mean wait, best {min(ratios):.2f}x; 429s: {throttled}")


if __name__ == "__main__":
    asyncio.run(main())
