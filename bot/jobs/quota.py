"""Fair quotas in the unit DashScope bills: output seconds, weighted by price.

One quota second is what one second of the reference tier costs (`REFERENCE_CNY`, the
price of a 720P wan2.6 second in Beijing), so 1080P uses more of an allowance than
480P and a cheap turbo model less than a flagship one. Members see plain seconds.

The ledger is append-only: a job has at most one reserve, one commit (the difference
between the billed cost and the reservation) and one refund, enforced by a unique
key, so nothing can be charged or refunded twice.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import aiosqlite

from bot.wan.catalog.types import ModelSpec, Price, Region
from bot.wan.validation import get_path

from .store.db import Database

REFERENCE_CNY = 0.6  # one quota second = one second of wan2.6 at 720P in Beijing
R2V_INPUT_CAP_SECONDS = 5.0


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def period_bounds(period: Period, now: float) -> tuple[float, float]:
    """Start and end (epoch seconds, UTC) of the period containing `now`."""
    moment = datetime.fromtimestamp(now, UTC)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if period is Period.DAY:
        start, end = day, day + timedelta(days=1)
    elif period is Period.WEEK:
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=7)
    else:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
    return start.timestamp(), end.timestamp()


def _price_for(spec: ModelSpec, tier: str | None, audio: bool | None, region: Region) -> Price | None:
    """The matching price in `region`, else Beijing's (never free by omission), else the dearest."""
    for where in (region, "beijing"):
        candidates = [p for p in spec.prices if p.region == where]
        for p in candidates:
            if (p.tier in (None, tier)) and (p.audio in (None, audio)):
                return p
        if candidates:
            return max(candidates, key=lambda p: p.amount)
    return max(spec.prices, key=lambda p: p.amount) if spec.prices else None


def cost_factor(spec: ModelSpec, body: Mapping[str, Any], region: Region, tier: str | None = None) -> float:
    """Quota seconds per output second (or per image for detectors).

    `tier` names the price tier when the body cannot show it (EMO's 1:1 or 3:4 is chosen at its check).
    """
    audio = None
    if spec.audio == "optional":
        audio = get_path(body, "parameters.audio") is not False
    price = _price_for(spec, tier if tier in spec.tiers else spec.tier_of(body), audio, region)
    if price is None:  # unpublished price: count it like the reference tier
        return 1.0
    return price.amount / REFERENCE_CNY


def check_price(spec: ModelSpec, region: Region) -> float:
    """CNY Wan charges for one call of a per-image detector (0 when no price is published)."""
    price = _price_for(spec, None, None, region)
    return price.amount if price is not None and price.unit == "image" else 0.0


def output_seconds(spec: ModelSpec, body: Mapping[str, Any], input_seconds: float | None = None) -> float:
    """The output length to reserve for: requested, input-driven (capped) or the model's maximum."""
    if spec.output_length == "parameter":
        value = get_path(body, "parameters.duration")
        if value is None:
            f = spec.field("duration")
            value = f.default if f is not None and f.default is not None else 5
        return float(value)
    if spec.output_length in ("audio", "video"):
        cap = spec.max_output_seconds
        if input_seconds is not None:
            return float(min(input_seconds, cap)) if cap else float(input_seconds)
        return float(cap or 30.0)
    if spec.output_length == "fixed":
        return float(spec.max_output_seconds or 5.0)
    return 0.0


def billable_input_seconds(spec: ModelSpec, reference_video_seconds: Sequence[float], references: int) -> float:
    """r2v bills reference video too: 5 s in total, split evenly over all references."""
    if spec.billing != "output-and-input-video" or references == 0:
        return 0.0
    share = R2V_INPUT_CAP_SECONDS / references
    return sum(min(v, share) for v in reference_video_seconds)


def estimate_ms(
    spec: ModelSpec,
    body: Mapping[str, Any],
    region: Region,
    *,
    input_seconds: float | None = None,
    reference_video_seconds: Sequence[float] = (),
    tier: str | None = None,
) -> int:
    """Cost to reserve, in quota milliseconds (always at least 1 for a billable call)."""
    factor = cost_factor(spec, body, region, tier)
    if spec.billing == "per-image":
        return max(1, math.ceil(factor * 1000))
    refs = len(get_path(body, "input.reference_urls") or [])
    seconds = output_seconds(spec, body, input_seconds) + billable_input_seconds(spec, reference_video_seconds, refs)
    if spec.billing == "output-and-input-video" and not reference_video_seconds and refs:
        seconds += R2V_INPUT_CAP_SECONDS  # lengths unknown: reserve the cap, refund the rest on commit
    return max(1, math.ceil(seconds * factor * 1000))


def billed_ms(
    spec: ModelSpec, body: Mapping[str, Any], region: Region, billed_seconds: float | None, tier: str | None = None
) -> int | None:
    """Cost of what DashScope reports as billed, or None when it reported nothing."""
    if billed_seconds is None:
        return None
    factor = cost_factor(spec, body, region, tier)
    if spec.billing == "per-image":
        return max(1, math.ceil(factor * 1000))
    return math.ceil(billed_seconds * factor * 1000)


@dataclass(frozen=True)
class Allowance:
    """What one member may spend in the current period."""

    limit_ms: int | None  # None = unlimited (exempt)
    period: Period
    budget_ms: int | None  # guild-wide cap for the period, None = none
    exempt: bool = False


@dataclass(frozen=True)
class QuotaDefaults:
    allowance_ms: int | None = 60_000  # 60 quota seconds
    period: Period = Period.DAY
    budget_ms: int | None = None
    admins_exempt: bool = True


@dataclass(frozen=True)
class Usage:
    used_ms: int
    limit_ms: int | None
    resets_at: float
    period: Period

    @property
    def remaining_ms(self) -> int | None:
        return None if self.limit_ms is None else max(0, self.limit_ms - self.used_ms)


class Ledger:
    """Reservations, commits and refunds, atomic under concurrency."""

    def __init__(self, db: Database, defaults: QuotaDefaults | None = None) -> None:
        self.db = db
        self.defaults = defaults or QuotaDefaults()

    # -- policy ---------------------------------------------------------------

    async def guild_settings(self, guild_id: int | None) -> dict[str, Any]:
        if guild_id is None:
            return {}
        row = await self.db.fetchone("SELECT settings_json FROM guild_settings WHERE guild_id = ?", (guild_id,))
        return json.loads(row["settings_json"]) if row else {}

    async def allowance(
        self, guild_id: int | None, user_id: int, role_ids: Sequence[int] = (), *, is_admin: bool = False
    ) -> Allowance:
        """User override, else the most generous role override, else the guild default."""
        settings = await self.guild_settings(guild_id)
        period = Period(settings.get("period", self.defaults.period))
        budget = settings.get("budget_ms", self.defaults.budget_ms)
        if is_admin and settings.get("admins_exempt", self.defaults.admins_exempt):
            return Allowance(None, period, budget, exempt=True)
        limit = settings.get("allowance_ms", self.defaults.allowance_ms)
        if guild_id is not None:
            user = await self.db.fetchone(
                "SELECT allowance_ms, exempt FROM quota_overrides WHERE guild_id=? AND scope='user' AND target_id=?",
                (guild_id, user_id),
            )
            if user is not None:
                if user["exempt"]:
                    return Allowance(None, period, budget, exempt=True)
                return Allowance(user["allowance_ms"], period, budget)
            if role_ids:
                marks = ",".join("?" * len(role_ids))
                roles = await self.db.fetchall(
                    f"SELECT allowance_ms, exempt FROM quota_overrides WHERE guild_id=? AND scope='role' "
                    f"AND target_id IN ({marks})",
                    (guild_id, *role_ids),
                )
                if any(r["exempt"] for r in roles):
                    return Allowance(None, period, budget, exempt=True)
                limits = [r["allowance_ms"] for r in roles]
                if limits:
                    limit = None if any(v is None for v in limits) else max(limits)
        return Allowance(limit, period, budget)

    # -- accounting -------------------------------------------------------------

    async def reserve(
        self, job_id: int, user_id: int, guild_id: int | None, amount_ms: int, allowance: Allowance, now: float
    ) -> bool:
        """Reserve atomically: the insert happens only if the member and guild stay within limits."""
        async with self.db.transaction() as conn:
            return await self.reserve_in(conn, job_id, user_id, guild_id, amount_ms, allowance, now)

    @staticmethod
    async def reserve_in(
        conn: aiosqlite.Connection,
        job_id: int,
        user_id: int,
        guild_id: int | None,
        amount_ms: int,
        allowance: Allowance,
        now: float,
    ) -> bool:
        """The reservation as one INSERT ... SELECT ... WHERE inside the caller's transaction."""
        start, _ = period_bounds(allowance.period, now)
        params = {
            "job": job_id, "user": user_id, "guild": guild_id, "amount": amount_ms, "now": now, "start": start,
            "limit": allowance.limit_ms, "budget": allowance.budget_ms,
        }  # fmt: skip
        cur = await conn.execute(
            """
            INSERT OR IGNORE INTO ledger (job_id, user_id, guild_id, kind, amount_ms, charged_at, at, reason)
            SELECT :job, :user, :guild, 'reserve', :amount, :now, :now, 'estimate'
            WHERE (:limit IS NULL OR :amount + (
                    SELECT COALESCE(SUM(amount_ms), 0) FROM ledger
                    WHERE user_id = :user AND guild_id IS :guild AND charged_at >= :start) <= :limit)
              AND (:budget IS NULL OR :amount + (
                    SELECT COALESCE(SUM(amount_ms), 0) FROM ledger
                    WHERE guild_id IS :guild AND charged_at >= :start) <= :budget)
            """,
            params,
        )
        return cur.rowcount == 1

    async def _reservation(self, job_id: int) -> Any:
        return await self.db.fetchone(
            "SELECT user_id, guild_id, amount_ms, charged_at FROM ledger WHERE job_id = ? AND kind = 'reserve'",
            (job_id,),
        )

    async def commit(self, job_id: int, actual_ms: int, now: float, conn: aiosqlite.Connection | None = None) -> bool:
        """Settle a reservation at the billed cost; False if already settled or never reserved."""
        res = await self._reservation(job_id)
        if res is None:
            return False
        cur = await self.db.run(
            """
            INSERT OR IGNORE INTO ledger (job_id, user_id, guild_id, kind, amount_ms, charged_at, at, reason)
            SELECT ?, ?, ?, 'commit', ?, ?, ?, 'billed'
            WHERE NOT EXISTS (SELECT 1 FROM ledger WHERE job_id = ? AND kind = 'refund')
            """,
            (job_id, res["user_id"], res["guild_id"], actual_ms - res["amount_ms"], res["charged_at"], now, job_id),
            conn,
        )
        return cur.rowcount == 1

    async def refund(self, job_id: int, reason: str, now: float, conn: aiosqlite.Connection | None = None) -> bool:
        """Return the whole reservation; False if already refunded, committed, or never reserved."""
        res = await self._reservation(job_id)
        if res is None:
            return False
        cur = await self.db.run(
            """
            INSERT OR IGNORE INTO ledger (job_id, user_id, guild_id, kind, amount_ms, charged_at, at, reason)
            SELECT ?, ?, ?, 'refund', ?, ?, ?, ?
            WHERE NOT EXISTS (SELECT 1 FROM ledger WHERE job_id = ? AND kind = 'commit')
            """,
            (job_id, res["user_id"], res["guild_id"], -res["amount_ms"], res["charged_at"], now, reason, job_id),
            conn,
        )
        return cur.rowcount == 1

    async def usage(self, user_id: int, guild_id: int | None, allowance: Allowance, now: float) -> Usage:
        start, end = period_bounds(allowance.period, now)
        row = await self.db.fetchone(
            "SELECT COALESCE(SUM(amount_ms), 0) AS used FROM ledger WHERE user_id = ? AND guild_id IS ? "
            "AND charged_at >= ?",
            (user_id, guild_id, start),
        )
        return Usage(int(row["used"]) if row else 0, allowance.limit_ms, end, allowance.period)

    async def entries(self, job_id: int) -> list[dict[str, Any]]:
        rows = await self.db.fetchall("SELECT * FROM ledger WHERE job_id = ? ORDER BY id", (job_id,))
        return [dict(r) for r in rows]

    async def report(self, guild_id: int | None, since: float) -> list[dict[str, Any]]:
        """Spend per user and model since `since`, for the admin usage report."""
        rows = await self.db.fetchall(
            """
            SELECT l.user_id, j.model, SUM(l.amount_ms) AS used_ms, COUNT(DISTINCT l.job_id) AS jobs
            FROM ledger l JOIN jobs j ON j.id = l.job_id
            WHERE l.guild_id IS ? AND l.charged_at >= ?
            GROUP BY l.user_id, j.model ORDER BY used_ms DESC
            """,
            (guild_id, since),
        )
        return [dict(r) for r in rows]
