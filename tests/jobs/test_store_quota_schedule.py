"""Store migrations, quota arithmetic, the poll schedule and settings-driven limits."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.jobs.factory import build_engine, limit_overrides
from bot.jobs.quota import Allowance, Ledger, Period, billable_input_seconds, cost_factor, estimate_ms, period_bounds
from bot.jobs.schedule import PollPolicy, TokenBucket, next_poll_delay
from bot.jobs.store.db import Database
from bot.jobs.store.migrations import LATEST, MIGRATIONS
from bot.settings import load_settings
from bot.wan import catalog


async def test_fresh_and_old_files_end_on_the_latest_schema(tmp_path: Path):
    fresh = await Database.open(str(tmp_path / "fresh.sqlite3"))
    assert await fresh.version() == LATEST
    await fresh.close()
    old_path = tmp_path / "old.sqlite3"
    with sqlite3.connect(old_path) as conn:  # a file written by the first release
        conn.executescript(MIGRATIONS[0][1])
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO durations (model, tier, seconds, samples, mean) VALUES ('m', '720P', 5, 3, 100)")
    old = await Database.open(str(old_path))
    assert await old.version() == LATEST
    row = await old.fetchone("SELECT mean, var FROM durations")
    assert row["mean"] == 100 and row["var"] == 0  # data kept, new column defaulted
    assert (await old.fetchone("PRAGMA journal_mode"))[0] == "wal"
    assert (await old.fetchone("PRAGMA foreign_keys"))[0] == 1
    await old.close()


async def test_memory_database_works():
    db = await Database.open(":memory:")
    assert await db.version() == LATEST
    await db.close()


def test_period_bounds():
    moment = datetime(2026, 11, 22, 15, 30, tzinfo=UTC).timestamp()
    day = period_bounds(Period.DAY, moment)
    assert day == (datetime(2026, 11, 22, tzinfo=UTC).timestamp(), datetime(2026, 11, 23, tzinfo=UTC).timestamp())
    week = period_bounds(Period.WEEK, moment)
    assert datetime.fromtimestamp(week[0], UTC).weekday() == 0 and week[1] - week[0] == 7 * 86400
    month = period_bounds(Period.MONTH, moment)
    assert month == (datetime(2026, 11, 1, tzinfo=UTC).timestamp(), datetime(2026, 12, 1, tzinfo=UTC).timestamp())


def test_cost_factors_follow_prices():
    t2v = catalog.get("wan2.5-t2v-preview")
    cheap = cost_factor(t2v, {"parameters": {"size": "832*480"}}, "beijing")
    dear = cost_factor(t2v, {"parameters": {"size": "1920*1080"}}, "beijing")
    assert cheap < dear and dear == pytest.approx(1.0 / 0.6)
    assert cost_factor(t2v, {}, "beijing") == dear  # the documented default is 1080P
    flash = catalog.get("wan2.6-i2v-flash")
    silent = cost_factor(flash, {"parameters": {"resolution": "720P", "audio": False}}, "beijing")
    sound = cost_factor(flash, {"parameters": {"resolution": "720P"}}, "beijing")
    assert silent == pytest.approx(sound / 2)
    animate = catalog.get("wan2.2-animate-move")  # no Singapore price printed: never free
    assert cost_factor(animate, {"parameters": {"mode": "wan-pro"}}, "singapore") == pytest.approx(1.0)


def test_estimates_by_output_length_kind():
    t2v = catalog.get("wan2.6-t2v")
    assert estimate_ms(t2v, {"parameters": {"size": "1280*720", "duration": 10}}, "beijing") == 10_000
    s2v = catalog.get("wan2.2-s2v")
    assert estimate_ms(s2v, {"parameters": {"resolution": "480P"}}, "beijing", input_seconds=12) == 10_000
    assert estimate_ms(s2v, {"parameters": {"resolution": "480P"}}, "beijing") == pytest.approx(
        20 * 0.5 / 0.6 * 1000, abs=1
    )  # unknown length: the model's maximum
    detect = catalog.get("wan2.2-s2v-detect")
    assert estimate_ms(detect, {}, "beijing") == 7  # 0.004 CNY per image


def test_r2v_bills_reference_video_up_to_five_seconds():
    r2v = catalog.get("wan2.6-r2v")
    assert billable_input_seconds(r2v, [10.0], 1) == 5
    assert billable_input_seconds(r2v, [10.0, 10.0], 2) == 5
    assert billable_input_seconds(r2v, [1.0], 3) == 1
    assert billable_input_seconds(r2v, [10.0], 4) == 1.25
    assert billable_input_seconds(catalog.get("wan2.6-t2v"), [10.0], 1) == 0
    body = {"input": {"reference_urls": ["a.mp4", "b.png"]}, "parameters": {"size": "1280*720", "duration": 5}}
    assert estimate_ms(r2v, body, "beijing", reference_video_seconds=[8.0]) == 7_500


async def test_commit_and_refund_are_exclusive_and_idempotent():
    db = await Database.open(":memory:")
    await db.write("INSERT INTO jobs (id, user_id, model, builder, values_json, state, created_at) "
                   "VALUES (1, 1, 'm', 'b', '{}', 'queued', 0)")  # fmt: skip
    ledger = Ledger(db)
    allowance = Allowance(10_000, Period.DAY, None)
    assert await ledger.reserve(1, 1, None, 4000, allowance, 100.0)
    assert not await ledger.reserve(1, 1, None, 4000, allowance, 100.0)  # one reservation per job
    assert await ledger.commit(1, 3000, 200.0)
    assert not await ledger.commit(1, 3000, 200.0)
    assert not await ledger.refund(1, "late", 300.0)
    assert [e["amount_ms"] for e in await ledger.entries(1)] == [4000, -1000]
    usage = await ledger.usage(1, None, allowance, 400.0)
    assert usage.used_ms == 3000 and usage.remaining_ms == 7000
    await db.close()


def test_schedule_is_sparse_early_and_dense_near_the_finish():
    policy = PollPolicy()
    kw = {"submitted_at": 0.0, "expected_running": 120.0, "spread": 6.0, "status": "RUNNING", "polls": 3}
    assert next_poll_delay(policy, 0.0, **{**kw, "polls": 0}, running_since=None) == policy.first_poll
    assert next_poll_delay(policy, 30.0, **{**kw, "status": "PENDING"}, running_since=None) == policy.pending_interval
    far = next_poll_delay(policy, 20.0, **kw, running_since=10.0)
    near = next_poll_delay(policy, 130.0, **kw, running_since=10.0)
    late = next_poll_delay(policy, 300.0, **kw, running_since=10.0)
    assert far > 30 and near == policy.near and late == policy.max_interval


@given(st.floats(0.5, 50), st.lists(st.floats(0, 0.5), min_size=1, max_size=400))
def test_token_bucket_never_exceeds_its_rate(rate, gaps):
    bucket = TokenBucket(rate, capacity=1.0, now=0.0)
    now, granted = 0.0, []
    for gap in gaps:
        now += gap
        if bucket.try_take(now):
            granted.append(now)
    for i, t in enumerate(granted):
        window = [g for g in granted[i:] if g < t + 1.0]
        assert len(window) <= max(1, int(rate) + 1)


async def test_engine_from_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DASHSCOPE_REGION", "beijing")
    monkeypatch.setenv("MODEL_LIMITS", '{"wan2.6-t2v": {"concurrent": 1}}')
    monkeypatch.setenv("DEFAULT_ALLOWANCE_SECONDS", "120")
    settings = load_settings()
    assert limit_overrides(settings)["wan2.6-t2v"].concurrent == 1
    assert limit_overrides(settings)["wan2.6-t2v"].submit_rps == 5
    engine = await build_engine(settings, client=None, sink=None)  # type: ignore[arg-type]
    assert engine.ledger.defaults.allowance_ms == 120_000
    assert (tmp_path / "data" / "wanbot.sqlite3").exists()
    await engine.db.close()
    monkeypatch.setenv("MODEL_LIMITS", '{"wan2.6-t2v": {"speed": 1}}')
    with pytest.raises(SystemExit, match="MODEL_LIMITS"):
        load_settings()
