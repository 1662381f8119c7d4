"""Log lines carry the job's context and never a secret."""

from __future__ import annotations

import logging

from bot.logs import ContextFormatter


def line(message: str, **extra: object) -> str:
    record = logging.LogRecord("bot.jobs.engine", logging.INFO, __file__, 1, message, (), None)
    record.__dict__.update(extra)
    return ContextFormatter("%(levelname)s %(message)s").format(record)


def test_job_context_is_appended_as_key_values() -> None:
    assert line("job delivered", job_id=7, guild=42, model="wan2.6-t2v") == (
        "INFO job delivered [job_id=7 guild=42 model=wan2.6-t2v]"
    )
    assert line("nothing else") == "INFO nothing else"


def test_secrets_never_reach_the_log() -> None:
    text = line("create failed with Bearer sk-abcdef123456 for https://x.aliyuncs.com/v.mp4?Signature=abc&Expires=1")
    assert "sk-abcdef" not in text and "Signature" not in text and "Bearer ***" in text
