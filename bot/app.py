"""The Discord bot: a factory for tests and demos, and `run_bot` for production."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
import signal
from pathlib import Path
from typing import TYPE_CHECKING

import aiohttp
import discord
import yarl
from discord.ext import commands, tasks

from .health import HEARTBEAT_FILE, Heartbeat
from .jobs.clock import Clock, MonotonicClock
from .jobs.engine import Engine
from .jobs.factory import build_engine
from .sandbox import Sandbox
from .settings import Settings
from .wan.client import WanClient

if TYPE_CHECKING:
    from cogs.support.sink import DiscordSink

log = logging.getLogger(__name__)


def discover_cogs() -> tuple[str, ...]:
    """Every module or package in `cogs/` is a cog (a family, account, admin ...); `support` is shared code."""
    import cogs

    found = sorted(pkgutil.iter_modules(cogs.__path__), key=lambda m: m.name)
    return tuple(f"cogs.{m.name}" for m in found if m.name != "support")  # a big cog may be a package


# Cogs loaded at start; each maps onto a family or an operator concern.
COGS: tuple[str, ...] = discover_cogs()


def apply_discord_endpoints(settings: Settings) -> None:
    """Point discord.py at another REST base / gateway (fake Discord, rate-limit proxy)."""
    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


class WanBot(commands.Bot):
    """Owns the process-wide HTTP session, the DashScope client and the job engine."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        keepalive: bool = True,
        handle_signals: bool = False,
        **kwargs: object,
    ) -> None:
        from cogs.support.tree import WanTree

        # No privileged intent by default. Message Content is the only one a feature needs: without it Discord
        # blanks other members' attachments, so emoji-reaction effects only see pictures that mention the bot.
        intents = discord.Intents.default()
        intents.message_content = settings.message_content_intent
        kwargs.setdefault("tree_cls", WanTree)
        super().__init__(command_prefix=commands.when_mentioned, intents=intents, **kwargs)  # type: ignore[arg-type]
        self.settings = settings
        self.clock: Clock = clock or MonotonicClock()
        self.http_session: aiohttp.ClientSession | None = None
        # Virtual-time harnesses turn keep-alive off: the connector's idle-cleanup timers would fire in real time.
        self._keepalive = keepalive
        self._handle_signals = handle_signals  # the `wanbot run` process: SIGTERM/SIGINT mean a graceful stop
        self.wan: WanClient | None = None
        self.engine: Engine | None = None
        self.sink: DiscordSink | None = None
        self.sandbox: Sandbox | None = None  # set when there is no DashScope key: the built-in simulator
        self._closing: asyncio.Future[None] | None = None
        self.health = Heartbeat(Path(settings.data_dir) / HEARTBEAT_FILE)  # read by `wanbot health`

    async def setup_hook(self) -> None:
        from cogs.support.buttons import JobButton
        from cogs.support.sink import DiscordSink
        from cogs.support.tree import WanTranslator

        self.http_session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=not self._keepalive))
        settings = self.settings
        if settings.dashscope_api_key is None:
            self.sandbox = await Sandbox.open(settings, self.clock.now)
            settings = self.sandbox.settings
        assert settings.dashscope_api_key is not None
        self.wan = WanClient(
            self.http_session,
            settings.base_url,
            settings.dashscope_api_key,
            request_timeout=settings.request_timeout_seconds,
            workspace=settings.dashscope_workspace,
        )
        self.sink = DiscordSink(self)
        self.engine = await build_engine(settings, self.wan, self.sink, clock=self.clock)
        if self.sandbox is not None:
            await self.sandbox.relink(self.engine.db)
        await self.engine.resume()
        self.engine_loop.start()
        if self._handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self._on_stop_signal, sig)
        self.add_dynamic_items(JobButton)  # buttons keep working after a restart: state is in SQLite
        await self.tree.set_translator(WanTranslator())
        for name in COGS:
            await self.load_extension(name)
        await self.tree.sync()

    @tasks.loop(seconds=1.0)
    async def engine_loop(self) -> None:
        """discord.py's own loop drives the engine: restarts on errors, stops with the bot.

        The health heartbeat is written after the pass, so a wedged engine shows as a stale heartbeat. "Ready"
        also needs an open gateway socket: `is_ready()` alone stays true while discord.py reconnects.
        """
        engine = self.engine
        if engine is not None:
            await engine.step()
        self.health.beat(
            self.clock.now(),
            ready=self.is_ready() and not self.is_closed() and self.ws is not None and self.ws.open,
            sandbox=self.sandbox is not None,
            active_jobs=0 if engine is None else len(engine.poller.tracked) + engine.deliveries_in_flight,
        )

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: a message starting with @WanBot is a conversation, not a command to look up
        (the mention prefix exists only because `commands.Bot` needs one)."""

    def engine_clock_now(self) -> float:
        return self.clock.now()

    async def remember_status_message(self, job_id: int, message_id: int) -> None:
        if self.engine is not None:
            await self.engine.jobs.update(job_id, status_message_id=message_id)

    async def close(self) -> None:
        """Graceful shutdown (SIGTERM, Ctrl-C): stop taking work, let uploads in flight finish within
        `SHUTDOWN_GRACE_SECONDS`, show every job's latest state, close the database, then disconnect.

        Whatever is cut short is already checkpointed in SQLite and resumes at the next start.
        """
        # One shutdown, however many callers (a signal, then discord.py's own exit path): later ones wait for it,
        # and a caller being cancelled does not cut the shutdown short.
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._shut_down())
        await asyncio.shield(self._closing)

    def _on_stop_signal(self, sig: signal.Signals) -> None:
        """SIGTERM/SIGINT start the graceful shutdown as its own task, so the gateway keeps being read (and
        members are told the bot is restarting) until the uploads in flight are done."""
        if self._closing is not None:
            log.info("%s again: already shutting down", sig.name)
            return
        log.info("%s: shutting down gracefully", sig.name)
        self._closing = asyncio.ensure_future(self._shut_down())

    async def _shut_down(self) -> None:
        if self.engine is not None:
            self.engine.accepting = False  # commands, buttons and reactions are refused from here on
            self.engine_loop.stop()  # the pass in progress (a submit, say) finishes
            running = self.engine_loop.get_task()
            if running is not None:
                with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(asyncio.shield(running), timeout=self.settings.shutdown_grace_seconds)
                self.engine_loop.cancel()
            cut = await self.engine.drain(self.settings.shutdown_grace_seconds)
            if self.sink is not None:
                await self.sink.flush()
            await self.engine.db.close()
            log.info("engine stopped; %d deliveries resume at the next start", cut)
        if self.http_session is not None:
            await self.http_session.close()
        if self.sandbox is not None:
            await self.sandbox.close()
        with contextlib.suppress(OSError):
            self.health.stop()  # `wanbot health` fails at once, not after the heartbeat goes stale
        # Last: once the gateway closes, `bot.run` returns and the process ends, whatever is still running.
        await super().close()


def create_bot(settings: Settings, **kwargs: object) -> WanBot:
    return WanBot(settings, **kwargs)  # type: ignore[arg-type]


def run_bot(settings: Settings) -> int:
    settings.require("discord_token")
    apply_discord_endpoints(settings)
    # docker stop / systemd send SIGTERM, a terminal Ctrl-C: both begin `close()` while the gateway stays open.
    # Until the engine is up (login, setup), SIGTERM still stops the process at once like Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: signal.raise_signal(signal.SIGINT))
    bot = create_bot(settings, handle_signals=True)
    assert settings.discord_token is not None
    bot.run(settings.discord_token.get_secret_value(), log_handler=None)
    return 0
