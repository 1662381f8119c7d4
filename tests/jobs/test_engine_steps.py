"""Multi-step jobs: a check (detector) before the task, one job and one reservation for all of it."""

from __future__ import annotations

import pytest

from bot.jobs.model import JobRequest, JobState
from bot.jobs.reports import usage_report

from .engine_kit import Kit

IMAGE = "https://example.com/portrait.png"
AUDIO = "https://example.com/speech.mp3"


def emo_request() -> JobRequest:
    """EMO: emo-detect-v1 finds the face boxes that emo-v1 needs."""
    return JobRequest(
        user_id=1, guild_id=100, channel_id=5, model="emo-v1", builder="",
        values={"image_url": IMAGE, "audio_url": AUDIO},
        meta={"input_seconds": 4.0, "steps": [{
            "model": "emo-detect-v1", "values": {"image_url": IMAGE, "ratio": "1:1"},
            "outputs": {"face_bbox": "face_bbox", "ext_bbox": "ext_bbox"},
        }]},
    )  # fmt: skip


def calls(kit: Kit, path_end: str) -> list[dict]:  # type: ignore[type-arg]
    return [r.body for r in kit.sim.requests if r.path.endswith(path_end)]


async def kinds(engine, job_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["kind"] for e in await engine.ledger.entries(job_id)]


async def test_the_check_runs_first_and_its_boxes_reach_the_task(kit: Kit):
    engine = await kit.engine()
    job = await engine.accept(emo_request())  # validated with the detector's documented sample boxes
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE
    [detect] = calls(kit, "face-detect")
    [create] = calls(kit, "video-synthesis")
    assert detect["input"] == {"image_url": IMAGE} and detect["parameters"] == {"ratio": "1:1"}
    # the simulator answers with the documented pass output; its boxes must reach the task unchanged
    assert create["input"]["face_bbox"] == [302, 286, 610, 593] and create["input"]["ext_bbox"] == [71, 9, 840, 778]
    assert kit.sink.kinds(job.id)[:2] == ["queued", "step"]
    assert await kinds(engine, job.id) == ["reserve", "commit"]


async def test_a_rejected_check_ends_the_job_refunded_and_sends_no_task(kit: Kit):
    engine = await kit.engine()
    kit.sim.plan(outcome="reject", model="emo-detect-v1")
    job = await engine.accept(emo_request())
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.FAILED and done.error_key == "error.detect.emo"
    assert not calls(kit, "video-synthesis")
    assert await kinds(engine, job.id) == ["reserve", "refund"]
    assert kit.sink.kinds(job.id)[-1] == "failed"
    # Wan bills the check even when it refuses: the operator's report counts it, the member got everything back
    assert done.meta["checks"] == 1 and done.meta["checks_cny"] == pytest.approx(0.004)
    report = await usage_report(engine.db, 100, 0)
    assert report.checks == 1 and report.checks_cny == pytest.approx(0.004)


async def test_a_restart_after_the_check_resumes_at_the_task_without_checking_again(kit: Kit):
    engine = await kit.engine()
    job = await engine.accept(emo_request())
    ran = await engine._run_steps(await engine.jobs.require(job.id))  # the check, then the process dies
    assert ran is not None and ran.meta["steps_done"] == 1 and ran.values["face_bbox"]
    await engine.db.close()
    kit.engines.remove(engine)
    engine = await kit.engine()
    await engine.resume()
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE
    assert len(calls(kit, "face-detect")) == 1 and len(calls(kit, "video-synthesis")) == 1


async def test_a_learned_template_is_kept_for_the_guild_account_and_region(kit: Kit):
    engine = await kit.engine(key_fingerprint="abc123")
    request = JobRequest(
        user_id=1, guild_id=100, channel_id=5, model="animate-anyone-template-gen2", builder="",
        values={"video_url": "https://example.com/dance.mp4"}, meta={"template_name": "robot", "input_seconds": 4.0},
    )  # fmt: skip
    job = await engine.accept(request)
    done = await kit.finish(engine, job.id)
    assert done.state is JobState.DONE and done.meta["template_id"]
    [saved] = await engine.dance_templates(100)
    assert saved["name"] == "robot" and saved["template_id"] == done.meta["template_id"]
    assert kit.sink.kinds(job.id)[-1] == "template" and not kit.sink.delivered
    assert await kinds(engine, job.id) == ["reserve", "commit"]
    other_key = await kit.engine(key_fingerprint="zzz999")
    assert await other_key.dance_templates(100) == []  # template ids only work for the account that made them


async def test_emo_is_priced_by_the_ratio_its_check_uses(kit: Kit):
    engine = await kit.engine()
    square, tall = emo_request(), emo_request()
    square.meta["price_tier"], tall.meta["price_tier"] = "1:1", "3:4"
    dear, cheap = await engine.estimate(tall), await engine.estimate(square)
    assert abs(dear - 2 * cheap) <= 1  # 0.16 vs 0.08 CNY/s (each rounded up to the millisecond)
