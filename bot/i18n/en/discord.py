"""English: status messages, confirmations, refusals, buttons and job details (cogs/support)."""

MESSAGES: dict[str, str] = {
    # Status message, one per job. Times are Discord timestamps, so clients count them without edits.
    "status.queued": "⏳ {who} queued **{model}**: number {position} in line, ready about <t:{eta}:R>.",
    "status.submitted": "🎬 {who}'s **{model}** video was handed to Wan <t:{since}:R>; waiting for a free slot "
    "there. Ready about <t:{eta}:R>.",
    "status.running": "🎬 {who}'s **{model}** video is being made (started <t:{since}:R>). Ready about <t:{eta}:R>.",
    "status.fetching": "📥 {who}'s **{model}** video is finished; fetching and uploading it…",
    "status.delivered": "✅ {who}'s **{model}** video is below. It used {cost} quota seconds.",
    "status.undeliverable": "⚠️ {who}'s **{model}** video could not be attached here. {reason} "
    "It used {cost} quota seconds.",
    "status.failed": "❌ {who}'s **{model}** video failed: {reason} The {cost} reserved quota seconds were refunded.",
    "status.canceled": "🚫 {who}'s **{model}** video was cancelled. The {cost} reserved quota seconds were refunded.",
    "status.prompt": "> {prompt}",
    "status.rewritten": "Wan rewrote the prompt as: *{prompt}*",
    "status.sandbox": "-# sandbox: test pattern, no cost",
    # The finished video.
    "result.caption": "🎬 {who} · **{model}** · seed {seed} · {cost} quota seconds",
    "result.seed_random": "random",
    "result.compressed": "-# Compressed to fit this channel's {limit_mb} MB upload limit.",
    # Private confirmations.
    "command.queued": "Queued: {link}. This will use about {cost} of your quota seconds ({remaining} left "
    "this period).",
    "quota.unlimited": "unlimited",
    # Refusals: nothing was reserved or sent.
    "refusal.invalid": "`{field}` {value} is not allowed for {model}: {allowed}.",
    "refusal.missing": "`{field}` is needed for {model}: {allowed}.",
    "refusal.quota": "That would use {needed} quota seconds and you have {remaining} left. "
    "Your allowance resets <t:{reset}:R>.",
    "refusal.duplicate": "That is already being made: {link}.",
    "refusal.shutting_down": "The bot is restarting, so it is not taking new videos for a moment. Nothing was charged; try again in a minute.",
    "refusal.not_configured": "This bot has no Wan API key configured yet, so it cannot make videos.",
    "refusal.model_not_offered": "`model` {model} is not offered in this bot's region ({region}). "
    "Choose one of: {allowed}.",
    "refusal.model_disabled": "`model` {model} has been switched off on this server by its admins.",
    "refusal.channel": "Videos can only be made in these channels here: {allowed}.",
    "refusal.nsfw_only": "On this server, videos can only be made in age-restricted channels.",
    "refusal.no_size": "`aspect` {aspect} is not available for {model} at {resolution}. It offers: {allowed}.",
    "refusal.no_models": "No {family} model is offered in this bot's region ({region}).",
    "refusal.link_not_discord": "`{field}`: the bot only reads pictures uploaded to Discord (attachments or "
    "cdn.discordapp.com links).",
    "refusal.no_image": "That message has no picture the bot can animate.",
    "refusal.upload_failed": "`{field}`: the bot could not hand your file to Wan: {reason}",
    "refusal.not_owner": "Only the person who made this video (or a server admin) can do that.",
    "refusal.job_gone": "That job no longer exists.",
    "refusal.cancel_late": "It is too late to cancel: Wan has started making the video. "
    "Wan only cancels jobs that are still waiting.",
    "refusal.unexpected": "Something went wrong on the bot's side. Nothing was charged. (reference {ref})",
    # Buttons (labels at most 80 characters).
    "button.reroll": "Re-roll",
    "button.remix": "Remix",
    "button.details": "Details",
    "button.delete": "Delete",
    "button.cancel": "Cancel",
    "remix.title": "Remix this video",
    "remix.prompt": "New prompt",
    "canceled.ok": "Cancelled. The reserved quota seconds were refunded.",
    "deleted.ok": "Deleted.",
    # Details (ephemeral).
    "details.title": "Job #{id}",
    "details.model": "Model",
    "details.state": "State",
    "details.seed": "Seed",
    "details.prompt": "Prompt",
    "details.rewritten": "Rewritten by Wan",
    "details.options": "Options",
    "details.cost": "Cost",
    "details.cost_value": "{reserved} reserved, {billed} billed (quota seconds)",
    "details.times": "Times",
    "details.times_value": "queued <t:{queued}:T>, started {started}, finished {finished}",
    "details.not_yet": "not yet",
    "details.error": "Why it failed",
}
MESSAGES["error.delivery_failed"] = (
    "The video was made, but the bot is not allowed to post it in this channel. Nothing was charged; "
    "an admin should check the bot's permissions (Send Messages, Attach Files)."
)
MESSAGES["refusal.not_allowed"] = "You are not allowed to use this command here."
MESSAGES["refusal.bad_option"] = "The bot could not understand the value {value}."
MESSAGES["refusal.no_sound_file"] = "this model does not take a sound file"
MESSAGES["refusal.always_sound"] = "this model always makes sound and cannot be silent"
MESSAGES["shown.file"] = "(your file)"
MESSAGES["shown.characters"] = "({n} characters)"
MESSAGES["shown.items"] = "({n} items)"
MESSAGES["status.step"] = "🔎 Checking {who}'s file for **{model}** (step {step} of {of})…"
MESSAGES["status.template"] = "✅ {who} taught this server a new dance: **{name}**. It used {cost} quota seconds."
MESSAGES["error.detect.s2v"] = (
    "Wan's check did not find one clear, real person in the picture. Use a photo of one person, face visible."
)
MESSAGES["error.detect.emo"] = (
    "Wan's check did not find one clear, front-facing face in the picture. Use a portrait with the face well lit and not covered."
)
MESSAGES["error.detect.liveportrait"] = (
    "Wan's check found no usable face in the picture. Use a portrait of one person looking at the camera."
)
MESSAGES["error.detect.emoji"] = (
    "Wan's check found no usable face in the picture. Use a clear, front-facing photo of one face."
)
MESSAGES["error.detect.animate-anyone"] = (
    "Wan's check needs one whole person, standing and facing the camera, with nothing cut off. Try a full-body photo."
)
MESSAGES["unit.seconds_short"] = ' s'
