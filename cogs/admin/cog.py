"""`/wan-admin`: what a server's managers decide (quotas, channels, models, defaults, safety, reactions, usage).

Only members with Manage Server see the command (default permissions) and only they can run it
(a runtime check, because a server can grant commands to anyone in its Integrations settings).
Every change is validated, stored through `GuildConfigStore`, and answered privately with what
is now in force; the ledger and `start_job` read the same settings, so a change applies to the
very next request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import locale_of, t
from bot.jobs.guild_config import GuildConfig
from bot.jobs.quota import Period, period_bounds
from bot.jobs.reports import operations_report, usage_report
from bot.wan import catalog
from bot.wan.catalog.types import ModelSpec

from ..effects import effect_name
from ..support.options import RESOLUTIONS
from ..support.refusal import Refusal, quota_text
from ..support.submit import reply
from ..support.tree import tr

if TYPE_CHECKING:
    from bot.app import WanBot

from .report import usage_embed
from .status import Runtime, status_embed
from .values import (
    MAX_DAYS,
    GenerationChannel,
    Target,
    allowed_list,
    guarded,
    mention,
    names,
    parse_emoji,
    quota_ms,
    reaction_table,
    region_effects,
    region_families,
    region_models,
    switch,
)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Admin(
    commands.GroupCog,
    group_name="wan-admin",
    group_description=tr("Set up Wan on this server (Manage Server only)", "cmd.wan-admin"),
):
    """Server settings for managers: quotas and overrides, channels, models, defaults, safety, reactions, usage."""

    quota = app_commands.Group(
        name="quota", description=tr("Quota allowances, overrides and the server budget", "cmd.wan-admin.quota")
    )
    channels = app_commands.Group(
        name="channels", description=tr("Where members may make videos", "cmd.wan-admin.channels")
    )
    models = app_commands.Group(name="models", description=tr("Switch single models on or off", "cmd.wan-admin.models"))
    families = app_commands.Group(
        name="families", description=tr("Switch whole model families on or off", "cmd.wan-admin.families")
    )
    reactions = app_commands.Group(
        name="reactions", description=tr("Emoji reactions that run effect templates", "cmd.wan-admin.reactions")
    )

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot

    # -- shared helpers ------------------------------------------------------------------------

    def _engine(self, locale: str) -> Any:
        if self.bot.engine is None:
            raise Refusal.of("refusal.not_configured", locale)
        return self.bot.engine

    async def _config(self, interaction: discord.Interaction) -> GuildConfig:
        return await self._engine(locale_of(interaction.locale)).guilds.get(interaction.guild_id)

    async def _update(self, interaction: discord.Interaction, **changes: Any) -> GuildConfig:
        engine = self._engine(locale_of(interaction.locale))
        assert interaction.guild_id is not None
        return await engine.guilds.update(interaction.guild_id, engine.clock.now(), **changes)

    async def _answer(self, interaction: discord.Interaction, text: str) -> None:
        await reply(interaction, text[:2000])

    async def _quota_line(self, guild_id: int | None, locale: str) -> str:
        """The server default as the ledger applies it (a member with no override and no admin rights)."""
        engine = self._engine(locale)
        base = await engine.ledger.allowance(guild_id, 0)
        settings = await engine.ledger.guild_settings(guild_id)
        allowance = t("quota.unlimited", locale) if base.limit_ms is None else quota_text(base.limit_ms, locale)
        budget = t("admin.value.none", locale) if base.budget_ms is None else quota_text(base.budget_ms, locale)
        exempt = settings.get("admins_exempt", engine.ledger.defaults.admins_exempt)
        return t(
            "admin.quota.now",
            locale,
            allowance=allowance,
            period=t(f"period.{base.period.value}", locale),
            budget=budget,
            admins=t("account.yes" if exempt else "account.no", locale),
        )

    def _channels_line(self, config: GuildConfig, locale: str) -> str:
        if not config.allowed_channel_ids:
            return t("admin.channels.every", locale)
        return t("admin.channels.only", locale, channels=", ".join(f"<#{c}>" for c in config.allowed_channel_ids))

    def _models_line(self, config: GuildConfig, locale: str) -> str:
        return t(
            "admin.models.now",
            locale,
            models=names(config.disabled_models, locale),
            families=names(config.disabled_families, locale),
        )

    def _defaults_line(self, config: GuildConfig, locale: str) -> str:
        resolution = config.default_resolution or t("admin.value.model_default", locale)
        return t(
            "admin.defaults.now",
            locale,
            resolution=resolution,
            audio=switch(config.default_audio, locale, "admin.value.model_default"),
            watermark=switch(config.watermark, locale, "admin.value.service_default"),
        )

    def _safety_line(self, config: GuildConfig, locale: str) -> str:
        return t(
            "admin.safety.now",
            locale,
            spoiler=t(f"admin.spoiler.{config.spoiler}", locale),
            nsfw=t("account.yes" if config.nsfw_channels_only else "account.no", locale),
        )

    # -- quota ----------------------------------------------------------------------------------

    @quota.command(
        name="set", description=tr("Give a member or a role its own allowance per period", "cmd.wan-admin.quota.set")
    )
    @app_commands.describe(
        target=tr("The member or role", "opt.admin.target"),
        seconds=tr("Quota seconds per period (0 blocks them)", "opt.admin.seconds"),
    )
    @guarded
    async def quota_set(self, interaction: discord.Interaction, target: Target, seconds: float) -> None:
        locale = locale_of(interaction.locale)
        amount = quota_ms(seconds, "seconds", locale)
        scope, label = self._target(target)
        engine = self._engine(locale)
        assert interaction.guild_id is not None
        await engine.guilds.set_override(interaction.guild_id, scope, target.id, allowance_ms=amount, exempt=False)
        period = (await engine.ledger.allowance(interaction.guild_id, 0)).period
        key = "admin.quota.set_role" if scope == "role" else "admin.quota.set_user"
        await self._answer(
            interaction,
            t(
                key,
                locale,
                target=label,
                seconds=quota_text(amount, locale),
                period=t(f"period.{period.value}", locale),
            ),
        )

    @quota.command(
        name="exempt",
        description=tr("Let a member or a role make videos without a quota", "cmd.wan-admin.quota.exempt"),
    )
    @app_commands.describe(target=tr("The member or role", "opt.admin.target"))
    @guarded
    async def quota_exempt(self, interaction: discord.Interaction, target: Target) -> None:
        locale = locale_of(interaction.locale)
        scope, label = self._target(target)
        engine = self._engine(locale)
        assert interaction.guild_id is not None
        await engine.guilds.set_override(interaction.guild_id, scope, target.id, allowance_ms=None, exempt=True)
        await self._answer(interaction, t("admin.quota.exempt", locale, target=label))

    @quota.command(
        name="clear",
        description=tr("Remove a member's or role's own allowance or exemption", "cmd.wan-admin.quota.clear"),
    )
    @app_commands.describe(target=tr("The member or role", "opt.admin.target"))
    @guarded
    async def quota_clear(self, interaction: discord.Interaction, target: Target) -> None:
        locale = locale_of(interaction.locale)
        scope, label = self._target(target)
        engine = self._engine(locale)
        assert interaction.guild_id is not None
        removed = await engine.guilds.clear_override(interaction.guild_id, scope, target.id)
        key = "admin.quota.cleared" if removed else "admin.quota.no_override"
        now = await self._quota_line(interaction.guild_id, locale)
        await self._answer(interaction, t(key, locale, target=label) + "\n" + now)

    @quota.command(
        name="default",
        description=tr(
            "The server's default allowance, its period and the server budget", "cmd.wan-admin.quota.default"
        ),
    )
    @app_commands.describe(
        seconds=tr("Quota seconds each member gets per period", "opt.admin.default_seconds"),
        period=tr("How often allowances reset", "opt.admin.period"),
        budget=tr("Quota seconds the whole server may use per period", "opt.admin.budget"),
        remove_budget=tr("Remove the server budget", "opt.admin.remove_budget"),
        admins_exempt=tr("Whether members with Manage Server have no quota", "opt.admin.admins_exempt"),
    )
    @app_commands.choices(
        period=[
            app_commands.Choice(name=tr("day", "period.day"), value="day"),
            app_commands.Choice(name=tr("week", "period.week"), value="week"),
            app_commands.Choice(name=tr("month", "period.month"), value="month"),
        ]
    )
    @guarded
    async def quota_default(
        self,
        interaction: discord.Interaction,
        seconds: float | None = None,
        period: str | None = None,
        budget: float | None = None,
        remove_budget: bool | None = None,
        admins_exempt: bool | None = None,
    ) -> None:
        locale = locale_of(interaction.locale)
        changes: dict[str, Any] = {}
        if seconds is not None:
            changes["allowance_ms"] = quota_ms(seconds, "seconds", locale)
        if period is not None:
            changes["period"] = Period(period).value
        if budget is not None and remove_budget:
            raise Refusal.of("admin.refusal.budget_both", locale, value=f"{budget:g}")
        if budget is not None:
            changes["budget_ms"] = quota_ms(budget, "budget", locale)
        if remove_budget:
            changes["budget_ms"] = None
        if admins_exempt is not None:
            changes["admins_exempt"] = admins_exempt
        if changes:
            await self._update(interaction, **changes)
        await self._answer(interaction, await self._quota_line(interaction.guild_id, locale))

    @staticmethod
    def _target(target: Target) -> tuple[Literal["user", "role"], str]:
        if isinstance(target, discord.Role):
            return "role", target.mention
        return "user", target.mention

    # -- channels -------------------------------------------------------------------------------

    @channels.command(
        name="add",
        description=tr(
            "Allow videos in a channel (or a whole category); others are then closed", "cmd.wan-admin.channels.add"
        ),
    )
    @app_commands.describe(channel=tr("The channel or category", "opt.admin.channel"))
    @guarded
    async def channels_add(self, interaction: discord.Interaction, channel: GenerationChannel) -> None:
        locale = locale_of(interaction.locale)
        config = await self._config(interaction)
        ids = list(config.allowed_channel_ids)
        if channel.id not in ids:
            ids.append(channel.id)
        config = await self._update(interaction, allowed_channel_ids=ids)
        await self._answer(interaction, self._channels_line(config, locale))

    @channels.command(
        name="remove",
        description=tr("Take a channel off the list of allowed channels", "cmd.wan-admin.channels.remove"),
    )
    @app_commands.describe(channel=tr("The channel or category", "opt.admin.channel"))
    @guarded
    async def channels_remove(self, interaction: discord.Interaction, channel: GenerationChannel) -> None:
        locale = locale_of(interaction.locale)
        config = await self._config(interaction)
        if channel.id not in config.allowed_channel_ids:
            raise Refusal.of(
                "admin.refusal.channel_not_listed",
                locale,
                channel=channel.mention,
                now=self._channels_line(config, locale),
            )
        ids = [c for c in config.allowed_channel_ids if c != channel.id]
        config = await self._update(interaction, allowed_channel_ids=ids)
        await self._answer(interaction, self._channels_line(config, locale))

    @channels.command(
        name="clear", description=tr("Allow videos in every channel again", "cmd.wan-admin.channels.clear")
    )
    @guarded
    async def channels_clear(self, interaction: discord.Interaction) -> None:
        config = await self._update(interaction, allowed_channel_ids=[])
        await self._answer(interaction, self._channels_line(config, locale_of(interaction.locale)))

    # -- models and families ----------------------------------------------------------------------

    def _model(self, name: str, locale: str) -> ModelSpec:
        region = self.bot.settings.dashscope_region
        spec = catalog.find(name.strip())
        if spec is None or spec.id_in(region) is None:
            raise Refusal.of(
                "admin.refusal.unknown_model",
                locale,
                value=name[:60],
                region=region,
                allowed=allowed_list(m.name for m in region_models(self.bot)),
            )
        return spec

    def _family(self, name: str, locale: str) -> str:
        offered = region_families(self.bot)
        if name.strip() not in offered:
            raise Refusal.of(
                "admin.refusal.unknown_family",
                locale,
                value=name[:60],
                region=self.bot.settings.dashscope_region,
                allowed=allowed_list(offered),
            )
        return name.strip()

    @models.command(name="disable", description=tr("Switch a model off on this server", "cmd.wan-admin.models.disable"))
    @app_commands.describe(model=tr("The model to switch off", "opt.admin.model"))
    @guarded
    async def models_disable(self, interaction: discord.Interaction, model: str) -> None:
        locale = locale_of(interaction.locale)
        spec = self._model(model, locale)
        config = await self._config(interaction)
        off = sorted({*config.disabled_models, spec.name})
        config = await self._update(interaction, disabled_models=off)
        text = t("admin.models.disabled_one", locale, model=spec.name)
        await self._answer(interaction, text + "\n" + self._models_line(config, locale))

    @models.command(name="enable", description=tr("Switch a model on again", "cmd.wan-admin.models.enable"))
    @app_commands.describe(model=tr("The model to switch on", "opt.admin.model_on"))
    @guarded
    async def models_enable(self, interaction: discord.Interaction, model: str) -> None:
        locale = locale_of(interaction.locale)
        spec = self._model(model, locale)
        config = await self._config(interaction)
        config = await self._update(interaction, disabled_models=[m for m in config.disabled_models if m != spec.name])
        text = t("admin.models.enabled_one", locale, model=spec.name)
        if spec.family.value in config.disabled_families:
            text += " " + t("admin.models.family_still_off", locale, family=spec.family.value)
        await self._answer(interaction, text + "\n" + self._models_line(config, locale))

    @families.command(
        name="disable",
        description=tr("Switch a whole family of models off (e.g. t2v, i2v)", "cmd.wan-admin.families.disable"),
    )
    @app_commands.describe(family=tr("The family to switch off", "opt.admin.family"))
    @guarded
    async def families_disable(self, interaction: discord.Interaction, family: str) -> None:
        locale = locale_of(interaction.locale)
        name = self._family(family, locale)
        config = await self._config(interaction)
        config = await self._update(interaction, disabled_families=sorted({*config.disabled_families, name}))
        text = t("admin.families.disabled_one", locale, family=name)
        await self._answer(interaction, text + "\n" + self._models_line(config, locale))

    @families.command(
        name="enable", description=tr("Switch a family of models on again", "cmd.wan-admin.families.enable")
    )
    @app_commands.describe(family=tr("The family to switch on", "opt.admin.family_on"))
    @guarded
    async def families_enable(self, interaction: discord.Interaction, family: str) -> None:
        locale = locale_of(interaction.locale)
        name = self._family(family, locale)
        config = await self._config(interaction)
        config = await self._update(interaction, disabled_families=[f for f in config.disabled_families if f != name])
        text = t("admin.families.enabled_one", locale, family=name)
        await self._answer(interaction, text + "\n" + self._models_line(config, locale))

    async def _model_choices(
        self, interaction: discord.Interaction, current: str, *, disabled: bool
    ) -> list[app_commands.Choice[str]]:
        config = await self._config(interaction)
        typed = (current or "").lower()
        return [
            app_commands.Choice(name=f"{m.name} — {m.title}"[:100], value=m.name)
            for m in region_models(self.bot)
            if (m.name in config.disabled_models) == disabled and typed in f"{m.name} {m.title}".lower()
        ][:25]

    @models_disable.autocomplete("model")
    async def _models_on(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await self._model_choices(interaction, current, disabled=False)

    @models_enable.autocomplete("model")
    async def _models_off(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await self._model_choices(interaction, current, disabled=True)

    @families_disable.autocomplete("family")
    @families_enable.autocomplete("family")
    async def _family_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        typed = (current or "").lower()
        return [app_commands.Choice(name=f, value=f) for f in region_families(self.bot) if typed in f][:25]

    # -- defaults and safety ----------------------------------------------------------------------

    @app_commands.command(
        name="defaults", description=tr("What members get when they leave an option out", "cmd.wan-admin.defaults")
    )
    @app_commands.describe(
        resolution=tr("Default resolution tier", "opt.admin.resolution"),
        audio=tr("Default sound for models that can be silent", "opt.admin.audio"),
        watermark=tr("Wan's watermark on videos", "opt.admin.watermark"),
    )
    @app_commands.choices(
        resolution=[
            *(app_commands.Choice(name=r, value=r) for r in RESOLUTIONS),
            app_commands.Choice(name=tr("the model's default", "admin.choice.model_default"), value="model"),
        ],
        audio=[
            app_commands.Choice(name=tr("on", "admin.choice.on"), value="on"),
            app_commands.Choice(name=tr("off", "admin.choice.off"), value="off"),
            app_commands.Choice(name=tr("the model's default", "admin.choice.model_default"), value="model"),
        ],
        watermark=[
            app_commands.Choice(name=tr("on", "admin.choice.on"), value="on"),
            app_commands.Choice(name=tr("off", "admin.choice.off"), value="off"),
            app_commands.Choice(name=tr("the service default", "admin.choice.service_default"), value="service"),
        ],
    )
    @guarded
    async def defaults(
        self,
        interaction: discord.Interaction,
        resolution: str | None = None,
        audio: str | None = None,
        watermark: str | None = None,
    ) -> None:
        locale = locale_of(interaction.locale)
        switch = {"on": True, "off": False}
        changes: dict[str, Any] = {}
        if resolution is not None:
            changes["default_resolution"] = None if resolution == "model" else resolution
        if audio is not None:
            changes["default_audio"] = switch.get(audio)
        if watermark is not None:
            changes["watermark"] = switch.get(watermark)
        config = await self._update(interaction, **changes) if changes else await self._config(interaction)
        await self._answer(interaction, self._defaults_line(config, locale))

    @app_commands.command(
        name="safety",
        description=tr("Spoilers on videos, and whether videos need age-restricted channels", "cmd.wan-admin.safety"),
    )
    @app_commands.describe(
        spoiler=tr("When finished videos are posted as spoilers", "opt.admin.spoiler"),
        nsfw_only=tr("Only make videos in age-restricted channels", "opt.admin.nsfw_only"),
    )
    @app_commands.choices(
        spoiler=[
            app_commands.Choice(name=tr("never", "admin.choice.spoiler_off"), value="off"),
            app_commands.Choice(name=tr("always", "admin.choice.spoiler_always"), value="always"),
            app_commands.Choice(
                name=tr("outside age-restricted channels", "admin.choice.spoiler_outside"), value="outside-nsfw"
            ),
        ]
    )
    @guarded
    async def safety(
        self, interaction: discord.Interaction, spoiler: str | None = None, nsfw_only: bool | None = None
    ) -> None:
        locale = locale_of(interaction.locale)
        changes: dict[str, Any] = {}
        if spoiler is not None:
            changes["spoiler"] = spoiler
        if nsfw_only is not None:
            changes["nsfw_channels_only"] = nsfw_only
        config = await self._update(interaction, **changes) if changes else await self._config(interaction)
        await self._answer(interaction, self._safety_line(config, locale))

    # -- reactions --------------------------------------------------------------------------------

    @reactions.command(
        name="enable",
        description=tr("Let members run effects by reacting to pictures", "cmd.wan-admin.reactions.enable"),
    )
    @guarded
    async def reactions_enable(self, interaction: discord.Interaction) -> None:
        await self._update(interaction, reactions_enabled=True)
        await self._answer(interaction, t("admin.reactions.enabled", locale_of(interaction.locale)))

    @reactions.command(
        name="disable", description=tr("Ignore emoji reactions on this server", "cmd.wan-admin.reactions.disable")
    )
    @guarded
    async def reactions_disable(self, interaction: discord.Interaction) -> None:
        await self._update(interaction, reactions_enabled=False)
        await self._answer(interaction, t("admin.reactions.disabled", locale_of(interaction.locale)))

    @reactions.command(
        name="map", description=tr("Make an emoji run an effect template", "cmd.wan-admin.reactions.map")
    )
    @app_commands.describe(
        emoji=tr("A standard emoji or one of this server's emoji", "opt.admin.emoji"),
        template=tr("The effect template it runs", "opt.admin.template"),
    )
    @guarded
    async def reactions_map(self, interaction: discord.Interaction, emoji: str, template: str) -> None:
        locale = locale_of(interaction.locale)
        engine = self._engine(locale)
        key = parse_emoji(emoji, interaction.guild, locale)
        effects = {e.template: e for e in region_effects(self.bot)}
        effect = effects.get(template.strip())
        if effect is None:
            raise Refusal.of(
                "admin.refusal.unknown_template", locale, value=template[:60], allowed=allowed_list(effects)
            )
        assert interaction.guild_id is not None
        await engine.guilds.map_reaction(interaction.guild_id, key, effect.template)
        text = t(
            "admin.reactions.mapped", locale, emoji=key, template=effect.template, name=effect_name(effect, locale)
        )
        if not (await self._config(interaction)).reactions_enabled:
            text += "\n" + t("admin.reactions.off_note", locale)
        await self._answer(interaction, text)

    @reactions_map.autocomplete("template")
    async def _template_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        locale = locale_of(interaction.locale)
        typed = (current or "").lower()
        out = []
        for e in region_effects(self.bot):
            if typed and typed not in f"{e.template} {e.name_en} {e.name_zh}".lower():
                continue
            out.append(
                app_commands.Choice(
                    name=f"{e.default_emoji} {e.template} — {effect_name(e, locale)}"[:100], value=e.template
                )
            )
        return out[:25]

    @reactions.command(
        name="unmap",
        description=tr("Make an emoji do nothing (also works for the default ones)", "cmd.wan-admin.reactions.unmap"),
    )
    @app_commands.describe(emoji=tr("A standard emoji or one of this server's emoji", "opt.admin.emoji"))
    @guarded
    async def reactions_unmap(self, interaction: discord.Interaction, emoji: str) -> None:
        locale = locale_of(interaction.locale)
        engine = self._engine(locale)
        key = parse_emoji(emoji, interaction.guild, locale)
        assert interaction.guild_id is not None
        await engine.guilds.map_reaction(interaction.guild_id, key, None)
        await self._answer(interaction, t("admin.reactions.unmapped", locale, emoji=key))

    @reactions.command(name="list", description=tr("Which emoji run which effect here", "cmd.wan-admin.reactions.list"))
    @guarded
    async def reactions_list(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        engine = self._engine(locale)
        config = await self._config(interaction)
        table, unmapped = reaction_table(self.bot, await engine.guilds.reaction_map(interaction.guild_id))
        state = t("admin.reactions.enabled" if config.reactions_enabled else "admin.reactions.disabled", locale)
        if not table:
            await self._answer(
                interaction, state + "\n" + t("admin.reactions.none", locale, region=self.bot.settings.dashscope_region)
            )
            return
        effects = catalog.EFFECTS_BY_TEMPLATE
        lines = []
        for emoji, (template, custom) in table.items():
            effect = effects.get(template)
            name = effect_name(effect, locale) if effect else template
            mark = " " + t("admin.reactions.custom_mark", locale) if custom else ""
            lines.append(t("admin.reactions.line", locale, emoji=emoji, template=template, name=name) + mark)
        if unmapped:
            lines.append(t("admin.reactions.unmapped_list", locale, emoji=" ".join(unmapped)))
        embed = discord.Embed(title=t("admin.reactions.title", locale), description="\n".join(lines)[:4096])
        embed.set_footer(text=state)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # -- settings and usage -----------------------------------------------------------------------

    @app_commands.command(
        name="settings", description=tr("Everything currently set for Wan on this server", "cmd.wan-admin.settings")
    )
    @guarded
    async def settings(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        engine = self._engine(locale)
        config = await self._config(interaction)
        overrides = await engine.guilds.overrides(interaction.guild_id)
        stored = await engine.guilds.reaction_map(interaction.guild_id)
        table, unmapped = reaction_table(self.bot, stored)
        lines = []
        for o in overrides:
            value = (
                t("admin.settings.exempt", locale)
                if o["exempt"]
                else t("admin.settings.seconds", locale, seconds=quota_text(o["allowance_ms"], locale))
            )
            lines.append(f"{mention(o['scope'], o['target_id'])}: {value}")
        embed = discord.Embed(title=t("admin.settings.title", locale))
        fields = [
            ("admin.settings.quota", await self._quota_line(interaction.guild_id, locale)),
            ("admin.settings.overrides", "\n".join(lines) or t("admin.value.none", locale)),
            ("admin.settings.channels", self._channels_line(config, locale)),
            ("admin.settings.models", self._models_line(config, locale)),
            ("admin.settings.defaults", self._defaults_line(config, locale)),
            ("admin.settings.safety", self._safety_line(config, locale)),
            (
                "admin.settings.reactions",
                t(
                    "admin.settings.reactions_value",
                    locale,
                    state=t("admin.value.on" if config.reactions_enabled else "admin.value.off", locale),
                    mapped=len(table),
                    custom=sum(c for _, c in table.values()),
                    unmapped=len(unmapped),
                ),
            ),
        ]
        for key, value in fields:
            embed.add_field(name=t(key, locale), value=value[:1024], inline=False)
        embed.set_footer(text=t("admin.settings.region", locale, region=self.bot.settings.dashscope_region))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(
        name="usage",
        description=tr(
            "Spend this period (or the last N days) per model and member, with cost in CNY", "cmd.wan-admin.usage"
        ),
    )
    @app_commands.describe(days=tr("Look back this many days instead of the current period", "opt.admin.days"))
    @guarded
    async def usage(self, interaction: discord.Interaction, days: int | None = None) -> None:
        locale = locale_of(interaction.locale)
        engine = self._engine(locale)
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise Refusal.of("admin.refusal.days", locale, value=days, max=MAX_DAYS)
        now = engine.clock.now()
        if days is None:
            period = (await engine.ledger.allowance(interaction.guild_id, 0)).period
            since = period_bounds(period, now)[0]
            window = t(
                "admin.usage.window_period", locale, period=t(f"period.{period.value}", locale), since=int(since)
            )
        else:
            since = now - days * 86400
            window = t("admin.usage.window_days", locale, days=days, since=int(since))
        report = await usage_report(engine.db, interaction.guild_id, since)
        await interaction.response.send_message(embed=usage_embed(report, window, locale), ephemeral=True)

    @app_commands.command(
        name="status", description=tr("Is the bot keeping up: jobs, query budget, deliveries", "cmd.wan-admin.status")
    )
    @guarded
    async def status(self, interaction: discord.Interaction) -> None:
        locale = locale_of(interaction.locale)
        engine = self._engine(locale)
        now = engine.clock.now()
        report = await operations_report(engine.db, interaction.guild_id, now)
        embed = status_embed(Runtime.of(self.bot, engine, now), report, now, locale)
        await interaction.response.send_message(embed=embed, ephemeral=True)
