"""The engine end to end against the simulator on virtual time."""

from __future__ import annotations

import io

import av
import pytest

from bot.jobs.engine import DuplicateJob, QuotaExceeded, SimulatedCrash
from bot.jobs.model import JobRequest, JobState
from bot.jobs.quota import QuotaDefaults, estimate_ms
from bot.wan import catalog, errors
from bot.wan.validation import InvalidRequest
from tests.media_tools import make_video

from .engine_kit import Kit, t2v_request


async def ledger_kinds(engine, job_id: int) -> list[str]:
    return [e["kind"] for e in await engine.ledger.entries(job_id)]


async def test_happy_path_delivers_and_commits_billed_cost(kit: Kit):
    engine = await kit.engine()
    kit.sim.plan(pending_s=10, running_s=150)
    job = await engine.accept(t2v_request())
    assert job.state is JobState.QUEUED and job.estimate_ms == 2500  # 5 s x 0.3/0.6
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE and done.result_message_id
    assert kit.sink.kinds(job.id)[:2] == ["queued", "submitted"] and kit.sink.kinds(job.id)[-1] == "delivered"
    assert "status" in kit.sink.kinds(job.id)  # RUNNING was shown
    data = dict(kit.sink.delivered)[job.id]
    with av.open(io.BytesIO(data)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
    assert await ledger_kinds(engine, job.id) == ["reserve", "commit"]
    usage = await engine.usage(t2v_request())
    assert usage.used_ms == 2500
    assert not list((kit.workdir).glob("job-*"))


async def test_invalid_request_is_refused_before_anything_is_spent(kit: Kit):
    engine = await kit.engine()
    with pytest.raises(InvalidRequest, match="choose 5 or 10"):
        await engine.accept(t2v_request(duration=12))
    assert await engine.jobs.count_by_state() == {}
    assert not kit.sim.requests


async def test_model_not_in_region_is_refused(kit: Kit):
    engine = await kit.engine(region="virginia")
    with pytest.raises(InvalidRequest) as caught:
        await engine.accept(t2v_request())
    assert caught.value.field == "model"


async def test_quota_exceeded_queues_nothing(kit: Kit):
    engine = await kit.engine()
    engine.ledger.defaults = QuotaDefaults(allowance_ms=4000)
    await engine.accept(t2v_request())
    with pytest.raises(QuotaExceeded) as caught:
        await engine.accept(t2v_request())
    assert caught.value.needed_ms == 2500 and caught.value.usage.remaining_ms == 1500
    assert await engine.jobs.count_by_state() == {"queued": 1}


async def test_admins_are_exempt_and_roles_raise_allowance(kit: Kit):
    engine = await kit.engine()
    engine.ledger.defaults = QuotaDefaults(allowance_ms=1000)
    admin = t2v_request(user=7)
    admin.is_admin = True
    assert (await engine.accept(admin)).state is JobState.QUEUED
    await engine.db.write("INSERT INTO quota_overrides VALUES (100, 'role', 55, 10000, 0)")
    member = t2v_request(user=8)
    member.role_ids = (55,)
    assert (await engine.accept(member)).state is JobState.QUEUED
    with pytest.raises(QuotaExceeded):
        await engine.accept(t2v_request(user=9))


async def test_moderation_failure_refunds_in_full(kit: Kit):
    engine = await kit.engine()
    kit.sim.plan(outcome="FAILED", code="DataInspectionFailed", message="Input data may contain inappropriate content.")
    job = await engine.accept(t2v_request())
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.FAILED and done.error_code == "DataInspectionFailed"
    assert done.error_key == "error.content_rejected"
    assert await ledger_kinds(engine, job.id) == ["reserve", "refund"]
    assert (await engine.usage(t2v_request())).used_ms == 0
    assert kit.sink.kinds(job.id)[-1] == "failed"


async def test_duplicate_reaction_job_is_refused(kit: Kit):
    engine = await kit.engine()
    req = t2v_request()
    req.dedupe_key = "reaction:1:🎈:1"
    await engine.accept(req)
    again = t2v_request()
    again.dedupe_key = "reaction:1:🎈:1"
    with pytest.raises(DuplicateJob):
        await engine.accept(again)


async def test_cancel_while_queued_and_while_pending(kit: Kit):
    engine = await kit.engine()
    queued = await engine.accept(t2v_request())
    assert await engine.cancel(queued.id)
    assert (await engine.jobs.require(queued.id)).state is JobState.CANCELED
    assert await ledger_kinds(engine, queued.id) == ["reserve", "refund"]
    kit.sim.plan(pending_s=120, running_s=60)
    pending = await engine.accept(t2v_request())
    await engine.tick()
    assert (await engine.jobs.require(pending.id)).state is JobState.SUBMITTED
    assert await engine.cancel(pending.id)
    assert kit.sim.status_of((await engine.jobs.require(pending.id)).task_id) == "CANCELED"
    kit.sim.plan(pending_s=1, running_s=600)
    running = await engine.accept(t2v_request())
    kit.clock.advance(1)  # one submit token per model per 1/rps seconds
    await engine.tick()
    assert (await engine.jobs.require(running.id)).state is JobState.SUBMITTED
    kit.clock.advance(30)
    assert not await engine.cancel(running.id)  # it is RUNNING at DashScope now


async def test_fair_queue_lets_a_single_job_past_a_backlog(kit: Kit):
    engine = await kit.engine()
    engine.ledger.defaults = QuotaDefaults(allowance_ms=None)
    model = "wan2.2-t2v-plus"  # 2 running at once, 2 submits per second
    busy = [await engine.accept(JobRequest(1, 100, 5, model, "", {"prompt": f"job {i}"})) for i in range(10)]
    kit.clock.advance(1)
    single = await engine.accept(JobRequest(2, 100, 5, model, "", {"prompt": "mine"}))
    queued_event = next(e for e in kit.sink.events if e.job.id == single.id and e.kind == "queued")
    assert queued_event.position == 1 and queued_event.eta is not None  # only member 1's first job is ahead
    order: list[int] = []
    while len(order) < 11:
        await engine.tick()
        for job in await engine.jobs.in_states([JobState.SUBMITTED, JobState.FETCHING, JobState.DONE]):
            if job.id not in order:
                order.append(job.id)
        kit.clock.advance(5)
    assert order.index(single.id) <= 2, order
    creates = [r for r in kit.sim.requests if r.path.endswith("video-synthesis")]
    assert len(creates) == 11 and len(busy) == 10  # never a 429: every create succeeded first time


async def test_throttled_create_goes_back_to_the_queue_uncharged(kit: Kit):
    engine = await kit.engine()
    kit.sim.fail_next("create", 429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.")
    job = await engine.accept(t2v_request())
    await engine.tick()
    assert (await engine.jobs.require(job.id)).state is JobState.QUEUED
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE and done.attempts == 2


async def test_ambiguous_create_adopts_the_task_it_made(kit: Kit):
    class LosesAnswers:
        def __init__(self, real):
            self.real = real
            self.lost = 0

        def __getattr__(self, name):
            return getattr(self.real, name)

        async def submit(self, call):
            await self.real.submit(call)
            self.lost += 1
            raise errors.AmbiguousSubmission("connection reset after sending")

    kit.api = LosesAnswers(kit.client)
    engine = await kit.engine()
    job = await engine.accept(t2v_request())
    await engine.tick()
    assert (await engine.jobs.require(job.id)).state is JobState.SUBMITTING
    kit.api.submit = kit.api.real.submit  # the network is back
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE and len(kit.sim.tasks) == 1 and done.task_id in kit.sim.tasks


async def test_ambiguous_create_that_never_arrived_is_refunded(kit: Kit):
    engine = await kit.engine()
    kit.sim.fail_next("create", 502)
    job = await engine.accept(t2v_request())
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.FAILED and not kit.sim.tasks
    assert await ledger_kinds(engine, job.id) == ["reserve", "refund"]


async def test_stuck_task_hits_the_deadline_and_is_refunded(kit: Kit):
    engine = await kit.engine(deadline_seconds=1800)
    kit.sim.plan(outcome="stuck", pending_s=1)
    job = await engine.accept(t2v_request())
    done = await kit.finish(engine, job.id, step=30)
    assert done.state is JobState.FAILED and done.error_key == "error.task_timeout"
    assert await ledger_kinds(engine, job.id) == ["reserve", "refund"]


async def test_restart_after_24h_refunds_expired_tasks(kit: Kit):
    engine = await kit.engine()
    job = await engine.accept(t2v_request())
    await engine.tick()
    kit.clock.advance(25 * 3600)  # the bot was down for a day
    fresh = await kit.engine()
    await fresh.resume()
    done = await kit.finish(fresh, job.id)
    assert done.state is JobState.FAILED and done.error_key == "error.result_expired"
    assert await ledger_kinds(fresh, job.id) == ["reserve", "refund"]


async def test_poller_polls_less_than_fixed_15s_and_notices_quickly(kit: Kit):
    engine = await kit.engine()
    kit.sim.plan(pending_s=10, running_s=170)
    job = await engine.accept(t2v_request())
    done = await kit.finish(engine, job.id, step=0.5)
    task = kit.sim.tasks[done.task_id]
    noticed = done.finished_at - task.finish
    assert 0 <= noticed <= 4.5
    assert done.poll_count <= 180 / 15  # fewer queries than polling every 15 s


CRASH_POINTS = ["before_create", "after_create", "while_polling", "while_downloading", "while_uploading"]


@pytest.mark.parametrize("point", CRASH_POINTS)
async def test_crash_at_every_step_loses_nothing_and_bills_once(kit: Kit, point: str):
    first = await kit.engine()
    first.crash_at = {point}
    job = await first.accept(t2v_request())
    with pytest.raises(SimulatedCrash):
        for _ in range(3600):
            await first.tick(patience=2.0)  # nothing sleeps on the clock here: wait out real downloads
            kit.clock.advance(1)
    # The process died here; a new one opens the same database.
    second = await kit.engine()
    await second.resume()
    done = await kit.finish(second, job.id)
    kinds = await ledger_kinds(second, job.id)
    assert kinds in (["reserve", "commit"], ["reserve", "refund"]), kinds
    creates = [r for r in kit.sim.requests if r.path.endswith("video-synthesis")]
    assert len(creates) <= 1, "a create was repeated"
    deliveries = [jid for jid, _ in kit.sink.delivered if jid == job.id]
    if done.state is JobState.DONE:
        assert kinds[-1] == "commit" and len(deliveries) == 1
    else:
        assert point == "before_create" and kinds[-1] == "refund" and not deliveries


async def test_thousand_concurrent_reservations_never_overspend(kit: Kit):
    import asyncio

    engine = await kit.engine()
    engine.ledger.defaults = QuotaDefaults(allowance_ms=100_000)
    spec = catalog.get("wan2.5-t2v-preview")
    cost = estimate_ms(spec, {"parameters": {"size": "832*480", "duration": 5}}, "beijing")
    results = await asyncio.gather(*(engine.accept(t2v_request()) for _ in range(1000)), return_exceptions=True)
    accepted = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, QuotaExceeded)]
    assert len(accepted) == 100_000 // cost and len(accepted) + len(refused) == 1000
    usage = await engine.usage(t2v_request())
    assert usage.used_ms == len(accepted) * cost <= 100_000


async def test_result_over_the_upload_limit_is_compressed(kit: Kit):
    engine = await kit.engine()
    kit.sink.limit = 1_000_000  # ~2 Mb/s: comfortably above the encoder's floors
    kit.sim.plan(video=make_video(kit.workdir.parent / "big.mp4", size="640x360", seconds=4))
    job = await engine.accept(t2v_request(size="1280*720", duration=5))
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE
    kinds = kit.sink.kinds(job.id)
    assert kinds[-1] == "delivered", [e.message_key for e in kit.sink.events]
    data = dict(kit.sink.delivered)[job.id]
    assert len(data) <= 1_000_000 < (kit.workdir.parent / "big.mp4").stat().st_size
    assert await ledger_kinds(engine, job.id) == ["reserve", "commit"]


async def test_result_that_cannot_fit_posts_the_link_and_its_expiry(kit: Kit):
    engine = await kit.engine()
    kit.sink.limit = 1_000
    job = await engine.accept(t2v_request())
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE and not kit.sink.delivered
    event = [e for e in kit.sink.events if e.job.id == job.id][-1]
    assert event.kind == "undeliverable" and event.message_key.startswith("delivery.")
    assert event.params["url"].startswith(kit.sim.base_url) and event.params["expires_at"] > kit.clock.now()
    assert await ledger_kinds(engine, job.id) == ["reserve", "commit"]  # the video was made and offered


async def test_guild_budget_caps_everyone(kit: Kit):
    engine = await kit.engine()
    await engine.db.write(
        "INSERT INTO guild_settings (guild_id, settings_json) VALUES (100, ?)",
        ('{"budget_ms": 6000, "allowance_ms": 100000}',),
    )
    await engine.accept(t2v_request(user=1))
    await engine.accept(t2v_request(user=2))
    with pytest.raises(QuotaExceeded):
        await engine.accept(t2v_request(user=3))  # a third 2.5 s job would pass the guild's 6 s


async def test_running_times_are_learned(kit: Kit):
    engine = await kit.engine()
    for _ in range(3):
        kit.sim.plan(pending_s=2, running_s=90)
        job = await engine.accept(t2v_request())
        await kit.finish(engine, job.id)
    mean, spread = await engine.running_stats(await engine.jobs.require(job.id))
    assert abs(mean - 90) < 1 and spread < 5


async def test_unreachable_service_requeues_instead_of_refunding(kit: Kit):
    class Down:
        def __init__(self, real):
            self.real, self.down = real, True

        def __getattr__(self, name):
            return getattr(self.real, name)

        async def submit(self, call):
            if self.down:
                raise errors.TransportError("cannot connect")
            return await self.real.submit(call)

    kit.api = Down(kit.client)
    engine = await kit.engine()
    job = await engine.accept(t2v_request())
    await engine.tick()
    assert (await engine.jobs.require(job.id)).state is JobState.QUEUED
    kit.api.down = False
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE and await ledger_kinds(engine, job.id) == ["reserve", "commit"]


async def test_concurrent_duplicates_yield_one_job(kit: Kit):
    import asyncio

    engine = await kit.engine()
    reqs = []
    for _ in range(5):
        req = t2v_request()
        req.dedupe_key = "reaction:42:🌀:1"
        reqs.append(req)
    results = await asyncio.gather(*(engine.accept(r) for r in reqs), return_exceptions=True)
    assert sum(not isinstance(r, BaseException) for r in results) == 1
    assert all(isinstance(r, DuplicateJob) for r in results if isinstance(r, BaseException))


async def test_the_engine_loop_runs_jobs_on_its_own(kit: Kit):
    import asyncio

    engine = await kit.engine()
    await engine.start()
    kit.sim.plan(pending_s=3, running_s=40)
    job = await engine.accept(t2v_request())
    for _ in range(300):
        kit.clock.advance(1)
        await asyncio.sleep(0.01)
        if (await engine.jobs.require(job.id)).terminal:
            break
    await engine.stop()
    assert (await engine.jobs.require(job.id)).state is JobState.DONE
    assert kit.sink.kinds(job.id)[-1] == "delivered"
