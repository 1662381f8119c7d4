"""A small, wire-level fake of Discord (REST + gateway) on aiohttp, for smoke tests and demos.

The real discord.py client talks to it over loopback sockets, so it exercises what an
in-process emulator cannot: aiohttp multipart encoding, Content-Type handling, the gateway
handshake, rate-limit headers and HTTP error mapping. It models one guild with text channels,
members, slash commands synced by the bot, interactions (callbacks, deferred "thinking"
originals, followups, modals, autocomplete), channel messages with files, replies and
components, reactions both ways, a CDN with expiring signed URLs, an upload limit, faults
injected per path, and a request log.

Fidelity points that discord.py depends on (TESTING-NOTES §1.4): JSON responses carry exactly
`Content-Type: application/json`; member objects carry `flags`; login also calls
`/oauth2/applications/@me`; the interaction callback answers `with_response=1` with a JSON body;
a 429 is only retried when it has a `Via` header and a `retry_after`; a file over the limit
gets 413 with code 40005; an expired interaction token gets 401 with code 50027.

Use it as an async context manager, then drive it like a member would::

    async with FakeDiscord() as fake:
        ...start the bot with fake.api_base / fake.gateway_url / fake.token...
        await fake.wait_until_ready()
        ix = await fake.slash("wan-video", {"prompt": "a fox"})
        video = await fake.wait_for_message(lambda m: bool(m["attachments"]))
"""

# The driver's waits take `timeout=` like asyncio.wait_for does: a test reads better that way.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import copy
import fnmatch
import hashlib
import hmac
import itertools
import json
import logging
import mimetypes
import re
import secrets
import time
import urllib.parse
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

API = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000

EPHEMERAL = 1 << 6
LOADING = 1 << 7

# Interaction types (what Discord sends) and callback types (what the bot answers).
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_UPDATE, CB_AUTOCOMPLETE, CB_MODAL = 4, 5, 6, 7, 8, 9
MESSAGE_CALLBACKS = frozenset({CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_UPDATE})

# Application-command option types.
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 3, 4, 5, 6, 7, 8, 9, 10, 11

MEMBER_PERMISSIONS = sum(
    1 << bit
    for bit in (
        6,  # add reactions
        10,  # view channel
        11,  # send messages
        14,  # embed links
        15,  # attach files
        16,  # read message history
        18,  # use external emojis
        31,  # use application commands
        35,  # create public threads
        38,  # send messages in threads
    )
)
BOT_PERMISSIONS = MEMBER_PERMISSIONS | (1 << 13)  # + manage messages
ALL_PERMISSIONS = (1 << 53) - 1

BOT_ROUTES_WITHOUT_AUTH = ("/interactions/", "/webhooks/")


# -- small helpers ----------------------------------------------------------------------


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    """JSON with exactly `Content-Type: application/json`: discord.py compares the header with `==`."""
    return web.Response(
        body=json.dumps(data, ensure_ascii=False).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat()


def snowflake_time(snowflake: str | int) -> float:
    """Epoch seconds encoded in a snowflake (what discord.py's `created_at` reads)."""
    return ((int(snowflake) >> 22) + DISCORD_EPOCH_MS) / 1000


class DiscordError(Exception):
    """An error answer in Discord's envelope; raised anywhere inside a handler."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        errors: dict[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.headers = dict(headers or {})

    def response(self) -> web.Response:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return json_response(body, self.status, self.headers)


def _unknown(what: str, code: int) -> DiscordError:
    return DiscordError(404, code, f"Unknown {what}")


def _form_error(path: str, code: str, message: str) -> DiscordError:
    errors: dict[str, Any] = {}
    node = errors
    for part in path.split("."):
        node = node.setdefault(part, {})
    node["_errors"] = [{"code": code, "message": message}]
    return DiscordError(400, 50035, "Invalid Form Body", errors=errors)


_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF8", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
    (b"WAVE", 8, "audio/wav"),
    (b"ftyp", 4, "video/mp4"),
    (b"ID3", 0, "audio/mpeg"),
)


def guess_content_type(filename: str, data: bytes) -> str:
    """The type Discord would report: from the name, else from the first bytes."""
    guessed, _ = mimetypes.guess_type(filename)
    if guessed:
        return guessed
    for magic, offset, kind in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return kind
    return "application/octet-stream"


# -- records ------------------------------------------------------------------------------


@dataclass
class Upload:
    """A file a member attaches to a slash command or a message."""

    filename: str
    data: bytes
    content_type: str | None = None


@dataclass
class Fault:
    """A scripted failure for the next matching requests (fault injection per path).

    `path` is a glob matched against the REST path below /api/v10 (`/channels/*/messages`),
    `method` a verb or `*`; `uploads_only` limits it to multipart requests carrying files.
    """

    path: str
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "*"
    times: int = 1
    uploads_only: bool = False

    @classmethod
    def too_large(cls, path: str = "/channels/*/messages", *, method: str = "POST", times: int = 1) -> Fault:
        """What Discord answers a file over the channel's upload limit."""
        return cls(
            path,
            413,
            {"message": "Request entity too large", "code": 40005},
            method=method,
            times=times,
            uploads_only=True,
        )

    @classmethod
    def rate_limited(
        cls,
        path: str,
        retry_after: float = 0.3,
        *,
        method: str = "*",
        is_global: bool = False,
        via: bool = True,
        times: int = 1,
    ) -> Fault:
        """A 429. Without `via`, discord.py takes it for a Cloudflare ban and does not retry."""
        headers = {
            "Retry-After": str(max(1, round(retry_after))),
            "X-RateLimit-Scope": "global" if is_global else "user",
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        if via:
            headers["Via"] = "1.1 google"
        body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": is_global}
        return cls(path, 429, body, headers, method=method, times=times)

    @classmethod
    def token_expired(cls, path: str = "/webhooks/*", *, method: str = "*", times: int = 1) -> Fault:
        """What an interaction token answers after its 15 minutes."""
        return cls(path, 401, {"message": "Invalid Webhook Token", "code": 50027}, method=method, times=times)

    def matches(self, method: str, route: str, has_files: bool) -> bool:
        if self.times <= 0 or (self.uploads_only and not has_files):
            return False
        return self.method in ("*", method) and fnmatch.fnmatchcase(route, self.path)

    def response(self) -> web.Response:
        if isinstance(self.body, str | bytes):
            return web.Response(body=self.body, status=self.status, headers=self.headers)
        return json_response(
            self.body if self.body is not None else {"message": "fault", "code": 0}, self.status, self.headers
        )


@dataclass
class LoggedRequest:
    """One REST request as the fake saw it (never the Authorization header)."""

    method: str
    path: str  # below /api/v10 for REST, the full path otherwise
    query: dict[str, str]
    status: int
    body: Any = None
    files: list[str] = field(default_factory=list)
    injected: bool = False
    at: float = field(default_factory=time.time)


@dataclass
class FakeInteraction:
    """An interaction the fake dispatched, and what the bot answered."""

    id: str
    token: str
    type: int
    user_id: str
    channel_id: str
    payload: dict[str, Any]
    created: float  # time.monotonic() when dispatched
    response_type: int | None = None
    responded_after: float | None = None  # seconds from dispatch to the callback
    original_id: str | None = None
    followup_ids: list[str] = field(default_factory=list)
    modal: dict[str, Any] | None = None
    choices: list[dict[str, Any]] | None = None
    expired: bool = False

    @property
    def responded(self) -> bool:
        return self.response_type is not None

    @property
    def name(self) -> str | None:
        return self.payload.get("data", {}).get("name")


@dataclass
class GatewaySession:
    id: str
    intents: int | None
    seq: int = 0
    ws: web.WebSocketResponse | None = None
    backlog: deque[tuple[int, str, Any]] = field(default_factory=lambda: deque(maxlen=2000))
    resumes: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


BODY_KEY = web.RequestKey("fake_discord_body", dict)


# -- the fake -----------------------------------------------------------------------------


class FakeDiscord:
    """One fake guild with a text channel, a bot application and members; see the module docstring."""

    def __init__(
        self,
        token: str = "fake-discord-token",
        *,
        upload_limit: int = 10 * 1024 * 1024,
        reported_upload_limit: int | None = None,
        ack_deadline: float | None = 3.0,
        token_ttl: float = 15 * 60.0,
        cdn_ttl: float = 24 * 3600.0,
        guild_name: str = "Wan Studio",
        channel_name: str = "videos",
        bot_name: str = "WanBot",
        heartbeat_interval_ms: int = 41_250,
        clock: Callable[[], float] = time.time,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.clock = clock  # wall time for timestamps, snowflakes and CDN expiry (a demo may run it faster)
        self.upload_limit = upload_limit  # what is enforced (413 / 40005 above it)
        self.reported_upload_limit = reported_upload_limit  # what interactions tell the bot; None: the real one
        self.ack_deadline = ack_deadline
        self.token_ttl = token_ttl
        self.cdn_ttl = cdn_ttl
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.host, self.port = host, port
        self._ids = itertools.count()
        self._cdn_secret = secrets.token_bytes(16)
        self.sessions: dict[str, GatewaySession] = {}
        self._background: set[asyncio.Task[None]] = set()

        self.app_id = self.new_id()
        self.bot_user = self._user(bot_name, bot=True, user_id=self.app_id)
        self.owner = self._user("owner", global_name="Server Owner")
        self.alice = self._user("alice", global_name="Alice")
        self.users: dict[str, dict[str, Any]] = {u["id"]: u for u in (self.bot_user, self.owner, self.alice)}
        self.guild_id = self.new_id()
        self.guild_name = guild_name
        self.roles: list[dict[str, Any]] = [self._role(self.guild_id, "@everyone", MEMBER_PERMISSIONS, 0)]
        self.bot_role = self._role(self.new_id(), bot_name, BOT_PERMISSIONS, 1, managed=True)
        self.roles.append(self.bot_role)
        self.members: dict[str, dict[str, Any]] = {}
        for user in self.users.values():
            self._add_member(user, [self.bot_role["id"]] if user is self.bot_user else [])
        self.channels: dict[str, dict[str, Any]] = {}
        self.channel_id = self.add_channel(channel_name)["id"]

        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or a guild id -> synced commands
        self.messages: dict[str, dict[str, Any]] = {}  # live Discord payloads, in creation order
        self.revisions: dict[str, list[dict[str, Any]]] = {}  # message id -> earlier versions, oldest first
        self.deleted: dict[str, dict[str, Any]] = {}
        self.interactions: dict[str, FakeInteraction] = {}  # token -> interaction
        self.requests: list[LoggedRequest] = []
        self.gateway_log: list[tuple[str, dict[str, Any]]] = []  # IDENTIFY / RESUME / closes, in order
        self.faults: list[Fault] = []
        # While set, file uploads wait here after arriving (`hold_uploads`): an upload "in flight" for shutdown tests.
        self.upload_gate: asyncio.Event | None = None
        self.held_uploads = 0
        self._visible_to: dict[str, str] = {}  # ephemeral message id -> the one user who sees it
        self._reactors: dict[str, dict[str, list[str]]] = {}  # message id -> emoji key -> user ids
        self._blobs: dict[str, bytes] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- lifecycle ----------------------------------------------------------------------

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app(), handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        port = sockets[0].getsockname()[1] if sockets else self.port
        self.base_url = f"http://{self.host}:{port}"

    async def close(self) -> None:
        for session in self.sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.close(code=1001, message=b"fake discord shutting down")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return self.base_url + API

    @property
    def gateway_url(self) -> str:
        return self.base_url.replace("http://", "ws://", 1) + "/gateway"

    def environment(self) -> dict[str, str]:
        """The variables that point a `wanbot run` process at this fake."""
        return {"DISCORD_TOKEN": self.token, "DISCORD_API_BASE": self.api_base, "DISCORD_GATEWAY_URL": self.gateway_url}

    def app(self) -> web.Application:
        app = web.Application(
            client_max_size=512 * 1024 * 1024,
            middlewares=[self._log_requests, self._errors, self._auth, self._inject_faults],
        )
        r = app.router
        r.add_get("/gateway", self._gateway)
        r.add_get("/attachments/{cid}/{aid}/{name}", self._cdn)
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/gateway", self._gateway_info),
            ("GET", "/gateway/bot", self._gateway_info),
            ("GET", "/users/@me", self._users_me),
            ("GET", "/users/{uid}", self._get_user),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/oauth2/applications/@me", self._application),
            ("GET", "/applications/@me", self._application),
            ("GET", "/applications/{app}/commands", self._get_commands),
            ("PUT", "/applications/{app}/commands", self._put_commands),
            ("GET", "/applications/{app}/guilds/{gid}/commands", self._get_commands),
            ("PUT", "/applications/{app}/guilds/{gid}/commands", self._put_commands),
            ("POST", "/interactions/{iid}/{token}/callback", self._callback),
            ("POST", "/webhooks/{app}/{token}", self._followup),
            ("GET", "/webhooks/{app}/{token}/messages/{mid}", self._get_webhook_message),
            ("PATCH", "/webhooks/{app}/{token}/messages/{mid}", self._edit_webhook_message),
            ("DELETE", "/webhooks/{app}/{token}/messages/{mid}", self._delete_webhook_message),
            ("GET", "/guilds/{gid}", self._get_guild),
            ("GET", "/guilds/{gid}/channels", self._get_guild_channels),
            ("GET", "/guilds/{gid}/members/{uid}", self._get_member),
            ("GET", "/channels/{cid}", self._get_channel),
            ("POST", "/channels/{cid}/typing", self._typing),
            ("GET", "/channels/{cid}/messages", self._history),
            ("POST", "/channels/{cid}/messages", self._create_message),
            ("GET", "/channels/{cid}/messages/{mid}", self._get_message),
            ("PATCH", "/channels/{cid}/messages/{mid}", self._edit_message),
            ("DELETE", "/channels/{cid}/messages/{mid}", self._delete_message),
            ("PUT", "/channels/{cid}/messages/{mid}/reactions/{emoji}/@me", self._add_own_reaction),
            ("DELETE", "/channels/{cid}/messages/{mid}/reactions/{emoji}/{uid}", self._remove_reaction),
        ]
        for method, path, handler in routes:
            r.add_route(method, API + path, handler)
        r.add_route("*", "/{tail:.*}", self._unhandled)
        return app

    # -- ids, users, channels -------------------------------------------------------------

    def new_id(self) -> str:
        """A real-looking snowflake: discord.py derives `created_at` from it."""
        ms = int(self.clock() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (1 << 17) | (next(self._ids) & 0xFFF))

    def _user(
        self, username: str, *, bot: bool = False, global_name: str | None = None, user_id: str | None = None
    ) -> dict[str, Any]:
        return {
            "id": user_id or self.new_id(),
            "username": username,
            "discriminator": "0",
            "global_name": global_name,
            "avatar": None,
            "bot": bot,
            "flags": 0,
            "public_flags": 0,
        }

    @staticmethod
    def _role(role_id: str, name: str, permissions: int, position: int, *, managed: bool = False) -> dict[str, Any]:
        return {
            "id": role_id,
            "name": name,
            "permissions": str(permissions),
            "position": position,
            "color": 0,
            "hoist": False,
            "managed": managed,
            "mentionable": False,
            "flags": 0,
        }

    def _add_member(self, user: dict[str, Any], roles: list[str]) -> dict[str, Any]:
        member = {
            "user": user,
            "roles": roles,
            "joined_at": iso(self.clock()),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "pending": False,
        }
        self.members[user["id"]] = member
        return member

    def add_member(self, username: str, *, global_name: str | None = None) -> dict[str, Any]:
        """Another member of the guild (sent to a connected bot as GUILD_MEMBER_ADD when it can)."""
        user = self._user(username, global_name=global_name)
        self.users[user["id"]] = user
        member = self._add_member(user, [])
        self._fire_and_forget(self.dispatch("GUILD_MEMBER_ADD", {**member, "guild_id": self.guild_id}))
        return user

    def add_channel(self, name: str, *, nsfw: bool = False, topic: str | None = None) -> dict[str, Any]:
        channel = {
            "id": self.new_id(),
            "type": 0,
            "name": name,
            "position": len(self.channels),
            "guild_id": self.guild_id,
            "permission_overwrites": [],
            "nsfw": nsfw,
            "topic": topic,
            "parent_id": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        self.channels[channel["id"]] = channel
        if self.sessions:
            self._fire_and_forget(self.dispatch("CHANNEL_CREATE", channel))
        return channel

    def display_name(self, user_id: str) -> str:
        user = self.users.get(str(user_id))
        if user is None:
            return "unknown-user"
        return user.get("global_name") or user["username"]

    def permissions_of(self, user_id: str) -> int:
        if user_id == self.owner["id"]:
            return ALL_PERMISSIONS
        member = self.members.get(user_id)
        granted = 0
        for role in self.roles:
            if role["id"] == self.guild_id or (member and role["id"] in member["roles"]):
                granted |= int(role["permissions"])
        return ALL_PERMISSIONS if granted & (1 << 3) else granted

    def guild_payload(self) -> dict[str, Any]:
        return {
            "id": self.guild_id,
            "name": self.guild_name,
            "icon": None,
            "owner_id": self.owner["id"],
            "unavailable": False,
            "member_count": len(self.members),
            "large": False,
            "features": [],
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "system_channel_id": None,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "roles": self.roles,
            "channels": list(self.channels.values()),
            "members": list(self.members.values()),
            "emojis": [],
            "stickers": [],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "joined_at": iso(self.clock()),
        }

    # -- middlewares --------------------------------------------------------------------

    @staticmethod
    def _route_of(path: str) -> str:
        return path[len(API) :] if path.startswith(API + "/") else path

    @web.middleware
    async def _log_requests(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == "/gateway":
            return await handler(request)
        response = await handler(request)
        info = request.get(BODY_KEY, {})
        self.requests.append(
            LoggedRequest(
                request.method,
                self._route_of(request.path),
                dict(request.query),
                response.status,
                info.get("body"),
                info.get("files", []),
                info.get("injected", False),
            )
        )
        if request.path.startswith(API) and response.status < 400 and not response.prepared:
            resource = request.match_info.route.resource
            template = resource.canonical if resource is not None else request.path
            bucket = hashlib.sha1(template.encode()).hexdigest()[:16]
            response.headers.update(
                {
                    "X-RateLimit-Limit": "50",
                    "X-RateLimit-Remaining": "49",
                    "X-RateLimit-Reset-After": "1.000",
                    "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
                    "X-RateLimit-Bucket": bucket,
                }
            )
        await self._notify()
        return response

    @web.middleware
    async def _errors(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            return await handler(request)
        except DiscordError as exc:
            return exc.response()

    @web.middleware
    async def _auth(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        route = self._route_of(request.path)
        needs_bot_token = request.path.startswith(API) and not route.startswith(BOT_ROUTES_WITHOUT_AUTH)
        if needs_bot_token and request.headers.get("Authorization") != f"Bot {self.token}":
            raise DiscordError(401, 0, "401: Unauthorized")
        return await handler(request)

    @web.middleware
    async def _inject_faults(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.faults and request.path.startswith(API):
            route = self._route_of(request.path)
            has_files = request.content_type.startswith("multipart/")
            for fault in self.faults:
                if fault.matches(request.method, route, has_files):
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    await request.read()
                    request[BODY_KEY] = {"injected": True}
                    return fault.response()
        return await handler(request)

    def hold_uploads(self) -> asyncio.Event:
        """Make file uploads wait, received but unanswered, until the returned event is set."""
        self.upload_gate = asyncio.Event()
        return self.upload_gate

    def inject(self, fault: Fault) -> Fault:
        """Answer the next matching request(s) with `fault` instead of handling it."""
        self.faults.append(fault)
        return fault

    # -- request bodies -------------------------------------------------------------------

    async def _read_json(self, request: web.Request) -> Any:
        raw = await request.read()
        body = json.loads(raw) if raw else {}
        request[BODY_KEY] = {"body": body}
        return body

    async def _read_message_body(self, request: web.Request) -> tuple[dict[str, Any], dict[int, Upload]]:
        """JSON, or multipart with `payload_json` and `files[n]`; every file is held to the upload limit."""
        payload: dict[str, Any] = {}
        uploads: dict[int, Upload] = {}
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                name = getattr(part, "name", None) or ""
                if name == "payload_json":
                    payload = json.loads(await part.text())  # type: ignore[union-attr]
                elif match := re.fullmatch(r"files\[(\d+)\]", name):
                    data = bytes(await part.read(decode=False))  # type: ignore[union-attr]
                    filename = getattr(part, "filename", None) or f"file{match[1]}"
                    sent = part.headers.get("Content-Type", "application/octet-stream")
                    kind = guess_content_type(filename, data) if sent == "application/octet-stream" else sent
                    uploads[int(match[1])] = Upload(filename, data, kind)
        elif request.can_read_body:
            raw = await request.read()
            payload = json.loads(raw) if raw else {}
        request[BODY_KEY] = {"body": payload, "files": [u.filename for u in uploads.values()]}
        for upload in uploads.values():
            if len(upload.data) > self.upload_limit:
                raise DiscordError(413, 40005, "Request entity too large")
        return payload, uploads

    def _store_attachment(
        self, channel_id: str, upload: Upload, *, description: str | None = None, ephemeral: bool = False
    ) -> dict[str, Any]:
        attachment_id = self.new_id()
        self._blobs[attachment_id] = upload.data
        url = self._cdn_url(channel_id, attachment_id, upload.filename)
        attachment: dict[str, Any] = {
            "id": attachment_id,
            "filename": upload.filename,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
            "content_type": upload.content_type or guess_content_type(upload.filename, upload.data),
        }
        if description:
            attachment["description"] = description
        if ephemeral:
            attachment["ephemeral"] = True
        return attachment

    def _attachments(
        self,
        channel_id: str,
        payload: Mapping[str, Any],
        uploads: Mapping[int, Upload],
        existing: list[dict[str, Any]] | None = None,
    ) -> list[dict[str, Any]]:
        """New attachments from `files[n]` plus the kept ones an edit lists by id."""
        listed = payload.get("attachments")
        if listed is None:
            kept = list(existing or [])
            return kept + [self._store_attachment(channel_id, u) for _, u in sorted(uploads.items())]
        old = {a["id"]: a for a in existing or []}
        result: list[dict[str, Any]] = []
        used: set[int] = set()
        for entry in listed:
            ref = str(entry.get("id"))
            if ref in old:
                result.append(old[ref])
            elif ref.isdigit() and int(ref) in uploads:
                used.add(int(ref))
                upload = uploads[int(ref)]
                if entry.get("filename"):
                    upload = Upload(entry["filename"], upload.data, upload.content_type)
                result.append(self._store_attachment(channel_id, upload, description=entry.get("description")))
        result += [self._store_attachment(channel_id, u) for i, u in sorted(uploads.items()) if i not in used]
        return result

    # -- messages -------------------------------------------------------------------------

    def _mentions(self, content: str, allowed: Mapping[str, Any] | None) -> list[dict[str, Any]]:
        ids = dict.fromkeys(re.findall(r"<@!?(\d+)>", content))
        if allowed is not None:
            parse = allowed.get("parse", [])
            explicit = {str(u) for u in allowed.get("users", [])}
            ids = {i: None for i in ids if "users" in parse or i in explicit}
        return [self.users[i] for i in ids if i in self.users]

    def _new_message(
        self,
        channel_id: str,
        payload: Mapping[str, Any],
        attachments: list[dict[str, Any]],
        *,
        author: dict[str, Any] | None = None,
        flags: int = 0,
        interaction: FakeInteraction | None = None,
    ) -> dict[str, Any]:
        content = payload.get("content") or ""
        message: dict[str, Any] = {
            "id": self.new_id(),
            "channel_id": channel_id,
            "author": author or self.bot_user,
            "content": content,
            "timestamp": iso(self.clock()),
            "edited_timestamp": None,
            "tts": bool(payload.get("tts")),
            "mention_everyone": False,
            "mentions": self._mentions(content, payload.get("allowed_mentions")),
            "mention_roles": [],
            "attachments": attachments,
            "embeds": list(payload.get("embeds") or []),
            "reactions": [],
            "pinned": False,
            "type": 0,
            "flags": flags | (int(payload.get("flags") or 0) & ~LOADING),
            "components": list(payload.get("components") or []),
        }
        if channel_id in self.channels and self.channels[channel_id].get("guild_id"):
            message["guild_id"] = self.guild_id
        if payload.get("nonce") is not None:
            message["nonce"] = payload["nonce"]
        if interaction is not None:
            message["webhook_id"] = self.app_id
            message["application_id"] = self.app_id
            message["interaction_metadata"] = {
                "id": interaction.id,
                "type": interaction.type,
                "user": self.users[interaction.user_id],
                "authorizing_integration_owners": {"0": self.guild_id},
                "name": interaction.name,
            }
            if interaction.type == APPLICATION_COMMAND:
                message["type"] = 20  # CHAT_INPUT_COMMAND
        reference = payload.get("message_reference")
        if reference:
            target = self.messages.get(str(reference.get("message_id")))
            if target is not None:
                message["type"] = 19  # REPLY
                message["message_reference"] = {
                    "type": 0,
                    "message_id": target["id"],
                    "channel_id": target["channel_id"],
                    "guild_id": self.guild_id,
                }
                message["referenced_message"] = {k: v for k, v in target.items() if k != "referenced_message"}
            elif reference.get("fail_if_not_exists", True):
                raise _form_error("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
        return message

    def _event_payload(self, message: Mapping[str, Any]) -> dict[str, Any]:
        event = dict(message)
        if "guild_id" in message:
            member = self.members.get(message["author"]["id"])
            if member is not None:
                event["member"] = {k: v for k, v in member.items() if k != "user"}
        return event

    async def _store(self, message: dict[str, Any], *, visible_to: str | None = None) -> dict[str, Any]:
        self.messages[message["id"]] = message
        if visible_to is not None:
            self._visible_to[message["id"]] = visible_to
        channel = self.channels.get(message["channel_id"])
        if channel is not None:
            channel["last_message_id"] = message["id"]
        if visible_to is None:  # Discord sends no gateway events for ephemeral messages
            await self.dispatch("MESSAGE_CREATE", self._event_payload(message))
        await self._notify()
        return message

    async def _apply_edit(
        self,
        message: dict[str, Any],
        payload: Mapping[str, Any],
        uploads: Mapping[int, Upload],
        *,
        finishing_load: bool = False,
    ) -> dict[str, Any]:
        self.revisions.setdefault(message["id"], []).append(copy.deepcopy(message))
        if "content" in payload:
            message["content"] = payload["content"] or ""
            message["mentions"] = self._mentions(message["content"], payload.get("allowed_mentions"))
        if "embeds" in payload:
            message["embeds"] = list(payload["embeds"] or [])
        if "components" in payload:
            message["components"] = list(payload["components"] or [])
        if "attachments" in payload or uploads:
            message["attachments"] = self._attachments(message["channel_id"], payload, uploads, message["attachments"])
        if "flags" in payload and payload["flags"] is not None:
            keep = message["flags"] & (EPHEMERAL | LOADING)
            message["flags"] = keep | (int(payload["flags"]) & ~(EPHEMERAL | LOADING))
        if finishing_load:
            message["flags"] &= ~LOADING  # the thinking original becomes the answer: not shown as edited
        else:
            message["edited_timestamp"] = iso(self.clock())
        if message["id"] not in self._visible_to:
            await self.dispatch("MESSAGE_UPDATE", self._event_payload(message))
        await self._notify()
        return message

    async def _delete(self, message: dict[str, Any]) -> None:
        self.messages.pop(message["id"], None)
        self.deleted[message["id"]] = message
        if message["id"] not in self._visible_to:
            data = {"id": message["id"], "channel_id": message["channel_id"]}
            if "guild_id" in message:
                data["guild_id"] = self.guild_id
            await self.dispatch("MESSAGE_DELETE", data)
        await self._notify()

    def _channel_message(self, request: web.Request) -> dict[str, Any]:
        channel_id, message_id = request.match_info["cid"], request.match_info["mid"]
        if channel_id not in self.channels:
            raise _unknown("Channel", 10003)
        message = self.messages.get(message_id)
        if message is None or message["channel_id"] != channel_id or message_id in self._visible_to:
            raise _unknown("Message", 10008)
        return message

    # -- REST: login, users, guild --------------------------------------------------------

    async def _unhandled(self, request: web.Request) -> web.Response:
        log.warning("fake discord: unhandled %s %s", request.method, request.path)
        raise DiscordError(404, 0, "404: Not Found")

    async def _gateway_info(self, request: web.Request) -> web.Response:
        info: dict[str, Any] = {"url": self.gateway_url}
        if request.path.endswith("/bot"):
            info |= {
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
            }
        return json_response(info)

    async def _users_me(self, request: web.Request) -> web.Response:
        return json_response(self.bot_user)

    async def _get_user(self, request: web.Request) -> web.Response:
        user = self.users.get(request.match_info["uid"])
        if user is None:
            raise _unknown("User", 10013)
        return json_response(user)

    async def _create_dm(self, request: web.Request) -> web.Response:
        body = await self._read_json(request)
        recipient = self.users.get(str(body.get("recipient_id")))
        if recipient is None:
            raise _unknown("User", 10013)
        existing = next(
            (c for c in self.channels.values() if c["type"] == 1 and c["recipients"][0]["id"] == recipient["id"]), None
        )
        if existing is None:
            existing = {"id": self.new_id(), "type": 1, "recipients": [recipient], "last_message_id": None, "flags": 0}
            self.channels[existing["id"]] = existing
        return json_response(existing)

    async def _application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": self.app_id,
                "name": self.bot_user["username"],
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner,
                "verify_key": "0" * 64,
                "flags": 0,
                "team": None,
                "summary": "",
                "bot": self.bot_user,
                "approximate_guild_count": 1,
            }
        )

    async def _get_guild(self, request: web.Request) -> web.Response:
        if request.match_info["gid"] != self.guild_id:
            raise _unknown("Guild", 10004)
        payload = self.guild_payload()
        for key in ("channels", "members", "threads", "voice_states", "presences"):
            payload.pop(key)
        return json_response(payload)

    async def _get_guild_channels(self, request: web.Request) -> web.Response:
        return json_response([c for c in self.channels.values() if c.get("guild_id") == self.guild_id])

    async def _get_member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["uid"])
        if member is None:
            raise _unknown("Member", 10007)
        return json_response(member)

    # -- REST: commands -------------------------------------------------------------------

    async def _get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.commands.get(request.match_info.get("gid", "global"), []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        if request.match_info["app"] != self.app_id:
            raise DiscordError(403, 50001, "Missing Access")
        scope = request.match_info.get("gid", "global")
        body = await self._read_json(request)
        synced = []
        for command in body:
            entry = {
                "type": 1,
                "description": "",
                "options": [],
                "default_member_permissions": None,
                "nsfw": False,
                **command,
                "id": self.new_id(),
                "application_id": self.app_id,
                "version": self.new_id(),
            }
            if scope != "global":
                entry["guild_id"] = scope
            synced.append(entry)
        self.commands[scope] = synced
        return json_response(synced)

    def command(self, name: str) -> dict[str, Any]:
        """A synced command by name, guild commands first, like Discord's client shows them."""
        for scope in (self.guild_id, "global"):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == 1:
                    return command
        synced = sorted(c["name"] for cs in self.commands.values() for c in cs)
        raise LookupError(f"/{name} was never synced (synced: {', '.join(synced) or 'nothing'})")

    # -- REST: interactions ---------------------------------------------------------------

    def _interaction(self, token: str) -> FakeInteraction:
        interaction = self.interactions.get(token)
        if interaction is None:
            raise _unknown("Webhook", 10015)
        return interaction

    def _webhook_interaction(self, request: web.Request) -> FakeInteraction:
        if request.match_info["app"] != self.app_id:
            raise _unknown("Webhook", 10015)
        interaction = self._interaction(request.match_info["token"])
        if interaction.expired or time.monotonic() - interaction.created > self.token_ttl:
            raise DiscordError(401, 50027, "Invalid Webhook Token")
        return interaction

    async def _callback(self, request: web.Request) -> web.Response:
        interaction = self.interactions.get(request.match_info["token"])
        if interaction is None or interaction.id != request.match_info["iid"]:
            await request.read()
            raise _unknown("interaction", 10062)
        payload, uploads = await self._read_message_body(request)
        request[BODY_KEY]["body"] = payload
        elapsed = time.monotonic() - interaction.created
        if self.ack_deadline is not None and elapsed > self.ack_deadline:
            raise _unknown("interaction", 10062)
        if interaction.responded:
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        kind = int(payload.get("type", 0))
        data = payload.get("data") or {}
        allowed = {
            APPLICATION_COMMAND: {CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_MODAL},
            MESSAGE_COMPONENT: {CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_UPDATE, CB_MODAL},
            MODAL_SUBMIT: {CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_UPDATE},
            AUTOCOMPLETE: {CB_AUTOCOMPLETE},
        }.get(interaction.type, set())
        if kind not in allowed:
            raise _form_error("type", "INTERACTION_RESPONSE_TYPE_INVALID", f"Callback type {kind} is not allowed")
        interaction.response_type = kind
        interaction.responded_after = elapsed
        message: dict[str, Any] | None = None
        ephemeral = bool(int(data.get("flags") or 0) & EPHEMERAL)
        if kind in (CB_MESSAGE, CB_DEFERRED_MESSAGE):
            attachments = self._attachments(interaction.channel_id, data, uploads)
            message = self._new_message(
                interaction.channel_id,
                data if kind == CB_MESSAGE else {},
                attachments,
                flags=(LOADING if kind == CB_DEFERRED_MESSAGE else 0) | (EPHEMERAL * ephemeral),
                interaction=interaction,
            )
            interaction.original_id = message["id"]
            await self._store(message, visible_to=interaction.user_id if ephemeral else None)
        elif kind == CB_UPDATE:
            target = self.messages[interaction.payload["message"]["id"]]
            message = await self._apply_edit(target, data, uploads)
            interaction.original_id = target["id"]
        elif kind == CB_DEFERRED_UPDATE:
            interaction.original_id = interaction.payload.get("message", {}).get("id")
        elif kind == CB_AUTOCOMPLETE:
            interaction.choices = list(data.get("choices") or [])
        elif kind == CB_MODAL:
            interaction.modal = data
        await self._notify()
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        result: dict[str, Any] = {
            "interaction": {
                "id": interaction.id,
                "type": interaction.type,
                "response_message_loading": kind == CB_DEFERRED_MESSAGE,
                "response_message_ephemeral": ephemeral,
            },
            "resource": {"type": kind},
        }
        if message is not None:
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"]["message"] = message
        return json_response(result)

    def _interaction_message(self, interaction: FakeInteraction, message_id: str) -> dict[str, Any]:
        wanted = interaction.original_id if message_id == "@original" else message_id
        if wanted is None or (wanted != interaction.original_id and wanted not in interaction.followup_ids):
            raise _unknown("Message", 10008)
        message = self.messages.get(wanted)
        if message is None:
            raise _unknown("Message", 10008)
        return message

    async def _followup(self, request: web.Request) -> web.StreamResponse:
        interaction = self._webhook_interaction(request)
        payload, uploads = await self._read_message_body(request)
        if not interaction.responded:
            raise _unknown("Webhook", 10015)  # a followup needs an acknowledged interaction
        original = self.messages.get(interaction.original_id or "")
        if original is not None and original["flags"] & LOADING:
            # Discord: while the deferred original is still "thinking", the first followup edits it.
            message = await self._apply_edit(original, payload, uploads, finishing_load=True)
        else:
            ephemeral = bool(int(payload.get("flags") or 0) & EPHEMERAL)
            attachments = self._attachments(interaction.channel_id, payload, uploads)
            message = self._new_message(
                interaction.channel_id, payload, attachments, flags=EPHEMERAL * ephemeral, interaction=interaction
            )
            interaction.followup_ids.append(message["id"])
            await self._store(message, visible_to=interaction.user_id if ephemeral else None)
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message)
        return web.Response(status=204)

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        interaction = self._webhook_interaction(request)
        return json_response(self._interaction_message(interaction, request.match_info["mid"]))

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        interaction = self._webhook_interaction(request)
        message = self._interaction_message(interaction, request.match_info["mid"])
        payload, uploads = await self._read_message_body(request)
        finishing = bool(message["flags"] & LOADING)
        return json_response(await self._apply_edit(message, payload, uploads, finishing_load=finishing))

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        interaction = self._webhook_interaction(request)
        await self._delete(self._interaction_message(interaction, request.match_info["mid"]))
        return web.Response(status=204)

    # -- REST: channels and messages ------------------------------------------------------

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self.channels.get(request.match_info["cid"])
        if channel is None:
            raise _unknown("Channel", 10003)
        return json_response(channel)

    async def _typing(self, request: web.Request) -> web.Response:
        if request.match_info["cid"] not in self.channels:
            raise _unknown("Channel", 10003)
        return web.Response(status=204)

    async def _history(self, request: web.Request) -> web.Response:
        channel_id = request.match_info["cid"]
        if channel_id not in self.channels:
            raise _unknown("Channel", 10003)
        limit = max(1, min(100, int(request.query.get("limit", "50"))))
        before, after = request.query.get("before"), request.query.get("after")
        found = [
            m
            for m in self.public_messages(channel_id)
            if (before is None or int(m["id"]) < int(before)) and (after is None or int(m["id"]) > int(after))
        ]
        return json_response(list(reversed(found))[:limit])

    async def _create_message(self, request: web.Request) -> web.Response:
        channel_id = request.match_info["cid"]
        if channel_id not in self.channels:
            raise _unknown("Channel", 10003)
        payload, uploads = await self._read_message_body(request)
        if uploads and self.upload_gate is not None:
            self.held_uploads += 1
            await self._notify()
            await self.upload_gate.wait()
        if not (
            payload.get("content")
            or payload.get("embeds")
            or uploads
            or payload.get("components")
            or payload.get("sticker_ids")
        ):
            raise DiscordError(400, 50006, "Cannot send an empty message")
        if len(payload.get("content") or "") > 2000:
            raise _form_error("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
        message = self._new_message(channel_id, payload, self._attachments(channel_id, payload, uploads))
        return json_response(await self._store(message))

    async def _get_message(self, request: web.Request) -> web.Response:
        return json_response(self._channel_message(request))

    async def _edit_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        payload, uploads = await self._read_message_body(request)
        if message["author"]["id"] != self.bot_user["id"]:
            raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
        if len(payload.get("content") or "") > 2000:
            raise _form_error("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
        return json_response(await self._apply_edit(message, payload, uploads))

    async def _delete_message(self, request: web.Request) -> web.Response:
        await self._delete(self._channel_message(request))
        return web.Response(status=204)

    # -- reactions ------------------------------------------------------------------------

    @staticmethod
    def _emoji(text: str) -> dict[str, Any]:
        """`👍` or `name:id` (custom) as Discord's partial emoji object."""
        name, _, emoji_id = text.partition(":")
        return {"id": emoji_id or None, "name": name}

    def _refresh_reactions(self, message: dict[str, Any]) -> None:
        table = self._reactors.get(message["id"], {})
        message["reactions"] = [
            {
                "emoji": self._emoji(key),
                "count": len(users),
                "count_details": {"burst": 0, "normal": len(users)},
                "me": self.bot_user["id"] in users,
                "me_burst": False,
                "burst_colors": [],
            }
            for key, users in table.items()
            if users
        ]

    async def _react(self, message: dict[str, Any], emoji: str, user_id: str, *, add: bool) -> bool:
        users = self._reactors.setdefault(message["id"], {}).setdefault(emoji, [])
        if add == (user_id in users):
            return False
        if add:
            users.append(user_id)
        else:
            users.remove(user_id)
        self._refresh_reactions(message)
        event: dict[str, Any] = {
            "user_id": user_id,
            "channel_id": message["channel_id"],
            "message_id": message["id"],
            "emoji": self._emoji(emoji),
            "burst": False,
            "type": 0,
        }
        if "guild_id" in message:
            event["guild_id"] = self.guild_id
            if add:
                event["member"] = self.members.get(user_id)
                event["message_author_id"] = message["author"]["id"]
        await self.dispatch("MESSAGE_REACTION_ADD" if add else "MESSAGE_REACTION_REMOVE", event)
        await self._notify()
        return True

    async def _add_own_reaction(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        request[BODY_KEY] = {"body": {"emoji": request.match_info["emoji"]}}
        await self._react(message, request.match_info["emoji"], self.bot_user["id"], add=True)
        return web.Response(status=204)

    async def _remove_reaction(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        uid = request.match_info["uid"]
        user_id = self.bot_user["id"] if uid == "@me" else uid
        if user_id != self.bot_user["id"] and not self.permissions_of(self.bot_user["id"]) & (1 << 13):
            raise DiscordError(403, 50013, "Missing Permissions")
        request[BODY_KEY] = {"body": {"emoji": request.match_info["emoji"], "user": user_id}}
        await self._react(message, request.match_info["emoji"], user_id, add=False)
        return web.Response(status=204)

    # -- CDN --------------------------------------------------------------------------------

    def _sign(self, attachment_id: str, expires: int) -> str:
        return hmac.new(self._cdn_secret, f"{attachment_id}:{expires}".encode(), hashlib.sha256).hexdigest()[:32]

    def _cdn_url(self, channel_id: str, attachment_id: str, filename: str) -> str:
        expires = int(self.clock() + self.cdn_ttl)
        name = urllib.parse.quote(filename)
        query = f"ex={expires:x}&is={int(self.clock()):x}&hm={self._sign(attachment_id, expires)}"
        return f"{self.base_url}/attachments/{channel_id}/{attachment_id}/{name}?{query}"

    async def _cdn(self, request: web.Request) -> web.Response:
        attachment_id = request.match_info["aid"]
        blob = self._blobs.get(attachment_id)
        try:
            expires = int(request.query.get("ex", ""), 16)
        except ValueError:
            expires = 0
        signed = hmac.compare_digest(request.query.get("hm", ""), self._sign(attachment_id, expires))
        if blob is None or not signed or expires < self.clock():
            return web.Response(status=404, text="This content is no longer available.")
        kind = guess_content_type(request.match_info["name"], blob)
        return web.Response(body=blob, headers={"Content-Type": kind})

    def attachment_data(self, attachment: Mapping[str, Any]) -> bytes | None:
        """The bytes behind an attachment object (what its CDN URL serves)."""
        return self._blobs.get(str(attachment.get("id")))

    # -- gateway ----------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}))
        session: GatewaySession | None = None
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                continue
            data = json.loads(frame.data)
            op, d = data.get("op"), data.get("d")
            if op == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                session = await self._identify(ws, d)
            elif op == 6:
                session = await self._resume(ws, d)
            elif op == 8:
                await self._send_members(d)
            elif op in (3, 4):
                continue  # presence and voice updates: nothing to do
            else:
                await ws.close(code=4001, message=b"Unknown opcode")
        if session is not None and session.ws is ws:
            session.ws = None
        self.gateway_log.append(("CLOSED", {"code": ws.close_code}))
        await self._notify()
        return ws

    async def _identify(self, ws: web.WebSocketResponse, d: Mapping[str, Any]) -> GatewaySession | None:
        if d.get("token") != self.token:
            self.gateway_log.append(("IDENTIFY-FAILED", {}))
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        session = GatewaySession(secrets.token_hex(16), d.get("intents"), ws=ws)
        self.sessions[session.id] = session
        self.gateway_log.append(("IDENTIFY", {"intents": d.get("intents"), "session": session.id}))
        await self._send(
            session,
            "READY",
            {
                "v": 10,
                "user": self.bot_user,
                "session_id": session.id,
                "resume_gateway_url": self.gateway_url,
                "guilds": [{"id": self.guild_id, "unavailable": True}],
                "private_channels": [],
                "relationships": [],
                "application": {"id": self.app_id, "flags": 0},
                "session_type": "normal",
                "shard": [0, 1],
            },
        )
        await self._send(session, "GUILD_CREATE", self.guild_payload())
        await self._notify()
        return session

    async def _resume(self, ws: web.WebSocketResponse, d: Mapping[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(str(d.get("session_id")))
        if session is None or d.get("token") != self.token:
            await ws.send_str(json.dumps({"op": 9, "d": False}))
            self.gateway_log.append(("RESUME-REFUSED", {}))
            return None
        session.resumes += 1
        seen = int(d.get("seq") or 0)
        async with session.lock:  # replay what was missed before anything new goes out on this socket
            missed = [(seq, event, payload) for seq, event, payload in session.backlog if seq > seen]
            for seq, event, payload in missed:
                await ws.send_str(json.dumps({"op": 0, "t": event, "s": seq, "d": payload}))
            session.ws = ws
        self.gateway_log.append(("RESUME", {"session": session.id, "seq": seen, "replayed": [e for _, e, _ in missed]}))
        await self._send(session, "RESUMED", {})
        await self._notify()
        return session

    async def _send_members(self, d: Mapping[str, Any]) -> None:
        await self.dispatch(
            "GUILD_MEMBERS_CHUNK",
            {
                "guild_id": self.guild_id,
                "members": list(self.members.values()),
                "chunk_index": 0,
                "chunk_count": 1,
                "nonce": d.get("nonce"),
            },
        )

    async def _send(self, session: GatewaySession, event: str, payload: Any) -> None:
        async with session.lock:
            session.seq += 1
            session.backlog.append((session.seq, event, payload))
            ws = session.ws
            if ws is not None and not ws.closed:
                try:
                    await ws.send_str(json.dumps({"op": 0, "t": event, "s": session.seq, "d": payload}))
                except ConnectionError:
                    session.ws = None  # kept in the backlog for a RESUME

    async def dispatch(self, event: str, payload: Any) -> None:
        """Send a gateway event to every session (buffered for sessions that are reconnecting)."""
        for session in list(self.sessions.values()):
            await self._send(session, event, payload)

    async def request_reconnect(self) -> None:
        """Op 7 RECONNECT: the client closes and RESUMEs, as Discord asks during rolling restarts."""
        for session in self.sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.send_str(json.dumps({"op": 7, "d": None}))

    @property
    def connected(self) -> bool:
        return any(s.ws is not None and not s.ws.closed for s in self.sessions.values())

    def _fire_and_forget(self, coro: Awaitable[None]) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coro.close()  # type: ignore[attr-defined]
            return
        task = loop.create_task(coro)  # type: ignore[arg-type]
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # -- driver: member actions -------------------------------------------------------------

    def _member_payload(self, user_id: str) -> dict[str, Any]:
        return {**self.members[user_id], "permissions": str(self.permissions_of(user_id))}

    def _interaction_base(self, kind: int, user_id: str, channel_id: str, locale: str) -> FakeInteraction:
        channel = self.channels[channel_id]
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        payload: dict[str, Any] = {
            "id": self.new_id(),
            "application_id": self.app_id,
            "type": kind,
            "token": token,
            "version": 1,
            "channel_id": channel_id,
            "channel": channel,
            "locale": locale,
            "entitlements": [],
            "context": 0,
            "app_permissions": str(self.permissions_of(self.bot_user["id"])),
            "attachment_size_limit": self.reported_upload_limit or self.upload_limit,
            "authorizing_integration_owners": {"0": self.guild_id},
        }
        if channel.get("guild_id"):
            payload |= {
                "guild_id": self.guild_id,
                "guild_locale": "en-US",
                "member": self._member_payload(user_id),
                "guild": {"id": self.guild_id, "locale": "en-US", "features": []},
            }
        else:
            payload["user"] = self.users[user_id]
            payload["context"] = 1
        interaction = FakeInteraction(payload["id"], token, kind, user_id, channel_id, payload, time.monotonic())
        self.interactions[token] = interaction
        return interaction

    def _options(
        self,
        schema: list[dict[str, Any]],
        values: Mapping[str, Any],
        attachments: Mapping[str, Upload | bytes | tuple[str, bytes]],
        channel_id: str,
        resolved: dict[str, dict[str, Any]],
        focused: str | None,
    ) -> list[dict[str, Any]]:
        by_name = {o["name"]: o for o in schema}
        result: list[dict[str, Any]] = []
        for name, value in {**values, **attachments}.items():
            option = by_name.get(name)
            if option is None:
                raise KeyError(f"no option {name!r} (options: {', '.join(by_name) or 'none'})")
            kind = option["type"]
            if kind == ATTACHMENT:
                upload = (
                    value
                    if isinstance(value, Upload)
                    else (Upload(*value) if isinstance(value, tuple) else Upload(f"{name}.bin", value))
                )
                if upload.filename == f"{name}.bin":
                    ext = mimetypes.guess_extension(guess_content_type("", upload.data)) or ".bin"
                    upload = Upload(f"{name}{ext}", upload.data, upload.content_type)
                attachment = self._store_attachment(channel_id, upload, ephemeral=True)
                resolved.setdefault("attachments", {})[attachment["id"]] = attachment
                value = attachment["id"]
            elif kind in (USER, MENTIONABLE) and str(value) in self.users:
                value = str(value)
                resolved.setdefault("users", {})[value] = self.users[value]
                if value in self.members:
                    member = {k: v for k, v in self._member_payload(value).items() if k != "user"}
                    resolved.setdefault("members", {})[value] = member
            elif kind == CHANNEL:
                value = str(value)
                resolved.setdefault("channels", {})[value] = {
                    **self.channels[value],
                    "permissions": str(self.permissions_of(self.bot_user["id"])),
                }
            elif kind == ROLE:
                value = str(value)
                resolved.setdefault("roles", {})[value] = next(r for r in self.roles if r["id"] == value)
            entry: dict[str, Any] = {"name": name, "type": kind, "value": value}
            if name == focused:
                entry["focused"] = True
            result.append(entry)
        return result

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any],
        attachments: Mapping[str, Upload | bytes | tuple[str, bytes]],
        channel_id: str,
        focused: str | None = None,
    ) -> dict[str, Any]:
        """`config quota set` -> the command with its sub-command groups nested as Discord sends them."""
        root, *subs = name.split()
        command = self.command(root)
        resolved: dict[str, dict[str, Any]] = {}
        data: dict[str, Any] = {"id": command["id"], "name": root, "type": 1}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        schema, holder = command.get("options", []), data
        for sub in subs:
            node = next((o for o in schema if o["name"] == sub and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)), None)
            if node is None:
                raise LookupError(f"/{root} has no sub-command {sub!r}")
            child: dict[str, Any] = {"name": sub, "type": node["type"]}
            holder["options"] = [child]
            schema, holder = node.get("options", []), child
        holder["options"] = self._options(schema, options, attachments, channel_id, resolved, focused)
        if resolved:
            data["resolved"] = resolved
        return data

    async def slash(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        attachments: Mapping[str, Upload | bytes | tuple[str, bytes]] | None = None,
        user_id: str | None = None,
        channel_id: str | None = None,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """A member runs `/name` with options typed from the synced schema (attachments uploaded first)."""
        user_id = user_id or self.alice["id"]
        channel_id = channel_id or self.channel_id
        interaction = self._interaction_base(APPLICATION_COMMAND, user_id, channel_id, locale)
        interaction.payload["data"] = self._command_data(name, options or {}, attachments or {}, channel_id)
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        return interaction

    async def autocomplete(
        self,
        name: str,
        focused: str,
        options: Mapping[str, Any] | None = None,
        *,
        user_id: str | None = None,
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """The choices the bot offers while a member types option `focused`."""
        user_id = user_id or self.alice["id"]
        interaction = self._interaction_base(AUTOCOMPLETE, user_id, self.channel_id, "en-US")
        values = {focused: "", **(options or {})}
        interaction.payload["data"] = self._command_data(name, values, {}, self.channel_id, focused)
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        await self.wait_for(lambda: interaction.choices is not None, timeout, f"autocomplete of /{name} {focused}")
        return interaction.choices or []

    def find_component(self, message: Mapping[str, Any], custom_id: str) -> dict[str, Any] | None:
        stack = list(message.get("components") or [])
        while stack:
            component = stack.pop()
            if component.get("custom_id") == custom_id:
                return component
            stack.extend(component.get("components") or [])
            if isinstance(component.get("accessory"), dict):
                stack.append(component["accessory"])
        return None

    async def click(
        self, message_id: str, custom_id: str, *, user_id: str | None = None, values: list[str] | None = None
    ) -> FakeInteraction:
        """A member presses a button (or picks `values` in a select menu) on a message."""
        message = self.messages.get(str(message_id))
        if message is None:
            raise LookupError(f"no message {message_id}")
        component = self.find_component(message, custom_id)
        if component is None:
            raise LookupError(f"message {message_id} has no component {custom_id!r}")
        if component.get("disabled"):
            raise LookupError(f"component {custom_id!r} is disabled")
        user_id = user_id or self.alice["id"]
        interaction = self._interaction_base(MESSAGE_COMPONENT, user_id, message["channel_id"], "en-US")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None:
            data["values"] = values
        interaction.payload |= {"message": copy.deepcopy(message), "data": data}
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        return interaction

    async def submit_modal(self, opened_by: FakeInteraction, values: Mapping[str, str]) -> FakeInteraction:
        """The member fills the modal the bot opened (keys: text input custom ids or labels) and submits."""
        modal = opened_by.modal
        if modal is None:
            raise LookupError("the bot did not open a modal for this interaction")

        def answer(component: Mapping[str, Any], label: str | None) -> dict[str, Any]:
            key = component.get("custom_id")
            value = values.get(key, values.get(label or "", component.get("value") or ""))
            return {"type": component["type"], "custom_id": key, "value": value}

        rows = []
        for row in modal.get("components", []):
            if row["type"] == 1:
                rows.append({"type": 1, "components": [answer(c, c.get("label")) for c in row["components"]]})
            elif row["type"] == 18:  # label wrapping one component
                rows.append({"type": 18, "component": answer(row["component"], row.get("label"))})
        interaction = self._interaction_base(MODAL_SUBMIT, opened_by.user_id, opened_by.channel_id, "en-US")
        interaction.payload["data"] = {"custom_id": modal.get("custom_id"), "components": rows}
        if "message" in opened_by.payload:
            interaction.payload["message"] = copy.deepcopy(self.messages.get(opened_by.payload["message"]["id"]))
        await self.dispatch("INTERACTION_CREATE", interaction.payload)
        return interaction

    async def react(self, message_id: str, emoji: str = "👍", *, user_id: str | None = None) -> None:
        """A member adds a reaction (MESSAGE_REACTION_ADD reaches the bot)."""
        await self._react(self._require(message_id), emoji, user_id or self.alice["id"], add=True)

    async def unreact(self, message_id: str, emoji: str = "👍", *, user_id: str | None = None) -> None:
        await self._react(self._require(message_id), emoji, user_id or self.alice["id"], add=False)

    async def send_as(
        self,
        content: str,
        *,
        user_id: str | None = None,
        channel_id: str | None = None,
        uploads: Iterable[Upload] = (),
        reply_to: str | None = None,
    ) -> dict[str, Any]:
        """A member posts a message (with files, optionally as a reply)."""
        channel_id = channel_id or self.channel_id
        user = self.users[user_id or self.alice["id"]]
        payload: dict[str, Any] = {"content": content}
        if reply_to is not None:
            payload["message_reference"] = {"message_id": reply_to}
        attachments = [self._store_attachment(channel_id, u) for u in uploads]
        return await self._store(self._new_message(channel_id, payload, attachments, author=user))

    def expire(self, interaction: FakeInteraction) -> None:
        """Age the interaction token past its 15 minutes: webhooks answer 401 / 50027 from now on."""
        interaction.expired = True

    def _require(self, message_id: str) -> dict[str, Any]:
        message = self.messages.get(str(message_id))
        if message is None:
            raise LookupError(f"no message {message_id}")
        return message

    # -- driver: looking and waiting --------------------------------------------------------

    def visible_to(self, message_id: str) -> str | None:
        """The one user who sees an ephemeral message; None for a public one."""
        return self._visible_to.get(str(message_id))

    def is_loading(self, message: Mapping[str, Any]) -> bool:
        return bool(int(message.get("flags") or 0) & LOADING)

    def channel_messages(self, channel_id: str | None = None, *, viewer_id: str | None = None) -> list[dict[str, Any]]:
        """A channel's messages, oldest first, as `viewer_id` sees them (their ephemeral ones included)."""
        channel_id = channel_id or self.channel_id
        return [
            m
            for m in self.messages.values()
            if m["channel_id"] == channel_id and self._visible_to.get(m["id"], viewer_id) == viewer_id
        ]

    def public_messages(self, channel_id: str | None = None) -> list[dict[str, Any]]:
        channel_id = channel_id or self.channel_id
        return [m for m in self.messages.values() if m["channel_id"] == channel_id and m["id"] not in self._visible_to]

    def original(self, interaction: FakeInteraction) -> dict[str, Any] | None:
        return self.messages.get(interaction.original_id or "")

    def replies(self, interaction: FakeInteraction) -> list[dict[str, Any]]:
        """The original response and the followups of an interaction, current versions."""
        ids = [interaction.original_id, *interaction.followup_ids]
        return [self.messages[i] for i in ids if i in self.messages]

    def last_reply(self, interaction: FakeInteraction) -> dict[str, Any] | None:
        done = [m for m in self.replies(interaction) if not self.is_loading(m)]
        return done[-1] if done else None

    def requests_to(self, method: str, pattern: str) -> list[LoggedRequest]:
        """Logged REST requests whose path (below /api/v10) matches the glob."""
        return [r for r in self.requests if r.method == method and fnmatch.fnmatchcase(r.path, pattern)]

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, check: Callable[[], T], timeout: float = 10.0, what: str = "condition") -> T:
        """Until `check()` returns something truthy (returned); re-checked on every change the fake sees."""
        try:
            async with asyncio.timeout(timeout):
                async with self._changed:
                    while not (result := check()):
                        await self._changed.wait()
                    return result
        except TimeoutError:
            recent = ", ".join(f"{r.method} {r.path} {r.status}" for r in self.requests[-8:])
            raise TimeoutError(f"fake discord: no {what} within {timeout}s (last requests: {recent})") from None

    async def wait_until_ready(self, timeout: float = 15.0) -> None:
        """Until a bot has identified on the gateway and synced its commands."""
        await self.wait_for(lambda: self.connected and bool(self.commands), timeout, "IDENTIFY and command sync")

    async def wait_for_message(
        self,
        predicate: Callable[[dict[str, Any]], bool],
        timeout: float = 10.0,
        *,
        channel_id: str | None = None,
    ) -> dict[str, Any]:
        """The first message (live: later edits show in it) matching `predicate`."""

        def find() -> dict[str, Any] | None:
            return next(
                (
                    m
                    for m in self.messages.values()
                    if (channel_id is None or m["channel_id"] == channel_id) and predicate(m)
                ),
                None,
            )

        return await self.wait_for(find, timeout, "matching message")

    async def wait_for_response(self, interaction: FakeInteraction, timeout: float = 5.0) -> FakeInteraction:
        await self.wait_for(lambda: interaction.responded, timeout, f"response to interaction {interaction.name}")
        return interaction

    async def wait_for_reply(self, interaction: FakeInteraction, timeout: float = 10.0) -> dict[str, Any]:
        """The newest finished (not "thinking") reply to an interaction."""
        return await self.wait_for(lambda: self.last_reply(interaction), timeout, "finished interaction reply")
