"""`/wan-admin`: server settings for managers (see cog.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cog import Admin

if TYPE_CHECKING:
    from bot.app import WanBot

__all__ = ["Admin", "setup"]


async def setup(bot: WanBot) -> None:
    await bot.add_cog(Admin(bot))
