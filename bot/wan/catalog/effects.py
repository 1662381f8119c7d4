"""The 31 video effect templates (spec 02 §9) and the models that run them."""

from __future__ import annotations

from .types import EffectTemplate

PLUS = "wanx2.1-i2v-plus"
TURBO = "wanx2.1-i2v-turbo"
KF2V_PLUS = "wanx2.1-kf2v-plus"
_BOTH = (TURBO, PLUS)  # turbo first: cheaper per second at 720P and faster
_HALF_FULL = "half- to full-body, facing the camera"


def _t(template: str, zh: str, en: str, category, models, emoji: str, advice: str = "") -> EffectTemplate:
    return EffectTemplate(template, zh, en, category, models, advice, emoji)


EFFECTS: tuple[EffectTemplate, ...] = (
    # General effects: any subject that stands out clearly from the background.
    _t("squish", "解压捏捏", "Stress-relief squish", "general", _BOTH, "🤏"),
    _t("rotation", "转圈圈", "Spin around", "general", _BOTH, "🌀"),
    _t("poke", "戳戳乐", "Poke", "general", _BOTH, "👉"),
    _t("inflate", "气球膨胀", "Balloon inflate", "general", _BOTH, "🎈"),
    _t("dissolve", "分子扩散", "Molecular dissolve", "general", _BOTH, "✨"),
    _t("melt", "热浪融化", "Heat-wave melt", "general", (PLUS,), "🫠"),
    _t("icecream", "冰淇淋星球", "Ice-cream planet", "general", (PLUS,), "🍦"),
    # Single-person effects.
    _t("carousel", "时光木马", "Time carousel", "single-person", _BOTH, "🎠", _HALF_FULL),
    _t("singleheart", "爱你哟", "Love you (heart gesture)", "single-person", _BOTH, "🫶", _HALF_FULL),
    _t("dance1", "摇摆时刻", "Swing moment (dance 1)", "single-person", (PLUS,), "💃", _HALF_FULL),
    _t("dance2", "头号甩舞", "Fling dance (dance 2)", "single-person", (PLUS,), "🕺", "full body, facing the camera"),
    _t("dance3", "星摇时刻", "Star shake (dance 3)", "single-person", (PLUS,), "🪩", "full body, facing the camera"),
    _t("dance4", "指感节奏", "Finger rhythm (dance 4)", "single-person", (PLUS,), "🫰", _HALF_FULL),
    _t("dance5", "舞动开关", "Dance switch (dance 5)", "single-person", (PLUS,), "🎶", _HALF_FULL),
    _t("mermaid", "人鱼觉醒", "Mermaid awakening", "single-person", (PLUS,), "🧜", "half body, facing the camera"),
    _t("graduation", "学术加冕", "Graduation crowning", "single-person", (PLUS,), "🎓", _HALF_FULL),
    _t("dragon", "巨兽追袭", "Giant beast pursuit", "single-person", (PLUS,), "🐉", _HALF_FULL),
    _t("money", "财从天降", "Money from the sky", "single-person", (PLUS,), "💰", _HALF_FULL),
    _t("jellyfish", "水母之约", "Jellyfish rendezvous", "single-person", (PLUS,), "🪼", _HALF_FULL),
    _t("pupil", "瞳孔穿越", "Through the pupil", "single-person", (PLUS,), "👁️", _HALF_FULL),
    # Single person or animal.
    _t("flying", "魔法悬浮", "Magic levitation", "person-or-animal", _BOTH, "🪄", "full body, facing the camera"),
    _t("rose", "赠人玫瑰", "Give a rose", "person-or-animal", _BOTH, "🌹", _HALF_FULL + "; no visible hands"),
    _t("crystalrose", "闪亮玫瑰", "Crystal rose", "person-or-animal", _BOTH, "💎", _HALF_FULL + "; no visible hands"),
    # Two people, facing the camera or each other.
    _t("hug", "爱的抱抱", "Loving hug", "two-people", _BOTH, "🤗", "two people, half or full body"),
    _t("frenchkiss", "唇齿相依", "French kiss", "two-people", _BOTH, "💋", "two people, half or full body"),
    _t("coupleheart", "双倍心动", "Double heartbeat", "two-people", _BOTH, "💕", "two people, half or full body"),
    # First+last-frame effects: first frame only, wanx2.1-kf2v-plus only.
    _t("hanfu-1", "唐韵翩然", "Tang-dynasty grace (hanfu)", "single-person", (KF2V_PLUS,), "👘", _HALF_FULL),
    _t("solaron", "机甲变身", "Mecha transformation", "single-person", (KF2V_PLUS,), "🤖", _HALF_FULL),
    _t("magazine", "闪耀封面", "Magazine cover", "single-person", (KF2V_PLUS,), "📰", _HALF_FULL),
    _t("mech1", "机械觉醒", "Mechanical awakening", "single-person", (KF2V_PLUS,), "⚙️", _HALF_FULL),
    _t("mech2", "赛博登场", "Cyber entrance", "single-person", (KF2V_PLUS,), "🦾", _HALF_FULL),
)

EFFECTS_BY_TEMPLATE = {e.template: e for e in EFFECTS}


def templates_for(model: str) -> tuple[str, ...]:
    return tuple(e.template for e in EFFECTS if model in e.models)
