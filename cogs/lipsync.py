"""`/wan-lipsync`: VideoRetalk re-syncs the lips of the person in a video to new speech (spec 04 §5).

One call, Beijing only. VideoRetalk fetches public http(s) links only, so the member's own
attachment links are passed on (a file that would need converting is refused, not re-hosted).
The output is as long as the shorter of video and audio, or as the audio with `extend` on
(FAQ 1), and that length goes to the engine as `input_seconds` so the estimate matches the bill.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.wan.catalog.types import Family

from .motion import only_model
from .support.media import media_input
from .support.options import family_models
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

__all__ = ["LipSync", "output_seconds"]


def output_seconds(video: float | None, audio: float | None, extend: bool | None) -> float | None:
    """What VideoRetalk will make: the shorter of the two, or the audio's length when extending the video."""
    if extend:
        return audio if audio is not None else video
    known = [s for s in (video, audio) if s is not None]
    return min(known) if known else None


class LipSync(commands.Cog):
    """Lip-sync (VideoRetalk): a talking person's video plus new speech."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-lipsync",
        description=tr("Make the person in a video say new words: the lips follow your audio", "lipsync.cmd"),
    )
    @app_commands.describe(
        video=tr(
            "Video of the person, face close and frontal (2-120 s, 15-60 fps, sides 640-2048 px)", "lipsync.opt.video"
        ),
        audio=tr("The new speech (wav, mp3 or aac, 2-120 s): a clear voice without music", "lipsync.opt.audio"),
        ref_image=tr("A clear frontal picture of the face to sync when several people appear", "lipsync.opt.ref_image"),
        extend=tr(
            "Audio longer than the video: on replays the video back and forth, off cuts the audio", "lipsync.opt.extend"
        ),
    )
    async def wan_lipsync(
        self,
        interaction: discord.Interaction,
        video: discord.Attachment,
        audio: discord.Attachment,
        ref_image: discord.Attachment | None = None,
        extend: bool | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            spec = only_model(self.bot, who, Family.VIDEORETALK)
            clip = await media_input(self.bot, video, spec, "video_url", who.locale, shown_as="video")
            speech = await media_input(self.bot, audio, spec, "audio_url", who.locale, shown_as="audio")
            values: dict[str, Any] = {"video_url": clip.reference, "audio_url": speech.reference,
                                      "video_extension": extend}  # fmt: skip
            if ref_image is not None:
                face = await media_input(self.bot, ref_image, spec, "ref_image_url", who.locale, shown_as="ref_image")
                values["ref_image_url"] = face.reference
            meta = {"input_seconds": output_seconds(clip.seconds, speech.seconds, extend)}
            return Submission(spec.name, {k: v for k, v in values.items() if v is not None}, meta)

        await run_command(self.bot, interaction, build)


async def setup(bot: WanBot) -> None:
    """Registered only where VideoRetalk is offered (Beijing), so the commands and `wanbot models` agree."""
    if not family_models(bot, Family.VIDEORETALK):
        return
    await bot.add_cog(LipSync(bot))
