"""Portrait-model catalog entries and builders against spec 04 §2-§9."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.wan import catalog
from bot.wan.catalog import emoji, style
from bot.wan.catalog.types import Family, Role
from bot.wan.requests.base import WanRequest
from bot.wan.requests.portrait import (
    AnimateAnyoneDetect,
    AnimateAnyoneTemplate,
    AnimateAnyoneVideo,
    EmoDetect,
    EmojiDetect,
    EmojiVideo,
    EmoVideo,
    LivePortraitDetect,
    LivePortraitVideo,
    VideoRetalk,
    VideoStyleTransform,
)
from bot.wan.validation import InvalidRequest

DOC = "https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN"
AA_IMAGE = f"{DOC}/20251224/pkswoc/p883941.png"
AA_VIDEO = f"{DOC}/20241210/cwjmsz/1.mp4"
EMO_IMAGE = f"{DOC}/20251225/onmomb/emo.png"
EMO_AUDIO = f"{DOC}/20250825/aejgyj/input_audio.mp3"
LP_IMAGE = f"{DOC}/20250911/ynhjrg/p874909.png"
LP_AUDIO = f"{DOC}/20251226/fwnqyq/liveportrait_boy.mp3"
VR_VIDEO = f"{DOC}/20250717/pvegot/input_video_01.mp4"
VR_AUDIO = f"{DOC}/20250717/aumwir/stella2-%E6%9C%89%E5%A3%B0%E4%B9%A67.wav"
EMOJI_IMAGE = f"{DOC}/20250912/uopnly/emoji-%E5%9B%BE%E5%83%8F%E6%A3%80%E6%B5%8B.png"
STYLE_VIDEO = f"{DOC}/20250704/viwndw/%E5%8E%9F%E8%A7%86%E9%A2%91.mp4"
EMO_FACE, EMO_EXT = [302, 286, 610, 593], [71, 9, 840, 778]
EMOJI_FACE, EMOJI_EXT = [212, 194, 460, 441], [63, 30, 609, 575]

PORTRAIT_MODELS = {
    "animate-anyone-detect-gen2": (Family.ANIMATE_ANYONE, Role.DETECT, "/services/aigc/image2video/aa-detect"),
    "animate-anyone-template-gen2": (
        Family.ANIMATE_ANYONE,
        Role.TEMPLATE,
        "/services/aigc/image2video/aa-template-generation/",
    ),
    "animate-anyone-gen2": (Family.ANIMATE_ANYONE, Role.GENERATE, "/services/aigc/image2video/video-synthesis/"),
    "emo-detect-v1": (Family.EMO, Role.DETECT, "/services/aigc/image2video/face-detect"),
    "emo-v1": (Family.EMO, Role.GENERATE, "/services/aigc/image2video/video-synthesis"),
    "liveportrait-detect": (Family.LIVEPORTRAIT, Role.DETECT, "/services/aigc/image2video/face-detect"),
    "liveportrait": (Family.LIVEPORTRAIT, Role.GENERATE, "/services/aigc/image2video/video-synthesis/"),
    "videoretalk": (Family.VIDEORETALK, Role.GENERATE, "/services/aigc/image2video/video-synthesis/"),
    "emoji-detect-v1": (Family.EMOJI, Role.DETECT, "/services/aigc/image2video/face-detect"),
    "emoji-v1": (Family.EMOJI, Role.GENERATE, "/services/aigc/image2video/video-synthesis"),
    "video-style-transform": (Family.STYLE, Role.GENERATE, "/services/aigc/video-generation/video-synthesis"),
}


def aa_video(**kw: Any) -> AnimateAnyoneVideo:
    return AnimateAnyoneVideo(**{"image_url": AA_IMAGE, "template_id": "AACT.xxx.xxx-xxx.xxx", **kw})


def emo_video(**kw: Any) -> EmoVideo:
    return EmoVideo(
        **{"image_url": EMO_IMAGE, "audio_url": EMO_AUDIO, "face_bbox": EMO_FACE, "ext_bbox": EMO_EXT, **kw}
    )


def lp_video(**kw: Any) -> LivePortraitVideo:
    return LivePortraitVideo(**{"image_url": LP_IMAGE, "audio_url": LP_AUDIO, **kw})


def retalk(**kw: Any) -> VideoRetalk:
    return VideoRetalk(**{"video_url": VR_VIDEO, "audio_url": VR_AUDIO, **kw})


def emoji_video(**kw: Any) -> EmojiVideo:
    args = {"image_url": EMOJI_IMAGE, "driven_id": "mengwa_kaixin", "face_bbox": EMOJI_FACE, "ext_bbox": EMOJI_EXT}
    return EmojiVideo(**{**args, **kw})


def restyle(**kw: Any) -> VideoStyleTransform:
    return VideoStyleTransform(**{"video_url": STYLE_VIDEO, **kw})


# The documented example bodies (spec 04 §2.4-§7.2), each with the builder that should emit it.
EXAMPLES: list[tuple[Callable[[], WanRequest], dict[str, Any]]] = [
    (
        lambda: AnimateAnyoneDetect(image_url=AA_IMAGE),
        {"model": "animate-anyone-detect-gen2", "input": {"image_url": AA_IMAGE}},
    ),
    (
        lambda: AnimateAnyoneTemplate(video_url=AA_VIDEO),
        {"model": "animate-anyone-template-gen2", "input": {"video_url": AA_VIDEO}},
    ),
    (
        lambda: aa_video(use_ref_img_bg=False, video_ratio="9:16"),
        {
            "model": "animate-anyone-gen2",
            "input": {"image_url": AA_IMAGE, "template_id": "AACT.xxx.xxx-xxx.xxx"},
            "parameters": {"use_ref_img_bg": False, "video_ratio": "9:16"},
        },
    ),
    (
        lambda: EmoDetect(image_url=EMO_IMAGE, ratio="1:1"),
        {"model": "emo-detect-v1", "input": {"image_url": EMO_IMAGE}, "parameters": {"ratio": "1:1"}},
    ),
    (
        lambda: emo_video(style_level="normal"),
        {
            "model": "emo-v1",
            "input": {"image_url": EMO_IMAGE, "audio_url": EMO_AUDIO, "face_bbox": EMO_FACE, "ext_bbox": EMO_EXT},
            "parameters": {"style_level": "normal"},
        },
    ),
    (
        lambda: LivePortraitDetect(image_url=LP_IMAGE),
        {"model": "liveportrait-detect", "input": {"image_url": LP_IMAGE}},
    ),
    (
        lambda: lp_video(
            template_id="normal",
            eye_move_freq=0.5,
            video_fps=30,
            mouth_move_strength=1,
            paste_back=True,
            head_move_strength=0.7,
        ),
        {
            "model": "liveportrait",
            "input": {"image_url": LP_IMAGE, "audio_url": LP_AUDIO},
            "parameters": {
                "template_id": "normal",
                "eye_move_freq": 0.5,
                "video_fps": 30,
                "mouth_move_strength": 1,
                "paste_back": True,
                "head_move_strength": 0.7,
            },
        },
    ),
    (
        # The example's `"ref_image_url": ""` means "no reference" and is not sent.
        lambda: retalk(ref_image_url="", video_extension=False),
        {
            "model": "videoretalk",
            "input": {"video_url": VR_VIDEO, "audio_url": VR_AUDIO},
            "parameters": {"video_extension": False},
        },
    ),
    (
        lambda: EmojiDetect(image_url=EMOJI_IMAGE),
        {"model": "emoji-detect-v1", "input": {"image_url": EMOJI_IMAGE}, "parameters": {"ratio": "1:1"}},
    ),
    (
        emoji_video,
        {
            "model": "emoji-v1",
            "input": {
                "image_url": EMOJI_IMAGE,
                "driven_id": "mengwa_kaixin",
                "face_bbox": EMOJI_FACE,
                "ext_bbox": EMOJI_EXT,
            },
        },
    ),
    (
        lambda: restyle(style=0, video_fps=15),
        {
            "model": "video-style-transform",
            "input": {"video_url": STYLE_VIDEO},
            "parameters": {"style": 0, "video_fps": 15},
        },
    ),
]
EXAMPLE_IDS = [body["model"] for _, body in EXAMPLES]


def test_catalog_lists_every_portrait_model() -> None:
    for name, (family, role, endpoint) in PORTRAIT_MODELS.items():
        spec = catalog.get(name)
        assert (spec.family, spec.role, spec.endpoint) == (family, role, endpoint)
        assert dict(spec.regions) == {"beijing": name}
        assert spec.sync is (role is Role.DETECT)
        assert spec.notes, f"{name} should record its decisions"
    assert {m.name for m in catalog.by_family(Family.ANIMATE_ANYONE)} == {
        "animate-anyone-detect-gen2",
        "animate-anyone-template-gen2",
        "animate-anyone-gen2",
    }
    assert not catalog.in_region("singapore", [catalog.get(n) for n in PORTRAIT_MODELS])


@pytest.mark.parametrize(("make", "expected"), EXAMPLES, ids=EXAMPLE_IDS)
def test_builder_emits_documented_example(make: Callable[[], WanRequest], expected: dict[str, Any]) -> None:
    request = make()
    assert request.body() == expected
    assert request.body("beijing") == expected
    call = request.prepare("beijing")
    spec = catalog.get(expected["model"])
    assert call.path == spec.endpoint
    assert call.asynchronous is not spec.sync
    assert call.oss_resolve is False


@pytest.mark.parametrize("region", ["singapore", "virginia"])
@pytest.mark.parametrize("make", [m for m, _ in EXAMPLES], ids=EXAMPLE_IDS)
def test_not_offered_outside_beijing(make: Callable[[], WanRequest], region: str) -> None:
    request = make()
    with pytest.raises(InvalidRequest) as err:
        request.body(region)  # type: ignore[arg-type]
    assert err.value.field == "model"
    assert region in str(err.value)
    assert request.model in str(err.value)


INVALID: list[tuple[str, Callable[[], WanRequest], str, str]] = [
    # (id, request, field path, words of what is allowed)
    ("aa-detect-oss", lambda: AnimateAnyoneDetect(image_url="oss://bucket/a.png"), "input.image_url", "http(s)"),
    ("aa-template-local", lambda: AnimateAnyoneTemplate(video_url="/tmp/dance.mp4"), "input.video_url", "http(s)"),
    (
        "aa-ratio-choice",
        lambda: aa_video(use_ref_img_bg=True, video_ratio="1:1"),
        "parameters.video_ratio",
        "9:16 or 3:4",
    ),
    ("aa-ratio-no-bg", lambda: aa_video(video_ratio="3:4"), "parameters.video_ratio", "use_ref_img_bg true"),
    ("aa-template-empty", lambda: aa_video(template_id=" "), "input.template_id", "non-empty"),
    ("emo-detect-ratio", lambda: EmoDetect(image_url=EMO_IMAGE, ratio="16:9"), "parameters.ratio", "1:1 or 3:4"),
    ("emo-style", lambda: emo_video(style_level="wild"), "parameters.style_level", "normal, calm or active"),
    ("emo-face-3", lambda: emo_video(face_bbox=[302, 286, 610]), "input.face_bbox", "exactly 4 items"),
    ("emo-ext-5", lambda: emo_video(ext_bbox=[*EMO_EXT, 1]), "input.ext_bbox", "exactly 4 items"),
    ("emo-swapped", lambda: emo_video(face_bbox=[610, 593, 302, 286]), "input.face_bbox", "x1 < x2"),
    ("emo-negative", lambda: emo_video(ext_bbox=[-1, 9, 768, 778]), "input.ext_bbox", "0 <= x1"),
    ("emo-aspect", lambda: emo_video(ext_bbox=[0, 0, 1600, 900]), "input.ext_bbox", "1:1 or 3:4"),
    ("emo-xywh", lambda: emo_video(ext_bbox=[71, 9, 769, 769]), "input.ext_bbox", "1:1 or 3:4"),
    ("emo-audio-data", lambda: emo_video(audio_url="data:audio/mp3;base64,AAAA"), "input.audio_url", "http(s)"),
    ("lp-eye", lambda: lp_video(eye_move_freq=1.5), "parameters.eye_move_freq", "from 0 to 1"),
    ("lp-fps-high", lambda: lp_video(video_fps=60), "parameters.video_fps", "from 15 to 30"),
    ("lp-fps-low", lambda: lp_video(video_fps=14), "parameters.video_fps", "from 15 to 30"),
    ("lp-mouth", lambda: lp_video(mouth_move_strength=1.6), "parameters.mouth_move_strength", "from 0 to 1.5"),
    ("lp-head", lambda: lp_video(head_move_strength=-0.1), "parameters.head_move_strength", "from 0 to 1"),
    ("lp-template", lambda: lp_video(template_id="happy"), "parameters.template_id", "normal, calm or active"),
    ("vr-video-oss", lambda: retalk(video_url="oss://bucket/v.mp4"), "input.video_url", "http(s)"),
    ("vr-ref-ftp", lambda: retalk(ref_image_url="ftp://host/face.png"), "input.ref_image_url", "http(s)"),
    ("emoji-detect-ratio", lambda: EmojiDetect(image_url=EMOJI_IMAGE, ratio="3:4"), "parameters.ratio", "only 1:1"),
    ("emoji-driven", lambda: emoji_video(driven_id="mengwa_cry"), "input.driven_id", "mengwa_kaixin"),
    ("emoji-aspect", lambda: emoji_video(ext_bbox=[63, 30, 609, 440]), "input.ext_bbox", "1:1"),
    ("emoji-face-2", lambda: emoji_video(face_bbox=[212, 194]), "input.face_bbox", "exactly 4 items"),
    ("style-8", lambda: restyle(style=8), "parameters.style", "0, 1, 2, 3, 4, 5, 6 or 7"),
    ("style-fps", lambda: restyle(video_fps=30), "parameters.video_fps", "from 15 to 25"),
    ("style-min-len", lambda: restyle(min_len=1080), "parameters.min_len", "720 or 540"),
    (
        "style-non-ascii",
        lambda: restyle(video_url="https://example.com/原视频.mp4"),
        "input.video_url",
        "percent-encode",
    ),
]


@pytest.mark.parametrize(("make", "field", "allowed"), [i[1:] for i in INVALID], ids=[i[0] for i in INVALID])
def test_documented_limits_refused(make: Callable[[], WanRequest], field: str, allowed: str) -> None:
    request = make()
    with pytest.raises(InvalidRequest) as err:
        request.body("beijing")
    assert err.value.field == field
    assert request.model in str(err.value)
    assert allowed in str(err.value)


def test_builders_refuse_models_of_another_role() -> None:
    with pytest.raises(InvalidRequest) as err:
        AnimateAnyoneDetect(model="animate-anyone-gen2", image_url=AA_IMAGE).body()
    assert err.value.field == "model"
    assert "animate-anyone-detect-gen2" in str(err.value)
    with pytest.raises(InvalidRequest) as err:
        EmoVideo(
            model="emo-detect-v1", image_url=EMO_IMAGE, audio_url=EMO_AUDIO, face_bbox=EMO_FACE, ext_bbox=EMO_EXT
        ).body()
    assert err.value.field == "model"
    with pytest.raises(InvalidRequest) as err:
        LivePortraitDetect(model="liveportrait-deploy-xyz", image_url=LP_IMAGE).body()
    assert err.value.field == "model"


def test_aa_ratio_with_image_background() -> None:
    body = aa_video(use_ref_img_bg=True, video_ratio="3:4").body("beijing")
    assert body["parameters"] == {"use_ref_img_bg": True, "video_ratio": "3:4"}


def test_emo_three_four_box_and_boxes_from_detection() -> None:
    spec = catalog.get("emo-detect-v1")
    request = EmoVideo.from_detection(spec.detect_pass, image_url=EMO_IMAGE, audio_url=EMO_AUDIO)
    assert request.body()["input"]["ext_bbox"] == EMO_EXT
    assert emo_video(ext_bbox=[0, 0, 512, 704]).body()["input"]["ext_bbox"] == [0, 0, 512, 704]
    with pytest.raises(InvalidRequest) as err:
        EmoVideo.from_detection(spec.detect_fail, image_url=EMO_IMAGE, audio_url=EMO_AUDIO)
    assert err.value.field == "input.face_bbox"


def test_emoji_boxes_renamed_from_detection() -> None:
    spec = catalog.get("emoji-detect-v1")
    assert set(spec.detect_pass) == {"bbox_face", "ext_bbox_face"}
    body = EmojiVideo.from_detection(spec.detect_pass, image_url=EMOJI_IMAGE, driven_id="jingdian_xianqi").body()
    assert body["input"]["face_bbox"] == EMOJI_FACE
    assert body["input"]["ext_bbox"] == EMOJI_EXT
    assert "parameters" not in body
    with pytest.raises(InvalidRequest) as err:
        EmojiVideo.from_detection(spec.detect_fail, image_url=EMOJI_IMAGE, driven_id="jingdian_xianqi")
    assert err.value.field == "input.face_bbox"


def test_detect_response_shapes() -> None:
    aa = catalog.get("animate-anyone-detect-gen2")
    assert aa.detect_pass == {"bodystyle": "full", "check_pass": True}
    assert aa.detect_fail["check_pass"] is False and aa.detect_fail["reason"]
    emo_detect = catalog.get("emo-detect-v1")
    assert emo_detect.detect_pass == {"check_pass": True, "face_bbox": EMO_FACE, "ext_bbox": EMO_EXT}
    lp = catalog.get("liveportrait-detect")
    assert lp.detect_pass == {"pass": True, "message": ""}
    assert lp.detect_fail == {"pass": False, "message": "No human face detected."}
    assert lp.result_path == "output.pass"
    for name in ("animate-anyone-detect-gen2", "emo-detect-v1", "liveportrait-detect", "emoji-detect-v1"):
        spec = catalog.get(name)
        assert spec.billing == "per-image" and spec.usage_style == "detect" and spec.output_length == "none"


def test_states_and_results_per_model() -> None:
    expect = {
        "animate-anyone-template-gen2": ("output.template_id", {"UNKNOWN"}, {"PRE-PROCESSING", "CANCELED"}),
        "animate-anyone-gen2": ("output.video_url", {"PRE-PROCESSING", "POST-PROCESSING"}, {"CANCELED"}),
        "emo-v1": ("output.results.video_url", {"CANCELED"}, {"PRE-PROCESSING"}),
        "liveportrait": ("output.results.video_url", {"RUNNING"}, {"CANCELED", "PRE-PROCESSING"}),
        "videoretalk": ("output.video_url", {"PRE-PROCESSING", "POST-PROCESSING"}, {"CANCELED"}),
        "emoji-v1": ("output.video_url", {"CANCELED"}, {"SUSPENDED"}),
        "video-style-transform": ("output.output_video_url", {"SUSPENDED"}, {"CANCELED"}),
    }
    for name, (result, present, absent) in expect.items():
        spec = catalog.get(name)
        assert spec.result_path == result
        assert present <= spec.states and not absent & spec.states, name


def test_prices_and_limits() -> None:
    emo_v1 = catalog.get("emo-v1")
    assert {p.tier: p.amount for p in emo_v1.prices} == {"1:1": 0.08, "3:4": 0.16}
    restyled = catalog.get("video-style-transform")
    assert {p.tier: p.amount for p in restyled.prices} == {"720P": 0.5, "540P": 0.2}
    assert restyled.tier_of({"parameters": {"min_len": 540}}) == "540P"  # min_len sets the tier
    assert restyled.tier_of({}) == "720P"  # default min_len
    assert catalog.get("liveportrait").prices[0].amount == 0.02
    assert catalog.get("videoretalk").limits.submit_rps == 1
    assert catalog.get("videoretalk").limits.over_limit == "queue"
    for name in ("animate-anyone-detect-gen2", "emo-detect-v1", "liveportrait-detect"):
        (price,) = catalog.get(name).prices
        assert (price.amount, price.unit) == (0.004, "image")
    assert catalog.get("emoji-v1").prices == () and catalog.get("emoji-detect-v1").prices == ()


def test_emoji_templates_and_styles_are_the_choices() -> None:
    assert len(emoji.DRIVEN_TEMPLATES) == 20
    ids = [t.driven_id for t in emoji.DRIVEN_TEMPLATES]
    assert len(set(ids)) == 20
    field = catalog.get("emoji-v1").field("driven_id")
    assert field is not None and field.choices == tuple(ids)
    assert all(t.name_zh and t.name_en for t in emoji.DRIVEN_TEMPLATES)
    assert emoji.DRIVEN_BY_ID["jingdian_xianqi"].name_zh.endswith("嫌弃")
    style_field = catalog.get("video-style-transform").field("style")
    assert style_field is not None and style_field.choices == tuple(range(8))
    assert set(style.STYLES) == set(range(8))
    assert style.STYLES[7] == ("国风水墨", "Chinese ink wash")
