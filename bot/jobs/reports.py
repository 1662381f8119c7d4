"""Read-only questions about spend and jobs, for `/wan-account` and `/wan-admin usage|status` (Discord-free).

Everything here is SQL over the `jobs` and `ledger` tables. Spend is the sum of ledger
entries (reservation + commit difference + refund) whose `charged_at` falls in the window,
exactly what `Ledger.usage` counts against an allowance, so a report and a member's remaining
quota never disagree. Estimated cost in CNY uses the quota's own reference price
(`quota.REFERENCE_CNY`): one quota second is priced like one second of the reference tier.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ACTIVE_STATES, TERMINAL_STATES, Job, JobState
from .quota import REFERENCE_CNY
from .store.db import Database

__all__ = [
    "JobCost",
    "OperationsReport",
    "Spend",
    "StateCounts",
    "UsageReport",
    "cancellable_jobs",
    "cny",
    "guild_spend",
    "job_costs",
    "may_cancel",
    "operations_report",
    "usage_report",
]


def cny(ms: int) -> float:
    """Estimated CNY for quota milliseconds (the ledger's unit)."""
    return ms / 1000 * REFERENCE_CNY


@dataclass(frozen=True)
class Spend:
    """Net quota spent and how many jobs it came from."""

    used_ms: int = 0
    jobs: int = 0

    @property
    def cny(self) -> float:
        return cny(self.used_ms)


@dataclass(frozen=True)
class UsageReport:
    """A guild's spend over a window: totals, per model, per user, job outcomes and refunds."""

    guild_id: int | None
    since: float
    total: Spend = field(default_factory=Spend)
    by_model: dict[str, Spend] = field(default_factory=dict)  # dearest first
    by_user: dict[int, Spend] = field(default_factory=dict)  # top spenders first
    users: int = 0  # members who spent anything (by_user may be cut to the top few)
    states: dict[str, int] = field(default_factory=dict)  # jobs created in the window, by local state
    refunds: int = 0
    refunded_ms: int = 0  # positive: what went back to members
    reserved_ms: int = 0  # held for jobs still in flight (part of total)
    checks: int = 0  # detector calls Wan billed (also those that turned a picture down and were refunded)
    checks_cny: float = 0.0


async def usage_report(db: Database, guild_id: int | None, since: float, *, top_users: int = 10) -> UsageReport:
    """Spend in `guild_id` since `since` (epoch seconds)."""
    window = (guild_id, since)
    total = await db.fetchone(
        "SELECT COALESCE(SUM(amount_ms), 0) AS used, COUNT(DISTINCT job_id) AS jobs FROM ledger "
        "WHERE guild_id IS ? AND charged_at >= ?",
        window,
    )
    models = await db.fetchall(
        """
        SELECT j.model AS model, SUM(l.amount_ms) AS used, COUNT(DISTINCT l.job_id) AS jobs
        FROM ledger l JOIN jobs j ON j.id = l.job_id
        WHERE l.guild_id IS ? AND l.charged_at >= ?
        GROUP BY j.model ORDER BY used DESC, j.model
        """,
        window,
    )
    users = await db.fetchall(
        """
        SELECT user_id, SUM(amount_ms) AS used, COUNT(DISTINCT job_id) AS jobs FROM ledger
        WHERE guild_id IS ? AND charged_at >= ?
        GROUP BY user_id ORDER BY used DESC, user_id
        """,
        window,
    )
    states = await db.fetchall(
        "SELECT state, COUNT(*) AS n FROM jobs WHERE guild_id IS ? AND created_at >= ? GROUP BY state ORDER BY n DESC",
        window,
    )
    refunds = await db.fetchone(
        "SELECT COUNT(*) AS n, COALESCE(-SUM(amount_ms), 0) AS back FROM ledger "
        "WHERE guild_id IS ? AND charged_at >= ? AND kind = 'refund'",
        window,
    )
    active = [s.value for s in ACTIVE_STATES]
    reserved = await db.fetchone(
        f"""
        SELECT COALESCE(SUM(l.amount_ms), 0) AS held FROM ledger l JOIN jobs j ON j.id = l.job_id
        WHERE l.guild_id IS ? AND l.charged_at >= ? AND j.state IN ({",".join("?" * len(active))})
        """,
        (*window, *active),
    )
    checks = await db.fetchone(
        "SELECT COALESCE(SUM(json_extract(meta_json, '$.checks')), 0) AS n, "
        "COALESCE(SUM(json_extract(meta_json, '$.checks_cny')), 0) AS cny FROM jobs "
        "WHERE guild_id IS ? AND created_at >= ?",
        window,
    )
    return UsageReport(
        guild_id=guild_id,
        since=since,
        total=Spend(int(total["used"]), int(total["jobs"])) if total else Spend(),
        by_model={r["model"]: Spend(int(r["used"]), int(r["jobs"])) for r in models},
        by_user={int(r["user_id"]): Spend(int(r["used"]), int(r["jobs"])) for r in users[:top_users]},
        users=len(users),
        states={r["state"]: int(r["n"]) for r in states},
        refunds=int(refunds["n"]) if refunds else 0,
        refunded_ms=int(refunds["back"]) if refunds else 0,
        reserved_ms=int(reserved["held"]) if reserved else 0,
        checks=int(checks["n"]) if checks else 0,
        checks_cny=float(checks["cny"]) if checks else 0.0,
    )


async def guild_spend(db: Database, guild_id: int | None, since: float) -> int:
    """What the whole guild spent since `since`: the figure a guild budget is checked against."""
    row = await db.fetchone(
        "SELECT COALESCE(SUM(amount_ms), 0) AS used FROM ledger WHERE guild_id IS ? AND charged_at >= ?",
        (guild_id, since),
    )
    return int(row["used"]) if row else 0


@dataclass(frozen=True)
class JobCost:
    """One job's standing in the ledger."""

    net_ms: int  # what it costs the member now (0 once refunded)
    reserved_ms: int  # what was held when it was accepted
    refunded: bool
    settled: bool  # committed or refunded: the figure is final


async def job_costs(db: Database, job_ids: list[int]) -> dict[int, JobCost]:
    """Ledger standing per job (jobs with no ledger rows are left out)."""
    if not job_ids:
        return {}
    marks = ",".join("?" * len(job_ids))
    rows = await db.fetchall(
        f"""
        SELECT job_id, SUM(amount_ms) AS net,
               SUM(CASE WHEN kind = 'reserve' THEN amount_ms ELSE 0 END) AS reserved,
               MAX(kind = 'refund') AS refunded, MAX(kind IN ('commit', 'refund')) AS settled
        FROM ledger WHERE job_id IN ({marks}) GROUP BY job_id
        """,
        job_ids,
    )
    return {
        int(r["job_id"]): JobCost(int(r["net"]), int(r["reserved"]), bool(r["refunded"]), bool(r["settled"]))
        for r in rows
    }


def may_cancel(job: Job) -> bool:
    """Waiting jobs: still in our queue, being handed over, or handed over but not started at Wan."""
    if job.state in (JobState.QUEUED, JobState.SUBMITTING):
        return True
    return job.state is JobState.SUBMITTED and job.remote_status in (None, "PENDING")


async def cancellable_jobs(db: Database, user_id: int, guild_id: int | None, limit: int = 25) -> list[Job]:
    """A member's waiting jobs in a guild, oldest first (what `/wan-account cancel` offers)."""
    rows = await db.fetchall(
        """
        SELECT * FROM jobs WHERE user_id = ? AND guild_id IS ?
          AND (state IN ('queued', 'submitting')
               OR (state = 'submitted' AND (remote_status IS NULL OR remote_status = 'PENDING')))
        ORDER BY created_at, id LIMIT ?
        """,
        (user_id, guild_id, limit),
    )
    return [Job.from_row(r) for r in rows]


# -- operations (`/wan-admin status`) --------------------------------------------------------------

DAY = 86400.0
# Lifecycle order, so a report reads like the pipeline (sets have none).
_ACTIVE = tuple(s for s in JobState if s in ACTIVE_STATES)
_TERMINAL = tuple(s for s in JobState if s in TERMINAL_STATES)
# The error codes `Engine._fail` stores when a finished video never reached Discord: the upload was refused
# for good (`Undeliverable`), or the result link ran out first (`errors.ResultExpired`, stored by class name).
DELIVERY_FAILURE_CODES = ("Undeliverable", "ResultExpired")
# When a job ended here: done jobs when they were delivered, failed and canceled ones when they stopped;
# created_at only for rows that somehow have neither.
_ENDED_AT = "COALESCE(delivered_at, finished_at, created_at)"


@dataclass(frozen=True)
class StateCounts:
    """Jobs in each active state now, and in each terminal state ended within the window (zeros included)."""

    active: dict[str, int]  # lifecycle order: queued, submitting, submitted, fetching, delivering
    finished: dict[str, int]  # done, failed, canceled

    @property
    def in_flight(self) -> int:
        return sum(self.active.values())


@dataclass(frozen=True)
class OperationsReport:
    """What the operator checks first: is work moving, here and bot-wide, and are results reaching Discord."""

    guild_id: int | None
    since: float  # start of the window for finished jobs and delivery failures
    here: StateCounts
    everywhere: StateCounts  # every guild (and DMs)
    oldest_queued_at: float | None  # created_at of this guild's longest-waiting queued job
    undeliverable: int  # this guild's jobs failed in the window because Discord refused the upload
    expired: int  # ... because the result link expired before it was delivered


async def operations_report(db: Database, guild_id: int | None, now: float, *, window: float = DAY) -> OperationsReport:
    """Job counts for `/wan-admin status`: active jobs now, and jobs that ended in the last `window` seconds."""
    since = now - window
    active, terminal = [s.value for s in _ACTIVE], [s.value for s in _TERMINAL]
    rows = await db.fetchall(
        f"""
        SELECT state, guild_id IS ? AS here, COUNT(*) AS n FROM jobs
        WHERE state IN ({",".join("?" * len(active))})
           OR (state IN ({",".join("?" * len(terminal))}) AND {_ENDED_AT} >= ?)
        GROUP BY state, here
        """,
        (guild_id, *active, *terminal, since),
    )
    here = {s: 0 for s in (*active, *terminal)}
    everywhere = dict(here)
    for r in rows:
        everywhere[r["state"]] += int(r["n"])
        if r["here"]:
            here[r["state"]] += int(r["n"])
    oldest = await db.fetchone(
        "SELECT MIN(created_at) AS at FROM jobs WHERE state = ? AND guild_id IS ?", (JobState.QUEUED.value, guild_id)
    )
    codes = await db.fetchall(
        f"""
        SELECT error_code, COUNT(*) AS n FROM jobs
        WHERE guild_id IS ? AND state = ? AND error_code IN ({",".join("?" * len(DELIVERY_FAILURE_CODES))})
          AND {_ENDED_AT} >= ?
        GROUP BY error_code
        """,
        (guild_id, JobState.FAILED.value, *DELIVERY_FAILURE_CODES, since),
    )
    failed = {r["error_code"]: int(r["n"]) for r in codes}

    def split(counts: dict[str, int]) -> StateCounts:
        return StateCounts({s: counts[s] for s in active}, {s: counts[s] for s in terminal})

    return OperationsReport(
        guild_id=guild_id,
        since=since,
        here=split(here),
        everywhere=split(everywhere),
        oldest_queued_at=float(oldest["at"]) if oldest and oldest["at"] is not None else None,
        undeliverable=failed.get("Undeliverable", 0),
        expired=failed.get("ResultExpired", 0),
    )
