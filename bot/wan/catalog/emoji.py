"""Emoji (表情包): portrait -> short meme clip from one of 20 preset expression templates.

Spec 04 §6 (calls, templates), §1.5-1.6 (states, result fields), §9 (prices: not given).
Beijing only. The detector names its boxes bbox_face / ext_bbox_face; the video call
takes them as face_bbox / ext_bbox.
"""

from __future__ import annotations

from .common import MB, image_url
from .emo import bbox
from .types import (
    DrivenTemplate,
    Family,
    Field,
    Kind,
    MediaKind,
    MediaLimits,
    ModelSpec,
    RateLimit,
    Role,
    UrlScheme,
)

DETECT = "emoji-detect-v1"
GENERATE = "emoji-v1"
# Detect response key -> emoji-v1 input key (§6.2).
DETECT_TO_INPUT = {"bbox_face": "face_bbox", "ext_bbox_face": "ext_bbox"}

HTTP_ONLY = (UrlScheme.HTTP,)
URL_NOTE = (
    "Media: public HTTP/HTTPS links only per the pages; oss:// temporary uploads are UNCERTAIN here, "
    "so only http(s) URLs are accepted."
)
PRICE_NOTE = (
    "Prices, free quota and rate limits are not in spec 04 (the page defers to the model price and "
    "rate-limit lists): prices=() and RateLimit() until a source gives them."
)

EMOJI_IMAGE = MediaLimits(
    kind=MediaKind.IMAGE,
    formats=("jpeg", "jpg", "png", "bmp", "webp"),
    min_side=400,
    max_side=7000,
    max_bytes=10 * MB,
    schemes=HTTP_ONLY,
    note="One frontal face, no hands near it, natural expression, head upright.",
)

# §6.4, in the source's order. Only mengwa_kaixin (开心) and jingdian_xianqi (嫌弃) are
# confirmed by the page; the other Chinese names are read from the pinyin.
DRIVEN_TEMPLATES: tuple[DrivenTemplate, ...] = (
    DrivenTemplate("mengwa_kaixin", "萌娃·开心", "Cute kid: happy"),
    DrivenTemplate("mengwa_dengyan", "萌娃·瞪眼", "Cute kid: wide-eyed glare"),
    DrivenTemplate("mengwa_gandong", "萌娃·感动", "Cute kid: touched"),
    DrivenTemplate("mengwa_renzhen_1", "萌娃·认真", "Cute kid: serious"),
    DrivenTemplate("mengwa_jidong", "萌娃·激动", "Cute kid: excited"),
    DrivenTemplate("mengwa_kun_1", "萌娃·困", "Cute kid: sleepy"),
    DrivenTemplate("mengwa_jiaoxie", "萌娃·娇羞", "Cute kid: shy"),
    DrivenTemplate("dagong_zhuakuang", "打工·抓狂", "Office worker: going crazy"),
    DrivenTemplate("dagong_wunai", "打工·无奈", "Office worker: helpless"),
    DrivenTemplate("dagong_weixiao", "打工·微笑", "Office worker: smile"),
    DrivenTemplate("dagong_ganji", "打工·感激", "Office worker: grateful"),
    DrivenTemplate("dagong_kaixin", "打工·开心", "Office worker: happy"),
    DrivenTemplate("dagong_yangwang", "打工·仰望", "Office worker: gazing upward"),
    DrivenTemplate("dagong_kunhuo", "打工·困惑", "Office worker: confused"),
    DrivenTemplate("jingdian_tiaopi", "经典·调皮", "Classic: cheeky"),
    DrivenTemplate("jingdian_deyi_1", "经典·得意", "Classic: smug"),
    DrivenTemplate("jingdian_qidai", "经典·期待", "Classic: expectant"),
    DrivenTemplate("jingdian_landuo_1", "经典·懒惰", "Classic: lazy"),
    DrivenTemplate("jingdian_xianqi", "经典·嫌弃", "Classic: disdain"),
    DrivenTemplate("jingdian_lei", "经典·累", "Classic: tired"),
)
DRIVEN_IDS: tuple[str, ...] = tuple(t.driven_id for t in DRIVEN_TEMPLATES)
DRIVEN_BY_ID: dict[str, DrivenTemplate] = {t.driven_id: t for t in DRIVEN_TEMPLATES}

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name=DETECT,
        family=Family.EMOJI,
        role=Role.DETECT,
        title="Emoji portrait check; returns the face and expression boxes",
        endpoint="/services/aigc/image2video/face-detect",
        regions={"beijing": DETECT},
        fields=(
            image_url("input.image_url", EMOJI_IMAGE, doc="Frontal portrait to check"),
            Field(
                "parameters.ratio",
                Kind.CHOICE,
                required=True,
                choices=("1:1",),
                default="1:1",
                doc="Always 1:1 for Emoji",
            ),
        ),
        result_path="output.bbox_face",
        sync=True,
        free_quota="",
        limits=RateLimit(),
        billing="per-image",
        usage_style="detect",
        output_length="none",
        detect_pass={"bbox_face": [212, 194, 460, 441], "ext_bbox_face": [63, 30, 609, 575]},
        detect_fail={"code": "", "message": ""},
        typical_seconds=(1, 10),
        notes=(
            "Billed per image even when the check rejects the image (the model ran the full detection); "
            "only a failed request (error) is free.",
            "There is no boolean verdict: the check passed when output.bbox_face is present.",
            "Rejections carry code and message; the field table nests them under output, the digest marks "
            "top-level as possible (UNCERTAIN). detect_fail follows the table; no values are documented, so "
            "they are empty like the face-detect fail sample of wan2.2-s2v-detect in the same source.",
            "Box keys differ from emoji-v1's: bbox_face -> face_bbox, ext_bbox_face -> ext_bbox.",
            "parameters.ratio is required and fixed to '1:1'; the builder always sends it.",
            PRICE_NOTE,
            URL_NOTE,
        ),
    ),
    ModelSpec(
        name=GENERATE,
        family=Family.EMOJI,
        role=Role.GENERATE,
        title="Emoji meme clip from a portrait and a preset expression template",
        endpoint="/services/aigc/image2video/video-synthesis",
        regions={"beijing": GENERATE},
        fields=(
            image_url("input.image_url", EMOJI_IMAGE, doc="Portrait that passed emoji-detect-v1"),
            bbox("input.face_bbox", "Face box = emoji-detect-v1 output.bbox_face"),
            bbox("input.ext_bbox", "Square expression box = emoji-detect-v1 output.ext_bbox_face"),
            Field("input.driven_id", Kind.CHOICE, required=True, choices=DRIVEN_IDS, doc="Expression template"),
        ),
        rules=("portrait_bbox_corners", "emoji_ext_bbox_square"),
        result_path="output.video_url",
        states=frozenset({"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"}),
        audio="never",
        free_quota="",
        limits=RateLimit(),
        usage_style="emoji",
        output_length="fixed",
        max_output_seconds=None,
        typical_seconds=(60, 300),
        notes=(
            "No parameters object is documented; none is sent.",
            "Output length is set by the template and not documented (the example lasts 2 s; "
            "usage.video_duration is an integer): max_output_seconds stays None.",
            "Output is a 1:1 MP4 (H.264) of the person only, without stickers or text; no audio is documented.",
            "ext_bbox is 'roughly 1:1': checked with a 5% tolerance (rule emoji_ext_bbox_square).",
            "Chinese template names other than 开心 / 嫌弃 are read from the pinyin (UNCERTAIN): mengwa_jiaoxie "
            "may not be 娇羞 (shy), jingdian_lei may be 累 (tired) or 泪 (tears).",
            PRICE_NOTE,
            URL_NOTE,
        ),
    ),
)
