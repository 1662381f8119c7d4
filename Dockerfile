# wanbot: one process, SQLite on a volume, a heartbeat-based health check.
#
# Debian slim, not Alpine: every dependency (pydantic-core, aiohttp, Pillow, PyAV, imageio-ffmpeg) ships a
# glibc manylinux wheel, so nothing compiles and no build tools are ever installed.
#
# No apt step for ffmpeg. The bot never calls ffprobe: it probes media with PyAV, whose wheel bundles its own
# FFmpeg libraries. It runs the ffmpeg binary (libx264/aac/mp3 encodes: delivery compression, input
# conversion, the sandbox's test patterns) through ffmpeg_path(), which takes ffmpeg from PATH, else the
# binary shipped in the imageio-ffmpeg wheel (x86_64 and aarch64, glibc >= 2.28). On an architecture
# without that wheel, add `apt-get install -y --no-install-recommends ffmpeg`; PATH then wins.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
# Bytecode is compiled here (no --no-compile): site-packages is read-only for the bot's user, so without it
# every start, and every `wanbot health` run, would recompile discord.py and pydantic in memory.
# A numeric uid lets Kubernetes' runAsNonRoot verify the user; /data is created owned by it before VOLUME,
# so a new named volume starts out writable.
RUN pip install . \
    && groupadd --system --gid 10001 wanbot \
    && useradd --system --uid 10001 --gid wanbot --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin wanbot \
    && mkdir -p /data \
    && chown wanbot:wanbot /data

USER 10001:10001
VOLUME ["/data"]

# The bot finishes uploads in flight on SIGTERM (SHUTDOWN_GRACE_SECONDS, default 20 s): give `docker stop`
# more than that (compose.yaml: stop_grace_period: 30s; docker run: --stop-timeout 30).
STOPSIGNAL SIGTERM

# The bot rewrites $DATA_DIR/health.json every 10 s; `wanbot health` fails when it is older than 90 s, says
# the bot stopped, or the gateway has been down for over 90 s. Start-up (login, command sync) takes seconds.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["wanbot", "health"]

CMD ["wanbot", "run"]
