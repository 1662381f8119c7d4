"""Build a running engine from settings: the one place that wires the layers together."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.settings import Settings
from bot.wan import catalog
from bot.wan.catalog.types import RateLimit
from bot.wan.client import WanClient

from .clock import Clock, MonotonicClock
from .delivery import Compressor
from .delivery.step import make_deliverer
from .engine import Engine, EngineConfig
from .ports import JobSink
from .quota import Ledger, Period, QuotaDefaults
from .store.db import Database


def limit_overrides(settings: Settings) -> dict[str, RateLimit]:
    out = {}
    for name, values in settings.model_limits.items():
        spec = catalog.get(name)
        out[spec.name] = RateLimit(
            submit_rps=values.get("submit_rps", spec.limits.submit_rps),
            concurrent=int(values["concurrent"]) if "concurrent" in values else spec.limits.concurrent,
            over_limit=spec.limits.over_limit,
        )
    return out


def key_fingerprint(settings: Settings) -> str:
    """Which account a template belongs to, without keeping the key itself: a short hash."""
    if settings.dashscope_api_key is None:
        return ""
    return hashlib.sha256(settings.dashscope_api_key.get_secret_value().encode()).hexdigest()[:16]


async def build_engine(settings: Settings, client: WanClient, sink: JobSink, *, clock: Clock | None = None) -> Engine:
    db = await Database.open(settings.database)
    allowance = settings.default_allowance_seconds
    ledger = Ledger(
        db,
        QuotaDefaults(
            allowance_ms=None if allowance is None else int(allowance * 1000), period=Period(settings.default_period)
        ),
    )
    workdir = Path(settings.data_dir) / "work"
    deliver = make_deliverer(client, sink, workdir=workdir, compressor=Compressor(), extra_hosts=settings.result_hosts)
    config = EngineConfig(
        region=settings.dashscope_region,
        query_budget_per_second=settings.query_budget_per_second,
        deadline_seconds=settings.job_deadline_seconds,
        limit_overrides=limit_overrides(settings),
        key_fingerprint=key_fingerprint(settings),
    )
    return Engine(db, client, sink, clock or MonotonicClock(), config, deliver, ledger)
