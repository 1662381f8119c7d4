"""The `wanbot` command end to end: models, dry runs, a real generation, doctor, settings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import av
import pytest
from PIL import Image

from bot.cli.main import main
from bot.wan import catalog
from bot.wan.simulator import Plan, Simulator
from tests.sim_tools import threaded_simulator


@pytest.fixture
def live_sim(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Simulator]:
    sim = Simulator(default_plan=Plan(pending_s=0.2, running_s=0.5), api_key="sk-cli")
    # The simulator must be up before its URL can go into the environment.
    with threaded_simulator(sim):
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("DASHSCOPE_BASE_URL", sim.base_url)
        monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-cli")
        monkeypatch.setenv("DASHSCOPE_REGION", "beijing")
        yield sim


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DASHSCOPE_API_KEY", "DASHSCOPE_BASE_URL", "DASHSCOPE_REGION", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def test_models_json_lists_every_model(clean_env, capsys):
    assert main(["models", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {m["model"] for m in listed} == set(catalog.MODELS)
    t2v = next(m for m in listed if m["model"] == "wan2.6-t2v")
    assert t2v["endpoint"] == "/services/aigc/video-generation/video-synthesis"
    assert any(o["path"] == "parameters.duration" and o["range"] == [2, 15] for o in t2v["options"])


def test_models_by_region_uses_regional_ids(clean_env, capsys):
    assert main(["models", "--region", "singapore"]) == 0
    out = capsys.readouterr().out
    assert "wan2.1-t2v-turbo" in out and "wanx2.1-t2v-turbo" not in out
    assert "emo-v1" not in out  # Beijing only


def test_dry_run_prints_the_exact_request_without_the_key(clean_env, monkeypatch, capsys):
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-very-secret")
    monkeypatch.setenv("DASHSCOPE_REGION", "beijing")
    code = main(
        [
            "generate",
            "t2v",
            "--model",
            "wan2.6-t2v",
            "--prompt",
            "a fox",
            "--size",
            "1280*720",
            "--duration",
            "10",
            "--shot-type",
            "multi",
            "--prompt-extend",
            "true",
            "--dry-run",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "sk-very-secret" not in out
    request = json.loads(out)
    assert request["url"] == "https://dashscope.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis"
    assert request["headers"]["X-DashScope-Async"] == "enable"
    assert request["json"] == {
        "model": "wan2.6-t2v",
        "input": {"prompt": "a fox"},
        "parameters": {"size": "1280*720", "duration": 10, "shot_type": "multi", "prompt_extend": True},
    }


def test_dry_run_inlines_local_images_and_media_flag(clean_env, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DASHSCOPE_REGION", "beijing")
    Image.new("RGB", (400, 400), "red").save(tmp_path / "first.png")
    code = main(
        [
            "generate",
            "i2v",
            "--model",
            "wan2.7-i2v",
            "--prompt",
            "x",
            "--media",
            "first_frame=first.png",
            "--media",
            "driving_audio=https://example.com/a.mp3",
            "--dry-run",
        ]
    )
    assert code == 0
    media = json.loads(capsys.readouterr().out)["json"]["input"]["media"]
    assert media[0]["url"].startswith("data:image/png;base64,")
    assert media[1] == {"type": "driving_audio", "url": "https://example.com/a.mp3"}


def test_invalid_option_is_named(clean_env, monkeypatch, capsys):
    monkeypatch.setenv("DASHSCOPE_REGION", "beijing")
    with pytest.raises(SystemExit, match=r"--shot-type is not an option of wan2\.2-t2v-plus"):
        main(["generate", "t2v", "--model", "wan2.2-t2v-plus", "--prompt", "x", "--shot-type", "multi", "--dry-run"])
    with pytest.raises(Exception, match="choose 5 or 10"):
        main(["generate", "t2v", "--model", "wan2.5-t2v-preview", "--prompt", "x", "--duration", "12", "--dry-run"])


def test_generate_end_to_end_against_the_simulator(live_sim, tmp_path, capsys):
    out = tmp_path / "fox.mp4"
    code = main(
        [
            "generate",
            "t2v",
            "--model",
            "wan2.5-t2v-preview",
            "--prompt",
            "a fox",
            "--size",
            "832*480",
            "--duration",
            "5",
            "--out",
            str(out),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "saved" in captured.out and "5 s billed" in captured.out
    with av.open(str(out)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
    assert "SUCCEEDED" in captured.err


def test_generate_reports_failure_in_plain_words(live_sim, capsys):
    live_sim.plan(
        outcome="FAILED",
        code="IPInfringementSuspect",
        message="Input data is suspected of being involved in IP infringement.",
        pending_s=0.1,
        running_s=0.1,
    )
    code = main(["generate", "t2v", "--model", "wan2.6-t2v", "--prompt", "a mouse in red shorts"])
    assert code == 1
    assert "intellectual property" in capsys.readouterr().err


def test_generate_uploads_local_non_image_files(live_sim, tmp_path, capsys):
    (tmp_path / "voice.mp3").write_bytes(b"ID3 fake mp3")
    code = main(
        [
            "generate",
            "t2v",
            "--model",
            "wan2.6-t2v",
            "--prompt",
            "x",
            "--audio-url",
            "voice.mp3",
            "--size",
            "1280*720",
            "--out",
            str(tmp_path / "v.mp4"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    create = next(r for r in live_sim.requests if r.path.endswith("video-synthesis"))
    assert create.body["input"]["audio_url"].startswith("oss://dashscope-instant/")
    assert create.headers["X-DashScope-OssResourceResolve"] == "enable"


def test_doctor_accepts_a_good_key_and_explains_a_bad_one(live_sim, monkeypatch, capsys):
    assert main(["doctor"]) == 0
    assert "key accepted" in capsys.readouterr().out
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-wrong")
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "key refused" in out and "sk-wrong" not in out


def test_bad_setting_fails_with_one_line(clean_env, monkeypatch, capsys):
    monkeypatch.setenv("DASHSCOPE_REGION", "mars")
    assert main(["models"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wanbot: DASHSCOPE_REGION is invalid") and "\n" not in err


def test_run_without_token_names_it(clean_env, capsys):
    assert main(["run"]) == 2
    assert "DISCORD_TOKEN is not set" in capsys.readouterr().err


def test_base_url_setting_forms(clean_env, monkeypatch):
    from bot.settings import load_settings

    monkeypatch.setenv("DASHSCOPE_BASE_URL", "https://ws-123.cn-beijing.maas.aliyuncs.com/api/v1/")
    assert load_settings().base_url == "https://ws-123.cn-beijing.maas.aliyuncs.com"
    monkeypatch.setenv("DASHSCOPE_BASE_URL", "https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com")
    with pytest.raises(SystemExit, match="DASHSCOPE_BASE_URL"):
        load_settings()
    monkeypatch.delenv("DASHSCOPE_BASE_URL")
    monkeypatch.setenv("DASHSCOPE_REGION", "virginia")
    assert load_settings().base_url == "https://dashscope-us.aliyuncs.com"
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-hidden")
    assert "sk-hidden" not in repr(load_settings())


def test_empty_values_in_env_file_count_as_unset(clean_env, tmp_path):
    """`.env.example` leaves `DASHSCOPE_API_KEY=` empty: that means sandbox mode, and an empty token is missing."""
    from bot.settings import load_settings

    (tmp_path / ".env").write_text("DISCORD_TOKEN=\nDASHSCOPE_API_KEY=\nDASHSCOPE_REGION=beijing\n")
    settings = load_settings()
    assert settings.dashscope_api_key is None and settings.sandbox
    assert settings.dashscope_region == "beijing"
    with pytest.raises(SystemExit, match="DISCORD_TOKEN is not set"):
        settings.require("discord_token")
