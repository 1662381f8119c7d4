"""The `wanbot` command: run the bot, the simulator, and operator tools."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.logs import setup_logging
from bot.settings import SettingsError, load_settings
from bot.wan.catalog.types import REGIONS, Family

from .inputs import add_field_flags


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wanbot", description="Wan video models for Discord.")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="run the Discord bot (reads .env)")

    models = sub.add_parser("models", help="list the model catalog")
    models.add_argument("--region", choices=REGIONS)
    models.add_argument("--json", action="store_true", help="machine-readable output")

    gen = sub.add_parser("generate", help="run one generation from the terminal")
    gen.add_argument("family", choices=[f.value for f in Family])
    gen.add_argument("--model", help="model id (default: the family's first model in the region)")
    gen.add_argument("--out", help="where to save the video (default: <task id>.mp4)")
    gen.add_argument("--dry-run", action="store_true", help="print the request instead of sending it")
    gen.add_argument("--timeout", type=float, default=1800.0, help="seconds to wait for the task")
    gen.add_argument("--max-bytes", type=int, default=1 << 30, help="largest result to download")
    add_field_flags(gen)

    sub.add_parser("doctor", help="check key, region and endpoint")

    sim = sub.add_parser("simulator", help="serve the DashScope simulator")
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--port", type=int, default=8001)
    sim.add_argument("--speed", type=float, default=1.0, help="how much faster than real time tasks run")
    sim.add_argument("--api-key", help="accept only this key (default: any non-empty key)")
    sim.add_argument("--region", choices=REGIONS, help="answer 'Model not exist' for other regions' ids")
    sim.add_argument("--no-limits", action="store_true", help="do not enforce per-model rate limits")

    health = sub.add_parser("health", help="exit 0 when the running bot's heartbeat is fresh (Docker HEALTHCHECK)")
    health.add_argument("--max-age", type=float, default=90.0, help="seconds a heartbeat stays fresh")

    demo = sub.add_parser("demo", help="play a scripted session against a local fake Discord; write an HTML transcript")
    demo.add_argument("--out", default="demo", help="directory for transcript.html (and screenshot.png)")
    demo.add_argument("--speed", type=float, default=20.0, help="how much faster than real time jobs run")
    demo.add_argument("--no-screenshot", action="store_true", help="skip the PNG even when Chromium is present")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":  # self-contained: it reads no .env, so a half-filled one cannot stop it
        from . import demo

        setup_logging("INFO")
        try:
            return demo.run(args)
        except KeyboardInterrupt:
            return 130
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"wanbot: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, settings.log_format)
    try:
        if args.command == "models":
            from . import models

            return models.run(args.region, args.json)
        if args.command == "generate":
            from . import generate

            return asyncio.run(generate.run(args, settings))
        if args.command == "doctor":
            from . import doctor

            return asyncio.run(doctor.run(settings))
        if args.command == "simulator":
            from . import simulate

            return simulate.run(args)
        if args.command == "health":
            from . import health

            return health.run(settings, args.max_age)
        if args.command == "run":
            from bot.app import run_bot

            return run_bot(settings)
    except SettingsError as exc:
        print(f"wanbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
