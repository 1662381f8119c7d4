"""`wanbot health`: Docker's HEALTHCHECK. One line on stdout (Docker keeps it in `docker inspect`), exit 0 or 1."""

from __future__ import annotations

import time

from bot.health import check, heartbeat_path
from bot.settings import Settings


def run(settings: Settings, max_age: float) -> int:
    """Judge the heartbeat the running bot keeps in its data directory; no network, no database."""
    ok, line = check(heartbeat_path(settings.data_dir), time.time(), max_age)
    print(line)
    return 0 if ok else 1
