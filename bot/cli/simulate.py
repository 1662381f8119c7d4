"""`wanbot simulator`: serve the DashScope simulator until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.wan.simulator import Simulator, start


async def serve(args: argparse.Namespace) -> None:
    sim = Simulator(speed=args.speed, api_key=args.api_key, region=args.region, enforce_limits=not args.no_limits)
    runner = await start(sim, args.host, args.port)
    print(f"DashScope simulator on {sim.base_url}/api/v1 (speed x{args.speed:g}); Ctrl-C to stop", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        sim.close()


def run(args: argparse.Namespace) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))
    return 0
