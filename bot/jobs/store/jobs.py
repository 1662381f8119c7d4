"""Job rows: insert, read, and guarded state transitions."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

import aiosqlite

from ..model import ACTIVE_STATES, Job, JobRequest, JobState
from .db import Database

_UPDATABLE = {
    "remote_status", "task_id", "region", "estimate_ms", "billed_ms", "output_seconds", "error_code",
    "error_message", "error_key", "result_url", "result_expires_at", "actual_prompt", "status_message_id",
    "result_message_id", "queued_at", "submitting_at", "submitted_at", "running_at", "finished_at",
    "delivered_at", "next_poll_at", "poll_count", "attempts", "values", "meta",
}  # fmt: skip


def _encode(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - _UPDATABLE - {"state"}
    if unknown:
        raise KeyError(f"not job columns: {sorted(unknown)}")
    out = dict(fields)
    if "values" in out:
        out["values_json"] = json.dumps(out.pop("values"))
    if "meta" in out:
        out["meta_json"] = json.dumps(out.pop("meta"))
    if "state" in out:
        out["state"] = JobState(out["state"]).value
    return out


class JobStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def insert(
        self, conn: aiosqlite.Connection, req: JobRequest, *, estimate_ms: int, region: str, now: float
    ) -> int:
        """Write the job row (inside the caller's transaction, before anything is sent)."""
        cur = await conn.execute(
            """
            INSERT INTO jobs (user_id, guild_id, channel_id, model, builder, values_json, state, locale, region,
                              estimate_ms, source_message_id, dedupe_key, meta_json, created_at, queued_at, fair_tag)
            VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?,
                    1 + MAX(
                        (SELECT COALESCE(MAX(fair_tag), 0) FROM jobs WHERE model = ? AND state <> 'queued'),
                        (SELECT COALESCE(MAX(fair_tag), 0) FROM jobs WHERE model = ? AND user_id = ?
                            AND state IN ('queued', 'submitting', 'submitted', 'fetching', 'delivering'))))
            """,
            (req.user_id, req.guild_id, req.channel_id, req.model, req.builder, json.dumps(req.values), req.locale,
             region, estimate_ms, req.source_message_id, req.dedupe_key, json.dumps(req.meta), now, now,
             req.model, req.model, req.user_id),
        )  # fmt: skip
        assert cur.lastrowid is not None
        return cur.lastrowid

    async def get(self, job_id: int) -> Job | None:
        row = await self.db.fetchone("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return Job.from_row(row) if row else None

    async def require(self, job_id: int) -> Job:
        job = await self.get(job_id)
        if job is None:
            raise KeyError(f"job {job_id} does not exist")
        return job

    async def by_task(self, task_id: str) -> Job | None:
        row = await self.db.fetchone("SELECT * FROM jobs WHERE task_id = ?", (task_id,))
        return Job.from_row(row) if row else None

    async def by_dedupe(self, key: str) -> Job | None:
        row = await self.db.fetchone(
            "SELECT * FROM jobs WHERE dedupe_key = ? AND state NOT IN ('failed', 'canceled')", (key,)
        )
        return Job.from_row(row) if row else None

    async def in_states(self, states: Iterable[JobState], model: str | None = None) -> list[Job]:
        names = [JobState(s).value for s in states]
        marks = ",".join("?" * len(names))
        sql = f"SELECT * FROM jobs WHERE state IN ({marks})"
        params: list[Any] = list(names)
        if model is not None:
            sql += " AND model = ?"
            params.append(model)
        rows = await self.db.fetchall(sql + " ORDER BY created_at, id", params)
        return [Job.from_row(r) for r in rows]

    async def active(self) -> list[Job]:
        return await self.in_states(ACTIVE_STATES)

    async def recent(self, user_id: int, guild_id: int | None, limit: int = 10) -> list[Job]:
        rows = await self.db.fetchall(
            "SELECT * FROM jobs WHERE user_id = ? AND guild_id IS ? ORDER BY created_at DESC, id DESC LIMIT ?",
            (user_id, guild_id, limit),
        )
        return [Job.from_row(r) for r in rows]

    async def update(self, job_id: int, **fields: Any) -> None:
        data = _encode(fields)
        sets = ", ".join(f"{k} = ?" for k in data)
        await self.db.write(f"UPDATE jobs SET {sets} WHERE id = ?", (*data.values(), job_id))

    async def transition(
        self,
        job_id: int,
        allowed_from: Iterable[JobState],
        to: JobState,
        conn: aiosqlite.Connection | None = None,
        **fields: Any,
    ) -> bool:
        """Move to `to` only from one of `allowed_from`; False if another actor got there first."""
        data = _encode({**fields, "state": to})
        sets = ", ".join(f"{k} = ?" for k in data)
        names = [JobState(s).value for s in allowed_from]
        marks = ",".join("?" * len(names))
        cur = await self.db.run(
            f"UPDATE jobs SET {sets} WHERE id = ? AND state IN ({marks})", (*data.values(), job_id, *names), conn
        )
        return cur.rowcount == 1

    async def count_by_state(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state")
        return {r["state"]: r["n"] for r in rows}

    # -- learned running times ------------------------------------------------------

    async def running_stats(self, model: str, tier: str, seconds: int) -> tuple[float, float] | None:
        """Mean and standard deviation of running time for this kind of job (or the model's)."""
        row = await self.db.fetchone(
            "SELECT mean, var FROM durations WHERE model = ? AND tier = ? AND seconds = ?", (model, tier, seconds)
        )
        if row is None:
            row = await self.db.fetchone(
                "SELECT SUM(mean * samples) / SUM(samples) AS mean, SUM(var * samples) / SUM(samples) AS var "
                "FROM durations WHERE model = ?",
                (model,),
            )
            if row is None or row["mean"] is None:
                return None
        return float(row["mean"]), math.sqrt(max(0.0, float(row["var"])))

    async def learn_running(self, model: str, tier: str, seconds: int, observed: float, window: int = 20) -> None:
        """Exponentially weighted mean and variance over roughly the last `window` jobs."""
        async with self.db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT samples, mean, var FROM durations WHERE model = ? AND tier = ? AND seconds = ?",
                (model, tier, seconds),
            )
            row = next(iter(rows), None)
            if row is None:
                samples, mean, var = 1, observed, 0.0
            else:
                samples = row["samples"] + 1
                weight = 1 / min(samples, window)
                delta = observed - row["mean"]
                mean = row["mean"] + weight * delta
                var = (1 - weight) * (row["var"] + weight * delta * delta)
            await conn.execute(
                "INSERT INTO durations (model, tier, seconds, samples, mean, var) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (model, tier, seconds) DO UPDATE SET samples = excluded.samples, "
                "mean = excluded.mean, var = excluded.var",
                (model, tier, seconds, samples, mean, var),
            )
