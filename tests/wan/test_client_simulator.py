"""The client against the simulator: every family's happy path and every error class."""

from __future__ import annotations

import io
from pathlib import Path

import aiohttp
import av
import pytest

from bot.wan import catalog, errors
from bot.wan.catalog.types import Role
from bot.wan.client import WanClient
from bot.wan.requests import PreparedCall, builder_for
from bot.wan.requests.video import FirstLastFrame, ImageToVideo, MediaImageToVideo, TextToVideo, effect_request
from bot.wan.retry import RetryPolicy
from bot.wan.simulator import Simulator

from .samples import required_values

GENERATORS = [m for m in catalog.ALL if m.role is Role.GENERATE]
# Cross-field rules need more than the required fields for a few models.
EXTRA = {
    "wan2.2-kf2v-flash": {"last_frame_url": "https://example.com/last.png"},
    "wanx2.1-kf2v-plus": {"last_frame_url": "https://example.com/last.png"},
}


def call_for(spec: catalog.ModelSpec, **extra: object) -> PreparedCall:
    values = {**required_values(spec), **EXTRA.get(spec.name, {}), **extra}
    return builder_for(spec)(model=spec.name, **values).prepare()


def probe(data: bytes) -> tuple[str, float, int, int]:
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        seconds = float(container.duration or 0) / 1_000_000
        return stream.codec_context.name, seconds, stream.codec_context.width, stream.codec_context.height


@pytest.mark.parametrize("spec", GENERATORS, ids=lambda s: s.name)
async def test_every_generator_runs_to_a_result(spec, sim: Simulator, client: WanClient, tmp_path: Path):
    try:
        call = call_for(spec)
    except Exception as exc:  # pragma: no cover - shows which model lacks a sample
        pytest.fail(f"cannot build {spec.name}: {exc}")
    created = await client.submit(call)
    assert created.status == "PENDING"
    sim.advance(3600)
    task = await client.query(created.task_id)
    assert task.status == "SUCCEEDED", task
    url = task.result(spec)
    assert isinstance(url, str) and url.startswith(sim.base_url)
    size = await client.download(url, tmp_path / "out.mp4", max_bytes=50_000_000, extra_hosts=["127.0.0.1"])
    data = (tmp_path / "out.mp4").read_bytes()
    assert size == len(data) > 0
    codec, seconds, _, _ = probe(data)
    assert codec == "h264" and seconds > 0
    assert task.billed_seconds(spec) and task.billed_seconds(spec) > 0


async def test_t2v_result_has_requested_aspect_and_duration(sim, client, tmp_path):
    spec = catalog.get("wan2.5-t2v-preview")
    created = await client.submit(TextToVideo(model=spec.name, prompt="a cat", size="480*832", duration=10).prepare())
    sim.advance(600)
    task = await client.query(created.task_id)
    await client.download(task.result(spec), tmp_path / "v.mp4", max_bytes=10**8, extra_hosts=["127.0.0.1"])
    codec, seconds, width, height = probe((tmp_path / "v.mp4").read_bytes())
    assert codec == "h264" and abs(seconds - 10) < 0.6
    assert height > width  # 9:16 portrait
    assert task.usage is not None and task.usage.video_ratio == "480*832"
    assert task.billed_seconds(spec) == 10


async def test_documented_states_and_times(sim, client):
    spec = catalog.get("wan2.6-t2v")
    sim.plan(pending_s=10, running_s=100)
    created = await client.submit(TextToVideo(model=spec.name, prompt="a cat", size="1280*720").prepare())
    assert (await client.query(created.task_id)).status == "PENDING"
    sim.advance(50)
    running = await client.query(created.task_id)
    assert running.status == "RUNNING" and running.output.scheduled_time
    sim.advance(100)
    done = await client.query(created.task_id)
    assert done.succeeded and done.output.end_time and done.submitted_at() < done.ended_at()
    assert done.output.actual_prompt is None  # wan2.6 never returns it
    assert done.usage.SR == 720 and done.usage.output_video_duration == 5


async def test_wan26_i2v_flash_reports_silence(sim, client):
    spec = catalog.get("wan2.6-i2v-flash")
    call = ImageToVideo(model=spec.name, img_url="https://example.com/a.png", audio=False, resolution="720P").prepare()
    created = await client.submit(call)
    sim.advance(600)
    task = await client.query(created.task_id)
    assert task.usage.audio is False


async def test_failed_task_maps_moderation(sim, client):
    sim.plan(outcome="FAILED", code="DataInspectionFailed", message="Output data may contain inappropriate content.")
    created = await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    sim.advance(600)
    task = await client.query(created.task_id)
    assert task.status == "FAILED" and task.usage is None
    err = errors.from_task(task.output.code, task.output.message)
    assert isinstance(err, errors.ContentRejected)
    assert "safety filter" in err.explain()


async def test_unknown_after_24h_and_for_bad_ids(sim, client):
    created = await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    sim.advance(24 * 3600 + 1)
    assert (await client.query(created.task_id)).status == "UNKNOWN"
    assert (await client.query("no-such-task")).status == "UNKNOWN"


async def test_result_url_expires(sim, client, tmp_path):
    spec = catalog.get("wan2.6-t2v")
    created = await client.submit(TextToVideo(model=spec.name, prompt="x").prepare())
    sim.advance(120)
    url = (await client.query(created.task_id)).result(spec)
    sim.advance(24 * 3600)
    with pytest.raises(errors.ResultExpired):
        await client.download(url, tmp_path / "v.mp4", max_bytes=10**8, extra_hosts=["127.0.0.1"])
    assert not (tmp_path / "v.mp4.part").exists()


async def test_download_refuses_foreign_hosts_and_oversize(sim, client, tmp_path):
    spec = catalog.get("wan2.6-t2v")
    created = await client.submit(TextToVideo(model=spec.name, prompt="x").prepare())
    sim.advance(120)
    url = (await client.query(created.task_id)).result(spec)
    with pytest.raises(errors.ResultRejected):
        await client.download(url, tmp_path / "v.mp4", max_bytes=10**8)  # 127.0.0.1 not allowed
    with pytest.raises(errors.ResultRejected):
        await client.download(url, tmp_path / "v.mp4", max_bytes=100, extra_hosts=["127.0.0.1"])
    assert not list(tmp_path.iterdir())


async def test_bad_key_is_auth_error(sim, session):
    sim.api_key = "sk-right"
    client = WanClient(session, sim.base_url, "sk-wrong")
    with pytest.raises(errors.AuthError) as caught:
        await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    assert caught.value.status == 401 and "sk-wrong" not in str(caught.value)


async def test_missing_async_header_is_reported(sim, session):
    async with session.post(
        f"{sim.base_url}/api/v1/services/aigc/video-generation/video-synthesis",
        json={"model": "wan2.6-t2v", "input": {"prompt": "x"}},
        headers={"Authorization": "Bearer sk-test"},
    ) as resp:
        body = await resp.json()
    assert resp.status == 403
    err = errors.from_response(resp.status, body)
    assert isinstance(err, errors.AsyncHeaderMissing)
    assert body["message"] == "current user api does not support synchronous calls"


async def test_region_mismatch_and_unknown_model(sim, client):
    sim.region = "singapore"
    beijing_only_id = PreparedCall(
        "POST",
        "/services/aigc/video-generation/video-synthesis",
        {"model": "wanx2.1-t2v-turbo", "input": {"prompt": "x"}},
        True,
    )
    with pytest.raises(errors.ModelNotAvailable):
        await client.submit(beijing_only_id)
    singapore_id = TextToVideo(model="wanx2.1-t2v-turbo", prompt="x").prepare("singapore")
    assert singapore_id.body["model"] == "wan2.1-t2v-turbo"
    assert (await client.submit(singapore_id)).status == "PENDING"


async def test_wrong_endpoint_is_url_error(sim, client):
    call = TextToVideo(model="wan2.6-t2v", prompt="x").prepare()
    wrong = PreparedCall("POST", "/services/aigc/image2video/video-synthesis", call.body, True)
    with pytest.raises(errors.ModelNotAvailable, match="url error"):
        await client.submit(wrong)


async def test_simulator_validates_like_the_builders(sim, client):
    raw = PreparedCall(
        "POST",
        "/services/aigc/video-generation/video-synthesis",
        {"model": "wan2.5-t2v-preview", "input": {"prompt": "x"}, "parameters": {"duration": 12}},
        True,
    )
    with pytest.raises(errors.InvalidParameterError, match="choose 5 or 10"):
        await client.submit(raw)
    long_prompt = PreparedCall(
        "POST",
        "/services/aigc/video-generation/video-synthesis",
        {"model": "wan2.2-t2v-plus", "input": {"prompt": "x" * 900}},
        True,
    )
    assert (await client.submit(long_prompt)).status == "PENDING"  # the service truncates silently


async def test_query_retries_throttling_and_5xx_with_backoff(sim, client, clock):
    created = await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    sim.fail_next("query", 429, "Throttling", "Requests throttling triggered.", times=2)
    sim.fail_next("query", 503, "ModelUnavailable", "Model is unavailable, please try again later.")
    task = await client.query(created.task_id)
    assert task.status in ("PENDING", "RUNNING", "SUCCEEDED")
    assert len(clock.sleeps) == 3 and clock.sleeps == sorted(clock.sleeps)


async def test_query_gives_up_after_attempts(sim, session, clock):
    client = WanClient(session, sim.base_url, "sk", retry=RetryPolicy(attempts=3, sleep=clock.sleep))
    sim.fail_next("query", 500, "InternalError", "An internal error has occured", times=5)
    with pytest.raises(errors.ServerError):
        await client.query("any")
    assert len(clock.sleeps) == 2


async def test_retry_after_is_honoured(sim, client, clock):
    sim.fail_next("query", 429, "Throttling.RateQuota", "Requests rate limit exceeded", retry_after=7)
    await client.query("any")
    assert clock.sleeps == [7.0]


async def test_create_is_never_blindly_repeated(sim, client):
    sim.fail_next("create", 502)  # a gateway error: the task may exist
    with pytest.raises(errors.AmbiguousSubmission):
        await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    sim.fail_next("create", 500, "InternalError", "An internal error has occured")
    with pytest.raises(errors.ServerError):
        await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    creates = [r for r in sim.requests if r.path.endswith("video-synthesis")]
    assert len(creates) == 2 and not sim.tasks


async def test_create_retries_only_when_nothing_was_sent(session, clock):
    client = WanClient(session, "http://127.0.0.1:9", "sk", retry=RetryPolicy(attempts=2, sleep=clock.sleep))
    with pytest.raises(errors.TransportError):
        await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    assert len(clock.sleeps) == 1


async def test_submit_rate_and_concurrency_limits(sim, client):
    call = TextToVideo(model="wan2.2-t2v-plus", prompt="x").prepare()  # 2 submits/s, 2 running
    await client.submit(call)
    await client.submit(call)
    with pytest.raises(errors.ThrottledError) as rate:
        await client.submit(call)
    assert rate.value.code == "Throttling.RateQuota"
    sim.advance(1.5)
    with pytest.raises(errors.ThrottledError) as busy:
        await client.submit(call)
    assert busy.value.code == "Throttling"
    sim.advance(3600)
    assert (await client.submit(call)).status == "PENDING"


async def test_cancel_only_while_pending(sim, client):
    sim.plan(pending_s=30, running_s=60)
    created = await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    await client.cancel(created.task_id)
    assert (await client.query(created.task_id)).status == "CANCELED"
    sim.plan(pending_s=1, running_s=60)
    running = await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    sim.advance(5)
    with pytest.raises(errors.CancelRefused):
        await client.cancel(running.task_id)


async def test_list_tasks_filters_and_paginates(sim, client):
    for _ in range(3):
        await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
        sim.advance(1)
    await client.submit(ImageToVideo(model="wan2.6-i2v", img_url="https://example.com/a.png").prepare())
    listing = await client.list_tasks(model_name="wan2.6-t2v", page_size=2)
    assert listing.total == 3 and len(listing.data) == 2 and listing.total_page == 2
    assert all(item.model_name == "wan2.6-t2v" and item.created_at for item in listing.data)


async def test_temporary_upload_flow(sim, client):
    oss = await client.upload("wan2.6-i2v", b"\x89PNG fake", "cat.png")
    assert oss.startswith("oss://dashscope-instant/")
    call = ImageToVideo(model="wan2.6-i2v", img_url=oss).prepare()
    assert call.oss_resolve
    assert (await client.submit(call)).status == "PENDING"
    last = sim.requests[-1]
    assert last.headers["X-DashScope-OssResourceResolve"] == "enable"
    other_model = ImageToVideo(model="wan2.6-i2v-flash", img_url=oss).prepare()
    with pytest.raises(errors.InvalidParameterError):  # uploads are bound to one model
        await client.submit(other_model)


async def test_oss_url_without_resolve_header(sim, session):
    async with session.post(
        f"{sim.base_url}/api/v1/services/aigc/video-generation/video-synthesis",
        json={"model": "wan2.6-i2v", "input": {"img_url": "oss://dashscope-instant/x/a.png"}},
        headers={"Authorization": "Bearer sk", "X-DashScope-Async": "enable"},
    ) as resp:
        body = await resp.json()
    assert resp.status == 400 and body["code"] == "invalid_parameter_error"


async def test_query_must_not_carry_async_header(sim, session):
    async with session.get(
        f"{sim.base_url}/api/v1/tasks/x", headers={"Authorization": "Bearer sk", "X-DashScope-Async": "enable"}
    ) as resp:
        assert resp.status == 403


async def test_headers_on_the_wire(sim, client):
    await client.submit(TextToVideo(model="wan2.6-t2v", prompt="x").prepare())
    create = sim.requests[-1]
    assert create.headers["X-DashScope-Async"] == "enable"
    assert create.headers["Content-Type"] == "application/json"
    assert create.headers["Authorization"] == "Bearer sk-test"
    assert "X-DashScope-OssResourceResolve" not in create.headers
    await client.query("x")
    query = sim.requests[-1]
    assert "X-DashScope-Async" not in query.headers and "Content-Type" not in query.headers


async def test_detectors_answer_synchronously(sim, client):
    for spec in (m for m in catalog.ALL if m.role is Role.DETECT):
        call = builder_for(spec)(model=spec.name, **required_values(spec)).prepare()
        assert not call.asynchronous
        passed = await client.detect(call)
        assert passed.passed_for(spec), spec.name
        sim.plan(outcome="reject")
        rejected = await client.detect(call)
        assert not rejected.passed_for(spec), spec.name


async def test_effects_pick_their_model_and_endpoint(sim, client):
    turbo = effect_request("flying", "https://example.com/a.png")
    assert turbo.model == "wanx2.1-i2v-turbo"
    plus = effect_request("melt", "https://example.com/a.png")
    assert plus.model == "wanx2.1-i2v-plus"
    kf = effect_request("hanfu-1", "https://example.com/a.png")
    assert isinstance(kf, FirstLastFrame) and kf.prepare().path == "/services/aigc/image2video/video-synthesis"
    for req in (turbo, plus, kf):
        assert (await client.submit(req.prepare())).status == "PENDING"


async def test_wan27_media_request(sim, client):
    req = MediaImageToVideo(
        model="wan2.7-i2v",
        prompt="x",
        media=[
            {"type": "first_frame", "url": "https://example.com/a.png"},
            {"type": "driving_audio", "url": "https://example.com/a.mp3"},
        ],
    )
    call = req.prepare()
    assert call.path == "/services/aigc/video-generation/video-synthesis"
    assert call.body["input"]["media"][1] == {"type": "driving_audio", "url": "https://example.com/a.mp3"}
    assert (await client.submit(call)).status == "PENDING"


async def test_transport_error_on_query_is_retried(sim, session, clock):
    client = WanClient(session, sim.base_url, "sk", retry=RetryPolicy(attempts=2, sleep=clock.sleep))
    await sim_stop_then(client)


async def sim_stop_then(client: WanClient) -> None:
    bad = WanClient(client._session, "http://127.0.0.1:9", "sk", retry=client.retry)
    with pytest.raises(errors.TransportError):
        await bad.query("x")


def test_host_allow_list():
    from bot.wan.client import host_allowed

    assert host_allowed("https://dashscope-result-sh.oss-accelerate.aliyuncs.com/x.mp4?Expires=1")
    assert host_allowed("http://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/x.mp4")
    assert not host_allowed("https://evil.example.com/x.mp4")
    assert not host_allowed("file:///etc/passwd")
    assert host_allowed("http://127.0.0.1:8001/r.mp4", ["127.0.0.1"])
    assert not host_allowed("https://aliyuncs.com.evil.net/x.mp4")


_ = aiohttp
