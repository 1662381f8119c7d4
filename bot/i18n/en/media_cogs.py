"""English: /wan-animate, the Animate menu, /wan-frames and /wan-reference (cogs/image_to_video, frames, reference)."""

MESSAGES: dict[str, str] = {
    # Command, menu and option descriptions (Discord allows at most 100 characters; menu names 32).
    "i2v.cmd": "Bring a picture to life as a short video",
    "i2v.menu": "Animate",
    "i2v.opt.image": "The picture to animate (it becomes the first frame)",
    "i2v.opt.prompt": "What should happen (wan2.7 needs it, other models can do without)",
    "i2v.opt.model": "Which Wan model (default: the first one offered here)",
    "i2v.opt.resolution": "Resolution tier (higher costs more quota)",
    "i2v.opt.duration": "Length in seconds (allowed values depend on the model)",
    "i2v.opt.audio": "Sound: auto, or silent where the model supports it",
    "i2v.opt.audio_file": "A wav or mp3 to use as the soundtrack",
    "i2v.opt.shots": "One continuous shot or several (wan2.6)",
    "i2v.opt.negative_prompt": "What to avoid",
    "i2v.opt.seed": "Random seed for similar (not identical) results",
    "i2v.opt.rewrite": "Let Wan improve the prompt (default on)",
    "kf2v.cmd": "Make a video that moves from a first picture to a last picture",
    "kf2v.opt.first_frame": "The picture the video starts with",
    "kf2v.opt.last_frame": "The picture the video ends with",
    "kf2v.opt.prompt": "What happens in between (wan2.7 needs it, other models can do without)",
    "r2v.cmd": "Make a video starring the people or things in your reference pictures or clips",
    "r2v.opt.prompt": "What happens; call the references character1, character2, …",
    "r2v.opt.ref1": "Reference 1 (character1): a picture or a short clip of one subject",
    "r2v.opt.ref2": "Reference 2 (character2): a picture or a short clip of one subject",
    "r2v.opt.ref3": "Reference 3 (character3): a picture or a short clip of one subject",
    "r2v.opt.ref4": "Reference 4 (character4): a picture or a short clip of one subject",
    "r2v.opt.ref5": "Reference 5 (character5): a picture or a short clip of one subject",
    "r2v.opt.aspect": "Shape of the video",
    # The Animate modal (title and label at most 45 characters, placeholder 100).
    "i2v.modal.title": "Animate this picture",
    "i2v.modal.prompt": "What should happen? (optional)",
    "i2v.modal.placeholder": "e.g. the cat slowly turns its head and blinks",
    # Refusals: nothing was reserved or sent.
    "i2v.refusal.unsupported": "`{field}` {value} is not an option of {model}. Leave it out, or choose a model "
    "that has it: {models}.",
    "i2v.need_prompt": "describe what should happen in the video",
    "r2v.refusal.no_character": "`prompt` does not name any reference. Wan only recognises them by these names: "
    "{names} (ref1 is character1, ref2 is character2, and so on).",
    "r2v.refusal.unknown_character": "`prompt` mentions {unknown}, but only these references are attached: {names}.",
    "r2v.refusal.gap": "`{field}` is attached but `{missing}` is empty. Attach the references in order: ref1 is "
    "character1, ref2 is character2, and so on.",
}
