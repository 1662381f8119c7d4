"""A command exists exactly where the configured region offers a model for it (what `wanbot models` lists)."""

from __future__ import annotations

import pytest

from bot.app import COGS, create_bot
from bot.settings import Settings
from bot.wan import catalog
from bot.wan.catalog.types import Role

# command -> the families whose models it runs
FAMILIES = {
    "wan-video": {"t2v"}, "wan-animate": {"i2v"}, "Animate": {"i2v"}, "wan-frames": {"kf2v"},
    "wan-reference": {"r2v"}, "wan-motion": {"animate-move"}, "wan-swap": {"animate-mix"},
    "wan-lipsync": {"videoretalk"}, "wan-restyle": {"style-transform"}, "wan-edit": {"vace"},
    "wan-talk": {"s2v", "emo", "liveportrait"}, "wan-sticker": {"emoji"}, "wan-dance": {"animate-anyone"},
}  # fmt: skip
ALWAYS = {"wan-account", "wan-admin", "wan-models"}


async def commands_in(region: str) -> set[str]:
    bot = create_bot(Settings(_env_file=None, discord_token="x", dashscope_region=region))
    for name in COGS:
        await bot.load_extension(name)
    return {c.qualified_name for c in bot.tree.get_commands()}


@pytest.mark.parametrize("region", ["beijing", "singapore", "virginia"])
async def test_commands_follow_the_region(region: str) -> None:
    offered = {m.family.value for m in catalog.in_region(region) if m.role is Role.GENERATE}
    registered = await commands_in(region)
    assert registered >= ALWAYS
    # /wan-frames also runs wan2.7-i2v's media array (first + last frame)
    frames_i2v = any(m.field("media") is not None for m in catalog.by_family("i2v", region))
    for command, families in FAMILIES.items():
        expected = bool(families & offered) or (command == "wan-frames" and frames_i2v)
        assert (command in registered) == expected, (region, command)
    effects = any(s.id_in(region) for e in catalog.EFFECTS for s in map(catalog.get, e.models))
    assert ("wan-effect" in registered) == effects == ("wan-effects" in registered)
    assert registered - ALWAYS - set(FAMILIES) <= {"wan-effect", "wan-effects"}
