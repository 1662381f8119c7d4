"""`wanbot doctor`: is the key, region and endpoint right? Says what is wrong."""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlsplit

import aiohttp

from bot.settings import Settings
from bot.wan import errors
from bot.wan.client import WanClient


def _line(ok: bool, text: str) -> str:
    return f"{'ok  ' if ok else 'FAIL'} {text}"


async def run(settings: Settings) -> int:
    problems = 0
    print(_line(True, f"region {settings.dashscope_region}, endpoint {settings.base_url}/api/v1"))
    if settings.dashscope_api_key is None:
        print(_line(False, "DASHSCOPE_API_KEY is not set (`wanbot run` would start in sandbox mode)"))
        return 1
    parts = urlsplit(settings.base_url)
    host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
    try:
        await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        print(_line(True, f"{host} resolves"))
    except OSError as exc:
        print(_line(False, f"{host} does not resolve ({exc.strerror or exc}); check DASHSCOPE_BASE_URL"))
        return 1
    async with aiohttp.ClientSession() as session:
        client = WanClient(session, settings.base_url, settings.dashscope_api_key, request_timeout=15)
        client.retry = client.retry.__class__(attempts=1)
        try:
            listing = await client.list_tasks(page_size=1)
            print(_line(True, f"key accepted; {listing.total} task(s) in the last 24 h"))
        except errors.AuthError:
            problems += 1
            print(
                _line(
                    False,
                    "key refused (401): wrong key, or a key from another region than "
                    f"{settings.dashscope_region}; keys are per region",
                )
            )
        except errors.WanError as exc:
            problems += 1
            print(_line(False, f"the service answered {exc}: {exc.explain()}"))
        except (TimeoutError, aiohttp.ClientError) as exc:
            problems += 1
            print(_line(False, f"cannot reach {settings.base_url}: {type(exc).__name__}"))
    return 1 if problems else 0
