"""English (en-US) user-visible text. Every other locale falls back to this."""

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
}
