"""`/wan-dance`: learn a dance from a video once, then make any photo's person perform it (AnimateAnyone).

Spec 04 §2: animate-anyone-template-gen2 turns a motion video into a template id (its own job,
billed by the video's length); animate-anyone-gen2 renders a photo with that template after
animate-anyone-detect-gen2 has checked the photo (the job's step). Template ids only work for
the account and region that made them, so `engine.dance_templates` offers only those. The
video is as long as the dance's source video, which is the quota estimate of a performance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import locale_of, t
from bot.wan import catalog
from bot.wan.catalog.animate_anyone import DETECT, GENERATE, TEMPLATE, VIDEO_RATIOS
from bot.wan.catalog.types import Family, ModelSpec

from .portrait import check_step, checked_image, detector_of
from .support.media import FILE_NOTES, media_input
from .support.options import choices, family_models, pick_model
from .support.refusal import Refusal
from .support.submit import Requester, Submission, reply, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

NAME_MAX = 50


def dance_models(bot: WanBot) -> list[ModelSpec]:
    return family_models(bot, Family.ANIMATE_ANYONE)


def offered(bot: WanBot) -> bool:
    """All three calls exist in this region: learning, checking and performing."""
    region = bot.settings.dashscope_region
    return all(catalog.get(name).id_in(region) for name in (DETECT, TEMPLATE, GENERATE))


def add_note(text: str) -> None:
    notes = FILE_NOTES.get()
    if notes is not None:
        notes.append(text)


@app_commands.guild_only()
class Dance(
    commands.GroupCog,
    group_name="wan-dance",
    group_description=tr("Teach this server dances from videos, then make photos perform them", "dance.cmd"),
):
    """Dances (AnimateAnyone): learned per server from a video, performed by the person in a photo."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="learn",
        description=tr("Learn a dance from a video of one person (2-60 s, at least 24 fps)", "dance.cmd.learn"),
    )
    @app_commands.describe(
        dance_name=tr("A short name for the dance, to pick it later", "dance.opt.name"),
        video=tr("The dance: mp4, avi or mov, one person in frame from the first frame, one shot", "dance.opt.video"),
    )
    @app_commands.rename(dance_name="name")  # the parameter is not `name`: describe(name=...) reads as a name
    async def learn(
        self,
        interaction: discord.Interaction,
        dance_name: app_commands.Range[str, 1, NAME_MAX],
        video: discord.Attachment,
    ) -> None:
        async def build(who: Requester) -> Submission:
            shown = " ".join(dance_name.split())
            if not shown:
                raise Refusal.of("dance.refusal.name", who.locale, value=repr(dance_name), max=NAME_MAX)
            spec = catalog.get(TEMPLATE)
            motion = await media_input(self.bot, video, spec, "video_url", who.locale, shown_as="video")
            add_note(t("dance.learn_note", who.locale))
            meta = {"template_name": shown, "input_seconds": motion.seconds, "shown_prompt": shown}
            return Submission(spec.name, {"video_url": motion.reference}, meta)

        await run_command(self.bot, interaction, build)

    @app_commands.command(
        name="perform",
        description=tr("Make the person in a photo perform a dance this server learned", "dance.cmd.perform"),
    )
    @app_commands.describe(
        image=tr("A photo of one person, full body, facing the camera", "dance.opt.image"),
        dance=tr("Which learned dance", "dance.opt.dance"),
        background=tr("Keep the photo's background (default: the dance video's background)", "dance.opt.background"),
        ratio=tr("Shape of the video with the photo's background: 9:16 or 3:4", "dance.opt.ratio"),
    )
    @app_commands.choices(ratio=choices(VIDEO_RATIOS))
    async def perform(
        self,
        interaction: discord.Interaction,
        image: discord.Attachment,
        dance: app_commands.Range[str, 1, 100],
        background: bool | None = None,
        ratio: str | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            engine = self.bot.engine
            if engine is None or who.guild_id is None:
                raise Refusal.of("refusal.not_configured", who.locale)
            rows = await engine.dance_templates(who.guild_id)
            row = next((r for r in rows if r["name"] == dance), None)
            if row is None:
                allowed = ", ".join(r["name"] for r in rows) or "-"
                raise Refusal.of("dance.refusal.unknown", who.locale, value=dance, allowed=allowed)
            if ratio is not None and background is not True:
                raise Refusal.of("dance.refusal.ratio", who.locale, value=ratio)
            spec = pick_model(self.bot, who, None, dance_models(self.bot), t("dance.models", who.locale))
            detector = detector_of(self.bot, spec)
            image_ref, check_ref = await checked_image(self.bot, who, image, spec, detector, "image")
            values: dict[str, Any] = {"image_url": image_ref, "template_id": row["template_id"],
                                      "use_ref_img_bg": background, "video_ratio": ratio}  # fmt: skip
            meta = {
                "steps": [check_step(detector, {"image_url": check_ref})],
                "input_seconds": row.get("input_seconds"),  # the learned video's length (None: reserve the cap)
                "shown_prompt": row["name"],
            }
            return Submission(spec.name, {k: v for k, v in values.items() if v is not None}, meta)

        await run_command(self.bot, interaction, build)

    @perform.autocomplete("dance")
    async def dance_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Only dances this account can perform here: template ids are bound to the key and region."""
        if self.bot.engine is None or interaction.guild_id is None:
            return []
        rows = await self.bot.engine.dance_templates(interaction.guild_id)
        typed = current.lower()
        return [app_commands.Choice(name=r["name"][:100], value=r["name"]) for r in rows if typed in r["name"].lower()][
            :25
        ]

    @app_commands.command(name="list", description=tr("The dances this server has learned", "dance.cmd.list"))
    async def list_dances(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        engine = self.bot.engine
        if engine is None or interaction.guild_id is None:
            await reply(interaction, t("refusal.not_configured", locale))
            return
        rows = await engine.dance_templates(interaction.guild_id)
        if not rows:
            await reply(interaction, t("dance.list.empty", locale))
            return
        lines = [t("dance.list.item", locale, name=r["name"], user=r["created_by"], when=int(r["created_at"]))
                 for r in rows]  # fmt: skip
        embed = discord.Embed(title=t("dance.list.title", locale), description="\n".join(lines)[:4000])
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: WanBot) -> None:
    """Registered only where AnimateAnyone is offered (Beijing), so the commands and `wanbot models` agree."""
    if not offered(bot):
        return
    await bot.add_cog(Dance(bot))
