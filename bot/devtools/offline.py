"""The real bot wired to a fake Discord and the DashScope simulator in this process (smoke tests, demos)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord

from bot.app import WanBot, apply_discord_endpoints, create_bot
from bot.settings import Settings
from bot.wan.simulator import Simulator

from .fake_discord import FakeDiscord

__all__ = ["offline_bot", "offline_settings"]


def offline_settings(fake: FakeDiscord, simulator: Simulator, data_dir: Path, *, token: str, api_key: str) -> Settings:
    """Settings that point every connection of the bot at the fakes on loopback."""
    return Settings(
        _env_file=None,
        discord_token=token,
        dashscope_api_key=api_key,
        dashscope_region="beijing",
        dashscope_base_url=simulator.base_url,
        result_hosts=["127.0.0.1"],
        data_dir=data_dir,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
    )


@contextlib.asynccontextmanager
async def offline_bot(
    fake: FakeDiscord,
    simulator: Simulator,
    data_dir: Path,
    *,
    token: str,
    api_key: str,
    ready_timeout: float = 15,
    **bot_kwargs: Any,
) -> AsyncIterator[WanBot]:
    """Start the bot against the fakes and wait until both sides say it is ready; discord.py's endpoints
    are restored afterwards, so one process can run a real bot later."""
    settings = offline_settings(fake, simulator, data_dir, token=token, api_key=api_key)
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    apply_discord_endpoints(settings)
    bot = create_bot(settings, guild_ready_timeout=0.05, **bot_kwargs)
    runner = asyncio.create_task(bot.start(token))
    ready = asyncio.ensure_future(bot.wait_until_ready())
    try:
        await asyncio.wait({runner, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED)
        if runner.done():
            runner.result()  # the bot's own start-up error, if that is why it stopped
        if not ready.done():
            raise TimeoutError("the bot never became ready")
        await fake.wait_until_ready()
        yield bot
    finally:
        ready.cancel()
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
