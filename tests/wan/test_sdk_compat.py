"""The simulator answers the official `dashscope` SDK the way the service does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.wan.simulator import Plan, Simulator
from tests.sim_tools import threaded_simulator

dashscope = pytest.importorskip("dashscope")
from dashscope import VideoSynthesis  # noqa: E402


@pytest.fixture
def live_sim() -> Iterator[Simulator]:
    """The simulator on real time in its own thread, since the SDK blocks."""
    sim = Simulator(default_plan=Plan(pending_s=0.1, running_s=0.3))
    with threaded_simulator(sim):
        old = dashscope.base_http_api_url
        dashscope.base_http_api_url = f"{sim.base_url}/api/v1"
        yield sim
        dashscope.base_http_api_url = old


def test_async_call_fetch_and_wait(live_sim: Simulator):
    rsp = VideoSynthesis.async_call(api_key="sk-test", model="wan2.6-t2v", prompt="a cat", size="1280*720", duration=5)
    assert rsp.status_code == 200 and rsp.output.task_status == "PENDING"
    fetched = VideoSynthesis.fetch(task=rsp, api_key="sk-test")
    assert fetched.status_code == 200 and fetched.output.task_id == rsp.output.task_id
    done = VideoSynthesis.wait(task=rsp, api_key="sk-test")
    assert done.output.task_status == "SUCCEEDED"
    assert done.output.video_url.startswith(live_sim.base_url)
    assert done.usage.duration == 5 and done.usage.SR == 720
    body = next(r.body for r in live_sim.requests if r.path.endswith("video-synthesis"))
    assert body["input"]["function"] == "video-synthesis"  # the SDK's extra fields are tolerated


def test_sdk_routes_kf2v_to_image2video(live_sim: Simulator):
    rsp = VideoSynthesis.async_call(
        api_key="sk-test", model="wanx2.1-kf2v-plus", first_frame_url="https://example.com/a.png", template="hanfu-1"
    )
    assert rsp.status_code == 200
    assert any(r.path.endswith("/image2video/video-synthesis") for r in live_sim.requests)


def test_sdk_sees_documented_errors(live_sim: Simulator):
    bad = VideoSynthesis.async_call(api_key="sk-test", model="wan2.5-t2v-preview", prompt="a cat", duration=12)
    assert bad.status_code == 400 and bad.code == "InvalidParameter" and "choose 5 or 10" in bad.message
    live_sim.api_key = "sk-right"
    denied = VideoSynthesis.async_call(api_key="sk-wrong", model="wan2.6-t2v", prompt="a cat")
    assert denied.status_code == 401 and denied.code == "InvalidApiKey"


def test_sdk_sees_failed_and_canceled_tasks(live_sim: Simulator):
    live_sim.plan(
        outcome="FAILED",
        code="DataInspectionFailed",
        message="Input data may contain inappropriate content.",
        pending_s=0.1,
        running_s=0.2,
    )
    rsp = VideoSynthesis.async_call(api_key="sk-test", model="wan2.6-t2v", prompt="x")
    done = VideoSynthesis.wait(task=rsp, api_key="sk-test")
    assert done.output.task_status == "FAILED" and done.output.code == "DataInspectionFailed"
    live_sim.plan(pending_s=30, running_s=1)
    pending = VideoSynthesis.async_call(api_key="sk-test", model="wan2.6-t2v", prompt="x")
    assert VideoSynthesis.cancel(task=pending, api_key="sk-test").status_code == 200
    assert VideoSynthesis.fetch(task=pending, api_key="sk-test").output.task_status == "CANCELED"


def test_sdk_lists_tasks(live_sim: Simulator):
    VideoSynthesis.async_call(api_key="sk-test", model="wan2.6-t2v", prompt="x")
    listing = VideoSynthesis.list(api_key="sk-test", page_size=5)
    assert listing.status_code == 200
