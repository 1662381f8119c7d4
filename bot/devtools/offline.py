"""The real bot wired to a fake Discord and a DashScope simulator in this process (smoke tests, demos).

With a `Simulator` the bot talks to it with the given key; with `simulator=None` and no key it runs
in sandbox mode (`bot.sandbox`), starting its own simulator exactly as an operator's bot without a
DashScope key would.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from bot.app import WanBot, apply_discord_endpoints, create_bot
from bot.settings import Settings
from bot.wan.catalog.types import Region
from bot.wan.simulator import Simulator

from .fake_discord import FakeDiscord

__all__ = ["OfflineSettings", "offline_bot", "offline_settings"]


class OfflineSettings(Settings):
    """Settings from the arguments only: an operator's environment or `.env` (a real key, DATABASE_PATH
    pointing at the production ledger) must never leak into a smoke test or a demo."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def offline_settings(
    fake: FakeDiscord,
    simulator: Simulator | None,
    data_dir: Path,
    *,
    token: str,
    api_key: str | None = None,
    region: Region = "beijing",
    **overrides: Any,
) -> Settings:
    """Settings that point every connection of the bot at the fakes on loopback.

    `simulator=None` with `api_key=None` is sandbox mode: the bot starts its built-in simulator.
    `overrides` are further settings (`message_content_intent=True`, say).
    """
    if (simulator is None) != (api_key is None):
        raise ValueError("pass a simulator and its api_key, or neither (sandbox mode)")
    values: dict[str, Any] = {
        "discord_token": token,
        "dashscope_api_key": api_key,
        "dashscope_region": region,
        "data_dir": data_dir,
        "discord_api_base": fake.api_base,
        "discord_gateway_url": fake.gateway_url,
    }
    if simulator is not None:
        values |= {"dashscope_base_url": simulator.base_url, "result_hosts": ["127.0.0.1"]}
    return OfflineSettings(**(values | overrides))


@contextlib.asynccontextmanager
async def offline_bot(
    fake: FakeDiscord,
    simulator: Simulator | None,
    data_dir: Path,
    *,
    token: str,
    api_key: str | None = None,
    region: Region = "beijing",
    settings: dict[str, Any] | None = None,
    tick: float | None = None,
    ready_timeout: float = 15,
    **bot_kwargs: Any,
) -> AsyncIterator[WanBot]:
    """Start the bot against the fakes and wait until both sides say it is ready; on leaving, the bot is
    closed gracefully (as on SIGTERM) and discord.py's endpoints are restored, so one process can start
    another bot later, on the same data directory to play a restart.

    `tick` is the real time between engine passes (the bot's own is 1 s): a session on a `ScaledClock`
    passes `1 / speed`, so the engine still makes one pass per simulated second.
    """
    config = offline_settings(fake, simulator, data_dir, token=token, api_key=api_key, region=region,
                              **(settings or {}))  # fmt: skip
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    apply_discord_endpoints(config)
    bot = create_bot(config, guild_ready_timeout=0.05, **bot_kwargs)
    if tick is not None:
        bot.engine_loop.change_interval(seconds=tick)
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
