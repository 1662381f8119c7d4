"""`/wan-animate` and the "Animate" message menu: a picture becomes the first frame of a video.

Thin, like /wan-video: options become request values, the picture goes through the shared media
intake, and the engine validates and queues. Options a model does not have are refused by name
(never silently dropped), so a member always knows what was actually sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.i18n import locale_of, t
from bot.wan import prompt_guide
from bot.wan.catalog.types import ModelSpec

from .support.media import first_image, media_input
from .support.options import (
    AUDIO_CHOICES,
    choices,
    duration_autocomplete,
    family_models,
    model_autocomplete,
    pick_model,
    prompt_help_choices,
    prompt_help_descriptions,
    tier_autocomplete,
    tier_for,
)
from .support.refusal import Refusal
from .support.submit import Requester, Submission, reply, run_command
from .support.tree import tr
from .text_to_video import audio_values

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.app import WanBot

    ModelsFn = Callable[[WanBot], list[ModelSpec]]

__all__ = [
    "ImageToVideo",
    "check_options",
    "i2v_models",
    "prompt_text",
    "require_prompt",
    "uses_media",
]


def i2v_models(bot: WanBot) -> list[ModelSpec]:
    """Image-to-video models of the region; effect templates are the reaction cog's business, not offered here."""
    return family_models(bot, "i2v")


def uses_media(spec: ModelSpec) -> bool:
    """wan2.7 takes its pictures as an `input.media` list instead of one URL field per picture."""
    return spec.field("media") is not None


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def check_options(
    spec: ModelSpec, who: Requester, models: list[ModelSpec], options: Mapping[str, tuple[str, Any]]
) -> None:
    """Refuse any option the member set that `spec` has no field for, naming it and the models that have it.

    `options` maps the option's name as the member sees it to (catalog field name, value).
    """
    for option, (field_name, value) in options.items():
        if value is None or spec.field(field_name) is not None:
            continue
        having = ", ".join(m.name for m in models if m.field(field_name) is not None) or "-"
        raise Refusal.of("i2v.refusal.unsupported", who.locale, field=option, value=_shown(value), model=spec.name,
                         models=having)  # fmt: skip


def prompt_text(prompt: str | None, locale: str, **picked: str | None) -> str | None:
    """The prompt to send (with prompt-help keywords), or None when the member gave neither."""
    text = (prompt or "").strip()
    if not text and not any(picked.values()):
        return None
    return prompt_guide.compose(text, locale, **picked).strip() or None


def require_prompt(spec: ModelSpec, who: Requester, prompt: str | None) -> None:
    """A model that needs a prompt (wan2.7) is refused up front rather than failing inside the engine."""
    field = spec.field("prompt")
    if not prompt and field is not None and field.required:
        raise Refusal.of("refusal.missing", who.locale, field="prompt", model=spec.name,
                         allowed=t("i2v.need_prompt", who.locale))  # fmt: skip


async def animate_values(
    bot: WanBot,
    who: Requester,
    spec: ModelSpec,
    image: discord.Attachment | str,
    *,
    audio: str | None = None,
    audio_file: discord.Attachment | None = None,
) -> dict[str, Any]:
    """The picture (and sound) in the shape `spec` takes: `img_url`, or wan2.7's `media` list."""
    if not uses_media(spec):
        picture = await media_input(bot, image, spec, "img_url", who.locale, shown_as="image")
        values: dict[str, Any] = {"img_url": picture.reference}
        values.update(await audio_values(bot, who, spec, audio, audio_file))
        return values
    first = await media_input(bot, image, spec, "media", who.locale, media_type="first_frame", shown_as="image")
    media = [{"type": "first_frame", "url": first.reference}]
    if audio_file is not None:  # wan2.7 takes a soundtrack as a driving_audio item, not audio_url
        sound = await media_input(bot, audio_file, spec, "media", who.locale, media_type="driving_audio",
                                  shown_as="audio_file")  # fmt: skip
        media.append({"type": "driving_audio", "url": sound.reference})
    else:
        await audio_values(bot, who, spec, audio, None)  # refuses `silent`: wan2.7 always has sound
    return {"media": media}


def _submission(spec: ModelSpec, values: dict[str, Any], prompt: str | None, source: int | None = None) -> Submission:
    meta = {"shown_prompt": prompt[:300]} if prompt else {}
    return Submission(spec.name, {k: v for k, v in values.items() if v is not None}, meta, source_message_id=source)


class AnimateModal(discord.ui.Modal):
    """The optional prompt for the Animate menu; the picture stays the one the menu was used on."""

    def __init__(self, bot: WanBot, message: discord.Message, image: discord.Attachment | str, locale: str,
                 max_len: int) -> None:  # fmt: skip
        super().__init__(title=t("i2v.modal.title", locale)[:45], timeout=600)
        self.bot = bot
        self.message = message
        self.image = image
        self.prompt: discord.ui.TextInput[AnimateModal] = discord.ui.TextInput(
            custom_id="prompt",
            label=t("i2v.modal.prompt", locale)[:45],
            placeholder=t("i2v.modal.placeholder", locale)[:100],
            style=discord.TextStyle.paragraph,
            max_length=min(max_len, 4000),
            required=False,
        )
        self.add_item(self.prompt)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async def build(who: Requester) -> Submission:
            spec = pick_model(self.bot, who, None, i2v_models(self.bot), "i2v")
            prompt = prompt_text(self.prompt.value, who.locale)
            require_prompt(spec, who, prompt)
            values: dict[str, Any] = {"prompt": prompt}
            values["resolution"] = tier_for(spec, None, who.config.default_resolution)
            values.update(await animate_values(self.bot, who, spec, self.image))
            return _submission(spec, values, prompt, source=self.message.id)

        await run_command(self.bot, interaction, build)


class ImageToVideo(commands.Cog):
    """Image to video (i2v): a slash command with every option, and a one-click message menu."""

    def __init__(self, bot: WanBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name=tr("Animate", "i2v.menu"), callback=self.animate_message)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def animate_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Open the prompt modal for the first picture of `message`, or say there is none."""
        locale = locale_of(interaction.locale)
        image = first_image(message)
        if image is None:
            await reply(interaction, t("refusal.no_image", locale))
            return
        who = await Requester.of_interaction(self.bot, interaction)
        try:
            spec = pick_model(self.bot, who, None, i2v_models(self.bot), "i2v")
        except Refusal as refusal:
            await reply(interaction, refusal.text)
            return
        limit = getattr(spec.field("prompt"), "max_len", None) or 4000
        await interaction.response.send_modal(AnimateModal(self.bot, message, image, locale, limit))

    @app_commands.command(name="wan-animate", description=tr("Bring a picture to life as a short video", "i2v.cmd"))
    @app_commands.describe(
        **prompt_help_descriptions(),
        image=tr("The picture to animate (it becomes the first frame)", "i2v.opt.image"),
        prompt=tr("What should happen (wan2.7 needs it, other models can do without)", "i2v.opt.prompt"),
        model=tr("Which Wan model (default: the first one offered here)", "i2v.opt.model"),
        resolution=tr("Resolution tier (higher costs more quota)", "i2v.opt.resolution"),
        duration=tr("Length in seconds (allowed values depend on the model)", "i2v.opt.duration"),
        audio=tr("Sound: auto, or silent where the model supports it", "i2v.opt.audio"),
        audio_file=tr("A wav or mp3 to use as the soundtrack", "i2v.opt.audio_file"),
        shots=tr("One continuous shot or several (wan2.6)", "i2v.opt.shots"),
        negative_prompt=tr("What to avoid", "i2v.opt.negative_prompt"),
        seed=tr("Random seed for similar (not identical) results", "i2v.opt.seed"),
        rewrite=tr("Let Wan improve the prompt (default on)", "i2v.opt.rewrite"),
    )
    @app_commands.choices(
        **prompt_help_choices(),
        audio=choices(AUDIO_CHOICES),
        shots=choices(("single", "multi")),
    )
    async def wan_animate(
        self,
        interaction: discord.Interaction,
        image: discord.Attachment,
        prompt: app_commands.Range[str, 1, 4000] | None = None,
        model: str | None = None,
        resolution: str | None = None,
        duration: int | None = None,
        audio: str | None = None,
        audio_file: discord.Attachment | None = None,
        shots: str | None = None,
        negative_prompt: app_commands.Range[str, 1, 500] | None = None,
        seed: app_commands.Range[int, 0, 2147483647] | None = None,
        rewrite: bool | None = None,
        shot_size: str | None = None,
        camera: str | None = None,
        lighting: str | None = None,
        style: str | None = None,
    ) -> None:
        async def build(who: Requester) -> Submission:
            models = i2v_models(self.bot)
            spec = pick_model(self.bot, who, model, models, "i2v")
            check_options(spec, who, models, {
                "resolution": ("resolution", resolution), "duration": ("duration", duration),
                "shots": ("shot_type", shots), "negative_prompt": ("negative_prompt", negative_prompt),
                "seed": ("seed", seed), "rewrite": ("prompt_extend", rewrite),
            })  # fmt: skip
            final = prompt_text(prompt, who.locale, shot_size=shot_size, camera=camera, lighting=lighting, style=style)
            require_prompt(spec, who, final)
            values: dict[str, Any] = {
                "prompt": final, "resolution": tier_for(spec, resolution, who.config.default_resolution),
                "duration": duration, "negative_prompt": negative_prompt, "seed": seed, "shot_type": shots,
                "prompt_extend": rewrite,
            }  # fmt: skip
            values.update(await animate_values(self.bot, who, spec, image, audio=audio, audio_file=audio_file))
            return _submission(spec, values, prompt)

        await run_command(self.bot, interaction, build)

    wan_animate.autocomplete("model")(model_autocomplete(i2v_models))
    wan_animate.autocomplete("duration")(duration_autocomplete(i2v_models))
    wan_animate.autocomplete("resolution")(tier_autocomplete(i2v_models))


async def setup(bot: WanBot) -> None:
    await bot.add_cog(ImageToVideo(bot))
