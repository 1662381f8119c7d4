"""`wanbot demo`: play the scripted session of `bot.devtools.demo` and say where the transcript went.

Thin on purpose: the session lives in `bot.devtools.demo` so tests drive it in-process. Progress goes
to stdout one line at a time ("demo: 1/5 /wan-video: delivered ..."); the bot's own logging is turned
down to warnings, since a demo's reader wants the story rather than the bot's bookkeeping.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

QUIET = ("discord", "aiohttp", "bot", "cogs")


def say(line: str) -> None:
    print(f"demo: {line}", flush=True)


def run(args: argparse.Namespace) -> int:
    from bot.devtools.demo import DemoError, run_demo

    if args.speed <= 0:
        print("wanbot: --speed must be positive", file=sys.stderr)
        return 2
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    # The demo says "sandbox mode" itself, and it has no voice: those start-up warnings would only alarm.
    logging.getLogger("bot.sandbox").setLevel(logging.ERROR)
    logging.getLogger("discord.client").setLevel(logging.ERROR)
    out = Path(args.out)
    say(f"sandbox mode, no token, no network; time runs {args.speed:g}× faster")
    try:
        result = asyncio.run(run_demo(out, speed=args.speed, screenshot=not args.no_screenshot, say=say))
    except (DemoError, TimeoutError) as exc:
        say(f"failed: {exc}")
        return 1
    for step in result.steps:
        say(f"{step.seconds:5.1f} s  {step.title}")
    say(f"done in {result.seconds:.1f} s")
    say(f"wrote {result.transcript}")
    if result.screenshot is not None:
        say(f"wrote {result.screenshot}")
    elif not args.no_screenshot:
        say("no chromium-headless-shell or chromium on PATH: skipped the screenshot")
    return 0
