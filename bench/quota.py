"""Quota ledger benchmark: 1000 concurrent reserve+commit pairs on a real SQLite file (WAL).

Run by hand: `python -m bench.quota`. Reports throughput and p50/p99 latency of the guarded
reservation (one INSERT ... SELECT ... WHERE that checks the member's allowance and the guild
budget) followed by the commit, against a baseline measured in the same run: the same number
of plain, unguarded ledger inserts through the same connection.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.jobs.quota import Allowance, Ledger, Period
from bot.jobs.store.db import Database

N = 1000
USERS = 50


async def setup(path: str) -> tuple[Database, Ledger]:
    db = await Database.open(path)
    async with db.transaction() as conn:
        for i in range(1, N + 1):
            await conn.execute(
                "INSERT INTO jobs (id, user_id, guild_id, model, builder, values_json, state, created_at) "
                "VALUES (?, ?, 1, 'wan2.6-t2v', 'TextToVideo', '{}', 'queued', 0)",
                (i, i % USERS),
            )
    return db, Ledger(db)


async def timed(coro) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    await coro
    return time.perf_counter() - start


async def guarded(ledger: Ledger, job_id: int, allowance: Allowance) -> None:
    if await ledger.reserve(job_id, job_id % USERS, 1, 3000, allowance, time.time()):
        await ledger.commit(job_id, 2500, time.time())


async def plain(db: Database, job_id: int) -> None:
    await db.write(
        "INSERT INTO ledger (job_id, user_id, guild_id, kind, amount_ms, charged_at, at) "
        "VALUES (?, ?, 1, 'reserve', 3000, ?, ?)",
        (job_id, job_id % USERS, time.time(), time.time()),
    )


def summary(name: str, latencies: list[float], wall: float) -> tuple[float, float]:
    q = statistics.quantiles(latencies, n=100)
    rate = len(latencies) / wall
    print(f"{name:<28} {rate:>9.0f}/s {q[49] * 1000:>9.1f} {q[98] * 1000:>9.1f}")
    return rate, q[98]


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, ledger = await setup(str(Path(tmp) / "a.sqlite3"))
        allowance = Allowance(limit_ms=60_000, period=Period.DAY, budget_ms=None)
        start = time.perf_counter()
        lat = await asyncio.gather(*(timed(guarded(ledger, i, allowance)) for i in range(1, N + 1)))
        wall = time.perf_counter() - start
        row = await db.fetchone("SELECT MAX(used) AS worst FROM (SELECT SUM(amount_ms) AS used FROM ledger "
                                "GROUP BY user_id)")  # fmt: skip
        await db.close()
        base_db, _ = await setup(str(Path(tmp) / "b.sqlite3"))
        start = time.perf_counter()
        base_lat = await asyncio.gather(*(timed(plain(base_db, i)) for i in range(1, N + 1)))
        base_wall = time.perf_counter() - start
        await base_db.close()
    print(f"{N} concurrent requests, {USERS} members, allowance 60 s each\n")
    print(f"{'':<28} {'throughput':>11} {'p50 ms':>9} {'p99 ms':>9}")
    rate, p99 = summary("reserve + commit (guarded)", lat, wall)
    base_rate, base_p99 = summary("plain insert (baseline)", base_lat, base_wall)
    print(f"\nthroughput x{rate / base_rate:.2f} of the baseline, p99 x{p99 / base_p99:.2f}")
    print(f"largest member total: {row['worst']} ms of 60000 allowed (never overspent: {row['worst'] <= 60000})")


if __name__ == "__main__":
    asyncio.run(main())
