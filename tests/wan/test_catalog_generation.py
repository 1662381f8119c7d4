"""Catalog entries and builders for r2v, animate, s2v and VACE, checked against the spec's examples and limits."""

from __future__ import annotations

from typing import Any

import pytest

from bot.wan import catalog
from bot.wan.catalog.types import Family, Role
from bot.wan.requests.reference import (
    AnimateMix,
    AnimateMove,
    AnimateRequest,
    ReferenceToVideo,
    SpeechToVideo,
    SpeechToVideoDetect,
    VideoEdit,
)
from bot.wan.rules import RULES
from bot.wan.rules.generation import reference_kind, url_extension
from bot.wan.validation import InvalidRequest, validate_body

OSS = "https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/"
MINE = (
    "wan2.6-r2v-flash",
    "wan2.6-r2v",
    "wan2.2-animate-move",
    "wan2.2-animate-mix",
    "wan2.2-s2v-detect",
    "wan2.2-s2v",
    "wanx2.1-vace-plus",
)


def refuse(request: Any, region: Any = None) -> InvalidRequest:
    with pytest.raises(InvalidRequest) as err:
        request.body(region)
    return err.value


# -- catalog wiring -------------------------------------------------------------------------


def test_models_are_listed_and_their_rules_exist() -> None:
    names = [m.name for m in catalog.ALL]
    for name in MINE:
        assert name in names
        spec = catalog.get(name)
        for rule_name in spec.rules:
            assert rule_name in RULES, (name, rule_name)
        assert spec.notes, f"{name} records no decisions"


@pytest.mark.parametrize(
    ("name", "regions"),
    [
        ("wan2.6-r2v-flash", {"beijing": "wan2.6-r2v-flash", "singapore": "wan2.6-r2v-flash"}),
        ("wan2.6-r2v", {"beijing": "wan2.6-r2v", "singapore": "wan2.6-r2v", "virginia": "wan2.6-r2v"}),
        ("wan2.2-animate-move", {"beijing": "wan2.2-animate-move", "singapore": "wan2.2-animate-move"}),
        ("wan2.2-animate-mix", {"beijing": "wan2.2-animate-mix", "singapore": "wan2.2-animate-mix"}),
        ("wan2.2-s2v-detect", {"beijing": "wan2.2-s2v-detect"}),
        ("wan2.2-s2v", {"beijing": "wan2.2-s2v"}),
        ("wanx2.1-vace-plus", {"beijing": "wanx2.1-vace-plus", "singapore": "wan2.1-vace-plus"}),
    ],
)
def test_regions(name: str, regions: dict[str, str]) -> None:
    assert dict(catalog.get(name).regions) == regions


def test_singapore_vace_id_resolves_to_the_same_entry() -> None:
    assert catalog.get("wan2.1-vace-plus").name == "wanx2.1-vace-plus"


def test_prices_and_limits() -> None:
    flash = catalog.get("wan2.6-r2v-flash")
    silent_1080 = [p.amount for p in flash.prices if p.tier == "1080P" and p.audio is False and p.region == "beijing"]
    assert silent_1080 == [0.25]
    assert flash.billing == "output-and-input-video"
    assert flash.limits.submit_rps == 5 and flash.limits.concurrent == 5
    move = catalog.get("wan2.2-animate-move")
    assert {p.tier: p.amount for p in move.prices} == {"wan-std": 0.4, "wan-pro": 0.6}
    assert {p.tier: p.amount for p in catalog.get("wan2.2-animate-mix").prices} == {"wan-std": 0.6, "wan-pro": 0.9}
    assert move.limits.concurrent == 1 and move.limits.over_limit == "queue"
    detect = catalog.get("wan2.2-s2v-detect")
    assert detect.prices[0].unit == "image" and detect.prices[0].amount == 0.004
    s2v = catalog.get("wan2.2-s2v")
    assert s2v.tier_of({"parameters": {"resolution": "720P"}}) == "720P"
    assert s2v.tier_of({}) == "480P"
    vace = catalog.get("wanx2.1-vace-plus")
    assert vace.limits.submit_rps == 2 and vace.limits.concurrent == 2
    assert {p.region: p.amount for p in vace.prices} == {"beijing": 0.70, "singapore": 0.733924}


def test_output_descriptions() -> None:
    move = catalog.get("wan2.2-animate-move")
    assert (move.result_path, move.usage_style, move.output_length, move.max_output_seconds) == (
        "output.results.video_url",
        "animate",
        "video",
        30,
    )
    s2v = catalog.get("wan2.2-s2v")
    assert (s2v.result_path, s2v.output_length, s2v.max_output_seconds, s2v.poll_hint_seconds) == (
        "output.results.video_url",
        "audio",
        20,
        10,
    )
    assert s2v.endpoint == "/services/aigc/image2video/video-synthesis"  # no trailing slash
    assert "style" not in {f.name for f in s2v.fields}
    vace = catalog.get("wanx2.1-vace-plus")
    assert (vace.usage_style, vace.output_length, vace.max_output_seconds, vace.audio) == ("wan21", "fixed", 5, "never")


# -- r2v ------------------------------------------------------------------------------------


def r2v(**kwargs: Any) -> ReferenceToVideo:
    base: dict[str, Any] = {
        "model": "wan2.6-r2v-flash",
        "prompt": "Character2 坐在靠窗的椅子上，手持 character3，在 character4 旁演奏一首舒缓的美国乡村民谣。",
        "reference_urls": [
            f"{OSS}20251216/wan-r2v-role1.mp4",
            f"{OSS}20251216/wan-r2v-role2.mp4",
            f"{OSS}20251216/wan-r2v-object4.png",
            f"{OSS}20251216/wan-r2v-backgroud5.png",
        ],
    }
    base.update(kwargs)
    return ReferenceToVideo(**base)


def test_r2v_documented_example() -> None:
    request = r2v(size="1280*720", duration=10, audio=True, shot_type="multi", watermark=True)
    assert request.body() == {
        "model": "wan2.6-r2v-flash",
        "input": {"prompt": request.prompt, "reference_urls": request.reference_urls},
        "parameters": {"size": "1280*720", "duration": 10, "audio": True, "shot_type": "multi", "watermark": True},
    }
    call = request.prepare("singapore")
    assert call.path == "/services/aigc/video-generation/video-synthesis" and call.asynchronous


def test_r2v_minimal_sends_no_defaults() -> None:
    assert r2v(model="wan2.6-r2v").body("virginia") == {
        "model": "wan2.6-r2v",
        "input": {"prompt": r2v().prompt, "reference_urls": r2v().reference_urls},
    }


@pytest.mark.parametrize(
    ("kwargs", "field", "allowed"),
    [
        ({"duration": 11}, "parameters.duration", "from 2 to 10"),
        ({"duration": 1}, "parameters.duration", "from 2 to 10"),
        ({"size": "832*480"}, "parameters.size", "1920*1080"),
        ({"size": "720P"}, "parameters.size", "1280*720"),
        ({"reference_urls": []}, "input.reference_urls", "1 to 5 items"),
        ({"reference_urls": [f"{OSS}{i}.png" for i in range(6)]}, "input.reference_urls", "1 to 5 items"),
        ({"reference_urls": ["ftp://example.com/a.png"]}, "input.reference_urls[0]", "http(s)"),
        ({"prompt": "x" * 1501}, "input.prompt", "at most 1500 characters"),
        ({"shot_type": "multi", "seed": -1}, "parameters.seed", "from 0 to 2147483647"),
    ],
)
def test_r2v_limits(kwargs: dict[str, Any], field: str, allowed: str) -> None:
    err = refuse(r2v(**kwargs))
    assert err.field == field
    assert "wan2.6-r2v-flash" in str(err) and allowed in str(err)


def test_r2v_at_most_three_videos() -> None:
    urls = [f"{OSS}v{i}.MP4?Expires=1" for i in range(3)] + [f"{OSS}v3.mov"]
    err = refuse(r2v(reference_urls=urls))
    assert err.field == "input.reference_urls"
    assert "at most 3 videos" in str(err) and "wan2.6-r2v-flash" in str(err)
    # Three videos plus two images is the documented maximum.
    assert r2v(reference_urls=[*urls[:3], f"{OSS}a.png", f"{OSS}b.webp"]).body()


def test_r2v_unknown_extensions_are_not_counted_as_videos() -> None:
    urls = [f"{OSS}v{i}.mp4" for i in range(3)] + [f"{OSS}clip", f"{OSS}x.gif"]
    assert r2v(reference_urls=urls).body()


def test_reference_classification() -> None:
    assert url_extension("https://x/a/b.MOV?x=1.png#f") == "mov"
    assert url_extension("oss://dashscope-instant/d/clip.mp4") == "mp4"
    assert url_extension("https://x/dir.v2/file") == ""
    assert reference_kind("https://x/a.jpeg") == "image"
    assert reference_kind("https://x/a.mp4") == "video"
    assert reference_kind("https://x/a.avi") is None


def test_r2v_audio_flag_is_flash_only() -> None:
    assert r2v(audio=False).body()["parameters"] == {"audio": False}
    err = refuse(r2v(model="wan2.6-r2v", audio=False))
    assert err.field.rsplit(".", 1)[-1] == "audio" and "wan2.6-r2v" in str(err)


def test_r2v_prompt_extend_is_not_offered() -> None:
    spec = catalog.get("wan2.6-r2v")
    body = {"model": "wan2.6-r2v", "input": {"prompt": "p", "reference_urls": [f"{OSS}a.png"]},
            "parameters": {"prompt_extend": False}}  # fmt: skip
    issues = validate_body(spec, body)
    assert [i.field for i in issues] == ["parameters.prompt_extend"]


def test_r2v_region_availability() -> None:
    err = refuse(r2v(), "virginia")
    assert err.field == "model"
    assert "virginia" in str(err) and "wan2.6-r2v" in err.allowed


# -- animate --------------------------------------------------------------------------------


def move(**kwargs: Any) -> AnimateMove:
    base: dict[str, Any] = {
        "model": "wan2.2-animate-move",
        "image_url": f"{OSS}20250919/adsyrp/move_input_image.jpeg",
        "video_url": f"{OSS}20250919/kaakcn/move_input_video.mp4",
    }
    base.update(kwargs)
    return AnimateMove(**base)


@pytest.mark.parametrize(
    ("builder", "name"), [(AnimateMove, "wan2.2-animate-move"), (AnimateMix, "wan2.2-animate-mix")]
)
def test_animate_documented_example(builder: type[AnimateRequest], name: str) -> None:
    request = builder(model=name, image_url=f"{OSS}in.jpeg", video_url=f"{OSS}in.mp4", watermark=True, mode="wan-std")
    expected = {
        "model": name,
        "input": {"image_url": f"{OSS}in.jpeg", "video_url": f"{OSS}in.mp4", "watermark": True},
        "parameters": {"mode": "wan-std"},
    }
    assert request.body() == expected
    assert request.body("singapore") == expected
    call = request.prepare()
    assert call.path == "/services/aigc/image2video/video-synthesis" and call.asynchronous


def test_animate_check_image_goes_to_parameters() -> None:
    body = move(mode="wan-pro", check_image=False).body()
    assert body["parameters"] == {"mode": "wan-pro", "check_image": False}
    assert "watermark" not in body.get("parameters", {})


@pytest.mark.parametrize(
    ("kwargs", "field", "allowed"),
    [
        ({}, "parameters.mode", "wan-std"),
        ({"mode": "wan-max"}, "parameters.mode", "choose wan-std or wan-pro"),
        ({"mode": "wan-std", "image_url": f"{OSS}人像.jpeg"}, "input.image_url", "non-ASCII"),
        ({"mode": "wan-std", "video_url": f"{OSS}舞蹈.mp4"}, "input.video_url", "non-ASCII"),
        ({"mode": "wan-std", "image_url": "data:image/png;base64,AAAA"}, "input.image_url", "http(s)"),
    ],
)
def test_animate_limits(kwargs: dict[str, Any], field: str, allowed: str) -> None:
    err = refuse(move(**kwargs))
    assert err.field == field
    assert "wan2.2-animate-move" in str(err) and allowed in str(err)


@pytest.mark.parametrize("builder", [AnimateRequest, AnimateMove, AnimateMix])
def test_animate_mode_field_defaults_to_unset(builder: type[AnimateRequest]) -> None:
    """`mode` is animate's documented parameters.mode, left unset unless the caller gives it."""
    assert builder.model_fields["mode"].default is None
    request = builder(model="wan2.2-animate-mix", image_url=f"{OSS}a.png", video_url=f"{OSS}a.mp4")
    assert request.mode is None and request.values() == {"image_url": f"{OSS}a.png", "video_url": f"{OSS}a.mp4"}


def test_animate_builder_lookup() -> None:
    from bot.wan.requests import builder_for

    for name in ("wan2.2-animate-move", "wan2.2-animate-mix"):
        assert issubclass(builder_for(catalog.get(name)), AnimateRequest)


def test_animate_watermark_belongs_in_input() -> None:
    spec = catalog.get("wan2.2-animate-move")
    body = {"model": spec.name, "input": {"image_url": f"{OSS}a.png", "video_url": f"{OSS}a.mp4"},
            "parameters": {"mode": "wan-std", "watermark": True}}  # fmt: skip
    assert [i.field for i in validate_body(spec, body)] == ["parameters.watermark"]
    body["input"]["watermark"] = "yes"
    del body["parameters"]["watermark"]
    issues = validate_body(spec, body)
    assert [i.field for i in issues] == ["input.watermark"] and "true or false" in str(issues[0])


def test_animate_builders_keep_to_their_family() -> None:
    err = refuse(
        AnimateMove(model="wan2.2-animate-mix", image_url=f"{OSS}a.png", video_url=f"{OSS}a.mp4", mode="wan-std")
    )
    assert err.field == "model" and "wan2.2-animate-move" in str(err)
    assert AnimateRequest(model="wan2.2-animate-mix", image_url=f"{OSS}a.png", video_url=f"{OSS}a.mp4",
                          mode="wan-pro").body()  # fmt: skip


def test_animate_not_in_virginia() -> None:
    err = refuse(move(mode="wan-std"), "virginia")
    assert err.field == "model" and "virginia" in str(err)


def test_animate_media_limits_recorded() -> None:
    spec = catalog.get("wan2.2-animate-mix")
    image, video = spec.field("image_url").media, spec.field("video_url").media
    assert (image.min_side, image.max_side, image.max_bytes, image.ascii_only) == (200, 4096, 5 * 1024 * 1024, True)
    assert (image.min_aspect, image.max_aspect) == (1 / 3, 3)
    assert video.formats == ("mp4", "avi", "mov") and (video.min_seconds, video.max_seconds) == (2, 30)
    assert (video.max_side, video.max_bytes) == (2048, 200 * 1024 * 1024)


# -- s2v ------------------------------------------------------------------------------------

IMAGE = "https://img.alicdn.com/imgextra/i3/O1CN011FObkp1T7Ttowoq4F_!!6000000002335-0-tps-1440-1797.jpg"
AUDIO = f"{OSS}20250825/iaqpio/input_audio.MP3"


def test_s2v_detect_request() -> None:
    request = SpeechToVideoDetect(model="wan2.2-s2v-detect", image_url=IMAGE)
    assert request.body("beijing") == {"model": "wan2.2-s2v-detect", "input": {"image_url": IMAGE}}
    call = request.prepare()
    assert call.path == "/services/aigc/image2video/face-detect"
    assert call.asynchronous is False
    spec = catalog.get("wan2.2-s2v-detect")
    assert spec.role is Role.DETECT and spec.detect_pass == {"check_pass": True, "humanoid": True}


def test_s2v_documented_example() -> None:
    request = SpeechToVideo(model="wan2.2-s2v", image_url=IMAGE, audio_url=AUDIO, resolution="480P")
    assert request.body() == {
        "model": "wan2.2-s2v",
        "input": {"image_url": IMAGE, "audio_url": AUDIO},
        "parameters": {"resolution": "480P"},
    }
    assert request.prepare().path == "/services/aigc/image2video/video-synthesis"


@pytest.mark.parametrize(
    ("kwargs", "field", "allowed"),
    [
        ({"resolution": "1080P"}, "parameters.resolution", "choose 480P or 720P"),
        ({"resolution": "480p"}, "parameters.resolution", "choose 480P or 720P"),
        ({"audio_url": "file:///tmp/a.mp3"}, "input.audio_url", "http(s)"),
    ],
)
def test_s2v_limits(kwargs: dict[str, Any], field: str, allowed: str) -> None:
    base: dict[str, Any] = {"model": "wan2.2-s2v", "image_url": IMAGE, "audio_url": AUDIO}
    err = refuse(SpeechToVideo(**{**base, **kwargs}))
    assert err.field == field
    assert "wan2.2-s2v" in str(err) and allowed in str(err)


def test_s2v_audio_limits_are_strict() -> None:
    audio = catalog.get("wan2.2-s2v").field("audio_url").media
    assert audio.max_seconds == 20 and audio.seconds_exclusive_max
    assert audio.max_bytes < 15 * 1024 * 1024
    assert catalog.get("wan2.2-s2v-detect").field("image_url").media.min_side == 400


def test_s2v_style_is_not_offered() -> None:
    body = {"model": "wan2.2-s2v", "input": {"image_url": IMAGE, "audio_url": AUDIO}, "parameters": {"style": "speech"}}
    issues = validate_body(catalog.get("wan2.2-s2v"), body)
    assert [i.field for i in issues] == ["parameters.style"]


@pytest.mark.parametrize(
    "request_",
    [
        SpeechToVideo(model="wan2.2-s2v", image_url=IMAGE, audio_url=AUDIO),
        SpeechToVideoDetect(model="wan2.2-s2v-detect", image_url=IMAGE),
    ],
)
def test_s2v_is_beijing_only(request_: Any) -> None:
    err = refuse(request_, "singapore")
    assert err.field == "model"
    assert "not offered in singapore" in str(err)


def test_s2v_builders_keep_to_their_role() -> None:
    err = refuse(SpeechToVideoDetect(model="wan2.2-s2v", image_url=IMAGE))
    assert err.field == "model" and "wan2.2-s2v-detect" in str(err)


# -- VACE -----------------------------------------------------------------------------------

VIDEO = f"{OSS}20250807/video_edit_2.mp4"
MASK = f"{OSS}20250807/video_edit_1_mask.png"
OUTPAINT = {"function": "video_outpainting", "video_url": VIDEO}


def vace(**kwargs: Any) -> VideoEdit:
    return VideoEdit(**{"model": "wanx2.1-vace-plus", "prompt": "a dog runs on the grass", **kwargs})


def test_vace_video_edit_documented_example() -> None:
    request = vace(
        function="video_edit",
        video_url=VIDEO,
        mask_image_url=MASK,
        mask_frame_id=1,
        prompt_extend=False,
        mask_type="tracking",
        expand_ratio=0.05,
    )
    assert request.body() == {
        "model": "wanx2.1-vace-plus",
        "input": {
            "function": "video_edit",
            "prompt": "a dog runs on the grass",
            "video_url": VIDEO,
            "mask_image_url": MASK,
            "mask_frame_id": 1,
        },
        "parameters": {"prompt_extend": False, "mask_type": "tracking", "expand_ratio": 0.05},
    }
    assert request.body("singapore")["model"] == "wan2.1-vace-plus"
    assert request.prepare().path == "/services/aigc/video-generation/video-synthesis"


def test_vace_outpainting_documented_example() -> None:
    request = vace(
        function="video_outpainting",
        video_url=VIDEO,
        prompt_extend=False,
        top_scale=1.5,
        bottom_scale=1.5,
        left_scale=1.5,
        right_scale=1.5,
    )
    assert request.body() == {
        "model": "wanx2.1-vace-plus",
        "input": {"function": "video_outpainting", "prompt": "a dog runs on the grass", "video_url": VIDEO},
        "parameters": {
            "prompt_extend": False,
            "top_scale": 1.5,
            "bottom_scale": 1.5,
            "left_scale": 1.5,
            "right_scale": 1.5,
        },
    }


def test_vace_other_functions_build() -> None:
    refs = [f"{OSS}dog.png", f"{OSS}park.png"]
    body = vace(function="image_reference", ref_images_url=refs, obj_or_bg=["obj", "bg"], size="960*960").body()
    assert body["input"]["ref_images_url"] == refs
    assert body["parameters"] == {"obj_or_bg": ["obj", "bg"], "size": "960*960"}
    assert vace(function="image_reference", ref_images_url=refs[:1]).body()  # one image may omit obj_or_bg
    body = vace(function="video_repainting", video_url=VIDEO, control_condition="depth", strength=0.5).body()
    assert body["parameters"] == {"control_condition": "depth", "strength": 0.5}
    body = vace(function="video_extension", first_clip_url=f"{OSS}clip.mp4", video_url=VIDEO,
                control_condition="posebodyface").body()  # fmt: skip
    assert body["input"]["first_clip_url"] == f"{OSS}clip.mp4"
    assert vace(function="video_extension", first_frame_url=f"{OSS}first.png").body()
    assert vace(function="video_edit", video_url=VIDEO, mask_video_url=f"{OSS}mask.mp4", control_condition="").body()


@pytest.mark.parametrize(
    ("kwargs", "field", "allowed"),
    [
        ({"function": "video_remix"}, "input.function", "video_outpainting"),
        ({**OUTPAINT, "duration": 10}, "parameters.duration", "only 5"),
        ({**OUTPAINT, "top_scale": 2.5}, "parameters.top_scale", "from 1 to 2"),
        ({**OUTPAINT, "left_scale": 0.5}, "parameters.left_scale", "from 1 to 2"),
        ({"function": "video_outpainting"}, "input.video_url", "required"),
        ({**OUTPAINT, "prompt": "x" * 801}, "input.prompt", "at most 800"),
        ({**OUTPAINT, "strength": 0.5}, "parameters.strength", "used by video_repainting"),
        ({"function": "image_reference"}, "input.ref_images_url", "required"),
        ({"function": "image_reference", "ref_images_url": [f"{OSS}{i}.png" for i in range(4)]},
         "input.ref_images_url", "1 to 3 items"),
        ({"function": "image_reference", "ref_images_url": [f"{OSS}a.png"], "size": "1920*1080"},
         "parameters.size", "1280*720"),
        ({"function": "image_reference", "ref_images_url": [f"{OSS}a.png", f"{OSS}b.png"]},
         "parameters.obj_or_bg", "one obj or bg per image"),
        ({"function": "image_reference", "ref_images_url": [f"{OSS}a.png", f"{OSS}b.png"], "obj_or_bg": ["obj"]},
         "parameters.obj_or_bg", "one obj or bg per reference image"),
        ({"function": "image_reference", "ref_images_url": [f"{OSS}a.png", f"{OSS}b.png"], "obj_or_bg": ["bg", "bg"]},
         "parameters.obj_or_bg", "at most one bg"),
        ({"function": "image_reference", "ref_images_url": [f"{OSS}a.png"], "obj_or_bg": ["subject"]},
         "parameters.obj_or_bg", "obj or bg"),
        ({"function": "video_repainting", "video_url": VIDEO}, "parameters.control_condition", "required"),
        ({"function": "video_repainting", "video_url": VIDEO, "control_condition": "canny"},
         "parameters.control_condition", "scribble"),
        ({"function": "video_repainting", "video_url": VIDEO, "control_condition": "depth", "strength": 1.5},
         "parameters.strength", "from 0 to 1"),
        ({"function": "video_repainting", "video_url": VIDEO, "control_condition": "depth",
          "ref_images_url": [f"{OSS}a.png", f"{OSS}b.png"]}, "input.ref_images_url", "exactly 1 items"),
        ({"function": "video_edit", "video_url": VIDEO}, "input.mask_image_url", "mask_video_url"),
        ({"function": "video_edit", "video_url": VIDEO, "mask_image_url": MASK, "mask_video_url": f"{OSS}m.mp4"},
         "input.mask_video_url", "only one mask"),
        ({"function": "video_edit", "video_url": VIDEO, "mask_video_url": f"{OSS}m.mp4", "mask_frame_id": 3},
         "input.mask_frame_id", "only with mask_image_url"),
        ({"function": "video_edit", "video_url": VIDEO, "mask_image_url": MASK, "mask_frame_id": 0},
         "input.mask_frame_id", "at least 1"),
        ({"function": "video_edit", "video_url": VIDEO, "mask_image_url": MASK, "control_condition": "scribble"},
         "parameters.control_condition", "posebodyface"),
        ({"function": "video_edit", "video_url": VIDEO, "mask_image_url": MASK, "mask_type": "fixed",
          "expand_ratio": 0.1}, "parameters.expand_ratio", "only with mask_type tracking"),
        ({"function": "video_edit", "video_url": VIDEO, "mask_image_url": MASK, "expand_mode": "circle"},
         "parameters.expand_mode", "hull"),
        ({"function": "video_edit", "video_url": f"{OSS}编辑.mp4", "mask_image_url": MASK},
         "input.video_url", "non-ASCII"),
        ({"function": "video_extension"}, "input.first_clip_url", "at least one of"),
        ({"function": "video_extension", "video_url": VIDEO}, "parameters.control_condition", "posebodyface or depth"),
        ({"function": "video_extension", "video_url": VIDEO, "control_condition": "posebody"},
         "parameters.control_condition", "choose posebodyface or depth"),
    ],
)  # fmt: skip
def test_vace_limits(kwargs: dict[str, Any], field: str, allowed: str) -> None:
    err = refuse(vace(**kwargs))
    assert err.field == field
    assert "wanx2.1-vace-plus" in str(err) and allowed in str(err)


def test_vace_mode_fields_are_per_function() -> None:
    spec = catalog.get("wanx2.1-vace-plus")
    assert spec.mode_field == "input.function"
    assert set(spec.modes) == set(spec.field("function").choices)
    assert spec.field("control_condition", "video_edit").choices == ("", "posebodyface", "depth")
    assert spec.field("control_condition", "video_extension").required is False
    assert spec.field("control_condition", "video_repainting").required is True
    assert spec.field("control_condition") is None  # not a common field


def test_vace_not_in_virginia() -> None:
    err = refuse(vace(function="video_outpainting", video_url=VIDEO), "virginia")
    assert err.field == "model" and "virginia" in str(err)


def test_every_builder_covers_its_catalog_fields() -> None:
    """A catalog field without a builder attribute could never be sent."""
    builders = {
        Family.R2V: ReferenceToVideo,
        Family.ANIMATE_MOVE: AnimateMove,
        Family.ANIMATE_MIX: AnimateMix,
        Family.VACE: VideoEdit,
    }
    for name in MINE:
        spec = catalog.get(name)
        cls = (SpeechToVideoDetect if spec.role is Role.DETECT else SpeechToVideo) if spec.family is Family.S2V \
            else builders[spec.family]  # fmt: skip
        names = {f.name for f in spec.fields} | {f.name for fs in spec.modes.values() for f in fs}
        attrs = {f.alias or n for n, f in cls.model_fields.items()}
        assert names <= attrs, (name, names - attrs)
