"""The Discord bot: a factory for tests and demos, and `run_bot` for production."""

from __future__ import annotations

import logging

import aiohttp
import discord
import yarl
from discord.ext import commands

from .settings import Settings
from .wan.client import WanClient

log = logging.getLogger(__name__)

# Cogs loaded at start; each maps onto a family or an operator concern.
COGS: tuple[str, ...] = ("cogs.catalog",)


def apply_discord_endpoints(settings: Settings) -> None:
    """Point discord.py at another REST base / gateway (fake Discord, rate-limit proxy)."""
    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


class WanBot(commands.Bot):
    """Owns the process-wide HTTP session and the DashScope client."""

    def __init__(self, settings: Settings, **kwargs: object) -> None:
        intents = discord.Intents.default()  # no privileged intents are needed
        super().__init__(command_prefix=commands.when_mentioned, intents=intents, **kwargs)  # type: ignore[arg-type]
        self.settings = settings
        self.http_session: aiohttp.ClientSession | None = None
        self.wan: WanClient | None = None

    async def setup_hook(self) -> None:
        self.http_session = aiohttp.ClientSession()
        if self.settings.dashscope_api_key is not None:
            self.wan = WanClient(
                self.http_session,
                self.settings.base_url,
                self.settings.dashscope_api_key,
                request_timeout=self.settings.request_timeout_seconds,
                workspace=self.settings.dashscope_workspace,
            )
        for name in COGS:
            await self.load_extension(name)
        await self.tree.sync()

    async def close(self) -> None:
        await super().close()
        if self.http_session is not None:
            await self.http_session.close()


def create_bot(settings: Settings, **kwargs: object) -> WanBot:
    return WanBot(settings, **kwargs)


def run_bot(settings: Settings) -> int:
    settings.require("discord_token")
    apply_discord_endpoints(settings)
    bot = create_bot(settings)
    assert settings.discord_token is not None
    bot.run(settings.discord_token.get_secret_value(), log_handler=None)
    return 0
