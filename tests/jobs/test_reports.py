"""Usage reports and account queries agree with the ledger they summarise."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.jobs.model import JobRequest, JobState
from bot.jobs.quota import REFERENCE_CNY, Allowance, Ledger, Period, period_bounds
from bot.jobs.reports import cancellable_jobs, cny, guild_spend, job_costs, operations_report, usage_report
from bot.jobs.store.db import Database
from bot.jobs.store.jobs import JobStore

GUILD = 10
OTHER_GUILD = 20
NOW = 1_790_000_000.0
OPEN = Allowance(None, Period.DAY, None)


@pytest.fixture
async def db() -> AsyncIterator[Database]:
    database = await Database.open(":memory:")
    yield database
    await database.close()


async def add_job(db: Database, user: int, model: str, amount: int, *, guild: int = GUILD, at: float = NOW) -> int:
    """A job row and its reservation, as the engine's accept() writes them."""
    req = JobRequest(user_id=user, guild_id=guild, channel_id=1, model=model, builder="T2V", values={})
    async with db.transaction() as conn:
        job_id = await JobStore(db).insert(conn, req, estimate_ms=amount, region="beijing", now=at)
        assert await Ledger.reserve_in(conn, job_id, user, guild, amount, OPEN, at)
    return job_id


async def test_report_sums_match_the_ledger_per_model_user_state_and_refund(db: Database):
    ledger, jobs = Ledger(db), JobStore(db)
    done = await add_job(db, 1, "wan2.5-t2v-preview", 5000)
    await jobs.transition(done, [JobState.QUEUED], JobState.DONE)
    await ledger.commit(done, 4000, NOW + 60)  # billed less than reserved
    failed = await add_job(db, 2, "wan2.5-t2v-preview", 8000)
    await jobs.transition(failed, [JobState.QUEUED], JobState.FAILED)
    await ledger.refund(failed, "failed", NOW + 60)
    running = await add_job(db, 2, "wan2.6-t2v", 10_000)
    await jobs.transition(running, [JobState.QUEUED], JobState.SUBMITTED)
    await add_job(db, 3, "wan2.6-t2v", 1000, guild=OTHER_GUILD)  # another guild: not counted
    await add_job(db, 1, "wan2.6-t2v", 7000, at=NOW - 3 * 86400)  # before the window: not counted

    report = await usage_report(db, GUILD, NOW - 3600)

    rows = await db.fetchall(
        "SELECT SUM(amount_ms) AS s FROM ledger WHERE guild_id = ? AND charged_at >= ?", (GUILD, NOW - 3600)
    )
    assert report.total.used_ms == rows[0]["s"] == 4000 + 0 + 10_000
    assert report.total.jobs == 3
    assert list(report.by_model) == ["wan2.6-t2v", "wan2.5-t2v-preview"]  # dearest first
    assert report.by_model["wan2.6-t2v"].used_ms == 10_000 and report.by_model["wan2.6-t2v"].jobs == 1
    assert report.by_model["wan2.5-t2v-preview"].used_ms == 4000 and report.by_model["wan2.5-t2v-preview"].jobs == 2
    assert list(report.by_user) == [2, 1] and report.by_user[2].used_ms == 10_000 and report.by_user[1].used_ms == 4000
    assert report.users == 2
    assert report.states == {"done": 1, "failed": 1, "submitted": 1}
    assert report.refunds == 1 and report.refunded_ms == 8000
    assert report.reserved_ms == 10_000
    assert report.total.cny == pytest.approx(14.0 * REFERENCE_CNY)
    assert await guild_spend(db, GUILD, NOW - 3600) == 14_000


async def test_top_users_are_cut_but_counted(db: Database):
    for user in range(1, 6):
        await add_job(db, user, "wan2.5-t2v-preview", user * 1000)
    report = await usage_report(db, GUILD, period_bounds(Period.DAY, NOW)[0], top_users=2)
    assert list(report.by_user) == [5, 4] and report.users == 5


async def test_empty_window_is_all_zero(db: Database):
    report = await usage_report(db, GUILD, NOW)
    assert report.total.used_ms == 0 and report.by_model == {} and report.by_user == {} and report.states == {}
    assert report.refunds == 0 and report.reserved_ms == 0


def test_cny_uses_the_quota_reference_price():
    assert cny(1000) == pytest.approx(REFERENCE_CNY)
    assert cny(2500) == pytest.approx(2.5 * REFERENCE_CNY)


async def test_job_costs_and_cancellable_jobs(db: Database):
    ledger, jobs = Ledger(db), JobStore(db)
    queued = await add_job(db, 1, "wan2.5-t2v-preview", 5000)
    pending = await add_job(db, 1, "wan2.5-t2v-preview", 5000)
    await jobs.transition(pending, [JobState.QUEUED], JobState.SUBMITTED, remote_status="PENDING")
    running = await add_job(db, 1, "wan2.5-t2v-preview", 5000)
    await jobs.transition(running, [JobState.QUEUED], JobState.SUBMITTED, remote_status="RUNNING")
    refunded = await add_job(db, 1, "wan2.5-t2v-preview", 5000)
    await jobs.transition(refunded, [JobState.QUEUED], JobState.CANCELED)
    await ledger.refund(refunded, "canceled", NOW)
    await add_job(db, 2, "wan2.5-t2v-preview", 5000)  # someone else's

    waiting = await cancellable_jobs(db, 1, GUILD)
    assert [j.id for j in waiting] == [queued, pending]
    assert await cancellable_jobs(db, 1, OTHER_GUILD) == []

    costs = await job_costs(db, [queued, refunded, 999])
    assert set(costs) == {queued, refunded}
    assert costs[queued].net_ms == 5000 and not costs[queued].settled and not costs[queued].refunded
    assert costs[refunded].net_ms == 0 and costs[refunded].reserved_ms == 5000
    assert costs[refunded].refunded and costs[refunded].settled
    assert await job_costs(db, []) == {}


async def test_operations_report_counts_active_now_and_finished_in_the_last_day(db: Database):
    jobs = JobStore(db)
    await add_job(db, 1, "wan2.5-t2v-preview", 1000, at=NOW - 7200)  # this guild's longest wait
    await add_job(db, 2, "wan2.5-t2v-preview", 1000, at=NOW - 60)  # queued too, but newer
    running = await add_job(db, 1, "wan2.6-t2v", 1000)
    await jobs.transition(running, [JobState.QUEUED], JobState.SUBMITTED)
    uploading = await add_job(db, 1, "wan2.6-t2v", 1000)
    await jobs.transition(uploading, [JobState.QUEUED], JobState.DELIVERING)
    done = await add_job(db, 1, "wan2.6-t2v", 1000, at=NOW - 3 * 86400)  # created long ago, delivered just now
    await jobs.transition(done, [JobState.QUEUED], JobState.DONE, finished_at=NOW - 3 * 86400, delivered_at=NOW - 10)
    stale = await add_job(db, 1, "wan2.6-t2v", 1000, at=NOW - 3 * 86400)  # ended before the window
    await jobs.transition(stale, [JobState.QUEUED], JobState.DONE, finished_at=NOW - 2 * 86400,
                          delivered_at=NOW - 2 * 86400)  # fmt: skip
    for code in ("Undeliverable", "Undeliverable", "ResultExpired", "DataInspectionFailed"):
        failed = await add_job(db, 1, "wan2.6-t2v", 1000)
        await jobs.transition(failed, [JobState.QUEUED], JobState.FAILED, error_code=code, finished_at=NOW - 5)
    long_ago = await add_job(db, 1, "wan2.6-t2v", 1000, at=NOW - 3 * 86400)  # an old upload failure: not counted
    await jobs.transition(long_ago, [JobState.QUEUED], JobState.FAILED, error_code="Undeliverable",
                          finished_at=NOW - 2 * 86400)  # fmt: skip
    canceled = await add_job(db, 1, "wan2.6-t2v", 1000)
    await jobs.transition(canceled, [JobState.QUEUED], JobState.CANCELED, finished_at=NOW - 1)
    elsewhere = await add_job(db, 3, "wan2.6-t2v", 1000, guild=OTHER_GUILD)
    await jobs.transition(elsewhere, [JobState.QUEUED], JobState.SUBMITTING)
    other_failed = await add_job(db, 3, "wan2.6-t2v", 1000, guild=OTHER_GUILD)
    await jobs.transition(other_failed, [JobState.QUEUED], JobState.FAILED, error_code="Undeliverable",
                          finished_at=NOW - 5)  # fmt: skip
    await add_job(db, 3, "wan2.6-t2v", 1000, guild=OTHER_GUILD, at=NOW - 86400 * 5)  # queued elsewhere, even older

    report = await operations_report(db, GUILD, NOW)

    assert report.since == NOW - 86400 and report.guild_id == GUILD
    assert list(report.here.active) == ["queued", "submitting", "submitted", "fetching", "delivering"]
    assert report.here.active == {"queued": 2, "submitting": 0, "submitted": 1, "fetching": 0, "delivering": 1}
    assert report.here.finished == {"done": 1, "failed": 4, "canceled": 1}
    assert report.here.in_flight == 4
    assert report.everywhere.active == {"queued": 3, "submitting": 1, "submitted": 1, "fetching": 0, "delivering": 1}
    assert report.everywhere.finished == {"done": 1, "failed": 5, "canceled": 1}
    assert report.oldest_queued_at == NOW - 7200  # this guild's, not the older one elsewhere
    assert report.undeliverable == 2 and report.expired == 1


async def test_operations_report_of_an_idle_guild_is_all_zero(db: Database):
    await add_job(db, 3, "wan2.6-t2v", 1000, guild=OTHER_GUILD)
    report = await operations_report(db, GUILD, NOW)
    assert set(report.here.active.values()) == {0} and set(report.here.finished.values()) == {0}
    assert report.oldest_queued_at is None and report.undeliverable == 0 and report.expired == 0
    assert report.everywhere.active["queued"] == 1 and report.everywhere.in_flight == 1
