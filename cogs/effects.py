"""`/wan-effect` and `/wan-effects`: Wan's 31 effect templates run on a member's photo.

An effect is a template on `wanx2.1-i2v-turbo` (cheaper and faster, 13 templates),
`wanx2.1-i2v-plus` (all 26 first-frame templates) or `wanx2.1-kf2v-plus` (5 templates that take
only a first frame). The catalog lists each template's models in preference order; the bot runs
the first one offered in its region and not switched off by the guild. The prompt is ignored with
a template (spec 02 §5.5), so none is sent. The helpers here are shared with the reaction cog.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import locale_of, t
from bot.jobs.guild_config import GuildConfig
from bot.jobs.reaction_map import guild_reaction_map, merge
from bot.wan import catalog
from bot.wan.catalog.effects import EFFECTS, EFFECTS_BY_TEMPLATE
from bot.wan.catalog.types import EffectTemplate, ModelSpec

from .support.media import media_input
from .support.options import choices, tier_for
from .support.refusal import Refusal
from .support.submit import Requester, Submission, run_command
from .support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

__all__ = [
    "EFFECT_TIERS",
    "Effects",
    "effect_models",
    "effect_name",
    "effect_submission",
    "find_effect",
    "gallery_pages",
    "photo_text",
]

CATEGORIES: tuple[str, ...] = ("general", "single-person", "person-or-animal", "two-people")
# Resolution tiers any effect model offers (turbo: 720P and 480P; the plus models: 720P only).
EFFECT_TIERS: tuple[str, ...] = tuple(
    sorted({tier for e in EFFECTS for name in e.models for tier in catalog.get(name).tiers})
)
# Discord's embed limits: description, embeds per message, characters per message.
EMBED_DESCRIPTION = 4096
EMBEDS_PER_MESSAGE = 10
CHARS_PER_MESSAGE = 6000
CHOICE_NAME = 100
MAX_CHOICES = 25


def effect_name(effect: EffectTemplate, locale: str) -> str:
    return t(f"effect.{effect.template}.name", locale)


def _body(advice: str) -> str | None:
    """The catalog's English advice reduced to a body framing we can translate."""
    text = advice.lower()
    if "half- to full" in text or "half or full" in text:
        return "half_full"
    if text.startswith("full body"):
        return "full"
    if text.startswith("half body"):
        return "half"
    return None


def photo_text(effect: EffectTemplate, locale: str, *, full: bool = False) -> str:
    """What photo the template wants: who is in it and how framed; `full` adds facing and hands advice."""
    parts = [t(f"effect.photo.{effect.category}", locale)]
    body = _body(effect.advice)
    if body:
        parts.append(t(f"effect.body.{body}", locale))
    if full and effect.category != "general":
        parts.append(t("effect.facing.two" if effect.category == "two-people" else "effect.facing.one", locale))
    if full and "no visible hands" in effect.advice:
        parts.append(t("effect.no_hands", locale))
    return t("effect.sep", locale).join(parts)


def find_effect(text: str) -> EffectTemplate | None:
    """A template by id, or by its name in any shipped language (members may type instead of picking)."""
    wanted = (text or "").strip()
    if wanted in EFFECTS_BY_TEMPLATE:
        return EFFECTS_BY_TEMPLATE[wanted]
    folded = wanted.casefold()
    for effect in EFFECTS:
        names = {effect.template, effect.name_en, effect.name_zh}
        names |= {t(f"effect.{effect.template}.name", loc) for loc in ("en-US", "zh-CN", "zh-TW", "id")}
        if folded in {n.casefold() for n in names}:
            return effect
    return None


def effect_models(
    bot: WanBot, config: GuildConfig | None, effect: EffectTemplate
) -> tuple[list[ModelSpec], list[ModelSpec]]:
    """(models offered in the bot's region, those of them the guild allows), in the catalog's preference order."""
    region = bot.settings.dashscope_region
    offered = [s for s in (catalog.find(name) for name in effect.models) if s is not None and s.id_in(region)]
    allowed = [s for s in offered if config is None or config.model_allowed(s.family.value, s.name)]
    return offered, allowed


def choose_model(bot: WanBot, who: Requester, effect: EffectTemplate, resolution: str | None) -> ModelSpec:
    """Turbo where it runs the template, else plus; a model with the asked-for tier first; Refusal when none."""
    offered, allowed = effect_models(bot, who.config, effect)
    models = ", ".join(effect.models)
    if not offered:
        raise Refusal.of("effect.not_offered", who.locale, name=effect_name(effect, who.locale), models=models,
                         region=bot.settings.dashscope_region)  # fmt: skip
    if not allowed:
        raise Refusal.of("effect.disabled", who.locale, name=effect_name(effect, who.locale), models=models)
    if resolution:
        for spec in allowed:
            if resolution in spec.tiers:
                return spec
    return allowed[0]


def image_field(spec: ModelSpec) -> str:
    """kf2v templates take the photo as the first frame (and no last frame); i2v as `img_url`."""
    return "first_frame_url" if spec.field("first_frame_url") is not None else "img_url"


async def effect_submission(
    bot: WanBot,
    who: Requester,
    template: str,
    image: discord.Attachment | str,
    *,
    resolution: str | None = None,
    emoji: str | None = None,
    source_message_id: int | None = None,
    dedupe_key: str | None = None,
) -> Submission:
    """The request for one template on one picture: the image field and `template`, no prompt."""
    effect = find_effect(template)
    if effect is None:
        raise Refusal.of("effect.unknown", who.locale, value=str(template)[:60])
    spec = choose_model(bot, who, effect, resolution)
    tier = tier_for(spec, resolution, who.config.default_resolution) if spec.field("resolution") else None
    field = image_field(spec)
    ref = await media_input(bot, image, spec, field, who.locale, shown_as="image")
    values: dict[str, object] = {field: ref.reference, "template": effect.template}
    if tier:
        values["resolution"] = tier
    shown = t("effect.shown", who.locale, emoji=emoji or effect.default_emoji, name=effect_name(effect, who.locale))
    meta = {"shown_prompt": shown, "effect": effect.template}
    return Submission(spec.name, values, meta, source_message_id=source_message_id, dedupe_key=dedupe_key)


async def template_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Templates the member can run here, named in their language with the photo they need and the model."""
    bot: WanBot = interaction.client  # type: ignore[assignment]
    locale = locale_of(interaction.locale)
    config = await bot.engine.guilds.get(interaction.guild_id) if bot.engine else None
    resolution = getattr(interaction.namespace, "resolution", None)
    typed = (current or "").strip().casefold()
    out: list[app_commands.Choice[str]] = []
    for effect in EFFECTS:
        _offered, allowed = effect_models(bot, config, effect)
        if not allowed:
            continue
        name = effect_name(effect, locale)
        if typed and not any(typed in s.casefold() for s in (effect.template, name, effect.name_en, effect.name_zh)):
            continue
        model = next((s for s in allowed if resolution in s.tiers), allowed[0]) if resolution else allowed[0]
        label = t("effect.choice", locale, name=name, photo=photo_text(effect, locale), model=model.name)
        out.append(app_commands.Choice(name=label[:CHOICE_NAME], value=effect.template))
    return out[:MAX_CHOICES]


def _gallery_lines(
    bot: WanBot, config: GuildConfig, mapping: dict[str, str], locale: str
) -> list[tuple[str, list[str]]]:
    emoji_of: dict[str, list[str]] = {}
    for emoji, template in mapping.items():
        emoji_of.setdefault(template, []).append(emoji)
    sections: list[tuple[str, list[str]]] = []
    for category in CATEGORIES:
        lines = []
        for effect in (e for e in EFFECTS if e.category == category):
            offered, allowed = effect_models(bot, config, effect)
            if allowed:
                model = t("effect.gallery.runs_on", locale, model=allowed[0].name)
            elif offered:
                model = t("effect.gallery.switched_off", locale)
            else:
                model = t("effect.gallery.not_offered", locale)
            lines.append(t("effect.gallery.line", locale, emoji=" ".join(emoji_of.get(effect.template, ["—"])),
                           name=effect_name(effect, locale), template=effect.template,
                           photo=photo_text(effect, locale, full=True), model=model))  # fmt: skip
        sections.append((t(f"effect.gallery.category.{category}", locale), lines))
    return sections


def gallery_pages(sections: Iterable[tuple[str, list[str]]]) -> list[list[discord.Embed]]:
    """Embeds within Discord's limits (4096 per description, 10 per message, 6000 characters per message)."""
    embeds: list[discord.Embed] = []
    for title, lines in sections:
        chunk: list[str] = []
        for line in lines:
            line = line[:EMBED_DESCRIPTION]
            if chunk and len("\n".join([*chunk, line])) > EMBED_DESCRIPTION:
                embeds.append(discord.Embed(title=title, description="\n".join(chunk)))
                chunk = []
            chunk.append(line)
        if chunk:
            embeds.append(discord.Embed(title=title, description="\n".join(chunk)))
    pages: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        if not pages or len(pages[-1]) >= EMBEDS_PER_MESSAGE or size + len(embed) > CHARS_PER_MESSAGE:
            pages.append([])
            size = 0
        pages[-1].append(embed)
        size += len(embed)
    return pages


class Effects(commands.Cog):
    """Video effect templates (i2v and kf2v template mode) and their gallery."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="wan-effect", description=tr("Animate a photo with one of Wan's video effects", "cmd.wan-effect")
    )
    @app_commands.describe(
        image=tr("The photo to animate (what it should show depends on the effect)", "opt.effect.image"),
        template=tr("Which effect (type to search)", "opt.effect.template"),
        resolution=tr("Resolution tier, where the effect's model offers more than one", "opt.effect.resolution"),
    )
    @app_commands.choices(resolution=choices(EFFECT_TIERS))
    async def wan_effect(
        self,
        interaction: discord.Interaction,
        image: discord.Attachment,
        template: str,
        resolution: str | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            return await effect_submission(self.bot, who, template, image, resolution=resolution)

        await run_command(self.bot, interaction, build)

    wan_effect.autocomplete("template")(template_autocomplete)

    @app_commands.command(
        name="wan-effects",
        description=tr("List every video effect and the emoji that runs it on this server", "cmd.wan-effects"),
    )
    async def wan_effects(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        engine = self.bot.engine
        config = await engine.guilds.get(interaction.guild_id) if engine else GuildConfig()
        mapping = await guild_reaction_map(engine.guilds, interaction.guild_id) if engine else merge({})
        if not config.reactions_enabled:
            mapping = {}  # no emoji to show: reacting does nothing on this server
        intro_key = "effect.gallery.intro" if config.reactions_enabled else "effect.gallery.intro_no_reactions"
        intro = t(intro_key, locale, count=len(EFFECTS))
        pages = gallery_pages(_gallery_lines(self.bot, config, mapping, locale))
        await interaction.response.send_message(intro, embeds=pages[0], ephemeral=True)
        for page in pages[1:]:
            await interaction.followup.send(embeds=page, ephemeral=True)


async def setup(bot: WanBot) -> None:
    """Registered only where some effect model is offered, so the command list agrees with `wanbot models`."""
    if not any(effect_models(bot, None, effect)[0] for effect in catalog.EFFECTS):
        return
    await bot.add_cog(Effects(bot))
