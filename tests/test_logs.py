"""Log lines carry the job's context and never a secret."""

from __future__ import annotations

import asyncio
import json
import logging

from bot.logs import ContextFormatter, JsonFormatter, log_context


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


def test_log_context_names_the_job_for_every_module_and_ends_with_the_block() -> None:
    with log_context(job_id=9, guild=5, model="wan2.5-t2v-preview"):
        inside = line("download retried")
        overridden = line("query failed", job_id=10)
    assert inside == "INFO download retried [job_id=9 guild=5 model=wan2.5-t2v-preview]"
    assert overridden == "INFO query failed [job_id=10 guild=5 model=wan2.5-t2v-preview]"  # explicit extra wins
    assert line("after") == "INFO after"


async def test_log_context_stays_in_its_own_task() -> None:
    async def step(job_id: int, gate: asyncio.Event) -> str:
        with log_context(job_id=job_id):
            await gate.wait()
            return line("step")

    gate = asyncio.Event()
    tasks = [asyncio.ensure_future(step(n, gate)) for n in (1, 2)]
    await asyncio.sleep(0)
    gate.set()
    assert await asyncio.gather(*tasks) == ["INFO step [job_id=1]", "INFO step [job_id=2]"]


def test_json_lines_carry_the_context_and_no_secret() -> None:
    record = logging.LogRecord("bot.app", logging.WARNING, __file__, 1, "bad key sk-abcdef123456", (), None)
    with log_context(job_id=3, guild=8):
        doc = json.loads(JsonFormatter().format(record))
    assert doc["level"] == "WARNING" and doc["logger"] == "bot.app"
    assert doc["job_id"] == 3 and doc["guild"] == 8
    assert "sk-abcdef" not in doc["message"]


def test_voice_warnings_are_dropped_and_other_client_warnings_kept(capsys) -> None:
    from bot.logs import setup_logging

    setup_logging("INFO")
    client = logging.getLogger("discord.client")
    client.warning("PyNaCl is not installed, voice will NOT be supported")
    client.warning("the gateway is slow")
    err = capsys.readouterr().err
    assert "PyNaCl" not in err and "the gateway is slow" in err
