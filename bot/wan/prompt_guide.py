"""Prompt help for members who are not prompt engineers (spec 04 §10, the Wan production guide).

The guide's formula is Subject + Scene + Motion, and every one of its cinematic examples opens
with a comma-separated run of camera and light keywords before the scene. `compose()` does
exactly that with the keywords a member picked, in the guide's own Chinese wording for Chinese
locales and in its English glosses otherwise (the guide states English prompts are accepted).
Indonesian has no documented keyword list, so Indonesian members get the English keywords.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CATEGORIES", "Term", "choices", "compose", "term"]


@dataclass(frozen=True)
class Term:
    key: str
    en: str
    zh: str  # as the guide writes it (simplified Chinese)


def _terms(*rows: tuple[str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


CATEGORIES: dict[str, tuple[Term, ...]] = {
    # §10.8 Shot size (景别)
    "shot_size": _terms(
        ("close-up", "close-up", "特写"),
        ("close", "close shot", "近景"),
        ("medium-close", "medium close-up", "中近景"),
        ("medium", "medium shot", "中景"),
        ("medium-full", "medium-full shot", "中全景"),
        ("full", "full shot", "全景"),
        ("long", "long shot", "远景"),
        ("extreme-wide", "extreme wide shot", "极端全景"),
        ("aerial", "aerial shot", "航拍"),
        ("over-shoulder", "over-the-shoulder shot", "过肩镜头角度拍摄"),
        ("low-angle", "low-angle shot", "低角度拍摄"),
        ("high-angle", "high-angle shot", "高角度拍摄"),
        ("establishing", "establishing shot", "定场镜头"),
    ),
    # §10.8 Camera movement (运镜)
    "camera": _terms(
        ("static", "static camera, no obvious camera movement", "固定的视角，没有明显的摄像机移动"),
        ("push-in", "the camera slowly pushes in", "镜头缓缓推进"),
        ("pull-back", "the camera pulls back", "镜头拉远"),
        ("left", "the camera moves left", "镜头向左移动"),
        ("right", "the camera moves right", "镜头向右移动"),
        ("tilt-up", "the camera tilts up", "镜头上摇"),
        ("tilt-down", "the camera tilts down", "镜头下摇"),
        ("crane-up", "the camera moves up", "镜头向上移动"),
        ("tracking", "lateral tracking shot", "横向跟随"),
        ("follow", "follow-cam", "跟随视角拍摄"),
        ("orbit", "orbit camera move", "环绕运镜"),
        ("fly-through", "drone shot, fast fly-through", "无人机镜头，快速穿越"),
        ("handheld", "handheld camera", "手持拍摄"),
    ),
    # §10.5 / §10.8 Light source, light type, time of day
    "lighting": _terms(
        ("daylight", "daylight", "日光"),
        ("sunny", "sunny light", "晴天光"),
        ("overcast", "overcast light", "阴天光"),
        ("firelight", "firelight", "火光"),
        ("neon", "neon light", "霓虹灯"),
        ("soft", "soft light", "柔光"),
        ("hard", "hard light", "硬光"),
        ("side", "side light", "侧光"),
        ("rim", "rim light", "边缘光"),
        ("backlight", "backlight, silhouette", "逆光，剪影"),
        ("sunset", "sunset, warm tones", "日落，暖色调"),
        ("golden-hour", "golden hour", "黄金时刻"),
        ("dawn", "dawn, cool tones", "黎明，冷色调"),
        ("night", "night, practical light", "夜晚，实用光"),
        ("high-contrast", "high contrast", "高对比度"),
        ("low-saturation", "low saturation", "低饱和度"),
    ),
    # §10.7 / §10.8 Video styles
    "style": _terms(
        ("cinematic", "widescreen cinematic shot", "宽幅电影镜头"),
        ("documentary", "documentary style", "纪实摄影风格"),
        ("3d-cartoon", "3D cartoon style", "3D卡通风格"),
        ("felt", "felt style", "毛毡风格"),
        ("clay", "clay style", "黏土风格"),
        ("pixel", "pixel style", "像素风格"),
        ("8-bit", "8-bit pixel style", "8-bit像素风格"),
        ("puppet", "puppet animation", "木偶动画"),
        ("stop-motion", "stop-motion animation", "定格动画"),
        ("bw-cartoon", "retro black-and-white cartoon", "黑白动画"),
        ("steampunk", "steampunk style", "蒸汽朋克风格"),
        ("vhs", "VHS glitch aesthetic", "VHS故障美学"),
        ("crt", "CRT scanline effect", "CRT扫描线效果"),
        ("tilt-shift", "tilt-shift photography, miniature world", "移轴摄影"),
        ("time-lapse", "time-lapse", "延时拍摄"),
        ("ink", "Chinese ink painting style", "水墨"),
        ("watercolor", "watercolour", "水彩"),
    ),
}


def term(category: str, key: str) -> Term:
    for item in CATEGORIES[category]:
        if item.key == key:
            return item
    raise KeyError(f"{category} has no term {key!r}")


def choices(category: str) -> list[Any]:
    """Slash-command choices for one category: the English gloss with the guide's Chinese beside it."""
    from discord import app_commands  # only the Discord layer asks for choices

    return [app_commands.Choice(name=f"{x.en} ({x.zh})"[:100], value=x.key) for x in CATEGORIES[category]]


def compose(prompt: str, locale: str, **picked: str | None) -> str:
    """The member's prompt, opened with the keywords they picked, in the guide's order and language."""
    chinese = locale in ("zh-CN", "zh-TW")
    words = [
        (term(category, key).zh if chinese else term(category, key).en)
        for category in ("shot_size", "lighting", "style", "camera")
        if (key := picked.get(category))
    ]
    if not words:
        return prompt
    sep = "，" if chinese else ", "
    end = "。" if chinese else ". "
    return sep.join(words) + end + prompt.strip()
