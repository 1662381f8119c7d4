"""Per-guild settings an admin can change, as one typed record (Discord-free).

Stored as JSON in `guild_settings` next to the quota keys the ledger already reads
(`allowance_ms`, `period`, `budget_ms`, `admins_exempt`), so one row says everything about a
guild. Unknown keys are kept, so an older bot never drops what a newer one wrote.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .store.db import Database

SpoilerPolicy = Literal["off", "always", "outside-nsfw"]


class GuildConfig(BaseModel):
    """What a server admin decides; defaults are what a fresh server gets."""

    model_config = ConfigDict(extra="allow")

    # Quota (read by bot.jobs.quota.Ledger too).
    allowance_ms: int | None = None  # None here means "use the process default"
    period: Literal["day", "week", "month"] | None = None
    budget_ms: int | None = None
    admins_exempt: bool = True
    # Where and what.
    allowed_channel_ids: list[int] = Field(default_factory=list)  # empty = every channel
    disabled_families: list[str] = Field(default_factory=list)
    disabled_models: list[str] = Field(default_factory=list)
    reactions_enabled: bool = True
    # Defaults members get when they leave an option out.
    default_resolution: str | None = None
    default_audio: bool | None = None
    watermark: bool | None = None  # None = the service default (no watermark)
    # Safety.
    spoiler: SpoilerPolicy = "off"
    nsfw_channels_only: bool = False  # refuse generation outside age-restricted channels

    def channel_allowed(self, channel_id: int | None, parent_id: int | None = None) -> bool:
        if not self.allowed_channel_ids or channel_id is None:
            return True
        return channel_id in self.allowed_channel_ids or (
            parent_id is not None and parent_id in self.allowed_channel_ids
        )

    def model_allowed(self, family: str, model: str) -> bool:
        return family not in self.disabled_families and model not in self.disabled_models


# Keys where None means "the process default": stored as absent, never as null (the ledger reads a stored
# null allowance as "unlimited"; unlimited is what exemptions are for).
_DEFAULTED = frozenset({"allowance_ms", "period"})


class GuildConfigStore:
    """Read and change guild settings; a small cache keeps reads off the database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[int, GuildConfig] = {}

    async def get(self, guild_id: int | None) -> GuildConfig:
        if guild_id is None:
            return GuildConfig()
        cached = self._cache.get(guild_id)
        if cached is not None:
            return cached
        row = await self.db.fetchone("SELECT settings_json FROM guild_settings WHERE guild_id = ?", (guild_id,))
        config = GuildConfig.model_validate(json.loads(row["settings_json"]) if row else {})
        self._cache[guild_id] = config
        return config

    async def update(self, guild_id: int, now: float, **changes: Any) -> GuildConfig:
        """Apply `changes` (validated as a whole) and store them; returns the new settings."""
        current = await self.get(guild_id)
        merged = GuildConfig.model_validate({**current.model_dump(), **changes})
        # None means "the process default" for these: never store it, or the ledger would read "unlimited".
        data = {k: v for k, v in merged.model_dump().items() if v is not None or (k in changes and k not in _DEFAULTED)}
        await self.db.write(
            "INSERT INTO guild_settings (guild_id, settings_json, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET settings_json = excluded.settings_json, "
            "updated_at = excluded.updated_at",
            (guild_id, json.dumps(data), now),
        )
        self._cache[guild_id] = merged
        return merged

    # -- quota overrides ---------------------------------------------------------------

    async def set_override(
        self, guild_id: int, scope: Literal["user", "role"], target_id: int, *, allowance_ms: int | None, exempt: bool
    ) -> None:
        await self.db.write(
            "INSERT INTO quota_overrides (guild_id, scope, target_id, allowance_ms, exempt) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (guild_id, scope, target_id) DO UPDATE SET allowance_ms = excluded.allowance_ms, "
            "exempt = excluded.exempt",
            (guild_id, scope, target_id, allowance_ms, int(exempt)),
        )

    async def clear_override(self, guild_id: int, scope: Literal["user", "role"], target_id: int) -> bool:
        cur = await self.db.run(
            "DELETE FROM quota_overrides WHERE guild_id = ? AND scope = ? AND target_id = ?",
            (guild_id, scope, target_id),
        )
        return cur.rowcount == 1

    async def overrides(self, guild_id: int) -> list[dict[str, Any]]:
        rows = await self.db.fetchall(
            "SELECT scope, target_id, allowance_ms, exempt FROM quota_overrides WHERE guild_id = ? "
            "ORDER BY scope, target_id",
            (guild_id,),
        )
        return [dict(r) for r in rows]

    # -- reaction map ----------------------------------------------------------------------

    async def reaction_map(self, guild_id: int) -> dict[str, str]:
        """Emoji (unicode, or `<:name:id>` for custom) -> template, as the admin set it."""
        rows = await self.db.fetchall("SELECT emoji, template FROM reaction_map WHERE guild_id = ?", (guild_id,))
        return {r["emoji"]: r["template"] for r in rows}

    async def map_reaction(self, guild_id: int, emoji: str, template: str | None) -> None:
        """Map an emoji to a template, or (template None) mark it unmapped for this guild."""
        await self.db.write(
            "INSERT INTO reaction_map (guild_id, emoji, template) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, emoji) DO UPDATE SET template = excluded.template",
            (guild_id, emoji, template or ""),
        )
