"""English (en-US): errors, media and delivery text. Every other locale falls back to English."""

MESSAGES: dict[str, str] = {
    "error.generic": "Something went wrong at the video service. Nothing was charged.",
    "error.auth": "The bot's video-service key was refused (wrong key, or a key from another region). "
    "An admin needs to fix the bot's configuration.",
    "error.access_denied": "The bot's account is not allowed to use this model. An admin needs to enable it.",
    "error.async_header": "The bot sent a malformed request (missing async header). This is a bot bug.",
    "error.model_unavailable": "This model does not exist in the bot's region. Pick another model.",
    "error.invalid_parameter": "The video service refused the request's settings.",
    "error.media_unreachable": "The video service could not download your file. Try uploading it again.",
    "error.media_rejected": "The video service could not use your file (format, size or length). Try another file.",
    "error.content_rejected": "The video service's safety filter rejected the prompt, the image or the result. "
    "Try different wording or another picture. Nothing was charged.",
    "error.ip_infringement": "The video service suspects the request uses someone's intellectual property "
    "(a brand or a known character). Try something original. Nothing was charged.",
    "error.billing": "The bot's video-service account is out of credit or its free quota. An admin has to top it up.",
    "error.throttled": "The video service is busy right now. The bot will try again shortly.",
    "error.server": "The video service had an internal problem. The bot will try again shortly.",
    "error.task_timeout": "The video service gave up on this job after 3 hours. Nothing was charged.",
    "error.cancel_refused": "Only jobs that are still waiting in the queue can be cancelled.",
    "error.transport": "The bot could not reach the video service. It will try again shortly.",
    "error.ambiguous_submission": "The bot lost contact with the video service while submitting. "
    "It will check whether the job started before trying anything else.",
    "error.result_expired": "The finished video's download link has expired (links last 24 hours).",
    "error.result_rejected": "The finished video could not be fetched safely (unexpected host or too large).",
    "delivery.compressed": "Compressed from {original_mb:.1f} MB to {size_mb:.1f} MB ({height}p) "
    "to fit this channel's upload limit.",
    "delivery.too_large": "The finished video is {size_mb:.1f} MB, but this channel accepts files up to "
    "{limit_mb:.1f} MB, and compressing it that far would ruin the picture.",
    "delivery.too_large_after_compression": "The finished video is {size_mb:.1f} MB, but this channel accepts "
    "files up to {limit_mb:.1f} MB; even compressed it was still {best_mb:.1f} MB.",
    "delivery.compress_failed": "The finished video is {size_mb:.1f} MB, over this channel's {limit_mb:.1f} MB "
    "upload limit, and compressing it failed.",
    "delivery.unreadable": "The finished video could not be read, so the bot cannot attach it.",
    "delivery.link_until": "The original link works until {expires}: {url}",
    "delivery.link": "The original link works for 24 hours after the job finished: {url}",
    # Media in (bot/jobs/media_in): refusals name the field, the value and what is allowed.
    "media.fetch.bad_url": "`{field}`: the link uses `{value}`, but the bot only downloads {allowed} links.",
    "media.fetch.too_large": "`{field}`: the file is {value} MB; the bot downloads at most {allowed} MB.",
    "media.fetch.failed": "`{field}`: the bot could not download the file (answer: {value}). Try uploading it again.",
    "media.fetch.redirects": "`{field}`: the link redirected more than {allowed} times, so the bot gave up.",
    "media.fetch.timeout": "`{field}`: downloading took longer than {allowed} s. "
    "Try a smaller file or upload it again.",
    "media.unknown_type": "`{field}`: the bot does not recognise this file. Use one of these formats: {allowed}.",
    "media.wrong_kind.image": "`{field}`: this is a {value} file, not a picture. Use one of these formats: {allowed}.",
    "media.wrong_kind.audio": "`{field}`: this is a {value} file, not a sound file. "
    "Use one of these formats: {allowed}.",
    "media.wrong_kind.video": "`{field}`: this is a {value} file, not a video. Use one of these formats: {allowed}.",
    "media.image.unsupported": "`{field}`: the bot cannot convert {value} pictures. "
    "Send one of these formats instead: {allowed}.",
    "media.image.too_many_pixels": "`{field}`: the picture is {value} px, more than the {allowed} million pixels "
    "the bot opens. Send a smaller picture.",
    "media.image.unreadable": "`{field}`: the file looks like {value} but could not be opened; it may be damaged. "
    "Use one of these formats: {allowed}.",
    "media.image.too_small": "`{field}`: the image is {value} px; this model needs each side to be at least "
    "{allowed} px.",
    "media.image.aspect": "`{field}`: the image is {size} px, a width-to-height ratio of {value}; this model accepts "
    "ratios from {min} to {max}. Crop it and try again.",
    "media.image.too_elongated": "`{field}`: the image is {value} px. Shrinking it so the long side fits {max_side} px "
    "would make the short side smaller than {allowed} px. Crop it to a less stretched shape.",
    "media.image.too_large": "`{field}`: the image is still {value} MB after compressing; this model accepts at most "
    "{allowed} MB. Send a smaller picture.",
    "media.audio.unreadable": "`{field}`: the {value} file could not be read as sound; it may be damaged. "
    "Use one of these formats: {allowed}.",
    "media.audio.no_stream": "`{field}`: the {value} file has no sound in it.",
    "media.audio.too_short": "`{field}`: the audio is {value} s long; this model needs at least {allowed} s.",
    "media.audio.too_long": "`{field}`: the audio is {value} s long; this model accepts at most {allowed} s. "
    "Trim it and try again.",
    "media.audio.too_long_exclusive": "`{field}`: the audio is {value} s long; this model needs it shorter than "
    "{allowed} s. Trim it and try again.",
    "media.audio.too_large": "`{field}`: the audio is still {value} MB after compressing; this model accepts at most "
    "{allowed} MB.",
    "media.video.unreadable": "`{field}`: the {value} file could not be read as video; it may be damaged. "
    "Use one of these formats: {allowed}.",
    "media.video.no_stream": "`{field}`: the {value} file has no picture in it.",
    "media.video.too_short": "`{field}`: the video is {value} s long; this model needs at least {allowed} s.",
    "media.video.too_long": "`{field}`: the video is {value} s long; this model accepts at most {allowed} s. "
    "Trim it and try again.",
    "media.video.too_long_exclusive": "`{field}`: the video is {value} s long; this model needs it shorter than "
    "{allowed} s. Trim it and try again.",
    "media.video.too_small": "`{field}`: the video is {value} px; this model needs each side to be at least "
    "{allowed} px.",
    "media.video.aspect": "`{field}`: the video is {size} px, a width-to-height ratio of {value}; this model accepts "
    "ratios from {min} to {max}. Crop it and try again.",
    "media.video.too_elongated": "`{field}`: the video is {value} px. Shrinking it so the long side fits {max_side} px "
    "would make the short side smaller than {allowed} px. Crop it to a less stretched shape.",
    "media.video.fps_low": "`{field}`: the video has {value} frames per second; this model needs at least {allowed}.",
    "media.video.fps_high": "`{field}`: the video has {value} frames per second; this model accepts at most {allowed}.",
    "media.video.too_large": "`{field}`: the video is {value} MB and cannot be compressed under this model's limit of "
    "{allowed} MB without ruining it. Send a shorter or smaller video.",
    "media.convert_failed": "`{field}`: the bot could not convert the {value} file. "
    "Send one of these formats instead: {allowed}.",
    "media.reference.changed_needs_link": "`{field}`: this model only fetches files from their original link, but "
    "the bot had to adjust yours to fit the model's limits. Upload a file that already fits and try again.",
    "media.reference.no_route": "`{field}`: the bot has no way to hand this file to this model "
    "(it accepts: {allowed}). An admin may need to change the bot's upload mode.",
    # Media in: fixes the bot made, told to the member.
    "media.fixed.first_frame": "`{field}`: your image is animated; only its first frame is used.",
    "media.fixed.rotated": "`{field}`: your photo was turned upright as its camera orientation says.",
    "media.fixed.alpha_flattened": "`{field}`: your image's transparent background was filled with white, "
    "because this model does not accept transparency.",
    "media.fixed.alpha_removed": "`{field}`: the unused transparency layer was removed from your image.",
    "media.fixed.downscaled": "`{field}`: your image was shrunk from {from} to {to} px to fit this model's limits.",
    "media.fixed.converted": "`{field}`: your image was converted from {from} to {to}, a format this model accepts.",
    "media.fixed.compressed": "`{field}`: your image was compressed from {from} MB to {to} MB to fit this model's "
    "{allowed} MB limit.",
    "media.fixed.audio_converted": "`{field}`: your audio was converted from {from} to {to}, a format this model "
    "accepts.",
    "media.fixed.audio_compressed": "`{field}`: your audio was compressed from {from} MB to {to} MB to fit this "
    "model's {allowed} MB limit.",
    "media.fixed.video_converted": "`{field}`: your video was converted from {from} to {to}, a format this model "
    "accepts.",
    "media.fixed.video_downscaled": "`{field}`: your video was shrunk from {from} to {to} px to fit this model's "
    "limits.",
    "media.fixed.video_compressed": "`{field}`: your video was compressed from {from} MB to {to} MB to fit this "
    "model's {allowed} MB limit.",
}
