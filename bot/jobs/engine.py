"""The job engine: accept, queue, submit, poll, deliver, settle quota, recover.

Discord-free. A front end calls `accept()` with a validated request and a
`JobSink` hears about every state change and receives the finished file. Every
step is written to SQLite before it is taken, so a crash at any point resumes
without losing a job, a second of quota, or billing anyone twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from bot import i18n
from bot.logs import log_context
from bot.wan import catalog, errors
from bot.wan.catalog.types import RateLimit, Region, Role
from bot.wan.requests import WanRequest, builder_for
from bot.wan.responses import TaskResponse, parse_service_time
from bot.wan.validation import InvalidRequest, Issue

from .clock import Clock
from .delivery import link_expiry
from .guild_config import GuildConfigStore
from .model import ACTIVE_STATES, Job, JobRequest, JobState
from .poller import Poller
from .ports import DeliveryFailed, JobEvent, JobSink, WanApi
from .queue import IN_FLIGHT, SubmissionQueue
from .quota import Ledger, Usage, billed_ms, check_price, estimate_ms
from .stats import EngineStats
from .store.db import Database
from .store.jobs import JobStore

log = logging.getLogger(__name__)

BeforeUpload = Callable[[], Awaitable[None]]
# (job, upload limit in bytes, hook to call right before uploading) -> outcome
DeliverFn = Callable[[Job, int, BeforeUpload], Awaitable["DeliveryOutcome"]]


class SimulatedCrash(BaseException):
    """Raised at a named checkpoint by tests that kill the engine mid-step."""


class DetectRejected(errors.WanError):
    """A detector said the picture cannot be used (no face, no full body, ...): the job ends, refunded."""

    def __init__(self, family: str, reason: str) -> None:
        super().__init__(reason or "the check did not pass", code="DetectRejected")
        self.family = family

    @property  # type: ignore[misc]
    def key(self) -> str:  # type: ignore[override]
        return f"error.detect.{self.family}"


class Undeliverable(errors.WanError):
    """The video was made but the destination can never take it (e.g. the bot may not post there)."""

    key = "error.delivery_failed"


class QuotaExceeded(Exception):
    """The member (or the guild's budget) cannot afford the job; nothing was queued."""

    def __init__(self, needed_ms: int, usage: Usage) -> None:
        super().__init__(f"needs {needed_ms} ms, {usage.remaining_ms} ms left")
        self.needed_ms = needed_ms
        self.usage = usage


class ShuttingDown(Exception):
    """The process is stopping: nothing new is accepted (and nothing was reserved)."""


class DuplicateJob(Exception):
    """The same dedupe key (message, emoji, member) already has a live job."""

    def __init__(self, job: Job) -> None:
        super().__init__(f"job {job.id} already handles this")
        self.job = job


@dataclass(frozen=True)
class DeliveryOutcome:
    """What delivery achieved: a posted message, or a reason it could not be posted."""

    message_id: int | None = None
    undeliverable_key: str | None = None
    params: dict[str, Any] | None = None
    expired: bool = False  # the result link is gone: refund


@dataclass(frozen=True)
class EngineConfig:
    region: Region
    query_budget_per_second: float = 10.0
    deadline_seconds: float = 3 * 3600.0  # the service itself gives up after 3 h (InternalError.Timeout)
    reconcile_window_seconds: float = 300.0
    max_create_attempts: int = 3
    idle_tick: float = 1.0  # longest sleep of the engine loop
    heartbeat_seconds: float = 60.0  # re-announce queued/running jobs this often (position, elapsed)
    limit_overrides: dict[str, RateLimit] | None = None
    key_fingerprint: str = ""  # which account's templates are usable (AnimateAnyone template ids)


class Engine:
    def __init__(
        self,
        db: Database,
        api: WanApi,
        sink: JobSink,
        clock: Clock,
        config: EngineConfig,
        deliver: DeliverFn,
        ledger: Ledger | None = None,
    ) -> None:
        self.db = db
        self.jobs = JobStore(db)
        self.ledger = ledger or Ledger(db)
        self.guilds = GuildConfigStore(db)
        self.api = api
        self.sink = sink
        self.clock = clock
        self.config = config
        self._deliver = deliver
        self.queue = SubmissionQueue(self._limits_for, clock.now())
        self.poller = Poller(
            api, clock, self._on_result, self._on_deadline, budget_per_second=config.query_budget_per_second
        )
        self.crash_at: set[str] = set()
        self._crashed: SimulatedCrash | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stop = asyncio.Event()
        self._runners: list[asyncio.Task[Any]] = []
        self._last_beat = clock.now()
        # Set whenever a job may have become queued; lets an idle tick skip the database entirely.
        self._maybe_queued = True
        self._preparing: set[int] = set()  # queued jobs whose checks (detect steps) are running now
        self.accepting = True  # False once a shutdown has begun
        self._delivering: dict[int, asyncio.Task[Any]] = {}  # job id -> the task downloading/uploading it
        self.stats = EngineStats(started_at=clock.now())

    # -- helpers -----------------------------------------------------------------

    def _limits_for(self, model: str) -> RateLimit:
        overrides = self.config.limit_overrides or {}
        return overrides.get(model) or catalog.get(model).limits

    def _checkpoint(self, name: str) -> None:
        if name in self.crash_at:
            raise SimulatedCrash(name)

    def _request(self, job: Job | JobRequest) -> WanRequest:
        """The typed builder for a job; a value of the wrong shape becomes InvalidRequest naming the field."""
        spec = catalog.get(job.model)
        values = dict(job.values)
        # Values a check still has to produce (EMO's face boxes) stand in as the detector's documented
        # sample, so the request is validated and priced before the check runs.
        for step in job.meta.get("steps") or ():
            sample = catalog.get(step["model"]).detect_pass
            for source, target in (step.get("outputs") or {}).items():
                values.setdefault(target, sample.get(source))
        try:
            return builder_for(spec)(model=spec.name, **values)
        except ValidationError as exc:
            raise _invalid(spec, exc) from None

    async def _event(self, kind: str, job: Job, **kw: Any) -> None:
        try:
            await self.sink.job_event(JobEvent(kind, job, **kw))
        except Exception:  # a front end failing to show news must not break the job
            log.exception("sink failed on %s", kind, extra={"job_id": job.id})

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, SimulatedCrash):
            self._crashed = exc
        elif exc is not None:
            log.error("background step failed", exc_info=exc)

    def _profile(self, job: Job) -> tuple[str, str, int]:
        """What running time depends on: model, tier and requested length."""
        spec = catalog.get(job.model)
        body = self._request(job).body()
        return spec.name, spec.tier_of(body) or "", int(body.get("parameters", {}).get("duration") or 0)

    async def running_stats(self, job: Job) -> tuple[float, float]:
        """Learned mean and spread of running time; before any sample, the spec's 1-5 minutes."""
        learned = await self.jobs.running_stats(*self._profile(job))
        if learned is not None:
            return learned
        low, high = catalog.get(job.model).typical_seconds
        return (low + high) / 2, (high - low) / 4

    async def expected_seconds(self, job: Job) -> float:
        return (await self.running_stats(job))[0]

    # -- accepting -----------------------------------------------------------------

    async def estimate(self, req: JobRequest) -> int:
        spec = catalog.get(req.model)
        body = self._request(req).body(self.config.region)
        return estimate_ms(
            spec,
            body,
            self.config.region,
            input_seconds=req.meta.get("input_seconds"),
            reference_video_seconds=req.meta.get("reference_video_seconds", ()),
            tier=req.meta.get("price_tier"),
        )

    async def accept(self, req: JobRequest) -> Job:
        """Validate, reserve quota and queue atomically; raises before anything is spent."""
        if not self.accepting:
            raise ShuttingDown()
        spec = catalog.get(req.model)
        req.model = spec.name
        req.builder = builder_for(spec).__name__
        self._request(req).body(self.config.region)  # raises InvalidRequest naming the field
        if req.dedupe_key:
            existing = await self.jobs.by_dedupe(req.dedupe_key)
            if existing is not None:
                raise DuplicateJob(existing)
        amount = await self.estimate(req)
        allowance = await self.ledger.allowance(req.guild_id, req.user_id, req.role_ids, is_admin=req.is_admin)
        now = self.clock.now()
        try:
            async with self.db.transaction() as conn:
                job_id = await self.jobs.insert(conn, req, estimate_ms=amount, region=self.config.region, now=now)
                if not await self.ledger.reserve_in(conn, job_id, req.user_id, req.guild_id, amount, allowance, now):
                    raise _Refused()  # rolls the insert back: nothing was queued or spent
        except _Refused:
            raise QuotaExceeded(amount, await self.usage(req)) from None
        except sqlite3.IntegrityError:  # a concurrent request with the same dedupe key won the race
            existing = await self.jobs.by_dedupe(req.dedupe_key) if req.dedupe_key else None
            if existing is None:
                raise
            raise DuplicateJob(existing) from None
        self._maybe_queued = True
        job = await self.jobs.require(job_id)
        log.info("job accepted", extra={"job_id": job.id, "guild": job.guild_id, "model": job.model})
        await self._announce_queued(job)
        return job

    async def _announce_queued(self, job: Job, kind: str = "queued") -> None:
        queued = await self.jobs.in_states([JobState.QUEUED])
        in_flight = await self.jobs.in_states(IN_FLIGHT)
        place, eta = self.queue.position(job, queued, in_flight, await self.expected_seconds(job), self.clock.now())
        await self._event(kind, job, position=place, eta=eta)

    async def usage(self, req: JobRequest) -> Usage:
        allowance = await self.ledger.allowance(req.guild_id, req.user_id, req.role_ids, is_admin=req.is_admin)
        return await self.ledger.usage(req.user_id, req.guild_id, allowance, self.clock.now())

    # -- submitting ------------------------------------------------------------------

    async def dispatch(self) -> int:
        """Submit every queued job that has a slot and a submit token now."""
        if not self._maybe_queued:
            return 0
        self._maybe_queued = False  # cleared before reading, so a job accepted meanwhile sets it again
        queued = await self.jobs.in_states([JobState.QUEUED])
        if not queued:
            return 0
        self._maybe_queued = True
        in_flight = await self.jobs.in_states(IN_FLIGHT)
        queued = [j for j in queued if j.id not in self._preparing]
        chosen = self.queue.pick(queued, in_flight, self.clock.now())
        await asyncio.gather(*(self._submit(job) for job in chosen))
        return len(chosen)

    async def _run_steps(self, job: Job) -> Job | None:
        """Run the job's remaining checks (synchronous detectors) before its task is created.

        Each finished step is written down with the values it produced (e.g. EMO's face boxes),
        so a restart resumes at the next step. A rejection ends the job, refunded in full.
        """
        steps: list[dict[str, Any]] = list(job.meta.get("steps") or [])
        done = int(job.meta.get("steps_done") or 0)
        if done >= len(steps):
            return job
        self._preparing.add(job.id)
        try:
            for index in range(done, len(steps)):
                step = steps[index]
                spec = catalog.get(step["model"])
                await self._event("step", job, params={"step": index + 1, "of": len(steps) + 1, "model": spec.name})
                call = builder_for(spec)(model=spec.name, **step["values"]).prepare(self.config.region)
                try:
                    answer = await self.api.detect(call)
                except errors.WanError as exc:
                    if exc.retryable:
                        self.queue.throttled(job.model, self.clock.now(), exc.retry_after or 10.0)
                        return None  # still queued: the check runs again on a later pass
                    await self._fail(job.id, exc)
                    return None
                # Wan bills every check, passed or not: count it for the operator (the member is refunded on a
                # rejection, since members never pay for work that did not succeed).
                job.meta["checks"] = int(job.meta.get("checks") or 0) + 1
                job.meta["checks_cny"] = float(job.meta.get("checks_cny") or 0) + check_price(spec, self.config.region)
                await self.jobs.update(job.id, meta=job.meta)
                if not answer.passed_for(spec):
                    await self._fail(job.id, DetectRejected(spec.family.value, answer.reason), reason="rejected")
                    return None
                values = dict(job.values)
                for source, target in (step.get("outputs") or {}).items():
                    values[target] = answer.output.get(source)
                meta = {**job.meta, "steps_done": index + 1}
                await self.jobs.update(job.id, values=values, meta=meta)
                job = await self.jobs.require(job.id)
                if job.state is not JobState.QUEUED:
                    return None  # canceled while checking
            return job
        finally:
            self._preparing.discard(job.id)

    async def _submit(self, job: Job) -> None:
        with job_log_context(job):
            await self._submit_job(job)

    async def _submit_job(self, job: Job) -> None:
        ready = await self._run_steps(job)
        if ready is None:
            return
        job = ready
        now = self.clock.now()
        moved = await self.jobs.transition(
            job.id, [JobState.QUEUED], JobState.SUBMITTING, submitting_at=now, attempts=job.attempts + 1
        )
        if not moved:
            return  # canceled meanwhile
        self._checkpoint("before_create")
        call = self._request(job).prepare(self.config.region)
        try:
            created = await self.api.submit(call)
        except (errors.ThrottledError, errors.TransportError) as exc:
            # Refused, or never connected: the task certainly does not exist, so it can wait its turn again.
            self.queue.throttled(job.model, self.clock.now(), exc.retry_after or 5.0 * (job.attempts + 1))
            await self.jobs.transition(job.id, [JobState.SUBMITTING], JobState.QUEUED)
            self._maybe_queued = True
            return
        except errors.AmbiguousSubmission:
            log.warning("create may have reached DashScope; reconciling", extra={"job_id": job.id})
            self._spawn(self._reconcile_later(job.id))
            return
        except errors.ServerError as exc:
            if job.attempts + 1 < self.config.max_create_attempts:
                await self.jobs.transition(job.id, [JobState.SUBMITTING], JobState.QUEUED)
                self._maybe_queued = True
                self.queue.throttled(job.model, self.clock.now(), 5.0 * (job.attempts + 1))
                return
            await self._fail(job.id, exc)
            return
        except errors.WanError as exc:
            await self._fail(job.id, exc)
            return
        await self._submitted(job.id, created.task_id, self.clock.now(), created.status)

    async def _submitted(self, job_id: int, task_id: str, at: float, status: str) -> None:
        await self.jobs.transition(
            job_id, [JobState.SUBMITTING], JobState.SUBMITTED, task_id=task_id, submitted_at=at, remote_status=status
        )
        self._checkpoint("after_create")
        job = await self.jobs.require(job_id)
        await self._track(job)
        await self._event("submitted", job, eta=job.submitted_at + await self.expected_seconds(job))  # type: ignore[operator]

    async def _track(self, job: Job) -> None:
        assert job.task_id is not None and job.submitted_at is not None
        mean, spread = await self.running_stats(job)
        self.poller.track(
            job.id,
            job.task_id,
            submitted_at=job.submitted_at,
            expected_running=mean,
            spread=spread,
            deadline=job.submitted_at + self.config.deadline_seconds,
            status=job.remote_status,
        )

    async def _reconcile_later(self, job_id: int, delay: float = 5.0) -> None:
        await self.clock.sleep(delay)
        await self.reconcile(job_id)

    async def reconcile(self, job_id: int) -> None:
        """A create whose fate is unknown: adopt the matching task from list-tasks, or refund."""
        job = await self.jobs.require(job_id)
        if job.state is not JobState.SUBMITTING or job.submitting_at is None:
            return
        spec = catalog.get(job.model)
        model_id = spec.id_in(self.config.region) or spec.name
        window = self.config.reconcile_window_seconds
        start = datetime.fromtimestamp(job.submitting_at - 60, UTC)
        end = datetime.fromtimestamp(job.submitting_at + window, UTC)
        try:
            listing = await self.api.list_tasks(start=start, end=end, model_name=model_id, page_size=100)
        except errors.WanError as exc:
            log.warning("reconcile list failed: %s", exc, extra={"job_id": job.id})
            self._spawn(self._reconcile_later(job.id, 30.0))
            return
        candidates = []
        for item in listing.data:
            if item.gmt_create is None or await self.jobs.by_task(item.task_id) is not None:
                continue
            created = item.gmt_create / 1000
            if job.submitting_at - 60 <= created <= job.submitting_at + window:
                candidates.append((abs(created - job.submitting_at), created, item))
        if candidates:
            _, created, item = min(candidates, key=lambda c: c[:2])
            log.info("adopted task %s after an uncertain create", item.task_id, extra={"job_id": job.id})
            await self._submitted(job.id, item.task_id, created, item.status)
            return
        await self._fail(job.id, errors.AmbiguousSubmission("the task never reached DashScope"), reason="lost")

    # -- polling -----------------------------------------------------------------------

    async def _on_result(self, job_id: int, task: TaskResponse) -> bool:
        job = await self.jobs.get(job_id)
        if job is None or job.state is not JobState.SUBMITTED:
            return True
        with job_log_context(job):
            return await self._on_status(job, task)

    async def _on_status(self, job: Job, task: TaskResponse) -> bool:
        job_id = job.id
        self._checkpoint("while_polling")
        status = task.status
        if status != job.remote_status:
            fields: dict[str, Any] = {"remote_status": status, "poll_count": job.poll_count + 1}
            if status not in ("PENDING",) and job.running_at is None:
                fields["running_at"] = self.clock.now()
            await self.jobs.update(job_id, **fields)
            job = await self.jobs.require(job_id)
            if status not in ("SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"):
                await self._event("status", job, eta=await self._eta(job))
        if status == "SUCCEEDED":
            await self._succeeded(job, task)
            return True
        if status == "FAILED":
            await self._fail(job_id, _task_error(job.model, task))
            return True
        if status == "CANCELED":
            await self._canceled(job_id, "canceled by the service")
            return True
        if status == "UNKNOWN":
            await self._fail(job_id, errors.ResultExpired("the task expired (older than 24 h)"), reason="expired")
            return True
        return False

    async def _eta(self, job: Job) -> float | None:
        tracked = self.poller.tracked.get(job.id)
        mean = await self.expected_seconds(job)
        if tracked is not None and tracked.running_since is not None:
            return tracked.running_since + mean
        return None if job.submitted_at is None else job.submitted_at + mean

    async def _succeeded(self, job: Job, task: TaskResponse) -> None:
        spec = catalog.get(job.model)
        if spec.role is Role.TEMPLATE:
            await self._template_ready(job, task)
            return
        body = self._request(job).body(self.config.region)
        url = task.result(spec)
        billed = billed_ms(spec, body, self.config.region, task.billed_seconds(spec), job.meta.get("price_tier"))
        now = self.clock.now()
        started = parse_service_time(task.output.scheduled_time)
        ended = task.ended_at()
        if started and ended and ended >= started:
            await self.jobs.learn_running(*self._profile(job), (ended - started).total_seconds())
        expires = link_expiry(url) if isinstance(url, str) else None
        await self.jobs.transition(
            job.id,
            [JobState.SUBMITTED],
            JobState.FETCHING,
            result_url=url if isinstance(url, str) else None,
            billed_ms=billed,
            output_seconds=task.billed_seconds(spec),
            actual_prompt=task.output.actual_prompt,
            finished_at=now,
            result_expires_at=expires.timestamp() if expires else now + 24 * 3600,
        )
        job = await self.jobs.require(job.id)
        await self._event("succeeded", job)
        self._spawn(self._deliver_job(job.id))

    async def _template_ready(self, job: Job, task: TaskResponse) -> None:
        """A reusable template (AnimateAnyone motion) is the result: keep it for the guild, charge, done."""
        spec = catalog.get(job.model)
        template_id = str(task.result(spec) or "")
        if not template_id:
            await self._fail(job.id, errors.ResultRejected("the service returned no template id"))
            return
        body = self._request(job).body(self.config.region)
        billed = billed_ms(spec, body, self.config.region, task.billed_seconds(spec), job.meta.get("price_tier"))
        cost = billed if billed is not None else job.estimate_ms
        now = self.clock.now()
        name = str(job.meta.get("template_name") or f"template-{job.id}")
        async with self.db.transaction() as conn:
            moved = await self.jobs.transition(
                job.id, [JobState.SUBMITTED], JobState.DONE, conn, billed_ms=billed, finished_at=now,
                delivered_at=now, meta={**job.meta, "template_id": template_id},
            )  # fmt: skip
            if moved:
                await self.ledger.commit(job.id, cost, now, conn)
                if job.guild_id is not None:
                    await conn.execute(
                        "INSERT INTO dance_templates (guild_id, name, template_id, region, key_fingerprint, "
                        "created_by, created_at, input_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (guild_id, name) DO UPDATE SET template_id = excluded.template_id, "
                        "region = excluded.region, key_fingerprint = excluded.key_fingerprint, "
                        "created_by = excluded.created_by, created_at = excluded.created_at, "
                        "input_seconds = excluded.input_seconds",
                        (job.guild_id, name, template_id, self.config.region, self.config.key_fingerprint,
                         job.user_id, now, job.meta.get("input_seconds")),
                    )  # fmt: skip
        self.poller.untrack(job.id)
        if moved:
            log.info("template ready", extra={"job_id": job.id, "guild": job.guild_id, "model": job.model})
            await self._event("template", await self.jobs.require(job.id), params={"name": name})

    async def dance_templates(self, guild_id: int) -> list[dict[str, Any]]:
        """The guild's templates this account (key) can use in this region, newest first."""
        rows = await self.db.fetchall(
            "SELECT name, template_id, created_by, created_at, input_seconds FROM dance_templates WHERE guild_id = ? "
            "AND region = ? AND key_fingerprint = ? ORDER BY created_at DESC",
            (guild_id, self.config.region, self.config.key_fingerprint),
        )
        return [dict(r) for r in rows]

    async def _on_deadline(self, job_id: int) -> None:
        job = await self.jobs.get(job_id)
        if job is None or job.state is not JobState.SUBMITTED:
            return
        if job.remote_status == "PENDING" and job.task_id:
            with contextlib.suppress(errors.WanError):  # too late to cancel: it fails below anyway
                await self.api.cancel(job.task_id)
        await self._fail(job_id, errors.TaskTimedOut("no result before the deadline"), reason="timeout")

    # -- delivering ----------------------------------------------------------------------

    async def _deliver_job(self, job_id: int) -> None:
        job = await self.jobs.require(job_id)
        if job.state not in (JobState.FETCHING, JobState.DELIVERING):
            return
        with job_log_context(job):
            await self._deliver_now(job)

    async def _deliver_now(self, job: Job) -> None:
        job_id = job.id
        if job.result_expires_at is not None and self.clock.now() >= job.result_expires_at:
            await self._fail(job_id, errors.ResultExpired("the result link expired before delivery"), reason="expired")
            return
        current = asyncio.current_task()
        if current is not None:
            self._delivering[job_id] = current  # a graceful shutdown lets this finish
        try:
            self._checkpoint("while_downloading")
            outcome = await self._deliver(job, self.sink.upload_limit(job), lambda: self.mark_delivering(job_id))
        except errors.ResultExpired as exc:
            await self._fail(job_id, exc, reason="expired")
            return
        except DeliveryFailed as exc:
            log.warning("upload failed: %s", exc, extra={"job_id": job_id, "guild": job.guild_id, "model": job.model})
            self.stats.upload_failed(str(exc), self.clock.now(), retrying=exc.retryable)
            if exc.retryable:
                self._spawn(self._deliver_later(job_id))
                return
            await self._fail(job_id, Undeliverable(str(exc), code="Undeliverable"), reason="undeliverable")
            return
        except errors.WanError as exc:
            log.warning("delivery failed: %s", exc, extra={"job_id": job_id, "guild": job.guild_id, "model": job.model})
            self.stats.download_failed(str(exc), self.clock.now(), retrying=exc.retryable)
            if exc.retryable:
                self._spawn(self._deliver_later(job_id))
                return
            await self._fail(job_id, exc)
            return
        finally:
            self._delivering.pop(job_id, None)
        if outcome.expired:
            await self._fail(job_id, errors.ResultExpired("the result link expired"), reason="expired")
            return
        now = self.clock.now()
        cost = job.billed_ms if job.billed_ms is not None else job.estimate_ms
        async with self.db.transaction() as conn:  # done and charged together, or neither
            moved = await self.jobs.transition(
                job_id,
                [JobState.FETCHING, JobState.DELIVERING],
                JobState.DONE,
                conn,
                delivered_at=now,
                result_message_id=outcome.message_id,
            )
            if moved:
                await self.ledger.commit(job_id, cost, now, conn)
        if not moved:
            return
        job = await self.jobs.require(job_id)
        if outcome.undeliverable_key:
            await self._event("undeliverable", job, message_key=outcome.undeliverable_key, params=outcome.params or {})
        else:
            await self._event("delivered", job)
        log.info("job delivered", extra={"job_id": job_id, "guild": job.guild_id, "model": job.model})

    async def _deliver_later(self, job_id: int, delay: float = 30.0) -> None:
        await self.clock.sleep(delay)
        await self._deliver_job(job_id)

    async def mark_delivering(self, job_id: int) -> None:
        """Delivery calls this right before the upload starts (crash point 'while_uploading')."""
        await self.jobs.transition(job_id, [JobState.FETCHING], JobState.DELIVERING)
        self._checkpoint("while_uploading")

    # -- ending ----------------------------------------------------------------------------

    async def _fail(self, job_id: int, exc: errors.WanError, reason: str = "failed") -> None:
        now = self.clock.now()
        async with self.db.transaction() as conn:  # failed and refunded together, or neither
            moved = await self.jobs.transition(
                job_id,
                ACTIVE_STATES,
                JobState.FAILED,
                conn,
                error_code=exc.code or type(exc).__name__,
                error_message=exc.message,
                error_key=exc.key,
                finished_at=now,
            )
            if moved:
                await self.ledger.refund(job_id, reason, now, conn)
        self.poller.untrack(job_id)
        if not moved:
            return
        job = await self.jobs.require(job_id)
        log.info("job failed: %s", exc, extra={"job_id": job_id, "guild": job.guild_id, "model": job.model})
        await self._event("failed", job, message_key=exc.key)

    async def _canceled(self, job_id: int, reason: str) -> None:
        now = self.clock.now()
        async with self.db.transaction() as conn:
            moved = await self.jobs.transition(job_id, ACTIVE_STATES, JobState.CANCELED, conn, finished_at=now)
            if moved:
                await self.ledger.refund(job_id, reason, now, conn)
        if moved:
            self.poller.untrack(job_id)
            await self._event("canceled", await self.jobs.require(job_id))

    async def cancel(self, job_id: int) -> bool:
        """Cancel a job that has not started running; False once it is running or finished."""
        job = await self.jobs.require(job_id)
        if job.state is JobState.QUEUED:
            await self._canceled(job_id, "canceled by the member")
            return True
        if job.state is JobState.SUBMITTED and job.remote_status == "PENDING" and job.task_id:
            try:
                await self.api.cancel(job.task_id)
            except errors.CancelRefused:
                return False
            await self._canceled(job_id, "canceled by the member")
            return True
        return False

    # -- lifecycle ----------------------------------------------------------------------------

    async def resume(self) -> None:
        """After a start: continue every job that was in flight when the process stopped."""
        for job in await self.jobs.active():
            if job.state is JobState.SUBMITTING:
                await self.reconcile(job.id)
            elif job.state is JobState.SUBMITTED:
                await self._track(job)
            elif job.state in (JobState.FETCHING, JobState.DELIVERING):
                self._spawn(self._deliver_job(job.id))

    async def heartbeat(self) -> None:
        """Every `heartbeat_seconds`, tell front ends where each waiting job stands (queue place, ETA)."""
        now = self.clock.now()
        if now - self._last_beat < self.config.heartbeat_seconds:
            return
        self._last_beat = now
        for job in await self.jobs.in_states([JobState.QUEUED, JobState.SUBMITTED]):
            if job.state is JobState.QUEUED:
                await self._announce_queued(job, kind="heartbeat")
            else:
                await self._event("heartbeat", job, eta=await self._eta(job))

    async def step(self) -> None:
        """Submit what may be submitted and poll what is due; a host loop calls this often."""
        try:
            await self.dispatch()
            await self.poller.poll_due()
            await self.heartbeat()
        except SimulatedCrash:
            raise
        except Exception:  # one bad pass must not stop every other job
            log.exception("engine pass failed")

    async def tick(self, patience: float = 0.05) -> None:
        """One pass of every duty, then wait for spawned work; tests and benchmarks drive the engine with this."""
        await self.dispatch()
        await self.poller.poll_due()
        await self.settle(patience)

    async def settle(self, patience: float = 0.05) -> None:
        """Wait for spawned deliveries and reconciliations that are not sleeping.

        Work that makes no progress for `patience` real seconds counts as sleeping (on a virtual
        clock, say); a test doing real I/O on a loaded machine can ask for more patience.
        """
        while self._tasks:
            pending = [t for t in self._tasks if not t.done()]
            if not pending:
                break
            done, _ = await asyncio.wait(pending, timeout=patience)
            if not done:
                break
        if self._crashed is not None:
            raise self._crashed

    async def start(self) -> None:
        await self.resume()
        self._runners = [asyncio.ensure_future(self._run())]

    async def _run(self) -> None:
        """One loop for every duty.

        It waits only on the clock, never on events, and at most `idle_tick` at a time: a new job
        is picked up within a second, and virtual-time harnesses (SimCord) can drive it.
        """
        while not self._stop.is_set():
            try:
                await self.dispatch()
                await self.poller.poll_due()
                await self.heartbeat()
            except Exception:  # one bad pass must not stop every other job
                log.exception("engine pass failed")
            delay = self.config.idle_tick
            wake = self.poller.next_wake()
            if wake is not None:
                delay = min(delay, wake - self.clock.now())
            await self.clock.sleep(max(delay, 0.01))

    async def stop(self) -> None:
        self._stop.set()
        for task in self._runners:
            task.cancel()
        await asyncio.gather(*self._runners, return_exceptions=True)
        await self.settle()

    @property
    def deliveries_in_flight(self) -> int:
        """Results being downloaded, fitted or uploaded right now."""
        return sum(1 for t in self._delivering.values() if not t.done())

    async def drain(self, grace: float) -> int:
        """A graceful shutdown: accept nothing new, let downloads and uploads in flight finish for up to `grace`
        real seconds, then stop the rest. Returns how many deliveries were cut short.

        Nothing is lost either way: every job's state is already in SQLite, so queued jobs stay queued,
        submitted ones are polled again and unfinished deliveries start over at the next `resume()`.
        """
        self.accepting = False
        self._stop.set()
        for task in self._runners:
            task.cancel()
        await asyncio.gather(*self._runners, return_exceptions=True)
        in_flight = [t for t in self._delivering.values() if not t.done()]
        if in_flight:
            log.info("shutting down: waiting up to %.0f s for %d deliveries", grace, len(in_flight))
            await asyncio.wait(in_flight, timeout=grace)
        cut = [t for t in self._delivering.values() if not t.done()]
        for task in list(self._tasks):  # sleeping retries and reconciliations resume from their state
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if cut:
            log.warning("shutting down: %d deliveries left for the next start", len(cut))
        return len(cut)


def job_log_context(job: Job) -> contextlib.AbstractContextManager[None]:
    """Every line logged while the engine works on `job` names it, its guild and its model."""
    return log_context(job_id=job.id, guild=job.guild_id, model=job.model, task_id=job.task_id)


def _task_error(model: str, task: TaskResponse) -> errors.WanError:
    """A failed task's error; a model's own documented codes (VideoRetalk's file checks) get its own words."""
    exc = errors.from_task(task.output.code, task.output.message, task.request_id)
    specific = f"error.{model}.{task.output.code}"
    if task.output.code and i18n.has(specific):
        exc.key = specific  # type: ignore[misc]  # an instance's key overrides its class's
    return exc


def _invalid(spec: catalog.ModelSpec, exc: ValidationError) -> InvalidRequest:
    issues = []
    for err in exc.errors():
        name = str(err["loc"][0]) if err.get("loc") else "?"
        field = spec.field(name)
        path = field.path if field else name
        if err["type"] == "missing":
            issues.append(Issue(path, None, "it is required", spec.name, "allowed.is_required"))
        elif err["type"] == "extra_forbidden":
            issues.append(Issue(path, err.get("input"), f"{spec.name} has no such option", spec.name,
                                "allowed.no_such_option", {"model": spec.name}))  # fmt: skip
        else:
            issues.append(Issue(path, err.get("input"), str(err.get("msg", "invalid")), spec.name))
    return InvalidRequest(issues)


class _Refused(Exception):
    """Internal: the reservation did not fit; rolls the job insert back."""
