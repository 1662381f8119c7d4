"""English slash-command text: descriptions (`cmd.*`, `opt.*`) and names (`name.*`).

Descriptions are what cogs pass to `tr(english, key)`; the English here must match the cog's
literal. Names are looked up by WanTranslator as `name.<english name>` for command, option and
choice names, so another language can rename them without touching a cog; in English a name is
itself. The `opt.*` keys are generic: every cog with a `prompt`, `model`, ... option reuses them.
Discord's limits (tests/test_i18n.py checks them): command and option names 1-32 characters,
lowercase, letters/digits/`-`/`_`; choice names and descriptions 1-100 characters.
"""

MESSAGES: dict[str, str] = {
    # /wan-video (cogs/text_to_video.py).
    "cmd.wan-video": "Make a short video from a text description",
    # /wan-models (cogs/catalog.py; its description still needs tr(), see the i18n report).
    "cmd.wan-models": "List the Wan models this bot offers here",
    # Options shared by every generating command.
    "opt.prompt": "What should happen in the video",
    "opt.model": "Which Wan model (default: the newest offered here)",
    "opt.aspect": "Shape of the video",
    "opt.resolution": "Resolution tier (higher costs more quota)",
    "opt.duration": "Length in seconds (allowed values depend on the model)",
    "opt.audio": "Sound: auto, or silent where the model supports it",
    "opt.audio_file": "A wav or mp3 to use as the soundtrack",
    "opt.shots": "One continuous shot or several (wan2.6)",
    "opt.negative_prompt": "What to avoid",
    "opt.seed": "Random seed for similar (not identical) results",
    "opt.rewrite": "Let Wan improve the prompt (default on)",
    "opt.shot_size": "Prompt help: how close the camera is",
    "opt.camera": "Prompt help: how the camera moves",
    "opt.lighting": "Prompt help: the light",
    "opt.style": "Prompt help: the look",
    # Names: the command, its options and the plain-word choices.
    "name.wan-video": "wan-video",
    "name.wan-models": "wan-models",
    "name.prompt": "prompt",
    "name.model": "model",
    "name.aspect": "aspect",
    "name.resolution": "resolution",
    "name.duration": "duration",
    "name.audio": "audio",
    "name.audio_file": "audio_file",
    "name.shots": "shots",
    "name.negative_prompt": "negative_prompt",
    "name.seed": "seed",
    "name.rewrite": "rewrite",
    "name.shot_size": "shot_size",
    "name.camera": "camera",
    "name.lighting": "lighting",
    "name.style": "style",
    "name.auto": "auto",
    "name.silent": "silent",
    "name.single": "single",
    "name.multi": "multi",
}
